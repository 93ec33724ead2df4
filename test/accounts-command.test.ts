import { afterEach, describe, expect, it } from "vitest";
import { listAccountsCommand } from "../src/accounts-command.js";
import { SIGNATURE_HEADERS } from "../src/dataforest/signer.js";
import {
  DEFAULT_ACCOUNTS,
  type FakeDataForest,
  startFakeDataForest,
} from "./support/fake-dataforest.js";

let fake: FakeDataForest | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function runCommand(env: Record<string, string | undefined>) {
  let stdout = "";
  let stderr = "";
  const code = await listAccountsCommand(env, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe("npm run accounts", () => {
  it("lists the accounts the keys can see, with id, name and status, asked with a signed call", async () => {
    fake = await startFakeDataForest({
      accounts: [
        ...DEFAULT_ACCOUNTS,
        {
          id: "AcTeamB000000000000002",
          name: "team-b-research",
          principal: "team-b@KR",
          status: "CHANGING",
          disabled: true,
          createdAt: "2024-02-01T09:00:00+09:00",
        },
      ],
    });
    const result = await runCommand({
      NCP_ACCESS_KEY: fake.accessKey,
      NCP_SECRET_KEY: fake.secretKey,
      DATAFOREST_API_URL: fake.url,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "DataForest accounts these NCP keys can see (2):",
        "",
        "id                      name             status",
        "AcTeamA000000000000001  team-a           RUNNING",
        "AcTeamB000000000000002  team-b-research  CHANGING (no resource permission for these keys)",
        "",
        "Set DATAFOREST_ACCOUNT_ID in .env to the id of the account workspaces should be created in,",
        "or leave it empty to let people pick one in the form.",
        "",
      ].join("\n"),
    );
    const [call] = fake.received.filter((r) => r.operation === "listAccounts");
    expect(call?.headers[SIGNATURE_HEADERS.accessKey]).toBe(fake.accessKey);
    expect(call?.headers[SIGNATURE_HEADERS.signature]).toBeTruthy();
    expect(result.stdout + result.stderr).not.toContain(fake.secretKey);
  });

  it("says what to check when DataForest refuses the keys", async () => {
    fake = await startFakeDataForest();
    const result = await runCommand({
      NCP_ACCESS_KEY: fake.accessKey,
      NCP_SECRET_KEY: "a-wrong-secret-key-0000",
      DATAFOREST_API_URL: fake.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "DataForest refused the keys. Check NCP_ACCESS_KEY and NCP_SECRET_KEY",
    );
    expect(result.stderr).not.toContain("a-wrong-secret-key-0000");
  });

  it("names missing keys and example values before calling anything", async () => {
    const missing = await runCommand({});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("NCP_ACCESS_KEY is required");
    expect(missing.stderr).toContain("NCP_SECRET_KEY is required");
    const example = await runCommand({
      NCP_ACCESS_KEY: "your-ncp-access-key",
      NCP_SECRET_KEY: "your-ncp-secret-key",
    });
    expect(example.code).toBe(2);
    expect(example.stderr).toContain(
      "NCP_ACCESS_KEY still has its example value: replace the example value",
    );
  });

  it("says what to check when DataForest cannot be reached", async () => {
    const result = await runCommand({
      NCP_ACCESS_KEY: "accessKeyForNothing01",
      NCP_SECRET_KEY: "secret-key-for-nothing-01",
      DATAFOREST_API_URL: "http://127.0.0.1:9",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^DataForest could not be reached or did not answer in time( \(\w+\))?\. Check the network, DATAFOREST_API_URL, and HTTPS_PROXY if this machine needs a proxy\.\n$/,
    );
  });
});
