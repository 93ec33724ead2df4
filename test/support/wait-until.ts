/** How often a wait looks again: often enough that a test does not idle, rarely enough to be cheap. */
const POLL_MS = 25;

/**
 * Polls `found` until it answers something other than undefined, and gives that back. Bounded by
 * `ms`, so a test waiting on something that never happens fails naming `what` instead of hanging.
 */
export async function untilFound<T>(
  what: string,
  found: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Polls `condition` until it holds; bounded like `untilFound`. */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<void> {
  await untilFound(what, async () => ((await condition()) ? true : undefined), ms);
}
