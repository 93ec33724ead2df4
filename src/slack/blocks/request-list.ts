import type { StoredRequest } from "../../requests/queries.js";
import type { T } from "../i18n/catalog.js";
import { COMMAND } from "../listeners/command.js";
import { code, when } from "../mrkdwn.js";
import { statusLine } from "./card.js";

/** How many requests `/aiworkspace list` shows. */
export const LIST_LIMIT = 10;

/** The caller's last requests, newest first, each with where it stands. */
export function requestList(requests: readonly StoredRequest[], t: T): string {
  if (requests.length === 0) return t("list.none", { command: COMMAND });
  const count = requests.length;
  return [
    count === 1 ? t("list.title.one") : t("list.title.other", { count }),
    ...requests.map((r) =>
      t("list.item", {
        name: code(r.request.name),
        when: when(r.createdAt),
        channel: `<#${r.channelId}>`,
        status: statusLine(r, t),
      }),
    ),
    t("list.footer"),
  ].join("\n");
}
