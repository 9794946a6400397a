import { Injectable } from '@nestjs/common';

/**
 * In-process hint that outbox rows were just committed, so the relay and the webhook dispatcher of
 * this instance poll at once instead of after their idle interval. Other instances find the rows on
 * their next poll; correctness never depends on the signal.
 */
@Injectable()
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
