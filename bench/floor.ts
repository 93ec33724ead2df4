/**
 * The floor the app is measured against: a bare Bolt app on the same Bolt version, with Bolt's
 * defaults, whose command handler acks and opens a small modal, as Bolt's own examples do. It is
 * started as its own process, like the app.
 */
import { App } from "@slack/bolt";

const port = Number(process.env.PORT);
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

app.command(process.env.COMMAND ?? "/aiworkspace", async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: "modal",
      callback_id: "floor",
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

const stop = () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

await app.start({ port, host: "127.0.0.1" });
