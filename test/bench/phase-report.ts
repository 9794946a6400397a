/** What one phase of the benchmark measured, computed from the verdicts, webhooks and inference results. */
import type { VerdictV1 } from '@vigil/contracts';

/** Stages in pipeline order (fetch and decode: posts with media only). */
const STAGES = [
  'posts topic → ingest',
  'fetch',
  'decode',
  'ingest total',
  'classifier queue (batching)',
  'experts',
  'fusion',
  'classifier total',
  'policy (moderation)',
  'Kafka hops + waits',
  'store + outbox → verdict topic',
  'store + outbox → webhook received',
] as const;

/** Expert cost of one post from its inference result. */
export interface Cost {
  readonly invocations: number;
  readonly expertsMs: number;
  /** ms per expert that ran (the result's `experts[].ms`; a batched call's time is each post's share). */
  readonly perExpertMs: Record<string, number>;
}

/** What one phase measured. */
export interface PhaseReport {
  readonly phase: string;
  readonly settings: string;
  readonly posts: number;
  readonly postsPerS: number;
  readonly e2eMs: { p50: number; p95: number; p99: number };
  /** Per stage: p50 and p95 in ms over the posts that have the stage. */
  readonly stages: Record<string, { p50: number; p95: number; n: number }>;
  readonly invocationsPerPost: number;
  readonly expertsMsPerPost: number;
  /** Mean ms per post (over all the phase's posts) per stage, experts one by one. */
  readonly msPerPost: Record<string, number>;
  /** VmHWM of the classifier process of this phase (it is restarted between phases), MiB. */
  readonly classifierPeakRssMiB: number;
  /** CPU ms per post by process from publishing to the last verdict (./cpu.ts), and `all`. */
  readonly cpuMsPerPost: Record<string, number>;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The arrivals of one phase's posts, keyed by post key, and when it published them. */
export interface PhaseArrivals {
  readonly name: string;
  readonly settings: string;
  readonly keys: readonly string[];
  /** When publishing started (ms since the epoch). */
  readonly t0: number;
  readonly byKey: ReadonlyMap<string, { verdict: VerdictV1; at: number }>;
  readonly hookAt: ReadonlyMap<string, number>;
  readonly publishedAt: ReadonlyMap<string, number>;
  readonly costs: ReadonlyMap<string, Cost>;
  readonly classifierPeakRssMiB: number;
  readonly cpuMsPerPost: Record<string, number>;
}

/** The phase's report: posts/s, end-to-end percentiles, per-stage times and expert cost per post. */
export function phaseReport(a: PhaseArrivals): PhaseReport {
  const { name, settings, keys, t0, byKey, hookAt, publishedAt, costs } = a;
  const n = keys.length;
  const last = Math.max(...keys.map((k) => byKey.get(k)!.at));
  const stage: Record<string, number[]> = Object.fromEntries(STAGES.map((name) => [name, []]));
  const add = (s: (typeof STAGES)[number], v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) stage[s]!.push(Math.max(0, v));
  };
  for (const k of keys) {
    const { verdict, at } = byKey.get(k)!;
    const t = verdict.timings;
    const decided = Date.parse(verdict.decided_at);
    const receivedAt = decided - (t.total_ms ?? 0);
    const hasMedia = (t.fetch_ms ?? 0) > 0;
    add('posts topic → ingest', receivedAt - publishedAt.get(k)!);
    if (hasMedia) add('fetch', t.fetch_ms);
    if (hasMedia) add('decode', t.decode_ms);
    add('ingest total', t.ingest_ms);
    add('classifier queue (batching)', t.queue_ms);
    add('experts', t.experts_ms);
    add('fusion', t.fusion_ms);
    add('classifier total', t.classifier_ms);
    add('policy (moderation)', t.moderation_ms);
    add(
      'Kafka hops + waits',
      (t.total_ms ?? 0) - (t.ingest_ms ?? 0) - (t.classifier_ms ?? 0) - (t.moderation_ms ?? 0),
    );
    add('store + outbox → verdict topic', at - decided);
    add('store + outbox → webhook received', hookAt.get(k)! - decided);
  }
  const e2e = keys.map((k) => byKey.get(k)!.at - publishedAt.get(k)!);
  const cost = keys.map((k) => costs.get(k)!);
  const perPost: Record<string, number> = {};
  const addMean = (s: string, v: number | undefined) => {
    perPost[s] = (perPost[s] ?? 0) + (v !== undefined && Number.isFinite(v) ? Math.max(0, v) / n : 0);
  };
  for (const k of keys) {
    const { verdict, at } = byKey.get(k)!;
    const t = verdict.timings;
    addMean('fetch', t.fetch_ms);
    addMean('decode', t.decode_ms);
    for (const [expert, ms] of Object.entries(costs.get(k)!.perExpertMs))
      if (expert !== 'fusion') addMean(`expert: ${expert}`, ms);
    addMean('fusion', t.fusion_ms);
    addMean('policy (moderation)', t.moderation_ms);
    addMean('delivery (store + outbox → verdict topic)', at - Date.parse(verdict.decided_at));
  }
  const report: PhaseReport = {
    phase: name,
    settings,
    posts: n,
    postsPerS: round(n / ((last - t0) / 1000), 2),
    e2eMs: { p50: percentile(e2e, 50), p95: percentile(e2e, 95), p99: percentile(e2e, 99) },
    stages: Object.fromEntries(
      Object.entries(stage).map(([s, v]) => [
        s,
        { p50: round(percentile(v, 50)), p95: round(percentile(v, 95)), n: v.length },
      ]),
    ),
    invocationsPerPost: round(cost.reduce((a, c) => a + c.invocations, 0) / n, 2),
    expertsMsPerPost: round(cost.reduce((a, c) => a + c.expertsMs, 0) / n, 1),
    msPerPost: Object.fromEntries(Object.entries(perPost).map(([s, v]) => [s, round(v)])),
    classifierPeakRssMiB: Math.round(a.classifierPeakRssMiB),
    cpuMsPerPost: Object.fromEntries(Object.entries(a.cpuMsPerPost).map(([k, v]) => [k, round(v, 0)])),
  };
  return report;
}
