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

export type Check = { store: string; target: string; value: string; met: boolean };

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mib = (v: number) => `${v.toFixed(0)} MiB`;
const ratio = (v: number) => `${v.toFixed(2)}x`;

export function check(r: StoreResult): Check[] {
  const medianRatio = r.commandOneAtATime.app.median / r.commandOneAtATime.floor.median;
  const burstRatio = r.commandInFlight.app.p99 / r.commandInFlight.floor.p99;
  const growth = r.rssAfterAllMiB.app - r.rssEarlyMiB.app;
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
      value: `${r.wholePerSecond.toFixed(0)}/s`,
      met: r.wholePerSecond >= TARGETS.wholePerSecond,
    },
    {
      target: `start-up <= floor + ${TARGETS.startupOverFloorMs} ms`,
      value: `+${(r.startupMs.app - r.startupMs.floor).toFixed(0)} ms`,
      met: r.startupMs.app <= r.startupMs.floor + TARGETS.startupOverFloorMs,
    },
    {
      target: `RSS after ${r.requestsForRss} requests <= floor + ${TARGETS.rssOverFloorMiB} MiB`,
      value: `+${(r.rssAfterAllMiB.app - r.rssAfterAllMiB.floor).toFixed(0)} MiB`,
      met: r.rssAfterAllMiB.app <= r.rssAfterAllMiB.floor + TARGETS.rssOverFloorMiB,
    },
    {
      target: `RSS flat from ${r.requestsForRssEarly} to ${r.requestsForRss} requests (<= +${TARGETS.rssGrowthMiB} MiB)`,
      value: `${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MiB`,
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
    row("CPU per whole request", (r) => [ms(r.cpuMsPerWholeRequest), ""]),
    row("whole requests, 20 in flight", (r) => [`${r.wholePerSecond.toFixed(0)}/s`, ""]),
    row("whole request, median / p99", (r) => [
      `${ms(r.wholeRequestMs.median)} / ${ms(r.wholeRequestMs.p99)}`,
      "",
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
    ...checks.map((c) => line([c.target, c.store, c.value, c.met ? "yes" : "**no**"])),
  ];
  return out.join("\n");
}
