import { createServer } from "node:net";
import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createDataForestClient, type DataForestClient } from "../src/dataforest/client.js";
import { checkSettingsWithServices } from "../src/settings-check.js";
import {
  DEFAULT_ACCOUNTS,
  FAKE_ACCOUNT_ID,
  type FakeDataForest,
  type FakeDataForestOptions,
  startFakeDataForest,
} from "./support/fake-dataforest.js";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "./support/fake-slack.js";

const BOT_TOKEN = "xoxb-1-2-settingsCheckToken";
let slack: FakeSlack | undefined;
let dataforest: FakeDataForest | undefined;
let client: DataForestClient | undefined;

afterEach(async () => {
  await client?.close();
  await slack?.close();
  await dataforest?.close();
  client = undefined;
  slack = undefined;
  dataforest = undefined;
});

/** The checks, run against the fakes with these settings. */
async function check(
  env: Record<string, string>,
  fakes: { slack?: FakeSlackOptions; dataforest?: FakeDataForestOptions } = {},
) {
  slack = await startFakeSlack({ botToken: BOT_TOKEN, ...fakes.slack });
  dataforest = await startFakeDataForest(fakes.dataforest);
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: "settings-check-secret",
    SLACK_API_URL: slack.url,
    NCP_ACCESS_KEY: dataforest.accessKey,
    NCP_SECRET_KEY: dataforest.secretKey,
    DATAFOREST_API_URL: dataforest.url,
    APPROVER_USER_IDS: "U0LEAD0001",
    ...env,
  });
  client = createDataForestClient({
    baseUrl: config.dataforest.apiUrl,
    accessKey: config.dataforest.accessKey,
    secretKey: config.dataforest.secretKey,
    retry: { attempts: 1 },
  });
  return checkSettingsWithServices({
    config,
    slack: new webApi.WebClient(BOT_TOKEN, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 2000,
    }),
    dataforest: client,
  });
}

describe("start-up checks of the settings with Slack and DataForest", () => {
  it("find nothing wrong with good settings", async () => {
    const verdict = await check(
      { APPROVER_USERGROUP_ID: "S0LEADS", DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID },
      { slack: { usergroups: { S0LEADS: ["U0LEAD0002"] } } },
    );
    expect(verdict).toEqual({ problems: [], warnings: [] });
  });

  it("name an approver id Slack does not know, with the fix", async () => {
    const verdict = await check(
      { APPROVER_USER_IDS: "U0LEAD0001,U0TYPO0001" },
      { slack: { unknownUsers: ["U0TYPO0001"] } },
    );
    expect(verdict.problems).toEqual([
      "APPROVER_USER_IDS has U0TYPO0001, which Slack does not know in this workspace: copy the member id from the person's profile (⋮ → Copy member ID)",
    ]);
  });

  it("name a deactivated approver and a bot among the approvers", async () => {
    const verdict = await check(
      { APPROVER_USER_IDS: "U0GONE0001,U0BOT00001" },
      { slack: { users: { U0GONE0001: { deleted: true }, U0BOT00001: { is_bot: true } } } },
    );
    expect(verdict.problems.sort()).toEqual([
      "APPROVER_USER_IDS has U0BOT00001, which is a bot, not a person: put in the member ids of people (their profile → ⋮ → Copy member ID)",
      "APPROVER_USER_IDS has U0GONE0001, a deactivated Slack account: remove it, or put in the member id of someone active",
    ]);
  });

  it("name a user group Slack does not know, and one that is disabled", async () => {
    const unknown = await check({ APPROVER_USERGROUP_ID: "S0NOSUCH" });
    expect(unknown.problems).toEqual([
      "APPROVER_USERGROUP_ID is S0NOSUCH, a user group Slack does not know in this workspace: copy the id from the group's link (…/usergroups/S…), or ask your Slack admin",
    ]);
    await afterEachOnce();
    const disabled = await check(
      { APPROVER_USERGROUP_ID: "S0OLDLEADS" },
      { slack: { disabledUsergroups: ["S0OLDLEADS"] } },
    );
    expect(disabled.problems).toEqual([
      "APPROVER_USERGROUP_ID is S0OLDLEADS, a user group that is disabled in Slack: enable it again, or set another group",
    ]);
  });

  it("name an account id the keys cannot see, and list the ones they can", async () => {
    const verdict = await check({ DATAFOREST_ACCOUNT_ID: "AcSomeoneElse00000001" });
    expect(verdict.problems).toEqual([
      `DATAFOREST_ACCOUNT_ID AcSomeoneElse00000001 is not an account these NCP keys can see: run \`npm run accounts\` to list the ones they can (${FAKE_ACCOUNT_ID}), or leave it empty to let people pick`,
    ]);
  });

  it("recognise an account's name given as its id, and give the id", async () => {
    const verdict = await check(
      { DATAFOREST_ACCOUNT_ID: "teamb" },
      {
        dataforest: {
          accounts: [
            ...DEFAULT_ACCOUNTS,
            {
              id: "AcTeamB000000000000002",
              name: "teamb",
              principal: "teamb@KR",
              status: "RUNNING",
              disabled: false,
              createdAt: "2024-02-01T09:00:00+09:00",
            },
          ],
        },
      },
    );
    expect(verdict.problems).toEqual([
      "DATAFOREST_ACCOUNT_ID is the name of an account, not its id: set DATAFOREST_ACCOUNT_ID=AcTeamB000000000000002",
    ]);
  });

  it("name the keys when DataForest refuses them", async () => {
    const verdict = await check({ NCP_SECRET_KEY: "not-the-secret-key-at-all" });
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toMatch(
      /^NCP_ACCESS_KEY \/ NCP_SECRET_KEY: DataForest refused the keys/,
    );
    expect(verdict.problems[0]).toContain("clock");
  });

  it("only warn, and let start-up go on, when Slack or DataForest cannot be reached", async () => {
    const closedPort = await freeClosedPort();
    const verdict = await check({
      SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`,
      DATAFOREST_API_URL: `http://127.0.0.1:${closedPort}`,
      APPROVER_USERGROUP_ID: "S0LEADS",
      DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID,
    });
    expect(verdict.problems).toEqual([]);
    expect(verdict.warnings.sort()).toEqual([
      expect.stringMatching(
        /^could not check APPROVER_USERGROUP_ID with Slack \(.+\); starting anyway$/,
      ),
      expect.stringMatching(
        /^could not check APPROVER_USER_IDS \(U0LEAD0001\) with Slack \(.+\); starting anyway$/,
      ),
      "could not check DATAFOREST_ACCOUNT_ID and the NCP keys with DataForest (unavailable); starting anyway",
    ]);
  });
});

async function afterEachOnce(): Promise<void> {
  await client?.close();
  await slack?.close();
  await dataforest?.close();
}

async function freeClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as { port: number }).port;
  await new Promise((ok) => server.close(ok));
  return port;
}
