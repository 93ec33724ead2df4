/**
 * `npm run bench`: the app against a bare Bolt app (the floor) in one run, both as processes of
 * their own, against the same fake Slack and fake DataForest on 127.0.0.1, for both stores. Prints
 * the tables, writes JSON with `--out FILE`, and exits 1 when a target is missed.
 *
 *   --out FILE        also write the results as JSON
 *   --quick           a small run to try the bench out (its numbers are too few to judge by)
 *   --store NAME      only sqlite or only postgres
 *   --profile DIR     the long-running app and floor write CPU profiles (.cpuprofile) into DIR
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { APPROVE_ACTION } from "../src/slack/blocks/card.js";
import { COMMAND } from "../src/slack/listeners/command.js";
import { FAKE_ACCOUNT_ID, startFakeDataForest } from "../test/support/fake-dataforest.js";
import { startFakeSlack } from "../test/support/fake-slack.js";
import { startPostgres } from "../test/support/postgres-server.js";
import { FULL, type Launch, measureStore, type Pair, QUICK, type StoreResult } from "./measure.js";
import { check, table } from "./targets.js";
import { APPROVER, createTraffic, SIGNING_SECRET } from "./traffic.js";

const BOT_TOKEN = "xoxb-bench-bot-token-not-a-real-one";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    quick: { type: "boolean", default: false },
    store: { type: "string" },
    profile: { type: "string" },
  },
});
const stores = args.store ? [args.store] : ["sqlite", "postgres"];
if (!stores.every((s) => s === "sqlite" || s === "postgres")) {
  process.stderr.write("--store is sqlite or postgres\n");
  process.exit(2);
}
const entry = resolve("dist/index.js");
if (!existsSync(entry)) {
  process.stderr.write("dist/index.js is missing: build the app first (npm run build).\n");
  process.exit(2);
}
const floorScript = join(dirname(fileURLToPath(import.meta.url)), "floor.js");

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

const slack = await startFakeSlack({ botToken: BOT_TOKEN, allowAnyTrigger: true });
const dataforest = await startFakeDataForest();
const traffic = createTraffic(slack, dataforest);
const work = await mkdtemp(join(tmpdir(), "aiworkspace-bench-"));
const results: StoreResult[] = [];
let failed = false;
try {
  for (const store of stores) {
    const postgres = store === "postgres" ? await startPostgres() : undefined;
    try {
      const dataDir = await mkdtemp(join(work, `${store}-`));
      // What the floor needs too: it makes the same Slack and DataForest calls.
      const sharedEnv = {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        NCP_ACCESS_KEY: dataforest.accessKey,
        NCP_SECRET_KEY: dataforest.secretKey,
        DATAFOREST_API_URL: dataforest.url,
        DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID,
      };
      const launch: Pair<Launch> = {
        app: {
          name: `app (${store})`,
          args: [entry],
          cwd: dataDir,
          env: {
            ...sharedEnv,
            NODE_ENV: "production",
            HOST: "127.0.0.1",
            APPROVER_USER_IDS: APPROVER,
            DATA_DIR: dataDir,
            LOG_LEVEL: "info",
            ...(postgres ? { DATABASE_URL: postgres.url } : {}),
          },
        },
        floor: {
          name: "floor",
          args: [floorScript],
          cwd: dataDir,
          env: { ...sharedEnv, COMMAND, APPROVE_ACTION },
        },
      };
      results.push(
        await measureStore({
          store,
          launch,
          traffic,
          sizes: args.quick ? QUICK : FULL,
          profileDir: args.profile ? resolve(args.profile) : undefined,
        }),
      );
    } finally {
      await postgres?.stop();
    }
  }
} catch (error) {
  failed = true;
  process.stderr.write(
    `\nThe bench could not finish: ${error instanceof Error ? error.message : String(error)}\nThe servers' output is kept in ${work}\n`,
  );
} finally {
  traffic.close();
  await slack.close();
  await dataforest.close();
  if (!failed) await rm(work, { recursive: true, force: true });
}
if (failed) process.exit(1);

const checks = results.flatMap(check);
process.stdout.write(
  `\n${table(results, checks)}\n\nMachine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}\n`,
);
if (args.out) {
  await writeFile(
    args.out,
    `${JSON.stringify({ at: new Date().toISOString(), machine, results, checks }, null, 2)}\n`,
  );
}
const missed = checks.filter((c) => c.met === false);
if (missed.length > 0) {
  process.stderr.write(`\n${missed.length} target(s) missed.\n`);
  process.exit(1);
}
