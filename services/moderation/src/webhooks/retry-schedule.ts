/**
 * Webhook retry timing. The default schedule is Svix's (docs.svix.com, "Retries"):
 * immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over about 27.6 hours.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses `250ms`, `5s`, `5m`, `2h`, `5d` or plain milliseconds (`1500`) into milliseconds.
 * @throws Error naming the text when it is not a non-negative duration.
 */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) throw new Error(`not a duration: "${text}" (use e.g. 500ms, 5s, 5m, 2h, 5d)`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']!);
}

/** Parses a comma-separated schedule (`0,5s,5m`) into delays in ms; at least one entry. */
export function parseSchedule(text: string): number[] {
  const delays = text.split(',').map((part) => parseDuration(part));
  if (delays.length === 0) throw new Error('empty retry schedule');
  return delays;
}

/**
 * Delay before the next attempt after `attemptsMade` attempts failed, or `null` when the schedule is
 * exhausted (the delivery then fails for good).
 * @param jitter fraction of random spread, e.g. 0.2 → the delay is scaled by a factor in [0.8, 1.2).
 * @param random source of uniform [0, 1) numbers (tests pass a fixed one).
 */
export function nextRetryDelay(
  schedule: readonly number[],
  attemptsMade: number,
  jitter: number,
  random: () => number = Math.random,
): number | null {
  const base = schedule[attemptsMade];
  if (base === undefined) return null;
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}
