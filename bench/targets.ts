import type { StoreResult } from "./measure.js";

/** The targets, as ratios to (or margins over) the floor measured in the same run. */
export const TARGETS = {
  commandMedianRatio: 1.2,
  commandInFlightP99Ratio: 1.2,
  submissionAckP99Ms: 50,
  approveToCreateP99Ms: 50,
  wholePerSecond: 200,
  startupOverFloorMs: 300,
  rssOverFloorMiB: 30,
  /** "Flat": what RSS may still grow from 1,000 requests to the end of the run. */
  rssGrowthMiB: 10,
} as const;

/** `met` is null on a line that informs without being a target. */
export type Check = { store: string; target: string; value: string; met: boolean | null };

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mib = (v: number) => `${v.toFixed(0)} MiB`;
const ratio = (v: number) => `${v.toFixed(2)}x`;
/** Signed: the app may use less than the floor. */
const diff = (v: number, unit: string) => `${v >= 0 ? "+" : ""}${v.toFixed(0)} ${unit}`;

export function check(r: StoreResult): Check[] {
  const medianRatio = r.commandOneAtATime.app.median / r.commandOneAtATime.floor.median;
  const burstRatio = r.commandInFlight.app.p99 / r.commandInFlight.floor.p99;
  const growth = r.rssAfterAllMiB.app - r.rssEarlyMiB.app;
  const wholeRatio = r.wholePerSecond.app / r.wholePerSecond.floor;
  const rows: Omit<Check, "store">[] = [
    {
      target: `command -> views.open median <= ${TARGETS.commandMedianRatio}x floor`,
      value: ratio(medianRatio),
      met: medianRatio <= TARGETS.commandMedianRatio,
    },
    {
      target: `command -> views.open p99, 50 in flight <= ${TARGETS.commandInFlightP99Ratio}x floor`,
      value: ratio(burstRatio),
      met: burstRatio <= TARGETS.commandInFlightP99Ratio,
    },
    {
      target: `submission ack p99 < ${TARGETS.submissionAckP99Ms} ms`,
      value: ms(r.submissionAck.p99),
      met: r.submissionAck.p99 < TARGETS.submissionAckP99Ms,
    },
    {
      target: `approve -> create p99 < ${TARGETS.approveToCreateP99Ms} ms`,
      value: ms(r.approveToCreate.p99),
      met: r.approveToCreate.p99 < TARGETS.approveToCreateP99Ms,
    },
    {
      target: `whole requests >= ${TARGETS.wholePerSecond}/s`,
      value: `${r.wholePerSecond.app.toFixed(0)}/s`,
      met: r.wholePerSecond.app >= TARGETS.wholePerSecond,
    },
    // What a bare Bolt app making the same calls achieves on the same machine: the absolute
    // target above cannot be judged without it, since the load generator shares the cores.
    {
      target: "whole requests per second, app / floor (informative)",
      value: ratio(wholeRatio),
      met: null,
    },
    // Steadier than the rate when the machine is busy: what the app costs over the same work.
    {
      target: "CPU per whole request, app / floor (informative)",
      value: ratio(r.cpuMsPerWholeRequest.app / r.cpuMsPerWholeRequest.floor),
      met: null,
    },
    {
      target: `start-up <= floor + ${TARGETS.startupOverFloorMs} ms`,
      value: diff(r.startupMs.app - r.startupMs.floor, "ms"),
      met: r.startupMs.app <= r.startupMs.floor + TARGETS.startupOverFloorMs,
    },
    {
      target: `RSS after ${r.requestsForRss} requests <= floor + ${TARGETS.rssOverFloorMiB} MiB`,
      value: diff(r.rssAfterAllMiB.app - r.rssAfterAllMiB.floor, "MiB"),
      met: r.rssAfterAllMiB.app <= r.rssAfterAllMiB.floor + TARGETS.rssOverFloorMiB,
    },
    {
      target: `RSS flat from ${r.requestsForRssEarly} to ${r.requestsForRss} requests (<= +${TARGETS.rssGrowthMiB} MiB)`,
      value: diff(growth, "MiB"),
      met: growth <= TARGETS.rssGrowthMiB,
    },
  ];
  return rows.map((row) => ({ store: r.store, ...row }));
}

/** The measurements and the targets as Markdown tables, ready for the README. */
export function table(results: StoreResult[], checks: Check[]): string {
  const cols = results.flatMap((r) => [`${r.store} app`, `${r.store} floor`]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const row = (label: string, cell: (r: StoreResult) => [string, string]) =>
    line([label, ...results.flatMap(cell)]);
  const out = [
    line(["", ...cols]),
    line(["---", ...cols.map(() => "---:")]),
    row("command -> views.open, median", (r) => [
      ms(r.commandOneAtATime.app.median),
      ms(r.commandOneAtATime.floor.median),
    ]),
    row("command -> views.open, p99", (r) => [
      ms(r.commandOneAtATime.app.p99),
      ms(r.commandOneAtATime.floor.p99),
    ]),
    row("50 in flight, median", (r) => [
      ms(r.commandInFlight.app.median),
      ms(r.commandInFlight.floor.median),
    ]),
    row("50 in flight, p99", (r) => [
      ms(r.commandInFlight.app.p99),
      ms(r.commandInFlight.floor.p99),
    ]),
    row("submission ack, median / p99", (r) => [
      `${ms(r.submissionAck.median)} / ${ms(r.submissionAck.p99)}`,
      "",
    ]),
    row("approve -> create, median / p99", (r) => [
      `${ms(r.approveToCreate.median)} / ${ms(r.approveToCreate.p99)}`,
      "",
    ]),
    row("CPU per command", (r) => [ms(r.cpuMsPerCommand.app), ms(r.cpuMsPerCommand.floor)]),
    row("CPU per whole request", (r) => [
      ms(r.cpuMsPerWholeRequest.app),
      ms(r.cpuMsPerWholeRequest.floor),
    ]),
    row("whole requests, 20 in flight", (r) => [
      `${r.wholePerSecond.app.toFixed(0)}/s`,
      `${r.wholePerSecond.floor.toFixed(0)}/s`,
    ]),
    row("whole request, median / p99", (r) => [
      `${ms(r.wholeRequestMs.app.median)} / ${ms(r.wholeRequestMs.app.p99)}`,
      `${ms(r.wholeRequestMs.floor.median)} / ${ms(r.wholeRequestMs.floor.p99)}`,
    ]),
    row("start-up to /healthz 200", (r) => [ms(r.startupMs.app), ms(r.startupMs.floor)]),
    row("RSS after start-up", (r) => [mib(r.rssAfterStartMiB.app), mib(r.rssAfterStartMiB.floor)]),
    row("RSS after the first fifth of the requests", (r) => [
      mib(r.rssEarlyMiB.app),
      mib(r.rssEarlyMiB.floor),
    ]),
    row("RSS after all requests", (r) => [mib(r.rssAfterAllMiB.app), mib(r.rssAfterAllMiB.floor)]),
    "",
    line(["target", "store", "measured", "met"]),
    line(["---", "---", "---:", "---"]),
    ...checks.map((c) =>
      line([c.target, c.store, c.value, c.met === null ? "-" : c.met ? "yes" : "**no**"]),
    ),
  ];
  return out.join("\n");
}
