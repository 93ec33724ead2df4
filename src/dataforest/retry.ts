/**
 * Retries with exponential backoff and full jitter: many clients throttled at the same moment
 * spread out instead of coming back together. Bounded twice, by attempts and by a deadline.
 */

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Cap of one wait, a server's Retry-After included. */
  maxDelayMs: number;
};

export type RetryDecision = { retry: boolean; retryAfterMs?: number };

export type RetryOptions = {
  policy: RetryPolicy;
  /** No wait may end after this moment (same clock as `now`); the last error is thrown instead. */
  deadline: number;
  decide: (error: unknown) => RetryDecision;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait before retry number `retry` (1 for the first retry). */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export async function withRetries<T>(
  run: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { policy, deadline, decide } = options;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      const decision = decide(error);
      if (!decision.retry || attempt >= attempts) throw error;
      const delayMs = retryDelayMs(attempt, policy, random, decision.retryAfterMs);
      if (now() + delayMs >= deadline) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
