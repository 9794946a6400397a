import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Modality } from '@vigil/contracts';
import type { TrainExample } from './train-example';

interface Stored {
  id: string;
  tokens: { modality: Modality; features: string }[];
  targets: number[];
  mask: number[];
}

const f32 = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
};
const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/**
 * Training examples cached on disk (build-time only; `.data/` is git-ignored): computing the features of
 * every corpus case through the classifier takes minutes, and they change only when the feature bundle,
 * the classifier code that builds tokens or the cases change — all of which `keyParts` must name.
 * A missing or unreadable entry is recomputed.
 */
export async function cachedExamples(
  dir: string,
  keyParts: readonly string[],
  compute: () => Promise<TrainExample[]>,
): Promise<TrainExample[]> {
  const key = createHash('sha256').update(keyParts.join('\u0000')).digest('hex').slice(0, 24);
  const file = join(dir, `${key}.json`);
  if (existsSync(file)) {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as Stored[]).map((e) => ({
        id: e.id,
        tokens: e.tokens.map((t) => ({ modality: t.modality, features: f32(t.features) })),
        targets: Float32Array.from(e.targets),
        mask: Float32Array.from(e.mask),
      }));
    } catch {
      // recompute below
    }
  }
  const examples = await compute();
  mkdirSync(dir, { recursive: true });
  const stored: Stored[] = examples.map((e) => ({
    id: e.id,
    tokens: e.tokens.map((t) => ({ modality: t.modality, features: b64(t.features) })),
    targets: [...e.targets],
    mask: [...e.mask],
  }));
  writeFileSync(file, JSON.stringify(stored));
  return examples;
}
