import { performance } from 'node:perf_hooks';
import {
  CATEGORY_IDS,
  INFERENCE_SCHEMA_VERSION,
  InferenceResultSchema,
  type ErrorDetail,
  type InferenceRequest,
  type InferenceResult,
} from '@vigil/contracts';
import type { MediaFrameOutputs, VigilClassifier } from '@vigil/model';
import { DynamicBatcher } from './dynamic-batcher';
import type { HashBankIndex } from './hash-banks';
import {
  matchRequest,
  NO_MATCHES,
  withHashMatches,
  type HashMatchSettings,
  type RequestMatches,
} from './hash-matcher';
import type { MediaCache } from './media-cache';
import type { ClassifierMetrics } from './metrics';

export interface ClassificationQueueOptions {
  /** Largest batch of requests classified together, items. */
  readonly maxBatchSize: number;
  /** Longest a request waits for batch-mates, ms. */
  readonly maxDelayMs: number;
  readonly routing: 'routed' | 'dense';
  /** Media cache (frame-expert outputs by sha256); none disables it. */
  readonly cache?: MediaCache;
  readonly metrics?: ClassifierMetrics;
  /** Hash banks matched before routing (matched media skip the frame experts); none: no matching. */
  readonly hashBanks?: { readonly index: HashBankIndex; readonly settings: HashMatchSettings };
}

interface Queued {
  readonly request: InferenceRequest;
  /** Hash-bank matches found before it was queued. */
  readonly matched: RequestMatches;
  /** `performance.now()` at submission. */
  readonly enqueuedAt: number;
}

/**
 * Request-level dynamic batching in front of `VigilClassifier`: requests from any partition queue up
 * and run together (up to `maxBatchSize` or after `maxDelayMs`); one `classify` call then runs each
 * expert once over the whole batch (every caption through the encoder in one run, every frame of every
 * post through each frame expert in one run) and fusion once, and scatters results back.
 *
 * Before a request is queued its media are matched against the hash banks (when configured): matched
 * media are routed away from the frame experts and the matches become the result's `hash_matches`
 * (also on an error result, so policy can still act on known content).
 *
 * Around the call: media-cache lookups for the batch's media and storage of what was examined; failure
 * isolation (a request with an expert error in a batch of several is classified again alone, so one
 * corrupt input cannot cost its batch-mates their outputs); queue delay stamped on each result
 * (`timings.queue_ms`, `experts[].queue_delay_ms`); metrics. `classify` never rejects: a request that
 * cannot be classified even alone gets a result with status `error` (EXPERT_FAILED), so its partition
 * never stalls.
 */
export class ClassificationQueue {
  private readonly batcher: DynamicBatcher<Queued, InferenceResult>;

  constructor(
    private readonly classifier: VigilClassifier,
    private readonly options: ClassificationQueueOptions,
  ) {
    this.batcher = new DynamicBatcher<Queued, InferenceResult>({
      maxBatchSize: options.maxBatchSize,
      maxDelayMs: options.maxDelayMs,
      run: (items) => this.runBatch(items),
    });
  }

  /** Requests waiting for a batch. */
  get queued(): number {
    return this.batcher.queued;
  }

