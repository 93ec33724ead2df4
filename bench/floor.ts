/**
 * The floor the app is measured against: a bare Bolt app on the same Bolt version, with Bolt's
 * defaults, started as its own process like the app. Its command handler acks and opens a small
 * modal, as Bolt's own examples do. For the bench's whole request it then makes the app's calls,
 * with no store and no checks beyond what it needs to go on: on the submission, DataForest's name
 * check, the card, the approvers' controls in the card's thread, the form's "sent"; on the
 * approve click, both messages marked approved, the name checked again, the create, both messages
 * marked created, and the workspace id in the thread.
 */
import { App, type BlockButtonAction, type types } from "@slack/bolt";

const port = Number(process.env.PORT);
// The bench passes the app's own ids, so its tracker knows the floor's messages as the app's.
const COMMAND = process.env.COMMAND ?? "/aiworkspace";
const APPROVE_ACTION = process.env.APPROVE_ACTION ?? "aiworkspace.approve";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"status":"ok"}');
      },
    },
  ],
});

// Loaded at the first submission, so the floor starts up as the bare command app it was.
let dataforestModule: Promise<typeof import("./floor-dataforest.js")> | undefined;
const dataforest = () => {
  dataforestModule ??= import("./floor-dataforest.js");
  return dataforestModule;
};

const section = (text: string): types.SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text },
});
const note = (text: string): types.ModalView => ({
  type: "modal",
  title: { type: "plain_text", text: "Request" },
  blocks: [section(text)],
});

app.command(COMMAND, async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: "modal",
      callback_id: "floor",
      private_metadata: command.channel_id,
      title: { type: "plain_text", text: "Request" },
      submit: { type: "plain_text", text: "Submit" },
      blocks: [
        {
          type: "input",
          block_id: "name",
          label: { type: "plain_text", text: "Name" },
          element: { type: "plain_text_input", action_id: "value" },
        },
      ],
    },
  });
});

app.view("floor", async ({ ack, body, client, view }) => {
  const name = view.state.values.name?.value?.value ?? "";
  const channel = view.private_metadata;
  if (!(await (await dataforest()).nameIsFree(name))) {
    await ack({ response_action: "errors", errors: { name: "This name is taken." } });
    return;
  }
  // The form stays open to say it was sent, as the app's does.
  await ack({ response_action: "update", view: note("Sending…") });
  const card = await client.chat.postMessage({
    channel,
    text: `Request \`${name}\` from <@${body.user.id}>: waiting for approval`,
    blocks: [section(`*Request \`${name}\`* from <@${body.user.id}>: waiting for approval`)],
  });
  await client.chat.postMessage({
    channel,
    thread_ts: card.ts,
    text: "Approve this request?",
    blocks: [
      section("Approve this request?"),
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: APPROVE_ACTION,
            text: { type: "plain_text", text: "Approve" },
            // The click brings the name back: the floor keeps nothing.
            value: name,
          },
        ],
      },
    ],
  });
  await client.views.update({ view_id: view.id, view: note("Sent for approval.") });
});

app.action<BlockButtonAction>(APPROVE_ACTION, async ({ ack, action, body, client }) => {
  await ack();
  const name = action.value ?? "";
  const channel = body.channel?.id ?? "";
  const controlsTs = body.container.message_ts as string;
  const cardTs = body.message?.thread_ts as string;
  const mark = async (text: string) => {
    await client.chat.update({ channel, ts: cardTs, text, blocks: [section(text)] });
    await client.chat.update({ channel, ts: controlsTs, text, blocks: [section(text)] });
  };
  await mark(`Request \`${name}\`: approved by <@${body.user.id}>, creating`);
  const { create, nameIsFree } = await dataforest();
  if (!(await nameIsFree(name))) throw new Error(`the name ${name} is taken`);
  const id = await create(name);
  await mark(`Request \`${name}\`: created, id \`${id}\``);
  await client.chat.postMessage({
    channel,
    thread_ts: cardTs,
    text: `The workspace \`${name}\` is ready. Its id is \`${id}\`.`,
  });
});

const stop = () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

await app.start({ port, host: "127.0.0.1" });
