import { readFileSync } from "node:fs";

/** One of the reference's own examples in test/fixtures/dataforest, with the page it comes from. */
export type ReferenceFixture = {
  source: string;
  note: string;
  status?: number;
  request?: Record<string, unknown>;
  answer?: Record<string, unknown>;
};

export function referenceFixture(name: string): ReferenceFixture {
  const url = new URL(`../fixtures/dataforest/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as ReferenceFixture;
}

/** A deep copy of a fixture's request, to change one value in a test. */
export function fixtureRequest(name: string): Record<string, unknown> {
  const { request } = referenceFixture(name);
  if (!request) throw new Error(`${name} holds no request`);
  return structuredClone(request);
}
