import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { resizeKey, type Frame, type InferenceRequest, type MediaPayload } from '@vigil/contracts';
import { IMAGE_STATS_VARIANT } from '../src';

export const PHOTOS = resolve(__dirname, '..', '..', '..', '.data', 'photos');

/** A frame from a real photo, with the image-stats variant (sharp, as ingest makes it). */
export async function photoFrame(photo: string, timestamp_ms = 0): Promise<Frame> {
  const base = sharp(readFileSync(join(PHOTOS, photo)))
    .removeAlpha()
    .toColourspace('srgb');
  const meta = await base.metadata();
  const { data, info } = await base
    .clone()
    .resize({
      width: IMAGE_STATS_VARIANT.width,
      height: IMAGE_STATS_VARIANT.height,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    timestamp_ms,
    width: meta.width!,
    height: meta.height!,
    variants: {
      [resizeKey(IMAGE_STATS_VARIANT)]: {
        width: info.width,
        height: info.height,
        data: new Uint8Array(data),
      },
    },
  };
}

export { speechPcm as speech } from '../src/testing';

export function audioMedia(id: string, pcm: Uint8Array<ArrayBuffer>): MediaPayload {
  const duration_ms = (pcm.byteLength / 32000) * 1000;
  return {
    media_id: id,
    kind: 'audio',
    status: 'ok',
    frames: [],
    audio: { sample_rate: 16000, pcm_s16le: pcm, duration_ms },
    duration_ms,
  };
}

export function request(id: string, caption: string, media: MediaPayload[] = []): InferenceRequest {
  return {
    schema_version: 1,
    request_id: `t:${id}:0`,
    tenant_id: 't',
    post_id: id,
    revision: 0,
    trace_id: id,
    received_at: 0,
    priority: 'normal',
    text: { caption, truncated: false },
    media,
    errors: [],
    timings: { fetch_ms: 1 },
    created_at: '2026-01-01T00:00:00.000Z',
  };
}
