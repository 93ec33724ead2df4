import { afterEach, describe, expect, it } from "vitest";
import { FAKE_ACCOUNT_ID } from "../support/fake-dataforest.js";
import {
  BOT_TOKEN,
  CHANNEL,
  SIGNING_SECRET,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

describe("dry run", () => {
  it("runs the whole flow before the admin has keys, and shows every setting instead of creating", async () => {
    t = await startTestBot({
      env: {
        DATAFOREST_DRY_RUN: "true",
        NCP_ACCESS_KEY: "",
        NCP_SECRET_KEY: "",
        DATAFOREST_ACCOUNT_ID: FAKE_ACCOUNT_ID,
      },
    });
    const { card, controls } = await t.request({
      name: "dry-ws",
      "configuration.docker.image": "tensorflow:2.15.0-gpu",
      "configuration.docker.env": "EPOCHS=10",
    });
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("Dry run"),
      5000,
    );
    const shown = textOf(reply.args as never).split("\n");
    expect(shown).toEqual(
      expect.arrayContaining([
        `\`accountId\`: \`${FAKE_ACCOUNT_ID}\``,
        "`name`: `dry-ws`",
        "`configuration.docker.image`: `tensorflow:2.15.0-gpu`",
        "`configuration.docker.env.EPOCHS`: `••••••`",
        "`configuration.resource.gpuModel`: `T4`",
        "`configuration.resource.gpuCount`: `1`",
        "`configuration.resource.cpuCount`: `4`",
        "`configuration.docker.command`: `jupyter`",
        "`configuration.queueName`: `gpu`",
      ]),
    );
    expect(t.dataforest.received).toHaveLength(0);
    await t.slack.waitFor(
      "chat.update",
      (c) => c.args.ts === card.ts && textOf(c.args as never).includes("Dry run"),
    );
    expect(textOf(t.slack.message(CHANNEL, card.ts))).toContain("nothing was created");
  });

  it("shows nothing live and no secret value: not <!channel>, not a link, not a code block", async () => {
    const secret = "wandb-9f8e7d6c5b4a-secret";
    t = await startTestBot({ env: { DATAFOREST_DRY_RUN: "true" } });
    const { card, controls } = await t.request({
      ...TYPICAL,
      description: "```broke out``` <!channel> <https://evil.example|click>",
      "configuration.docker.command": "echo ``` <!here>",
      "configuration.docker.env": `WANDB_API_KEY=${secret}\nEPOCHS=10`,
    });
    expect(textOf(card)).toContain("`WANDB_API_KEY`=••••••");
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("Dry run"),
      5000,
    );
    const shown = textOf(reply.args as never);
    expect(shown).toContain("`configuration.docker.env.WANDB_API_KEY`: `••••••`");
    expect(shown).toContain(
      "`description`: `ˋˋˋbroke outˋˋˋ &lt;!channel&gt; &lt;https://evil.example|click&gt;`",
    );
    const posted = t.slack.calls.filter((c) => c.method.startsWith("chat."));
    expect(posted.length).toBeGreaterThan(3);
    for (const call of posted) {
      const text = textOf(call.args as never);
      for (const live of ["```", "<!channel>", "<!here>", "<https://evil.example"]) {
        expect(text).not.toContain(live);
      }
    }
    expect(JSON.stringify(t.slack.calls.map((c) => c.args))).not.toContain(secret);
    expect(t.logs.join("\n")).not.toContain(secret);
  });

  it("with keys, checks names for real but never sends create, and shows no signature or secret", async () => {
    t = await startTestBot({ env: { DATAFOREST_DRY_RUN: "true" } });
    const { controls } = await t.request({
      name: "dry-ws2",
      "configuration.docker.image": "pytorch:2.1.0-cuda12",
    });
    await t.click("aiworkspace.approve", controls);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => String(c.args.text).includes("Dry run"),
      5000,
    );
    expect(t.dataforest.received.some((r) => r.operation === "checkAvailableName")).toBe(true);
    expect(t.dataforest.received.some((r) => r.operation === "create")).toBe(false);
    expect(t.dataforest.workspaces()).toHaveLength(0);
    const shown = JSON.stringify(reply.args);
    for (const secret of [
      t.dataforest.secretKey,
      t.dataforest.accessKey,
      BOT_TOKEN,
      SIGNING_SECRET,
    ]) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toMatch(/x-ncp-apigw|signature/i);
  });
});
