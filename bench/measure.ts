import { type Service, sleep, startService } from "./processes.js";
import { median, type Spread, spread } from "./stats.js";
import { PEOPLE, runConcurrently, type Traffic, type WholeRequest } from "./traffic.js";

/** How much of each measurement a run makes; `quick` only tries the bench out. */
export type Sizes = {
  startups: number;
  rounds: number;
  oneAtATime: number;
  burst: number;
  sequentialRequests: number;
  batches: number;
  batchSize: number;
  inFlight: number;
};

export const FULL: Sizes = {
  startups: 5,
  rounds: 10,
  oneAtATime: 30,
  burst: 50,
  sequentialRequests: 200,
  batches: 10,
  batchSize: 500,
  inFlight: 20,
};

export const QUICK: Sizes = {
  startups: 2,
  rounds: 4,
  oneAtATime: 10,
  burst: 50,
  sequentialRequests: 40,
  batches: 4,
  batchSize: 100,
  inFlight: 20,
};

export type Launch = { name: string; args: string[]; env: Record<string, string>; cwd: string };

export type Pair<T> = { app: T; floor: T };

export type StoreResult = {
  store: string;
  startupMs: Pair<number>;
  rssAfterStartMiB: Pair<number>;
  commandOneAtATime: Pair<Spread>;
  commandInFlight: Pair<Spread>;
  submissionAck: Spread;
  approveToCreate: Spread;
  /** Whole requests with 20 in flight, the app's and the floor's in alternating batches. */
  wholeRequestMs: Pair<Spread>;
  wholePerSecond: Pair<number>;
  /** CPU time the server spent per command (one at a time and in flight), and per whole request. */
  cpuMsPerCommand: Pair<number>;
  cpuMsPerWholeRequest: Pair<number>;
  /** RSS after the first fifth (1,000 of 5,000) and after all whole requests in the batches,
   * which both make alike: the difference is then what the app keeps over the same work (the
   * app has also made the 200 one at a time before). */
  rssEarlyMiB: Pair<number>;
  rssAfterAllMiB: Pair<number>;
  requestsForRssEarly: number;
  requestsForRss: number;
};

const both = async <T>(first: "app" | "floor", run: (who: "app" | "floor") => Promise<T>) => {
  const second = first === "app" ? "floor" : "app";
  const a = await run(first);
  const b = await run(second);
  return first === "app" ? { app: a, floor: b } : { app: b, floor: a };
};

/** Alternates which one goes first, round by round, so drift in the machine's load cancels. */
const firstOf = (round: number): "app" | "floor" => (round % 2 === 0 ? "app" : "floor");

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Starts and stops each one `count` times in turn: time to /healthz 200 and RSS just after. */
async function startups(launch: Pair<Launch>, count: number) {
  const ms: Pair<number[]> = { app: [], floor: [] };
  const rss: Pair<number[]> = { app: [], floor: [] };
  // One start each first, not counted: the database and the disk cache are then as on a restart.
  for (const who of ["app", "floor"] as const) await (await startService(launch[who])).stop();
  for (let round = 0; round < count; round++) {
    await both(firstOf(round), async (who) => {
      const service = await startService(launch[who]);
      ms[who].push(service.readyMs);
      await sleep(300);
      rss[who].push(service.rssMiB());
      await service.stop();
    });
  }
  return {
    startupMs: { app: median(ms.app), floor: median(ms.floor) },
    rssAfterStartMiB: { app: median(rss.app), floor: median(rss.floor) },
  };
}

