import { describe, expect, it } from 'vitest';
import { DynamicBatcher, type BatchRunInfo } from '../src/dynamic-batcher';

describe('DynamicBatcher', () => {
  it('gathers concurrent items into full batches and maps results back in order', async () => {
    const batches: BatchRunInfo[] = [];
    const seen: number[][] = [];
    const batcher = new DynamicBatcher<number, string>({
      maxBatchSize: 16,
      maxDelayMs: 5,
      run: async (items) => {
        seen.push([...items]);
        await new Promise((r) => setTimeout(r, 2));
        return items.map((i) => `out-${i}`);
      },
      onBatch: (info) => batches.push(info),
    });
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => batcher.submit(i)));
    expect(outcomes.map((o) => (o.ok ? o.value : o.error.message))).toEqual(
      Array.from({ length: 50 }, (_, i) => `out-${i}`),
    );
    expect(batches.map((b) => b.size)).toEqual([16, 16, 16, 2]);
    expect(seen.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('runs a lone item after the delay rather than waiting for batch-mates', async () => {
    const sizes: number[] = [];
    const batcher = new DynamicBatcher<number, number>({
      maxBatchSize: 16,
      maxDelayMs: 5,
      run: async (items) => items.map((i) => i + 1),
      onBatch: (info) => sizes.push(info.size),
    });
    expect(await batcher.submit(41)).toEqual({ ok: true, value: 42 });
    expect(sizes).toEqual([1]);
  });

  it('never mixes shape keys in one batch', async () => {
    const keysPerBatch: string[][] = [];
    const batcher = new DynamicBatcher<{ w: number }, number>({
      maxBatchSize: 8,
      maxDelayMs: 5,
      shapeKey: (x) => String(x.w),
      run: async (items) => {
        keysPerBatch.push([...new Set(items.map((x) => String(x.w)))]);
        return items.map((x) => x.w);
      },
    });
    await Promise.all([320, 640, 320, 640, 960].map((w) => batcher.submit({ w })));
    expect(keysPerBatch.every((k) => k.length === 1)).toBe(true);
    expect(keysPerBatch.map((k) => k[0]).sort()).toEqual(['320', '640', '960']);
  });

  it('isolates an input that makes the batch throw; its batch-mates still get results', async () => {
    let runs = 0;
    const batcher = new DynamicBatcher<string, string>({
      maxBatchSize: 4,
      maxDelayMs: 5,
      run: async (items) => {
        runs += 1;
        if (items.includes('corrupt')) throw new Error('invalid tensor: NaN in input');
        return items.map((s) => s.toUpperCase());
      },
    });
    const outcomes = await Promise.all(['a', 'corrupt', 'b', 'c'].map((s) => batcher.submit(s)));
    expect(outcomes[0]).toEqual({ ok: true, value: 'A' });
    expect(outcomes[1]!.ok).toBe(false);
    expect(!outcomes[1]!.ok && outcomes[1]!.error.message).toBe('invalid tensor: NaN in input');
    expect(outcomes[2]).toEqual({ ok: true, value: 'B' });
    expect(outcomes[3]).toEqual({ ok: true, value: 'C' });
    expect(runs).toBe(5); // the failed batch of 4, then each item alone
  });

  it('drains queued work on close and refuses new items', async () => {
    const batcher = new DynamicBatcher<number, number>({
      maxBatchSize: 100,
      maxDelayMs: 10_000,
      run: async (items) => [...items],
    });
    const pending = [batcher.submit(1), batcher.submit(2)];
    await batcher.close();
    expect(await Promise.all(pending)).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
    ]);
    expect((await batcher.submit(3)).ok).toBe(false);
  });
});
