import { settingMistakes } from "./config-mistakes.js";
import { createDataForestClient } from "./dataforest/client.js";
import { DataForestError } from "./dataforest/errors.js";
import type { Account } from "./dataforest/schemas.js";

/**
 * `npm run accounts`: the DataForest accounts the NCP keys can see, so the admin can pick
 * DATAFOREST_ACCOUNT_ID. It needs only the NCP settings (and the proxy, if any), not Slack's.
 */

type Env = Record<string, string | undefined>;
const DEFAULT_API_URL = "https://df.apigw.ntruss.com";

/** Writes the list (or what went wrong and what to do) and returns the exit code. */
export async function listAccountsCommand(
  env: Env,
  out: { stdout(text: string): void; stderr(text: string): void },
): Promise<number> {
  const value = (name: string) => env[name]?.trim() || undefined;
  const accessKey = value("NCP_ACCESS_KEY");
  const secretKey = value("NCP_SECRET_KEY");
  const problems = [
    ...(accessKey ? [] : ["NCP_ACCESS_KEY is required: the service account's access key"]),
    ...(secretKey ? [] : ["NCP_SECRET_KEY is required: the service account's secret key"]),
    ...settingMistakes({ NCP_ACCESS_KEY: accessKey, NCP_SECRET_KEY: secretKey }),
  ];
  const baseUrl = value("DATAFOREST_API_URL") ?? DEFAULT_API_URL;
  if (!/^https?:\/\/\S+$/.test(baseUrl)) {
    problems.push("DATAFOREST_API_URL must be an http(s) URL (the DataForest API base)");
  }
  if (problems.length > 0 || !accessKey || !secretKey) {
    out.stderr(
      `The accounts cannot be listed: set these in .env (or the environment) first.\n${problems.map((p) => `  - ${p}`).join("\n")}\n`,
    );
    return 2;
  }
  const client = createDataForestClient({
    baseUrl,
    accessKey,
    secretKey,
    proxy: {
      httpsProxy: value("https_proxy") ?? value("HTTPS_PROXY"),
      httpProxy: value("http_proxy") ?? value("HTTP_PROXY"),
      noProxy: value("no_proxy") ?? value("NO_PROXY"),
    },
  });
  try {
    out.stdout(table(await client.listAccounts()));
    return 0;
  } catch (error) {
    out.stderr(`${explain(error)}\n`);
    return 1;
  } finally {
    await client.close();
  }
}

function table(accounts: Account[]): string {
  if (accounts.length === 0) {
    return "These NCP keys see no DataForest account. Give the sub account access to the account workspaces should be created in (a DataForest policy), then run this again.\n";
  }
  const rows = accounts.map((a) => [
    a.id,
    a.name ?? "",
    `${a.status ?? ""}${a.disabled === true ? " (no resource permission for these keys)" : ""}`,
  ]);
  const all = [["id", "name", "status"], ...rows];
  const widths = [0, 1].map((i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join("  ")
      .trimEnd();
  return [
    `DataForest accounts these NCP keys can see (${accounts.length}):`,
    "",
    ...all.map(line),
    "",
    "Set DATAFOREST_ACCOUNT_ID in .env to the id of the account workspaces should be created in,",
    "or leave it empty to let people pick one in the form.",
    "",
  ].join("\n");
}

function explain(error: unknown): string {
  if (error instanceof DataForestError) {
    if (error.kind === "auth_failed") {
      return "DataForest refused the keys. Check NCP_ACCESS_KEY and NCP_SECRET_KEY, that the access key is enabled and may use the API Gateway, and that this machine's clock is right (NCP refuses signatures more than 5 minutes off).";
    }
    if (error.kind === "permission_denied") {
      return "DataForest says these keys may not list accounts. Give the sub account a DataForest policy (NCP_DATA_FOREST_MANAGER, or one that allows the account list).";
    }
    if (error.kind === "unavailable") {
      return `DataForest could not be reached or did not answer in time${error.code ? ` (${error.code})` : ""}. Check the network, DATAFOREST_API_URL, and HTTPS_PROXY if this machine needs a proxy.`;
    }
    return `DataForest did not list the accounts: ${error.message}`;
  }
  return `The accounts could not be listed: ${error instanceof Error ? error.message : String(error)}`;
}
