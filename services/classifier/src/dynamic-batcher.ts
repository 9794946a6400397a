/**
 * Dynamic batching as inference servers do it (NVIDIA Triton's dynamic batcher, TorchServe's batch
 * aggregation): requests for one expert queue up and run together once `maxBatchSize` items wait or
 * the oldest has waited `maxDelayMs`, whichever comes first. Items that need different tensor shapes go
 * to different queues (`shapeKey`), so nothing is padded beyond what the expert accepts.
 *
 * One batch runs at a time per queue key: an onnxruntime session already uses every core for one run,
 * so overlapping runs of the same expert only add contention.
 */

/** Result of one item in a batch: its output, or the error that item alone caused. */
export type ItemOutcome<O> = { ok: true; value: O } | { ok: false; error: Error };

export interface BatchRunInfo {
  /** Items in the batch. */
  readonly size: number;
  /** How long the oldest item waited before the batch started, ms. */
  readonly queueDelayMs: number;
  /** Wall time of `run`, ms. */
  readonly runMs: number;
  readonly shapeKey: string;
}

export interface DynamicBatcherOptions<I, O> {
  /** Runs a batch; returns one output per input, in order. Throwing fails the batch (see `isolateFailures`). */
  readonly run: (items: readonly I[]) => Promise<O[]>;
  /** Largest batch, items (e.g. 16). */
  readonly maxBatchSize: number;
  /** Longest an item waits for batch-mates, ms (e.g. 5). 0 runs as soon as the runner is free. */
  readonly maxDelayMs: number;
  /** Items with different keys never share a batch (e.g. `${height}x${width}` for dynamic-shape inputs). */
  readonly shapeKey?: (item: I) => string;
  /**
   * When a batch throws, rerun its items one by one so a single bad input (a corrupt tensor) fails
   * alone and its batch-mates still get results. Default true.
   */
  readonly isolateFailures?: boolean;
  /** Called after every run, for metrics. */
  readonly onBatch?: (info: BatchRunInfo) => void;
}

interface Pending<I, O> {
  readonly item: I;
  readonly enqueuedAt: number;
  resolve(outcome: ItemOutcome<O>): void;
}

interface Queue<I, O> {
  items: Pending<I, O>[];
  timer: NodeJS.Timeout | null;
  running: boolean;
}

/** A per-expert dynamic batcher. `submit` never rejects: failures come back as `{ ok: false }`. */
export class DynamicBatcher<I, O> {
  private readonly queues = new Map<string, Queue<I, O>>();
  private closed = false;

  constructor(private readonly options: DynamicBatcherOptions<I, O>) {
    if (options.maxBatchSize < 1) throw new RangeError('maxBatchSize must be ≥ 1');
    if (options.maxDelayMs < 0) throw new RangeError('maxDelayMs must be ≥ 0');
  }

  /** Items waiting (not yet running), across all shape keys. */
  get queued(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.items.length;
    return n;
  }

  /** Queues one item; resolves with its own outcome once its batch ran. */
  submit(item: I): Promise<ItemOutcome<O>> {
    if (this.closed) return Promise.resolve({ ok: false, error: new Error('batcher closed') });
    const key = this.options.shapeKey?.(item) ?? '';
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { items: [], timer: null, running: false };
      this.queues.set(key, queue);
    }
    const q = queue;
    return new Promise<ItemOutcome<O>>((resolve) => {
      q.items.push({ item, enqueuedAt: performance.now(), resolve });
      this.schedule(key, q);
    });
  }

  /** Runs everything still queued, then refuses new items. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.entries()].map(([key, q]) => this.drain(key, q)));
  }

  private schedule(key: string, q: Queue<I, O>): void {
    if (q.running) return; // the running batch reschedules when it ends
    if (q.items.length >= this.options.maxBatchSize || this.options.maxDelayMs === 0) {
      void this.flush(key, q);
      return;
    }
    if (!q.timer) {
      const oldest = q.items[0]!.enqueuedAt;
      const wait = Math.max(0, this.options.maxDelayMs - (performance.now() - oldest));
      q.timer = setTimeout(() => void this.flush(key, q), wait);
    }
  }

  private async drain(key: string, q: Queue<I, O>): Promise<void> {
    while (q.items.length > 0 || q.running) {
      if (!q.running) await this.flush(key, q);
      else await new Promise((r) => setTimeout(r, 1));
    }
  }

  private async flush(key: string, q: Queue<I, O>): Promise<void> {
    if (q.timer) {
      clearTimeout(q.timer);
      q.timer = null;
    }
    if (q.running || q.items.length === 0) return;
    q.running = true;
    const batch = q.items.splice(0, this.options.maxBatchSize);
    const started = performance.now();
    const queueDelayMs = started - batch[0]!.enqueuedAt;
    try {
      const outcomes = await this.runIsolated(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } finally {
      this.options.onBatch?.({
        size: batch.length,
        queueDelayMs,
        runMs: performance.now() - started,
        shapeKey: key,
      });
      q.running = false;
      if (q.items.length > 0) this.schedule(key, q);
    }
  }

  private async runIsolated(items: readonly I[]): Promise<ItemOutcome<O>[]> {
    try {
      const outputs = await this.options.run(items);
      if (outputs.length !== items.length) {
        throw new Error(`batch runner returned ${outputs.length} outputs for ${items.length} inputs`);
      }
      return outputs.map((value) => ({ ok: true, value }));
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (items.length === 1 || this.options.isolateFailures === false) {
        return items.map(() => ({ ok: false, error: err }));
      }
      const outcomes: ItemOutcome<O>[] = [];
      for (const item of items) outcomes.push(...(await this.runIsolated([item])));
      return outcomes;
    }
  }
}
