import { guardProcess } from "./process-guard.js";

// First of all: from here on a signal stops the app, even while the rest still loads or starts.
const guard = guardProcess();

try {
  const { run } = await import("./run.js");
  await run(guard);
} catch (error) {
  process.stderr.write(
    `The app could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  guard.exit(1);
}
