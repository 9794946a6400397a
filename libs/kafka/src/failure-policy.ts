import { KafkaJSError } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import type { DeadLetterReason } from './dead-letter';

/**
 * How a handler error is treated, as the service's `classify` says:
 * - `transient`: a known passing fault (broker or database unreachable, serialization failure): retried
 *   with backoff for up to `transientBudgetMs`, then dead-lettered (`RETRIES_EXHAUSTED`).
 * - `unknown`: anything not known to pass (a bug, an unexpected exception): retried up to `maxAttempts`
 *   times, then dead-lettered (`RETRIES_EXHAUSTED`).
 * - a `DeadLetterReason`: permanent, the same record fails the same way on every try: dead-lettered at once.
 */
export type FailureKind = 'transient' | 'unknown' | DeadLetterReason;

/** Dead-letter codes the runner itself gives (the service's `classify` gives the others). */
export const RUNNER_DEAD_LETTER_CODES = {
  /** Retried `maxAttempts` times (unknown error) or for `transientBudgetMs` (transient) without success. */
  retriesExhausted: 'RETRIES_EXHAUSTED',
} as const;

/** Retry budget of a runner; the defaults suit a service whose handler is idempotent. */
export interface RetryBudget {
  /** Tries of a record whose error is `unknown` (the first included). Default 5. */
  readonly maxAttempts?: number;
  /** How long `transient` errors are retried before the record is dead-lettered, ms. Default 600000 (10 min). */
  readonly transientBudgetMs?: number;
  /** First backoff, ms (doubled each try, ±20 % jitter). Default 200. */
  readonly initialDelayMs?: number;
  /** Longest backoff, ms. Default 10000. */
  readonly maxDelayMs?: number;
}

/**
 * The default classifier: kafkajs errors it marks retriable (broker gone, leader moved, request timed
 * out) are `transient`; everything else is `unknown`.
 */
export function defaultClassify(error: unknown): FailureKind {
  if (error instanceof KafkaJSError && error.retriable) return 'transient';
  return 'unknown';
}

/** Decides, per failed try, whether to retry (and after how long) or to dead-letter (and why). */
export class RetryDecider {
  private readonly maxAttempts: number;
  private readonly transientBudgetMs: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(budget: RetryBudget = {}) {
    this.maxAttempts = Math.max(1, budget.maxAttempts ?? 5);
    this.transientBudgetMs = budget.transientBudgetMs ?? 600_000;
    this.initialDelayMs = budget.initialDelayMs ?? 200;
    this.maxDelayMs = budget.maxDelayMs ?? 10_000;
  }

  /**
   * @param attempt tries made so far (1 after the first failure)
   * @param firstFailureAt ms since epoch of the record's first failure
   * @returns `{ retryInMs }` or `{ deadLetter }` with the reason.
   */
  decide(
    kind: FailureKind,
    error: unknown,
    attempt: number,
    firstFailureAt: number,
  ): { retryInMs: number } | { deadLetter: DeadLetterReason } {
    if (typeof kind === 'object') return { deadLetter: kind };
    const exhausted =
      kind === 'transient'
        ? Date.now() - firstFailureAt >= this.transientBudgetMs
        : attempt >= this.maxAttempts;
    if (exhausted) {
      const budget =
        kind === 'transient' ? `transient errors for ${this.transientBudgetMs} ms` : `${attempt} tries`;
      return {
        deadLetter: {
          code: RUNNER_DEAD_LETTER_CODES.retriesExhausted,
          message: `gave up after ${budget}: ${describeError(error)}`,
        },
      };
    }
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (attempt - 1));
    return { retryInMs: Math.round(base * (0.8 + 0.4 * Math.random())) };
  }
}

/** `Name: message` of an error (its first 500 characters), for DLQ headers and logs. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

/** The runner's Prometheus counters (registered once per registry). */
export interface RunnerMetrics {
  /** `vigil_kafka_handler_retries_total{group,topic,kind}`: failed tries that were retried. */
  readonly retries: Counter<'group' | 'topic' | 'kind'>;
  /** `vigil_kafka_dead_letters_total{group,topic,code}`: records dead-lettered; alert on `RETRIES_EXHAUSTED`. */
  readonly deadLetters: Counter<'group' | 'topic' | 'code'>;
}

function counter<L extends string>(registry: Registry | undefined, name: string, help: string, labels: L[]) {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames: labels, registers: registry ? [registry] : [] });
}

/** The runner's counters in `registry` (unregistered ones when absent, e.g. test readers). */
export function runnerMetrics(registry?: Registry): RunnerMetrics {
  return {
    retries: counter(
      registry,
      'vigil_kafka_handler_retries_total',
      'Handler tries that failed and were retried',
      ['group', 'topic', 'kind'],
    ),
    deadLetters: counter(
      registry,
      'vigil_kafka_dead_letters_total',
      'Records sent to a dead-letter topic, by reason code (alert on RETRIES_EXHAUSTED)',
      ['group', 'topic', 'code'],
    ),
  };
}
