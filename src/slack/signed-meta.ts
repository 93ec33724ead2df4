import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A modal's `private_metadata` comes back from Slack in the submission, and the app acts on it (the
 * channel to post in, the request to reject). It is sealed with an HMAC, so what comes back is
 * exactly what the app wrote, for the person it was written for; anything else reads as nothing.
 * The key is derived from the app's own secret, so every replica shares it and nothing is stored.
 */

export type MetaKey = Buffer;

export function metaKey(appSecret: string): MetaKey {
  return createHmac("sha256", appSecret).update("aiworkspace private_metadata v1").digest();
}

const mac = (key: MetaKey, payload: string) =>
  createHmac("sha256", key).update(payload).digest("base64url");

export function seal(key: MetaKey, data: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(data)).toString("base64url");
  return `${payload}.${mac(key, payload)}`;
}

/** The sealed data, or undefined when the text is not something this app sealed. */
export function unseal(
  key: MetaKey,
  text: string | undefined,
): Record<string, unknown> | undefined {
  const [payload, tag, ...rest] = (text ?? "").split(".");
  if (!payload || !tag || rest.length > 0) return undefined;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return data && typeof data === "object" && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
