import type { StoredRequest } from "../../requests/queries.js";
import { list } from "../messages.js";
import { statusLine } from "./card.js";

/** How many requests `/aiworkspace list` shows. */
export const LIST_LIMIT = 10;

/** The caller's last requests, newest first, each with where it stands. */
export function requestList(requests: readonly StoredRequest[]): string {
  if (requests.length === 0) return list.none;
  return [
    list.title(requests.length),
    ...requests.map((r) => list.item({ ...r, name: r.request.name }, statusLine(r))),
    list.footer,
  ].join("\n");
}
