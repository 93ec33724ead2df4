import type { types } from "@slack/bolt";
import type { StoredRequest } from "../../requests/queries.js";
import type { T } from "../i18n/catalog.js";
import { COMMAND } from "../listeners/command.js";
import { clip, code, mention, when } from "../mrkdwn.js";
import { APPROVE_ACTION, REJECT_ACTION, sizeText, statusLine } from "./card.js";

type Block = types.KnownBlock;

/** Slack refuses a Home view of more than 100 blocks. */
export const HOME_MAX_BLOCKS = 100;
const SECTION_MAX = 3000;

export type HomeContent = {
  mine: StoredRequest[];
  /**
   * Absent for someone who may not approve: they see no waiting list at all. The oldest of what
   * waits, and how many wait in all.
   */
  waiting: { oldest: StoredRequest[]; total: number } | undefined;
  /** Thread links by request id, for the requests whose card is posted and whose link is known. */
  links: ReadonlyMap<string, string>;
  /** One line at the top, for what a click from this tab could not do. */
  notice?: string | undefined;
};

const section = (text: string): Block => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, SECTION_MAX) },
});
const context = (text: string): Block => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: clip(text, SECTION_MAX) }],
});
const header = (text: string): Block => ({
  type: "header",
  text: { type: "plain_text", text: clip(text, 150) },
});

const threadLink = (r: StoredRequest, links: ReadonlyMap<string, string>, t: T) => {
  const link = links.get(r.id);
  return link ? `<${link}|${t("home.thread")}>` : undefined;
};

function waitingItem(r: StoredRequest, links: ReadonlyMap<string, string>, t: T): Block[] {
  const req = r.request;
  const details = [
    t("home.details", {
      image: code(req.configuration.docker.image),
      size: sizeText(req.configuration.resource ?? {}, t),
    }),
    threadLink(r, links, t),
  ].filter(Boolean);
  const item = t("home.waitingItem", {
    name: code(req.name),
    requester: mention(r.requesterId),
    when: when(r.createdAt),
    channel: `<#${r.channelId}>`,
  });
  return [
    section(`${item}\n${details.join(" · ")}`),
    {
      type: "actions",
      block_id: `decision:${r.id}`,
      elements: [
        {
          type: "button",
          action_id: APPROVE_ACTION,
          style: "primary",
          text: { type: "plain_text", text: t("controls.approve") },
          value: r.id,
        },
        {
          type: "button",
          action_id: REJECT_ACTION,
          style: "danger",
          text: { type: "plain_text", text: t("controls.reject") },
          value: r.id,
        },
      ],
    },
  ];
}

function mineItem(r: StoredRequest, links: ReadonlyMap<string, string>, t: T): Block {
  const where = r.cardTs ? threadLink(r, links, t) : t("home.notPosted");
  const item = t("home.mineItem", {
    name: code(r.request.name),
    when: when(r.createdAt),
    channel: `<#${r.channelId}>`,
  });
  const lines = [item, statusLine(r, t), where];
  return section(lines.filter(Boolean).join("\n"));
}

/**
 * Items that fit in `budget` blocks, each item taking several; when some do not fit, or `total`
 * says there are more than were given, the last block says how many were left out.
 */
function cutToFit(items: Block[][], budget: number, t: T, total = items.length): Block[] {
  const blocks = items.reduce((n, item) => n + item.length, 0);
  if (blocks <= budget && total <= items.length) return items.flat();
  const shown: Block[] = [];
  let count = 0;
  for (const item of items) {
    if (shown.length + item.length > budget - 1) break;
    shown.push(...item);
    count += 1;
  }
  return [...shown, context(t("home.more", { count: total - count }))];
}

/**
 * A person's App Home: what waits for their approval first (it is what an approver comes to do),
 * then their own recent requests. Lists are cut to stay within Slack's block limit.
 */
export function homeView(content: HomeContent, t: T): types.HomeView {
  const top: Block[] = [
    header(t("home.title")),
    context(t("home.intro", { command: COMMAND })),
    ...(content.notice ? [section(content.notice)] : []),
  ];
  const mineTitle = [header(t("home.mineTitle"))];
  const mine =
    content.mine.length > 0
      ? content.mine.map((r) => [mineItem(r, content.links, t)])
      : [[context(t("home.noneMine", { command: COMMAND }))]];
  const waiting = content.waiting;
  const waitingTitle = waiting
    ? [
        header(t("home.waitingTitle", { count: waiting.total })),
        ...(waiting.total > 0 ? [] : [context(t("home.noneWaiting"))]),
      ]
    : [];
  const divider: Block[] = waiting ? [{ type: "divider" }] : [];
  const fixed = top.length + mineTitle.length + waitingTitle.length + divider.length;
  // Own requests are few (the query is bounded); the waiting list takes what is left, keeping
  // room for at least one request and the line that says how many more there are.
  const mineBlocks = cutToFit(mine, HOME_MAX_BLOCKS - fixed - 3, t);
  const waitingItems = (waiting?.oldest ?? []).map((r) => waitingItem(r, content.links, t));
  const waitingBlocks = cutToFit(
    waitingItems,
    HOME_MAX_BLOCKS - fixed - mineBlocks.length,
    t,
    waiting?.total,
  );
  return {
    type: "home",
    blocks: [...top, ...waitingTitle, ...waitingBlocks, ...divider, ...mineTitle, ...mineBlocks],
  };
}
