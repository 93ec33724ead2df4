import { afterEach, describe, expect, it } from "vitest";
import { countCalls, FAKE_ACCOUNT_ID, failures } from "../support/fake-dataforest.js";
import { referenceFixture } from "../support/reference-fixtures.js";
import {
  APPROVER,
  REQUESTER,
  startTestBot,
  type TestBot,
  TYPICAL,
  textOf,
} from "../support/test-bot.js";

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

type Option = { value: string; text: { text: string } };
type Element = { type?: string; options?: Option[]; option_groups?: { options: Option[] }[] };
const elementOf = (view: { blocks: unknown[] }, blockId: string) =>
  (view.blocks as { block_id?: string; element?: Element }[]).find((b) => b.block_id === blockId)
    ?.element;
const optionsOf = (element: Element | undefined) => [
  ...(element?.options ?? []),
  ...(element?.option_groups ?? []).flatMap((g) => g.options),
];

describe("the reference's own wording and shapes, end to end", () => {
  it("the create page's example error ends in the thread as a refused image, with the API's words below", async () => {
    t = await startTestBot();
    const { controls } = await t.request(TYPICAL);
    const example = referenceFixture("create-error");
    t.dataforest.failNext("create", failures.answer(example.status ?? 400, example.answer));
    await t.click("aiworkspace.approve", controls, APPROVER);
    const reply = await t.slack.waitFor(
      "chat.postMessage",
      (c) => textOf(c.args as never).includes("did not accept"),
      5000,
    );
    const text = textOf(reply.args as never);
    expect(text).toContain(
      `<@${REQUESTER}>, DataForest did not accept the software (image) \`tensorflow/r2.3.1-py3\``,
    );
    // The form's own explanation of the rule, then the API's words in small type.
    expect(text).toContain("Remove the “/” part.");
    const blocks = JSON.stringify(reply.args.blocks);
    expect(blocks).toContain('"type":"context"');
    expect(blocks).toContain("invalid request parameter (configuration.docker.image");
    expect(blocks).toContain("と一致する必要があります");
    expect(text).not.toContain("did not expect");
  });

  it("with image lists as versions, offers tensorflow:2.15.0-gpu and the create carries it", async () => {
    t = await startTestBot({ dataforest: { shapes: { images: "versions" } } });
    const view = await t.moreSettings(await t.openForm());
    const offered = optionsOf(elementOf(view, "configuration.docker.image")).map((o) => o.value);
    expect(offered).toContain("tensorflow:2.15.0-gpu");
    expect(offered).toContain("pytorch:2.1.0-cuda12");
    expect(t.dataforest.received.some((r) => r.operation === "getDockerImageList")).toBe(true);

    const { controls } = await t.request(TYPICAL);
    await t.click("aiworkspace.approve", controls, APPROVER);
    await t.slack.waitFor(
      "chat.postMessage",
      (c) => textOf(c.args as never).includes("is ready"),
      5000,
    );
    expect(countCalls(t.dataforest, "create")).toBe(1);
    const sent = t.dataforest.received.find((r) => r.operation === "create")?.body;
    expect(sent).toMatchObject({ configuration: { docker: { image: "tensorflow:2.15.0-gpu" } } });
  });

  it("offers an unnamed account whose disabled is the string false, and not a disabled one", async () => {
    t = await startTestBot({
      dataforest: {
        accounts: [
          { id: FAKE_ACCOUNT_ID, status: "RUNNING", disabled: false },
          { id: "NoPermission0000000001", name: "locked", status: "RUNNING", disabled: true },
          { id: "BeingSetUp000000000001", name: "new", status: "ACCEPTED", disabled: false },
        ],
        shapes: { accountsWithoutNames: true, disabledAsString: true },
      },
    });
    const view = await t.openForm();
    const accounts = optionsOf(elementOf(view, "accountId"));
    expect(accounts.map((o) => [o.value, o.text.text])).toEqual([
      [FAKE_ACCOUNT_ID, FAKE_ACCOUNT_ID],
    ]);
    const received = t.dataforest.received.find((r) => r.operation === "listAccounts");
    expect(received).toBeDefined();
  });
});