  /** Classifies one request in whatever batch it joins; resolves with a schema-valid result. */
  async classify(request: InferenceRequest): Promise<InferenceResult> {
    const { hashBanks, metrics } = this.options;
    const matched = hashBanks ? matchRequest(hashBanks.index, request, hashBanks.settings) : NO_MATCHES;
    for (const m of matched.matches)
      metrics?.hashMatches.inc({ bank: m.bank, signal: m.signal_type ?? 'pdq' });
    const outcome = await this.batcher.submit({ request, matched, enqueuedAt: performance.now() });
    const result = withHashMatches(
      outcome.ok ? outcome.value : this.errorResult(request, outcome.error.message),
      request,
      matched,
    );
    const checked = InferenceResultSchema.safeParse(result);
    if (checked.success) return result;
    const issue = checked.error.issues[0];
    return this.errorResult(
      request,
      `result failed validation: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }

  /** Runs what is queued, then refuses new requests. */
  close(): Promise<void> {
    return this.batcher.close();
  }

  private async runBatch(items: readonly Queued[]): Promise<InferenceResult[]> {
    const started = performance.now();
    const requests = items.map((q) => q.request);
    const { cache, metrics, routing } = this.options;
    metrics?.batch(requests.length);
    const cachedMedia = cache ? await cache.getMany(mediaHashes(requests)) : new Map();
    const examined = new Map<string, MediaFrameOutputs>();
    const classifyOptions = {
      cachedMedia,
      routedAway: new Map(
        items
          .filter((q) => q.matched.routedAway.size > 0)
          .map((q) => [q.request.request_id, q.matched.routedAway]),
      ),
      onMediaOutputs: (sha: string, out: MediaFrameOutputs) => examined.set(sha, out),
      onExpertCall: metrics
        ? (call: Parameters<ClassifierMetrics['expertCall']>[0]) => metrics.expertCall(call)
        : undefined,
    };
    const results = await this.classifier.classify(requests, routing, classifyOptions);
    if (requests.length > 1) {
      // A batched expert call that threw is recorded against every request in it: rerun those alone.
      for (let i = 0; i < results.length; i++) {
        if (results[i]!.errors.length === requests[i]!.errors.length) continue;
        metrics?.isolatedReruns.inc();
        results[i] = (await this.classifier.classify([requests[i]!], routing, classifyOptions))[0]!;
      }
    }
    if (cache && examined.size > 0) await cache.putMany(examined);
    return results.map((result, i) => {
      const queueMs = started - items[i]!.enqueuedAt;
      metrics?.observeRequest(result, queueMs);
      return withQueueDelay(result, queueMs);
    });
  }

  /** A result for a request nothing could be done with: status `error`, no scores. */
  private errorResult(request: InferenceRequest, message: string): InferenceResult {
    const error: ErrorDetail = { code: 'EXPERT_FAILED', message: message.slice(0, 1000) };
    this.options.metrics?.errors.inc({ code: error.code, expert: 'classifier' });
    const { manifest } = this.classifier;
    return {
      schema_version: INFERENCE_SCHEMA_VERSION,
      request_id: request.request_id,
      tenant_id: request.tenant_id,
      post_id: request.post_id,
      revision: request.revision,
      trace_id: request.trace_id,
      ...(request.traceparent ? { traceparent: request.traceparent } : {}),
      received_at: request.received_at,
      created_at: request.created_at,
      priority: request.priority,
      status: 'error',
      errors: [...request.errors, error],
      caption: { text: request.text.caption },
      scores: [],
      coverage: { covered: [], not_covered: [...CATEGORY_IDS] },
      media: request.media.map((m) => ({
        media_id: m.media_id,
        kind: m.kind,
        status: m.status,
        ...(m.error ? { error: m.error } : {}),
        ...(m.sha256 ? { sha256: m.sha256 } : {}),
      })),
      hash_matches: [],
      experts: [],
      bundle: { name: manifest.name, version: manifest.version },
      provider: this.classifier.provider,
      routing: this.options.routing,
      timings: { ...request.timings },
      ...(request.callback ? { callback: request.callback } : {}),
      ...(request.request_binding !== undefined ? { request_binding: request.request_binding } : {}),
    };
  }
}

/** The sha256 of every decoded medium with frames (what the frame experts would read). */
function mediaHashes(requests: readonly InferenceRequest[]): string[] {
  const hashes = new Set<string>();
  for (const r of requests)
    for (const m of r.media) if (m.status === 'ok' && m.sha256 && m.frames.length > 0) hashes.add(m.sha256);
  return [...hashes];
}

/** Stamps the time a request waited for its batch on the result and on each expert that ran for it. */
function withQueueDelay(result: InferenceResult, queueMs: number): InferenceResult {
  const queue_delay_ms = Math.round(queueMs * 1000) / 1000;
  return {
    ...result,
    experts: result.experts.map((e) => (e.batch_size !== undefined ? { ...e, queue_delay_ms } : e)),
    timings: { ...result.timings, queue_ms: queue_delay_ms },
  };
}
