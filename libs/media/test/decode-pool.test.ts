import { describe, expect, it } from 'vitest';
import { DecodePool } from '../src';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DecodePool', () => {
  it('runs at most `concurrency` tasks at once, in arrival order', async () => {
    const pool = new DecodePool(2, 10);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const results = gates.map((gate, i) =>
      pool.run(async () => {
        started.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await gate.promise;
        running -= 1;
        return i * 10;
      }),
    );
    await Promise.resolve();
    expect([pool.active, pool.queued]).toEqual([2, 3]);
    for (const gate of gates) {
      gate.resolve();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect([pool.active, pool.queued]).toEqual([0, 0]);
  });

  it('reports full when maxQueued tasks wait, and room again at half of that', async () => {
    const pool = new DecodePool(1, 4);
    const edges: boolean[] = [];
    pool.onPressure((full) => edges.push(full));
    const gates = Array.from({ length: 6 }, deferred);
    const runs = gates.map((gate) => pool.run(() => gate.promise));
    await Promise.resolve();
    expect(pool.queued).toBe(5);
    expect(pool.full).toBe(true);
    expect(edges).toEqual([true]);
    // Queue 5 → 4 → 3: still full (above half); → 2: room again.
    for (let i = 0; i < 3; i++) {
      gates[i]!.resolve();
      await new Promise((r) => setImmediate(r));
    }
    expect(pool.queued).toBe(2);
    expect(edges).toEqual([true, false]);
    gates.slice(3).forEach((g) => g.resolve());
    await Promise.all(runs);
    expect(pool.full).toBe(false);
  });

  it('frees the slot when a task fails', async () => {
    const pool = new DecodePool(1, 1);
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run(async () => 'next')).toBe('next');
    expect(pool.active).toBe(0);
  });
});
