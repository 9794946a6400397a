import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundleManifest, type BundleManifest } from '@vigil/contracts';
import { createSession, expertEntry, ort } from '@vigil/model';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { tarballCacheDir } from '../src';
import { HUMAN_MODELS } from '../src/experts/sources';
import { BUNDLE_DIR, CACHE_DIR, tfjsNanodet, tfjsNsfw, useTfjsWasm } from './tfjs-source';

/**
 * Parity: the same inputs through TensorFlow.js (WASM backend, the source model) and through
 * onnxruntime-node (the converted model, found through the bundle manifest). Tolerances: 1e-4 on
 * probabilities and scores, 1e-3 on features / box logits.
 */
let manifest: BundleManifest;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

beforeAll(async () => {
  manifest = readBundleManifest(BUNDLE_DIR);
  await useTfjsWasm();
});

describe('tfjs → ONNX parity', () => {
  it('nsfw (layers model): probabilities and embedding match TensorFlow.js, batch of 3', async () => {
    const entry = expertEntry(manifest, 'nsfw');
    const model = await tfjsNsfw();
    const embedder = tfl.model({
      inputs: model.inputs,
      outputs: model.getLayer('flatten_1').output as tfl.SymbolicTensor,
    });
    const shape = entry.inputs[0]!.shape.map((d) => (typeof d === 'number' ? d : 3));
    const x = tf.randomUniform(shape, 0, 1, 'float32', 42);
    const probs = await (model.predict(x) as tf.Tensor).data();
    const features = await (embedder.predict(x) as tf.Tensor).data();
    const session = await createSession(join(BUNDLE_DIR, entry.files.model!), {
      provider: 'cpu',
      intraOpThreads: 2,
    });
    const out = await session.run({
      [entry.inputs[0]!.name]: new ort.Tensor('float32', (await x.data()) as Float32Array, shape),
    });
    const dp = maxAbsDiff(probs, out.probabilities!.data as Float32Array);
    const de = maxAbsDiff(features, out.embedding!.data as Float32Array);
    console.log(
      `parity nsfw: probabilities max abs diff ${dp.toExponential(2)}, embedding ${de.toExponential(2)}`,
    );
    expect(dp).toBeLessThanOrEqual(1e-4);
    expect(de).toBeLessThanOrEqual(1e-3);
    await session.release();
  });

  it('objects (graph model, nanodet): every head matches TensorFlow.js; batch rows equal single runs', async () => {
    const entry = expertEntry(manifest, 'objects');
    const dir = tarballCacheDir(HUMAN_MODELS, CACHE_DIR);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe(HUMAN_MODELS.version);
    const model = await tfjsNanodet();
    const x = tf.randomUniform([1, 3, 416, 416], 0, 1, 'float32', 7);
    const heads = {
      cls_8: 'Identity:0',
      reg_8: 'Identity_3:0',
      cls_16: 'Identity_1:0',
      reg_16: 'Identity_4:0',
      cls_32: 'Identity_2:0',
      reg_32: 'Identity_5:0',
    };
    const expected = await Promise.all(
      (model.execute(x, Object.values(heads)) as tf.Tensor[]).map((t) => t.data()),
    );
    const session = await createSession(join(BUNDLE_DIR, entry.files.model!), {
      provider: 'cpu',
      intraOpThreads: 2,
    });
    const other = tf.randomUniform([1, 3, 416, 416], 0, 1, 'float32', 8);
    const batch = tf.concat([other, x]);
    const out = await session.run({
      [entry.inputs[0]!.name]: new ort.Tensor(
        'float32',
        (await batch.data()) as Float32Array,
        [2, 3, 416, 416],
      ),
    });
    const diffs = Object.keys(heads).map((name, i) => {
      const all = out[name]!.data as Float32Array;
      return [name, maxAbsDiff(expected[i]!, all.subarray(all.length / 2))] as const;
    });
    console.log(`parity objects: ${diffs.map(([n, d]) => `${n} ${d.toExponential(2)}`).join(', ')}`);
    for (const [name, d] of diffs) expect(d, name).toBeLessThanOrEqual(name.startsWith('cls') ? 1e-4 : 1e-3);
    expect(entry.outputs.find((o) => o.name === 'cls_8')!.labels![0]).toBe('person');
    await session.release();
  });
});
