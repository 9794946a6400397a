import type { InferenceResult } from '@vigil/contracts';
import type { MetricsRegistry } from '@vigil/platform';

/** Requests per batch (and items per expert call) buckets. */
const SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
/** Queue delay buckets, seconds (0.5 ms .. 1 s). */
const DELAY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * The classifier worker's Prometheus metrics (prom-client, `vigil_classifier_*`). Rates (items/s,
 * routing rate, cache hit rate) are PromQL over the counters, e.g.
 * `rate(vigil_classifier_requests_total[1m])`,
 * `sum by (expert) (rate(vigil_classifier_routing_total{decision="ran"}[5m])) / scalar(sum(rate(vigil_classifier_requests_total[5m])))`,
 * `rate(vigil_classifier_media_cache_lookups_total{result="hit"}[5m]) / rate(vigil_classifier_media_cache_lookups_total[5m])`.
 */
export class ClassifierMetrics {
  readonly batchSize;
  readonly queueDelay;
  readonly expertSeconds;
  readonly expertCalls;
  readonly expertItems;
  readonly routing;
  readonly requests;
  readonly requestSeconds;
  readonly cacheLookups;
  readonly cacheWrites;
  readonly errors;
  readonly deadLetters;
  readonly isolatedReruns;
  readonly hashMatches;
  readonly hashBankEntries;
  readonly inFlight;
  readonly info;

  constructor(registry: MetricsRegistry) {
    this.batchSize = registry.histogram(
      'vigil_classifier_batch_size',
      'Requests per classify batch (dynamic batching across partitions).',
      [],
      SIZE_BUCKETS,
    );
    this.queueDelay = registry.histogram(
      'vigil_classifier_queue_delay_seconds',
      'Time a request waited in the dynamic batcher before its batch started.',
      [],
      DELAY_BUCKETS,
    );
    this.expertSeconds = registry.histogram(
      'vigil_classifier_expert_seconds',
      'Wall time of one expert call over a batch.',
      ['expert'],
    );
    this.expertCalls = registry.counter(
      'vigil_classifier_expert_calls_total',
      'Expert calls (one per expert per batch and routing stage).',
      ['expert'],
    );
    this.expertItems = registry.counter(
      'vigil_classifier_expert_items_total',
      'Items (captions, frames, clips, fusion rows) through each expert.',
      ['expert'],
    );
    this.routing = registry.counter(
      'vigil_classifier_routing_total',
      'Per request and expert: ran, skipped by the router (reason) or failed.',
      ['expert', 'decision', 'reason'],
    );
    this.requests = registry.counter(
      'vigil_classifier_requests_total',
      'Inference results produced, by status.',
      ['status'],
    );
    this.requestSeconds = registry.histogram(
      'vigil_classifier_request_seconds',
      'Request decoded → its result acknowledged by the broker.',
    );
    this.cacheLookups = registry.counter(
      'vigil_classifier_media_cache_lookups_total',
      'Media cache lookups by sha256: hit, miss or error (counted as a miss).',
      ['result'],
    );
    this.cacheWrites = registry.counter(
      'vigil_classifier_media_cache_writes_total',
      'Media cache writes: stored, too_large (over MEDIA_CACHE_MAX_ENTRY_BYTES) or error.',
      ['result'],
    );
    this.errors = registry.counter(
      'vigil_classifier_errors_total',
      'Errors by stable code (expert failures, undecodable requests).',
      ['code', 'expert'],
    );
    this.deadLetters = registry.counter(
      'vigil_classifier_dead_letters_total',
      'Requests sent to vigil.inference.requests.v1.dlq, by code.',
      ['code'],
    );
    this.isolatedReruns = registry.counter(
      'vigil_classifier_isolated_reruns_total',
      'Requests classified again alone after an expert error in a shared batch.',
    );
    this.hashMatches = registry.counter(
      'vigil_classifier_hash_matches_total',
      'Media matched against a hash bank before routing, by bank and signal (pdq, vpdq).',
      ['bank', 'signal'],
    );
    this.hashBankEntries = registry.gauge(
      'vigil_classifier_hash_bank_entries',
      'Entries in the in-memory hash-bank index: pdq hashes and vpdq videos.',
      ['signal'],
    );
    this.inFlight = registry.gauge(
      'vigil_classifier_in_flight',
      'Requests decoded and not yet answered (bounded by CLASSIFIER_MAX_IN_FLIGHT).',
    );
    this.info = registry.gauge(
      'vigil_classifier_info',
      'Execution provider and model bundle of this worker (value 1).',
      ['provider', 'requested', 'bundle', 'version'],
    );
  }

  /** One expert call, as `VigilClassifier` reports it. */
  expertCall(call: { expert: string; items: number; ms: number; failed: boolean }): void {
    this.expertCalls.inc({ expert: call.expert });
    this.expertItems.inc({ expert: call.expert }, call.items);
    this.expertSeconds.observe({ expert: call.expert }, call.ms / 1000);
  }

  /** One classify batch of `size` requests. */
  batch(size: number): void {
    this.batchSize.observe(size);
  }

  /** One request's result: routing decisions, expert errors by code, its queue delay. */
  observeRequest(result: InferenceResult, queueMs: number): void {
    this.queueDelay.observe(queueMs / 1000);
    for (const e of result.experts) {
      const decision = e.error ? 'failed' : e.ran ? 'ran' : 'skipped';
      this.routing.inc({ expert: e.expert, decision, reason: e.skipped_reason ?? '' });
    }
    // Errors the classifier added (ingest's per-media errors pass through without an expert).
    for (const error of result.errors)
      if (error.expert) this.errors.inc({ code: error.code, expert: error.expert });
  }
}
