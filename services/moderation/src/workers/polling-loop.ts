import type { ReadinessRegistry } from '@vigil/platform';
import type { OutboxSignal } from './outbox-signal';

/**
 * Runs `tick` repeatedly until stopped: immediately again when it did work, after `idleMs` when it did
 * none, after a back-off when it threw (errors go to `onError`; the loop never dies of one).
 * `wake()` cuts an idle wait short (new work known to be there).
 */
export class PollingLoop {
  private stopped = true;
  private running?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly tick: () => Promise<number>,
    private readonly idleMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly errorBackoffMs = 1000,
  ) {}

  get isRunning(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.run();
  }

  /** Ends the loop after the current tick; resolves when it has returned. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.running;
  }

  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let wait = 0;
      try {
        if ((await this.tick()) === 0) wait = this.idleMs;
      } catch (error) {
        this.onError(error);
        wait = this.errorBackoffMs;
      }
      if (wait > 0 && !this.stopped) await this.sleep(wait);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

/**
 * Starts a worker's loop, wakes it on the outbox signal and reports it in `/readyz` under `name`.
 * @returns a stop function (unsubscribes, then waits for the current tick).
 */
export function runWorkerLoop(
  loop: PollingLoop,
  name: string,
  signal: OutboxSignal,
  readiness: ReadinessRegistry,
): () => Promise<void> {
  loop.start();
  const unsubscribe = signal.subscribe(() => loop.wake());
  readiness.register(name, async () => {
    if (!loop.isRunning) throw new Error(`${name} not running`);
  });
  return async () => {
    unsubscribe();
    await loop.stop();
  };
}
