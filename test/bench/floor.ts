/**
 * Floor and efficiency (issue 22): after the phases, with the services stopped, this process times the
 * floor of the throughput phase's work on the same inputs: one bounded sharp decode per image (stills:
 * one decode to the largest variant the request carries; GIFs: the frames ingest sampled) plus the raw
 * ONNX Runtime session time (`InferenceSession.run`, per model file) of the experts the router picks, with
 * the inference requests ingest produced read back from their topic and classified in batches of 16 the
 * way the worker does. Not in the floor: video/audio decoding (ffmpeg), JavaScript experts (image-stats,
 * text classifier, fastText language id), PDQ hashing, Kafka and the database. Efficiency = floor ms per
 * post / actual ms per post (1000 / sustained posts/s); both use the machine's cores.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  decodeInternal,
  InferenceRequestSchema,
  postKey,
  readBundleManifest,
  type InferenceRequest,
  type PostV1Input,
} from '@vigil/contracts';
import { loadExperts, ort, VigilClassifier } from '@vigil/model';
import sharp from 'sharp';
import { ROOT } from '../../infra/stack/pipeline';
import { round, type PhaseReport } from './phase-report';
import type { Floor } from './summary';

/** The worker's default batch limit (CLASSIFIER_MAX_BATCH_SIZE), used for the floor's classify calls. */
const FLOOR_BATCH = 16;

/**
 * Times the floor (see the file comment): ORT session time of the routed experts on the requests ingest
 * produced, in batches of FLOOR_BATCH, and one bounded sharp decode per image of the same posts.
 */
export async function timeFloor(
  throughput: PhaseReport,
  posts: PostV1Input[],
  encoded: Map<string, Buffer>,
  samplesDir: string,
): Promise<Floor> {
  const bundleDir = join(ROOT, '.models', 'vigil-base');
  const manifest = readBundleManifest(bundleDir);
  const expertOfFile = new Map<string, string>();
  for (const e of manifest.experts)
    for (const f of Object.values(e.files ?? {}))
      if (typeof f === 'string') expertOfFile.set(basename(f), e.name);
  // Every session created from here on reports the time of each run() under its expert's name.
  const ortMs = new Map<string, number>();
  const create = ort.InferenceSession.create.bind(ort.InferenceSession) as (
    ...a: unknown[]
  ) => Promise<ort.InferenceSession>;
  (ort.InferenceSession as unknown as { create: (...a: unknown[]) => Promise<ort.InferenceSession> }).create =
    async (...args: unknown[]) => {
      const session = await create(...args);
      const name =
        typeof args[0] === 'string' ? (expertOfFile.get(basename(args[0])) ?? basename(args[0])) : 'buffer';
      const run = session.run.bind(session) as (...a: unknown[]) => Promise<unknown>;
      (session as unknown as { run: (...a: unknown[]) => Promise<unknown> }).run = async (
        ...a: unknown[]
      ) => {
        const t0 = performance.now();
        try {
          return await run(...a);
        } finally {
          ortMs.set(name, (ortMs.get(name) ?? 0) + performance.now() - t0);
        }
      };
      return session;
    };
  const session = { provider: 'cpu' as const };
  const { experts } = await loadExperts(manifest, bundleDir, session);
  const classifier = await VigilClassifier.load(bundleDir, { session, experts });
  const byPost: (InferenceRequest | undefined)[] = posts.map((p) => {
    const bytes = encoded.get(postKey(p.tenant_id, p.post_id));
    return bytes && decodeInternal(InferenceRequestSchema, bytes);
  });
  const requests = byPost.filter((r): r is InferenceRequest => r !== undefined);
  await classifier.classify(requests.slice(0, FLOOR_BATCH), 'routed'); // warm-up, not counted
  ortMs.clear();
  for (let i = 0; i < requests.length; i += FLOOR_BATCH)
    await classifier.classify(requests.slice(i, i + FLOOR_BATCH), 'routed');
  await classifier.release();

  // One bounded decode per image: to the largest variant ingest made of it (the GIF: its sampled frames).
  let decodeMs = 0;
  for (const [i, p] of posts.entries()) {
    const media = p.media?.[0];
    if (!media || (media.kind !== 'image' && media.kind !== 'gif') || !('url' in media.source)) continue;
    const bytes = readFileSync(join(samplesDir, basename(new URL(media.source.url).pathname)));
    const frames = byPost[i]?.media[0]?.frames ?? [];
    const sides = frames.flatMap((f) =>
      Object.values(f.variants ?? {}).map((v) => Math.max(v.width, v.height)),
    );
    const side = sides.length > 0 ? Math.max(...sides) : 512;
    const pages = media.kind === 'gif' ? Math.max(1, frames.length) : 1;
    for (let page = 0; page < pages; page++) {
      const t0 = performance.now();
      await sharp(bytes, { page })
        .resize(side, side, { fit: 'inside', withoutEnlargement: true })
        .removeAlpha()
        .raw()
        .toBuffer();
      decodeMs += performance.now() - t0;
    }
  }
  const n = posts.length;
  const ortPerPost = Object.fromEntries([...ortMs].map(([e, ms]) => [e, round(ms / n, 1)]));
  const floorMs = (decodeMs + [...ortMs.values()].reduce((a, b) => a + b, 0)) / n;
  const actualMs = 1000 / throughput.postsPerS;
  return {
    posts: n,
    requests: requests.length,
    decodeMsPerPost: round(decodeMs / n, 1),
    ortMsPerPost: ortPerPost,
    floorMsPerPost: round(floorMs, 1),
    actualMsPerPost: round(actualMs, 1),
    efficiency: round(floorMs / actualMs, 3),
  };
}
