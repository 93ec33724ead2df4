import type { CreateRequest } from "../dataforest/create-request.js";

/**
 * The values of a request's environment variables are treated as secrets: they often hold keys
 * (`WANDB_API_KEY=…`). Only DataForest and the requester, editing their own request, ever see them.
 */

/** What is shown instead of a secret value; always the same, so it gives away no length. */
export const MASK = "••••••";

/** Shorter values would match ordinary words and numbers in the texts they are looked for in. */
const MIN_SECRET_LENGTH = 4;

export function secretValues(request: CreateRequest): string[] {
  return Object.values(request.configuration.docker.env ?? {}).filter(
    (v) => v.length >= MIN_SECRET_LENGTH,
  );
}

export function isSecretPath(path: string): boolean {
  return path === "configuration.docker.env" || path.startsWith("configuration.docker.env.");
}

/** Text from elsewhere (DataForest's error message, say) with the request's secret values masked. */
export function maskSecrets(text: string, request: CreateRequest): string {
  let out = text;
  for (const value of secretValues(request)) out = out.split(value).join(MASK);
  return out;
}
