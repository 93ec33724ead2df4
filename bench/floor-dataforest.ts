/**
 * The floor's DataForest calls: plain JSON POSTs with undici (the app's HTTP client) on its
 * defaults, signed with the app's own signing function, since the API Gateway refuses anything
 * else. No retries, no answer schemas: only what the floor needs to go on.
 */
import { request } from "undici";
import { signedHeaders } from "../src/dataforest/signer.js";

const base = new URL(process.env.DATAFOREST_API_URL ?? "http://127.0.0.1");
const prefix = base.pathname.replace(/\/+$/, "");
const accessKey = process.env.NCP_ACCESS_KEY ?? "";
const secretKey = process.env.NCP_SECRET_KEY ?? "";
const accountId = process.env.DATAFOREST_ACCOUNT_ID ?? "";

/** The app's default (notebook) preset as it sends it, so both creates carry the same body. */
const CONFIGURATION = {
  docker: {
    image: "tensorflow:2.15.0-gpu",
    command: "jupyter",
    args: "lab --ip=0.0.0.0 --port=8888 --no-browser --notebook-dir=/workspace",
    workdir: "/workspace",
    exposeTcpPorts: [8888],
  },
  resource: { cpuCount: 4, gpuCount: 1, gpuModel: "T4", memoryMb: 16384 },
  queueName: "gpu",
};

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const pathWithQuery = prefix + path;
  const signed = signedHeaders({ method: "POST", pathWithQuery, accessKey, secretKey });
  const res = await request(`${base.origin}${pathWithQuery}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...signed },
    body: JSON.stringify(body),
  });
  const answer = (await res.body.json()) as Record<string, unknown>;
  if (res.statusCode !== 200 || answer.success !== true) {
    throw new Error(`DataForest ${path} answered HTTP ${res.statusCode}`);
  }
  return answer;
}

export async function nameIsFree(name: string): Promise<boolean> {
  const answer = await post("/api/v2/aiworkspaces/checkAvailableName", { accountId, name });
  return answer.availableName === true;
}

/** Answers the new workspace's id. */
export async function create(name: string): Promise<string> {
  const answer = await post("/api/v2/aiworkspaces/create", {
    accountId,
    name,
    configuration: CONFIGURATION,
  });
  return String(answer.id);
}
