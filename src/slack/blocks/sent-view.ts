import type { types } from "@slack/bolt";
import type { T } from "../i18n/catalog.js";
import { COMMAND } from "../listeners/command.js";

/** Where the request stands, as the form shows it once sent: the card is on its way, there, or refused. */
export type SentStatus = "posting" | "posted" | "refused";

/** What the form turns into once the request is on its way. */
export function sentView(
  channelId: string,
  status: SentStatus,
  nameChecked: boolean,
  t: T,
): types.ModalView {
  const channel = `<#${channelId}>`;
  const text =
    status === "posting"
      ? t("sent.posting", { channel })
      : status === "refused"
        ? t("sent.refused", { channel })
        : [t("sent.body", { channel }), ...(nameChecked ? [] : [t("sent.nameUnchecked")])].join(
            "\n\n",
          );
  return {
    type: "modal",
    title: { type: "plain_text", text: t("sent.title") },
    close: { type: "plain_text", text: t("sent.close") },
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}

/** Answers a submission that has no field to show an error under: it cannot be sent as it is. */
export function staleView(t: T): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: t("stale.title") },
    close: { type: "plain_text", text: t("stale.close") },
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: t("stale.body", { command: COMMAND }) },
      },
    ],
  };
}
