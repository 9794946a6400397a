/** Shared by the ingest tests: a small model bundle manifest and a reader that collects records. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleManifestSchema, MANIFEST_VERSION, type ExpertEntry } from '@vigil/contracts';
import { BatchConsumer, type IncomingRecord, type KafkaSettings } from '@vigil/kafka';
import { uniqueName } from '@vigil/kafka/testing';

function imageExpert(name: string, fit: 'fill' | 'inside', side: number): ExpertEntry {
  return {
    name,
    modality: 'image',
    runner: 'test',
    files: { model: `${name}.onnx` },
    inputs: [{ name: 'input', shape: ['batch', 3, side, side], dtype: 'float32' }],
    outputs: [{ name: 'output', shape: ['batch', 2], dtype: 'float32' }],
    preprocess: {
      resize: { fit, width: side, height: side },
      scale: 1 / 255,
      mean: [0, 0, 0],
      std: [1, 1, 1],
      channel_order: 'RGB',
      layout: 'NCHW',
    },
    informs: ['sexual'],
    params: {},
    provenance: [],
  };
}

/**
 * Writes `<dir>/manifest.json` for a bundle with two image experts, asking ingest for a `fill:224x224`
 * and an `inside:960x960` variant of every frame (the model bundle proper is built elsewhere).
 */
export function writeTestBundle(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = BundleManifestSchema.parse({
    manifest_version: MANIFEST_VERSION,
    name: 'ingest-test',
    version: 'test-1',
    experts: [imageExpert('classify', 'fill', 224), imageExpert('detect', 'inside', 960)],
    not_covered: [],
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** Reads topics from the beginning with a throw-away group and keeps every record. */
export class TopicCollector {
  readonly records: IncomingRecord[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly consumer: BatchConsumer;

  constructor(settings: KafkaSettings, topics: string[]) {
    this.consumer = new BatchConsumer(settings, {
      groupId: uniqueName('collector'),
      topics,
      partitionsConsumedConcurrently: 6,
      eachRecord: async (r) => {
        this.records.push(r);
        for (const wake of this.waiters) wake();
      },
    });
  }

  async start(): Promise<void> {
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  /** Resolves with the records matching `predicate` once there are at least `count` of them. */
  async waitFor(
    predicate: (r: IncomingRecord) => boolean,
    count = 1,
    timeoutMs = 60_000,
  ): Promise<IncomingRecord[]> {
    await this.waitUntil(() => this.records.filter(predicate).length >= count, timeoutMs);
    return this.records.filter(predicate);
  }

  /** Resolves once `condition` (re-checked after every record) holds. */
  async waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timeout after ${timeoutMs} ms with ${this.records.length} records`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