/** Every measurement for one store: the app against the floor, in alternating rounds. */
export async function measureStore(options: {
  store: string;
  launch: Pair<Launch>;
  traffic: Traffic;
  sizes: Sizes;
  /** When set, the long-running app and floor write CPU profiles there as they stop. */
  profileDir?: string | undefined;
}): Promise<StoreResult> {
  const { store, launch, traffic, sizes, profileDir } = options;
  const profiled = (who: "app" | "floor"): Launch =>
    profileDir
      ? {
          ...launch[who],
          args: [
            "--cpu-prof",
            `--cpu-prof-dir=${profileDir}`,
            `--cpu-prof-name=${who}-${store}.cpuprofile`,
            ...launch[who].args,
          ],
        }
      : launch[who];
  log(`[${store}] start-up, ${sizes.startups} times each`);
  const started = await startups(launch, sizes.startups);

  const services: Partial<Pair<Service>> = {};
  try {
    services.app = await startService(profiled("app"));
    services.floor = await startService(profiled("floor"));
    const url = { app: services.app.url, floor: services.floor.url };
    let names = 0;
    const nextName = () => `bench-${store.slice(0, 2)}-${names++}`;

    log(`[${store}] warm-up`);
    await runConcurrently(PEOPLE, 10, () => traffic.command(url.app));
    for (let i = 0; i < 20; i++) {
      await traffic.command(url.app);
      await traffic.command(url.floor);
      await traffic.wholeRequest(url.app, nextName());
      await traffic.wholeRequest(url.floor, nextName());
    }

    const commandCpu: Pair<number> = { app: 0, floor: 0 };
    const counted = async (who: "app" | "floor", run: () => Promise<void>) => {
      const before = services[who]?.cpuMs() ?? Number.NaN;
      await run();
      commandCpu[who] += (services[who]?.cpuMs() ?? Number.NaN) - before;
    };

    log(`[${store}] command -> views.open, one at a time`);
    const one: Pair<number[]> = { app: [], floor: [] };
    for (let round = 0; round < sizes.rounds; round++) {
      await both(firstOf(round), (who) =>
        counted(who, async () => {
          for (let i = 0; i < sizes.oneAtATime; i++) {
            one[who].push((await traffic.command(url[who])).ms);
          }
        }),
      );
    }

    log(`[${store}] command -> views.open, ${sizes.burst} in flight`);
    const burst: Pair<number[]> = { app: [], floor: [] };
    for (let round = 0; round < sizes.rounds; round++) {
      await both(firstOf(round), (who) =>
        counted(who, async () => {
          const results = await runConcurrently(sizes.burst, sizes.burst, () =>
            traffic.command(url[who]),
          );
          burst[who].push(...results.map((r) => r.ms));
        }),
      );
    }

    log(`[${store}] ${sizes.sequentialRequests} whole requests one at a time`);
    const sequential: WholeRequest[] = [];
    for (let i = 0; i < sizes.sequentialRequests; i++) {
      sequential.push(await traffic.wholeRequest(url.app, nextName()));
    }
    traffic.forget();

    const total = sizes.batches * sizes.batchSize;
    log(`[${store}] ${total} whole requests each, ${sizes.inFlight} in flight`);
    const whole: Pair<WholeRequest[]> = { app: [], floor: [] };
    const busyMs: Pair<number> = { app: 0, floor: 0 };
    const wholeCpuMs: Pair<number> = { app: 0, floor: 0 };
    const early = Math.ceil(sizes.batches / 5) * sizes.batchSize;
    const rssEarly: Partial<Pair<number>> = {};
    for (let batch = 0; batch < sizes.batches; batch++) {
      await both(firstOf(batch), async (who) => {
        const begun = performance.now();
        const cpuBefore = services[who]?.cpuMs() ?? Number.NaN;
        whole[who].push(
          ...(await runConcurrently(sizes.batchSize, sizes.inFlight, () =>
            traffic.wholeRequest(url[who], nextName()),
          )),
        );
        busyMs[who] += performance.now() - begun;
        wholeCpuMs[who] += (services[who]?.cpuMs() ?? Number.NaN) - cpuBefore;
        if ((batch + 1) * sizes.batchSize === early) rssEarly[who] = services[who]?.rssMiB();
      });
      // Between batches nothing is in flight: the fakes may forget, so they do not grow.
      traffic.forget();
    }
    const rssAll = { app: services.app.rssMiB(), floor: services.floor.rssMiB() };

    return {
      store,
      ...started,
      commandOneAtATime: { app: spread(one.app), floor: spread(one.floor) },
      commandInFlight: { app: spread(burst.app), floor: spread(burst.floor) },
      submissionAck: spread(sequential.map((r) => r.ackMs)),
      approveToCreate: spread(sequential.map((r) => r.approveToCreateMs)),
      wholeRequestMs: {
        app: spread(whole.app.map((r) => r.totalMs)),
        floor: spread(whole.floor.map((r) => r.totalMs)),
      },
      wholePerSecond: {
        app: whole.app.length / (busyMs.app / 1000),
        floor: whole.floor.length / (busyMs.floor / 1000),
      },
      cpuMsPerCommand: {
        app: commandCpu.app / (one.app.length + burst.app.length),
        floor: commandCpu.floor / (one.floor.length + burst.floor.length),
      },
      cpuMsPerWholeRequest: {
        app: wholeCpuMs.app / whole.app.length,
        floor: wholeCpuMs.floor / whole.floor.length,
      },
      rssEarlyMiB: { app: rssEarly.app ?? Number.NaN, floor: rssEarly.floor ?? Number.NaN },
      rssAfterAllMiB: rssAll,
      requestsForRssEarly: early,
      requestsForRss: total,
    };
  } finally {
    await services.app?.stop();
    await services.floor?.stop();
  }
}
