import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  imageVariantSpecs,
  readBundleManifest,
  resizeKey,
  type Frame,
  type InferenceRequest,
  type MediaPayload,
  type RawImage,
} from '@vigil/contracts';
import { BatchConsumer, type IncomingRecord, type KafkaSettings } from '@vigil/kafka';
import { uniqueName } from '@vigil/kafka/testing';
import { speechPcm } from '@vigil/model/testing';
import sharp from 'sharp';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const PHOTOS = join(ROOT, '.data', 'photos');
/** The default bundle (`npm run models:build`; infra/stack/test.sh builds it before the tests). */
export const BUNDLE_DIR = resolve(ROOT, process.env.VIGIL_BUNDLE_DIR ?? '.models/vigil-base');
if (!existsSync(join(BUNDLE_DIR, 'manifest.json')))
  throw new Error(`no model bundle at ${BUNDLE_DIR}: run \`npm run models:build\` first`);
export const MANIFEST = readBundleManifest(BUNDLE_DIR);

/** Redis for the media cache (the machine's, as in CI). */
export const REDIS_URL = process.env.VIGIL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const frameCache = new Map<string, Promise<Frame>>();

/**
 * A frame of a real photo with every variant the bundle manifest asks for, resized by sharp the way
 * ingest does it (`inside` never enlarges; `fill`/`contain` give exact shapes).
 */
export function photoFrame(photo: string, timestamp_ms = 0): Promise<Frame> {
  const key = `${photo}@${timestamp_ms}`;
  if (!frameCache.has(key))
    frameCache.set(
      key,
      (async () => {
        const base = sharp(readFileSync(join(PHOTOS, photo)))
          .removeAlpha()
          .toColourspace('srgb');
        const meta = await base.metadata();
        const variants: Record<string, RawImage> = {};
        for (const spec of imageVariantSpecs(MANIFEST)) {
          const [r, g, b] = spec.background ?? [255, 255, 255];
          const { data, info } = await base
            .clone()
            .resize({
              width: spec.width,
              height: spec.height,
              fit: spec.fit,
              withoutEnlargement: spec.fit === 'inside',
              background: { r, g, b },
            })
            .raw()
            .toBuffer({ resolveWithObject: true });
          variants[resizeKey(spec)] = { width: info.width, height: info.height, data: new Uint8Array(data) };
        }
        return { timestamp_ms, width: meta.width!, height: meta.height!, variants };
      })(),
    );
  return frameCache.get(key)!;
}

/** An image medium of a real photo; its sha256 is that of the file's bytes, as ingest computes it. */
export async function photoMedia(photo: string, mediaId = 'img'): Promise<MediaPayload> {
  const bytes = readFileSync(join(PHOTOS, photo));
  return {
    media_id: mediaId,
    kind: 'image',
    status: 'ok',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    mime: photo.endsWith('.jpg') ? 'image/jpeg' : 'image/png',
    frames: [await photoFrame(photo)],
  };
}

/** An audio medium: `text` spoken by espeak-ng, 16 kHz mono s16le as ingest delivers it. */
export function speechMedia(text: string, mediaId = 'aud'): MediaPayload {
  const pcm = speechPcm(text);
  const duration_ms = (pcm.byteLength / 32000) * 1000;
  return {
    media_id: mediaId,
    kind: 'audio',
    status: 'ok',
    sha256: createHash('sha256').update(pcm).digest('hex'),
    duration_ms,
    frames: [],
    audio: { sample_rate: 16000, pcm_s16le: pcm, duration_ms },
  };
}

/** The same medium with its image-stats variant cut short: a corrupt tensor. */
export function corrupted(media: MediaPayload): MediaPayload {
  const frame = media.frames[0]!;
  const variants = Object.fromEntries(
    Object.entries(frame.variants).map(([k, v]) => [k, { ...v, data: v.data.subarray(0, 999) }]),
  );
  return { ...media, sha256: 'f'.repeat(64), frames: [{ ...frame, variants }] };
}

export function request(
  postId: string,
  caption: string,
  media: MediaPayload[] = [],
  extra: Partial<InferenceRequest> = {},
): InferenceRequest {
  return {
    schema_version: 1,
    request_id: `acme:${postId}:0`,
    tenant_id: 'acme',
    post_id: postId,
    revision: 0,
    trace_id: createHash('md5').update(postId).digest('hex'),
    received_at: Date.now(),
    priority: 'normal',
    text: { caption, truncated: false },
    media,
    errors: [],
    timings: { fetch_ms: 3, decode_ms: 5 },
    created_at: '2026-11-01T10:00:00.000Z',
    ...extra,
  };
}

/** Reads every record of some topics (its own consumer group) for assertions. */
export class TopicCollector {
  readonly records: IncomingRecord[] = [];
  private readonly consumer: BatchConsumer;

  constructor(settings: KafkaSettings, topics: string[]) {
    this.consumer = new BatchConsumer(settings, {
      groupId: uniqueName('collector'),
      topics,
      eachBatch: async (records) => {
        this.records.push(...records);
      },
    });
  }

  async start(): Promise<void> {
    const assigned = this.consumer.waitForAssignment();
    await this.consumer.start();
    await assigned;
  }

  /** Resolves once `predicate` holds, polling every 100 ms. @throws after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms (${this.records.length} records)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}
