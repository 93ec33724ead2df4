import type { Logger } from "./log.js";

/**
 * What the process does on a signal or an error nobody caught. Installed before anything else
 * loads, so a stop asked for during a slow start is honoured, and no input can end the process
 * without a log line. It imports nothing but a type, so it is ready at once.
 */

export type ProcessGuard = {
  /** Resolves with the signal's name once a stop is asked for (SIGTERM or SIGINT). */
  stopRequested: Promise<string>;
  stopping(): boolean;
  /** From here on, uncaught errors and the stop deadline are logged through it. */
  useLogger(logger: Logger): void;
  /** A stop ends the process at most this long after the signal (STOP_GRACE_SECONDS). */
  setGraceMs(ms: number): void;
  exit(code: number): void;
};

/** Until the settings are read. */
export const DEFAULT_GRACE_MS = 8000;

export function guardProcess(proc: NodeJS.Process = process): ProcessGuard {
  let logger: Logger | undefined;
  let graceMs = DEFAULT_GRACE_MS;
  let signalAt: number | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let requestStop: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    requestStop = resolve;
  });

  // Before the logger exists (settings not read yet), stderr: stdout carries only log lines.
  const report = (message: string, error?: unknown) => {
    if (logger) logger.error(message, error === undefined ? {} : { error });
    else proc.stderr.write(`${message}${error === undefined ? "" : `: ${describe(error)}`}\n`);
  };

  const arm = () => {
    if (signalAt === undefined) return;
    clearTimeout(deadline);
    const leftMs = Math.max(0, signalAt + graceMs - Date.now());
    deadline = setTimeout(() => {
      report(
        `the stop took longer than STOP_GRACE_SECONDS (${graceMs / 1000} s); exiting with work unfinished`,
      );
      proc.exit(1);
    }, leftMs);
    // The deadline alone must not keep a process alive that has finished its stop.
    deadline.unref();
  };

  const onSignal = (signal: string) => {
    if (signalAt !== undefined) {
      // A second Ctrl-C (or signal) means "now".
      report(`${signal} again: exiting now`);
      proc.exit(1);
      return;
    }
    signalAt = Date.now();
    arm();
    requestStop(signal);
  };
  proc.on("SIGTERM", () => onSignal("SIGTERM"));
  proc.on("SIGINT", () => onSignal("SIGINT"));
  watchNpm(proc, () => onSignal("npm stopped"));
  // A bug in a listener or a library must not take every pending request down with it.
  proc.on("unhandledRejection", (reason) =>
    report("an unexpected error (unhandled rejection); the app runs on", reason),
  );
  proc.on("uncaughtException", (error) =>
    report("an unexpected error (uncaught exception); the app runs on", error),
  );

  return {
    stopRequested,
    stopping: () => signalAt !== undefined,
    useLogger(l) {
      logger = l;
    },
    setGraceMs(ms) {
      graceMs = ms;
      arm();
    },
    exit(code) {
      proc.exit(code);
    },
  };
}

/** How often the parent is looked at under `npm start`. */
export const PARENT_CHECK_MS = 500;

/**
 * Under `npm start`, a SIGTERM or SIGINT sent to npm ends the shell npm runs the script in but
 * never reaches the app, which would run on, orphaned, holding the port. So under npm the app
 * follows its parent: when the shell between them is gone, it stops as on a signal. Started any
 * other way (node directly, systemd, Docker) nothing is watched: an app put in the background
 * with nohup must outlive the shell that started it.
 */
function watchNpm(proc: NodeJS.Process, stop: () => void): void {
  if (!proc.env?.npm_lifecycle_event) return;
  const parent = proc.ppid;
  const timer = setInterval(() => {
    if (proc.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, PARENT_CHECK_MS);
  timer.unref();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
