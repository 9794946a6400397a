/** The benchmark's summary (every phase, the floor, peak RSS) and its Markdown tables. */
import type { ServiceName } from '../../infra/stack/pipeline';
import { round, type PhaseReport } from './phase-report';

/** The floor of the throughput phase's work, timed in this process on the same inputs (see ./floor.ts). */
export interface Floor {
  readonly posts: number;
  /** Posts whose inference request was read back (the ORT figures cover these). */
  readonly requests: number;
  readonly decodeMsPerPost: number;
  /** Raw InferenceSession.run ms per post, per expert (its model files together). */
  readonly ortMsPerPost: Record<string, number>;
  readonly floorMsPerPost: number;
  readonly actualMsPerPost: number;
  /** floor / actual. */
  readonly efficiency: number;
}

export interface Summary {
  date: string;
  machine: {
    cores: number;
    cpus: string;
    memoryGiB: number;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    database: string;
  };
  phases: PhaseReport[];
  routedVsDense: { invocations: number; expertsMs: number };
  batchingOnVsOff: number;
  floor: Floor;
  peakRssMiB: Record<ServiceName, number>;
}

/** The report as Markdown tables (what the README keeps). */
export function markdown(s: Summary): string {
  const [throughput, latency, dense, noBatch] = s.phases as [
    PhaseReport,
    PhaseReport,
    PhaseReport,
    PhaseReport,
  ];
  const cache = s.phases.find((p) => p.phase === 'cache');
  const f = s.floor;
  const lines = [
    `Pipeline benchmark, ${s.date.slice(0, 16).replace('T', ' ')} UTC, ${s.machine.cores} cores: ${s.machine.cpus}, ${s.machine.memoryGiB} GiB, ` +
      `load average ${s.machine.loadAverageBefore[0]} before / ${s.machine.loadAverageAfter[0]} after, ` +
      `database ${s.machine.database}. Mix: caption only, image + caption, GIF, video with speech, voice note (1 in 5 each).`,
    '',
    '| phase | settings | posts | posts/s | e2e p50 ms | e2e p95 ms | e2e p99 ms | classifier p50 ms | expert runs / post | expert ms / post | classifier peak RSS MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...s.phases.map(
      (p) =>
        `| ${p.phase} | ${p.settings} | ${p.posts} | ${p.postsPerS} | ${p.e2eMs.p50} | ${p.e2eMs.p95} | ${p.e2eMs.p99} | ${p.stages['classifier total']?.p50} | ${p.invocationsPerPost} | ${p.expertsMsPerPost} | ${p.classifierPeakRssMiB} |`,
    ),
    '',
    `Ratios (one run, side by side): efficiency (floor / actual) ${f.efficiency} | batching on / off ${s.batchingOnVsOff}× | ` +
      `routed / dense ${s.routedVsDense.expertsMs} in expert ms (${s.routedVsDense.invocations} in invocations) | ` +
      `${throughput.postsPerS} posts/s | paced e2e p50 / p95 / p99 ${latency.e2eMs.p50} / ${latency.e2eMs.p95} / ${latency.e2eMs.p99} ms`,
    '',
    `Floor of the throughput phase, timed afterwards in one process on the same ${f.posts} posts (${f.requests} inference ` +
      `requests read back): ${f.floorMsPerPost} ms per post = one bounded sharp decode per image ${f.decodeMsPerPost} ms + raw ` +
      `ONNX Runtime session time ${Object.entries(f.ortMsPerPost)
        .map(([e, ms]) => `${e} ${ms}`)
        .join(
          ', ',
        )} ms; actual ${f.actualMsPerPost} ms per post (1000 / posts/s) → efficiency ${f.efficiency}.`,
    '',
    `Per stage, ms per post (mean over every post of the phase, 0 where a post has no such stage; experts: the ` +
      `inference results' time per expert, a batched call shared among its posts):`,
    '',
    `| stage | ${s.phases.map((p) => p.phase).join(' | ')} |`,
    `|---|${s.phases.map(() => '---:').join('|')}|`,
    ...[...new Set(s.phases.flatMap((p) => Object.keys(p.msPerPost)))].map(
      (stage) => `| ${stage} | ${s.phases.map((p) => p.msPerPost[stage] ?? 0).join(' | ')} |`,
    ),
    '',
    `Per stage, latency phase (ms; fetch and decode over posts with media):`,
    '',
    '| stage | p50 | p95 |',
    '|---|---:|---:|',
    ...Object.entries(latency.stages).map(([k, v]) => `| ${k} | ${v.p50} | ${v.p95} |`),
    '',
    `Routed / dense cost: ${s.routedVsDense.invocations} in expert invocations, ${s.routedVsDense.expertsMs} in expert ms ` +
      `(${throughput.invocationsPerPost} vs ${dense.invocationsPerPost} runs per post). Batching on / off: ` +
      `${s.batchingOnVsOff}× posts/s (${throughput.postsPerS} vs ${noBatch.postsPerS}).` +
      (cache
        ? ` Media cache on (repeated media) / off: ${round(cache.postsPerS / throughput.postsPerS, 2)}× posts/s ` +
          `(${cache.postsPerS} vs ${throughput.postsPerS}), ${cache.invocationsPerPost} vs ${throughput.invocationsPerPost} ` +
          `expert runs per post, classifier ${cache.cpuMsPerPost.classifier ?? 0} vs ${throughput.cpuMsPerPost.classifier ?? 0} CPU ms per post.`
        : ''),
    '',
    `CPU ms per post by process, from publishing to the last verdict (/proc: user + system, with reaped children: ` +
      `ingest's include ffmpeg, the classifier's Tesseract; PostgreSQL and the broker are shared with anything else ` +
      `on the machine). ${s.machine.cores} cores × the phase's wall time per post is the CPU the machine had:`,
    '',
    `| process | ${s.phases.map((p) => p.phase).join(' | ')} |`,
    `|---|${s.phases.map(() => '---:').join('|')}|`,
    ...Object.keys(throughput.cpuMsPerPost).map(
      (k) => `| ${k} | ${s.phases.map((p) => p.cpuMsPerPost[k] ?? 0).join(' | ')} |`,
    ),
    `| ${s.machine.cores} cores × wall per post | ${s.phases.map((p) => round((s.machine.cores * 1000) / p.postsPerS, 0)).join(' | ')} |`,
    '',
    '| service | peak RSS MiB (whole run) |',
    '|---|---:|',
    ...Object.entries(s.peakRssMiB).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ];
  return lines.join('\n');
}
