import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { metaKey, seal, unseal } from "../../src/slack/signed-meta.js";

const key = metaKey("signing-secret-0123456789");

describe("sealed private_metadata", () => {
  it("gives back exactly what was sealed", () => {
    const data = { channelId: "C1", userId: "U1", typedImage: true };
    expect(unseal(key, seal(key, data))).toEqual(data);
  });

  it("reads as nothing when changed, forged, unsealed or sealed with another key", () => {
    const sealed = seal(key, { channelId: "C1", userId: "U1" });
    const [payload, tag] = sealed.split(".");
    const other = Buffer.from(JSON.stringify({ channelId: "C2", userId: "U1" })).toString(
      "base64url",
    );
    expect(unseal(key, `${other}.${tag}`)).toBeUndefined();
    expect(unseal(key, `${payload}.${tag}x`)).toBeUndefined();
    expect(unseal(key, JSON.stringify({ channelId: "C2" }))).toBeUndefined();
    expect(unseal(metaKey("another-secret-9876543210"), sealed)).toBeUndefined();
    expect(unseal(key, "")).toBeUndefined();
    expect(unseal(key, undefined)).toBeUndefined();
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        expect(unseal(key, text)).toBeUndefined();
      }),
    );
  });

  it("fits Slack's 3000 characters with the metadata the app writes", () => {
    const sealed = seal(key, {
      channelId: "C".repeat(20),
      userId: "U".repeat(20),
      typedImage: true,
    });
    expect(sealed.length).toBeLessThan(300);
  });
});
