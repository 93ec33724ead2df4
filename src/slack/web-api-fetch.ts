import { STATUS_CODES } from "node:http";
import { type Dispatcher, request } from "undici";

/**
 * The fetch @slack/web-api sends its calls with: undici's request API instead of the WHATWG fetch.
 * The calls and the answers are the same, but a Slack call costs about half the CPU: the fetch
 * machinery (Request and Response objects, web streams, abort signals) cost more than the rest of
 * a call, and the app makes a dozen calls for every request. The answer offers what the client
 * reads of it: status, headers, url, and the body as text or bytes. With a proxy, calls go
 * through it.
 */
export function webApiFetch(dispatcher?: Dispatcher): typeof globalThis.fetch {
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const headers = plainHeaders(init?.headers);
    let body = init?.body ?? undefined;
    if (body !== undefined && typeof body !== "string") {
      // Form data (a file upload) is encoded as the standard fetch would, boundary and all.
      const encoded = new Response(body);
      const type = encoded.headers.get("content-type");
      if (type) headers["content-type"] = type;
      body = Buffer.from(await encoded.arrayBuffer());
    }
    const answer = await request(url, {
      method: (init?.method ?? "GET") as Dispatcher.HttpMethod,
      headers,
      ...(body !== undefined ? { body: body as string | Buffer } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
      ...(dispatcher ? { dispatcher } : {}),
    });
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    return {
      ok: answer.statusCode >= 200 && answer.statusCode < 300,
      status: answer.statusCode,
      statusText: STATUS_CODES[answer.statusCode] ?? "",
      url,
      headers: readHeaders(answer.headers),
      text: async () => bytes.toString("utf8"),
      json: async () => JSON.parse(bytes.toString("utf8")),
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    } as unknown as Response;
  }) as typeof globalThis.fetch;
}

function plainHeaders(headers: RequestInit["headers"]): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}

/** The part of Headers the client reads: get() and entries(). Names come lowercase from undici. */
function readHeaders(raw: Record<string, string | string[] | undefined>) {
  const entries: [string, string][] = Object.entries(raw).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
  );
  const byName = new Map(entries);
  return {
    get: (name: string) => byName.get(name.toLowerCase()) ?? null,
    has: (name: string) => byName.has(name.toLowerCase()),
    entries: () => entries[Symbol.iterator](),
    [Symbol.iterator]: () => entries[Symbol.iterator](),
  };
}
