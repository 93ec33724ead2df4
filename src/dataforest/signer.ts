import { createHmac } from "node:crypto";

/**
 * NCP API Gateway signature v2. Only the method, the path with its query, the timestamp and the
 * access key are signed; body and host are not, so the path must be exactly what the server sees.
 */

export const SIGNATURE_HEADERS = {
  timestamp: "x-ncp-apigw-timestamp",
  accessKey: "x-ncp-iam-access-key",
  signature: "x-ncp-apigw-signature-v2",
} as const;

export type SignatureInput = {
  method: string;
  pathWithQuery: string;
  timestamp: string | number;
  accessKey: string;
  secretKey: string;
};

export function signatureV2(input: SignatureInput): string {
  const text = `${input.method.toUpperCase()} ${input.pathWithQuery}\n${input.timestamp}\n${input.accessKey}`;
  return createHmac("sha256", input.secretKey).update(text, "utf8").digest("base64");
}

export type SignedHeaders = Record<
  (typeof SIGNATURE_HEADERS)[keyof typeof SIGNATURE_HEADERS],
  string
>;

/** The gateway refuses a timestamp more than 5 minutes off, so every request reads the clock anew. */
export function signedHeaders(input: {
  method: string;
  pathWithQuery: string;
  accessKey: string;
  secretKey: string;
  now?: () => number;
}): SignedHeaders {
  const timestamp = String(Math.trunc((input.now ?? Date.now)()));
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.accessKey]: input.accessKey,
    [SIGNATURE_HEADERS.signature]: signatureV2({ ...input, timestamp }),
  };
}
