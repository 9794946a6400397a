/**
 * `npm run bench:experts`: per expert and batch size (1, 4, 16), ms per item and items/s on the
 * onnxruntime CPU provider with intra-op threads = cores, beside the source model in TensorFlow.js
 * (WASM backend) where one exists; model load time and the process's peak RSS after each expert.
 * Inputs: random tensors for the converted models (model time only), real photos for OCR (whole
 * pipeline: detection, post-processing, direction, recognition). Figures are medians over several calls
 * (the machine is shared). Prints a Markdown table and the load average before and after.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { readBundleManifest, resizeKey } from '@vigil/contracts';
import { createSession, expertEntry, OcrRunner, ort } from '@vigil/model';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { BUNDLE_DIR as BUNDLE, ROOT, tfjsNanodet, tfjsNsfw, useTfjsWasm } from '../test/tfjs-source';

const BATCHES = [1, 4, 16];
const loadStart = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const threads = availableParallelism();
/** Spin-waiting threads fight the other work on a shared host; `BENCH_SPINNING=1` turns it back on. */
const allowSpinning = process.env.BENCH_SPINNING === '1';
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** Median ms per item over at least 5 calls (and 32 items) after one warm-up call: robust to a busy machine. */
async function time(fn: () => Promise<unknown>, items: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < Math.max(5, Math.ceil(32 / items)); i++) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / items);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

function row(m: Measured, tfjs?: number) {
  const ratio = tfjs ? `${(tfjs / m.ortMs).toFixed(1)}×` : '–';
  console.log(
    `| ${m.expert} | ${m.batch} | ${m.ortMs.toFixed(1)} | ${(1000 / m.ortMs).toFixed(1)} | ${tfjs ? tfjs.toFixed(1) : '–'} | ${ratio} | ${m.loadMs.toFixed(0)} | ${m.rss} |`,
  );
}

interface Measured {
  expert: string;
  batch: number;
  ortMs: number;
  loadMs: number;
  rss: string;
  feeds?: { data: Float32Array; shape: number[] };
}

/** ORT phase: model time of a converted expert on a fixed pseudo-random input. */
async function converted(name: string, out: Measured[]) {
  const manifest = readBundleManifest(BUNDLE);
  const entry = expertEntry(manifest, name);
  const t0 = performance.now();
  const session = await createSession(join(BUNDLE, entry.files.model!), {
    provider: 'cpu',
    intraOpThreads: threads,
  });
  const loadMs = performance.now() - t0;
  for (const batch of BATCHES) {
    const shape = entry.inputs[0]!.shape.map((d) => (typeof d === 'number' ? d : batch));
    const data = Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      (_, i) => ((i * 7919) % 255) / 255,
    );
    const feeds = { [entry.inputs[0]!.name]: new ort.Tensor('float32', data, shape) };
    const ortMs = await time(() => session.run(feeds), batch);
    out.push({ expert: name, batch, ortMs, loadMs, rss: rssMb(), feeds: { data, shape } });
  }
  await session.release();
}

/** TensorFlow.js phase, after every ORT figure (its WASM threads would otherwise compete for the cores). */
async function tfjsMs(m: Measured, model: (x: tf.Tensor) => tf.Tensor | tf.Tensor[]): Promise<number> {
  const x = tf.tensor(m.feeds!.data, m.feeds!.shape);
  const ms = await time(async () => {
    const out = model(x);
    await Promise.all((Array.isArray(out) ? out : [out]).map((t) => t.data()));
    tf.dispose(out);
  }, m.batch);
  x.dispose();
  return ms;
}

async function main() {
  const measured: Measured[] = [];
  await converted('nsfw', measured);
  await converted('objects', measured);

  const entry = expertEntry(readBundleManifest(BUNDLE), 'ocr');
  const t0 = performance.now();
  const ocr = await OcrRunner.create(entry, BUNDLE, {
    provider: 'cpu',
    intraOpThreads: threads,
    allowSpinning,
  });
  const loadMs = performance.now() - t0;
  const spec = entry.preprocess!.resize;
  const { data, info } = await sharp(join(ROOT, '.data/photos/page.png'))
    .removeAlpha()
    .resize(spec.width, spec.height, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = {
    width: info.width,
    height: info.height,
    variants: { [resizeKey(spec)]: { width: info.width, height: info.height, data: new Uint8Array(data) } },
  };
  for (const batch of BATCHES) {
    const ortMs = await time(() => ocr.run(Array<typeof frame>(batch).fill(frame)), batch);
    measured.push({ expert: 'ocr (page.png, whole pipeline)', batch, ortMs, loadMs, rss: rssMb() });
  }
  await ocr.release();

  await useTfjsWasm();
  console.log(
    `bench: onnxruntime-node CPU, ${threads} intra-op threads (spinning ${allowSpinning ? 'on' : 'off'}); TensorFlow.js ${tf.version_core} ${tf.getBackend()}`,
  );
  console.log(
    '| expert | batch | ORT ms/item | ORT items/s | tfjs ms/item | speed-up | ORT load ms | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const nsfwModel = await tfjsNsfw();
  const nanoModel = await tfjsNanodet();
  for (const m of measured) {
    if (m.expert === 'nsfw') row(m, await tfjsMs(m, (x) => nsfwModel.predict(x) as tf.Tensor));
    // The tfjs graph has a fixed batch of 1: its batches run image by image.
    else if (m.expert === 'objects')
      row(
        m,
        await tfjsMs(m, (x) =>
          tf.split(x, x.shape[0]!).flatMap((one) => nanoModel.execute(one) as tf.Tensor[]),
        ),
      );
    else row(m);
  }
  console.log(
    `bench: peak RSS with TensorFlow.js loaded ${rssMb()} MB (the ORT column is measured before it)`,
  );
  const loadEnd = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`bench: load average ${loadStart} at start, ${loadEnd} at end`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
