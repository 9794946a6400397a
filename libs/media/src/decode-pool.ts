/**
 * A bounded pool of decode slots with a pressure signal, which the consumer uses to pause fetching.
 *
 * Why a bounded queue and not piscina: the expensive work never runs on the JavaScript thread. sharp runs
 * libvips on libuv's thread pool, and ffmpeg/ffprobe are child processes, so the event loop only
 * orchestrates. Worker threads (piscina) would add no parallelism, would copy (or transfer) every input
 * and every decoded frame across threads, and would load a libvips instance per worker. What decoding does
 * need is a bound: at most `concurrency` media decode at once (CPU and memory: one frame's pixels and one
 * ffmpeg per slot), the rest wait in order.
 *
 * `run` never refuses work; callers are already bounded upstream (one post per partition in flight).
 * Instead the pool reports pressure: `full` turns true when `maxQueued` tasks wait for a slot and false
 * again once the queue has drained to half of that, and listeners get both edges (hysteresis avoids
 * flapping pause/resume).
 */
export class DecodePool {
  private activeCount = 0;
  private readonly waiting: Array<() => void> = [];
  private isFull = false;
  private readonly listeners = new Set<(full: boolean) => void>();

  /**
   * @param concurrency decodes running at once (default: one per CPU core).
   * @param maxQueued waiting decodes at which the pool reports itself full.
   */
  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {
    if (!(concurrency >= 1) || !(maxQueued >= 1))
      throw new RangeError('concurrency and maxQueued must be ≥ 1');
  }

  /** Decodes running now. */
  get active(): number {
    return this.activeCount;
  }

  /** Decodes waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** True from the moment `maxQueued` decodes wait until the queue is down to half of that. */
  get full(): boolean {
    return this.isFull;
  }

  /** Calls `listener(true)` when the pool becomes full and `listener(false)` when it has room again. Returns an unsubscribe function. */
  onPressure(listener: (full: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `task` when a slot is free; resolves or rejects with its outcome. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.activeCount >= this.concurrency) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        this.updatePressure();
      });
    } else {
      this.activeCount += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter (activeCount unchanged), or is released.
      if (next) next();
      else this.activeCount -= 1;
      this.updatePressure();
    }
  }

  private updatePressure(): void {
    const full = this.isFull
      ? this.waiting.length > Math.floor(this.maxQueued / 2)
      : this.waiting.length >= this.maxQueued;
    if (full === this.isFull) return;
    this.isFull = full;
    for (const listener of this.listeners) listener(full);
  }
}
