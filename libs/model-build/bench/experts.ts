/**
 * `npm run bench:experts`: per expert and batch size (1, 4, 16), ms per item and items/s on the
 * onnxruntime CPU provider with intra-op threads = cores, beside the source model in TensorFlow.js
 * (WASM backend) where one exists; model load time and the process's peak RSS after each expert.
 * Inputs: random tensors for the converted models (model time only), real photos for OCR (whole
 * pipeline: detection, post-processing, direction, recognition). Prints a Markdown table.
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { readBundleManifest } from '@vigil/contracts';
import { createSession, expertEntry, OcrRunner, ort } from '@vigil/model';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import sharp from 'sharp';
import { resolvePackage } from '../src';
import { loadNsfwjsMobileNetV2 } from '../src/experts/nsfw';
import { HUMAN_MODELS, loadNanodet } from '../src/experts/objects';

const ROOT = join(__dirname, '..', '..', '..');
const BUNDLE = process.env.VIGIL_BUNDLE_DIR ?? join(ROOT, '.models/vigil-base');
const CACHE = process.env.VIGIL_MODEL_CACHE ?? join(ROOT, '.models/.cache');
const BATCHES = [1, 4, 16];
const threads = availableParallelism();
const rows: string[] = [];
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function time(fn: () => Promise<unknown>, items: number): Promise<number> {
  await fn(); // warm-up
  const runs = Math.max(2, Math.ceil(16 / items));
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs / items;
}

function row(expert: string, batch: number, ortMs: number, loadMs: number, tfjsMs?: number) {
  const ratio = tfjsMs ? `${(tfjsMs / ortMs).toFixed(1)}×` : '–';
  rows.push(`| ${expert} | ${batch} | ${ortMs.toFixed(1)} | ${(1000 / ortMs).toFixed(1)} | ${tfjsMs ? tfjsMs.toFixed(1) : '–'} | ${ratio} | ${loadMs.toFixed(0)} | ${rssMb()} |`);
  console.log(rows[rows.length - 1]);
}

function tfjsMemory(json: { modelTopology: unknown; weightsManifest: { weights: unknown[] }[] }, w: Uint8Array) {
  return tf.io.fromMemory({
    modelTopology: json.modelTopology as never,
    weightSpecs: json.weightsManifest.flatMap((m) => m.weights) as never,
    weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer,
  });
}

async function converted(name: string, tfjsModel: (x: tf.Tensor) => tf.Tensor | tf.Tensor[]) {
  const manifest = readBundleManifest(BUNDLE);
  const entry = expertEntry(manifest, name);
  const t0 = performance.now();
  const session = await createSession(join(BUNDLE, entry.files.model!), { provider: 'cpu', intraOpThreads: threads });
  const loadMs = performance.now() - t0;
  for (const batch of BATCHES) {
    const shape = entry.inputs[0]!.shape.map((d) => (typeof d === 'number' ? d : batch));
    const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 7919) % 255) / 255);
    const feeds = { [entry.inputs[0]!.name]: new ort.Tensor('float32', data, shape) };
    const ortMs = await time(() => session.run(feeds), batch);
    const x = tf.tensor(data, shape);
    const tfjsMs = await time(async () => {
      const out = tfjsModel(x);
      await Promise.all((Array.isArray(out) ? out : [out]).map((t) => t.data()));
      tf.dispose(out);
    }, batch);
    x.dispose();
    row(name, batch, ortMs, loadMs, tfjsMs);
  }
  await session.release();
}

async function main() {
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  await tf.setBackend('wasm');
  await tf.ready();
  console.log(`bench: onnxruntime-node CPU, ${threads} intra-op threads; TensorFlow.js ${tf.version.tfjs} ${tf.getBackend()}`);
  console.log('| expert | batch | ORT ms/item | ORT items/s | tfjs ms/item | speed-up | load ms | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|');

  const nsfw = loadNsfwjsMobileNetV2(resolvePackage('nsfwjs').dir);
  const nsfwModel = await tf.loadLayersModel(tfjsMemory(nsfw.json, nsfw.weights));
  await converted('nsfw', (x) => nsfwModel.predict(x) as tf.Tensor);
  nsfwModel.dispose();

  const nano = loadNanodet(join(CACHE, `${HUMAN_MODELS.name.replace('/', '+')}@${HUMAN_MODELS.version}`));
  const nanoModel = await tf.loadGraphModel(tfjsMemory(nano.json, nano.weights));
  // The tfjs graph has a fixed batch of 1: its batch runs image by image.
  await converted('objects', (x) => tf.split(x, x.shape[0]!).flatMap((one) => nanoModel.execute(one) as tf.Tensor[]));
  nanoModel.dispose();

  const entry = expertEntry(readBundleManifest(BUNDLE), 'ocr');
  const t0 = performance.now();
  const ocr = await OcrRunner.create(entry, BUNDLE, { provider: 'cpu', intraOpThreads: threads });
  const loadMs = performance.now() - t0;
  const spec = entry.preprocess!.resize;
  const { data, info } = await sharp(join(ROOT, '.data/photos/page.png'))
    .removeAlpha()
    .resize(spec.width, spec.height, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = { width: info.width, height: info.height, variants: { [`${spec.fit}:${spec.width}x${spec.height}`]: { width: info.width, height: info.height, data: new Uint8Array(data) } } };
  for (const batch of BATCHES) row('ocr (page.png, 4 lines)', batch, await time(() => ocr.run(Array(batch).fill(frame)), batch), loadMs);
  await ocr.release();
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
