import { afterEach, describe, expect, it } from "vitest";
import { FAKE_ACCOUNT_ID } from "../support/fake-dataforest.js";
import {
  BOT_TOKEN,
  CHANNEL,
  SIGNING_SECRET,
  startTestBot,
  type TestBot,
  textOf,
} from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

describe("dry run", () => {
  it("runs the whole flow before the admin has keys, and shows the exact body instead of creating", async () => {
    t = await startTestBot({
      env: {
        DATAFOREST_DRY_RUN: "true",
        NCP_ACCESS_KEY: "",
        NCP_SECRET_KEY: "",
        DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID,
      },
    });
    const { card, controls } = await t.request({
      name: "dry-ws",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
      "configuration.docker.env": "EPOCHS=10",
    });
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("Dry run"),
      5000,
    );
    const shown = textOf(reply.args as never);
    const body = /```([\s\S]*)```/.exec(shown)?.[1];
    expect(JSON.parse(body ?? "")).toEqual({
      accountId: FAKE_ACCOUNT_ID,
      name: "dry-ws",
      configuration: {
        docker: { image: "tensorflow:2.15.0-gpu", env: { EPOCHS: "10" } },
        resource: { gpuModel: "T4", gpuCount: 1, cpuCount: 1 },
        queueName: "gpu",
      },
    });
    expect(t.dataforest.received).toHaveLength(0);
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Dry run"),
    );
    expect(textOf(t.slack.message(CHANNEL, card.ts))).toContain("nothing was created");
  });

  it("with keys, checks names for real but never sends create, and shows no signature or secret", async () => {
    t = await startTestBot({ env: { DATAFOREST_DRY_RUN: "true" } });
    const { controls } = await t.request({
      name: "dry-ws2",
      "configuration.docker.image": "pytorch:2.1.0-cuda12",
    });
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("Dry run"),
      5000,
    );
    expect(t.dataforest.received.some((r) => r.operation === "checkAvailableName")).toBe(true);
    expect(t.dataforest.received.some((r) => r.operation === "create")).toBe(false);
    expect(t.dataforest.workspaces()).toHaveLength(0);
    const shown = JSON.stringify(reply.args);
    for (const secret of [
      t.dataforest.secretKey,
      t.dataforest.accessKey,
      BOT_TOKEN,
      SIGNING_SECRET,
    ]) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toMatch(/x-ncp-apigw|signature/i);
  });
});
