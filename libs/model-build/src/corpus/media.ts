import { join, resolve } from 'node:path';
import { speechPcm } from '@vigil/model/testing';
import type { AudioPayload, Frame, InferenceRequest, MediaPayload, ResizeSpec } from '@vigil/contracts';
import type { CorpusRecord } from './corpus';
import { decodeVariants, renderMeme } from './render';

/** Where `infra/data/photos.sh` extracts the skimage photos. */
export const PHOTOS_DIR =
  process.env.VIGIL_PHOTOS_DIR ?? resolve(__dirname, '..', '..', '..', '..', '.data', 'photos');

function audioPayload(pcm: Uint8Array<ArrayBuffer>): AudioPayload {
  return { sample_rate: 16000, pcm_s16le: pcm, duration_ms: (pcm.byteLength / 2 / 16000) * 1000 };
}

/** The corpus case's photo (with its meme text rendered) decoded into the bundle's variants. */
export async function recordFrame(
  record: CorpusRecord,
  variants: readonly ResizeSpec[],
): Promise<Frame | undefined> {
  if (!record.image) return undefined;
  const png = await renderMeme(join(PHOTOS_DIR, record.image.photo), record.image.overlay);
  const f = await decodeVariants(png, variants);
  return { timestamp_ms: 0, width: f.width, height: f.height, variants: f.variants };
}

/** The case's video frames (one per photo, 1 s apart; meme text on `overlay_frame`), or undefined. */
export async function recordVideoFrames(
  record: CorpusRecord,
  variants: readonly ResizeSpec[],
): Promise<Frame[] | undefined> {
  const video = record.video;
  if (!video) return undefined;
  return Promise.all(
    video.photos.map(async (photo, i) => {
      const overlay = i === (video.overlay_frame ?? 0) ? video.overlay : undefined;
      const f = await decodeVariants(await renderMeme(join(PHOTOS_DIR, photo), overlay), variants);
      return { timestamp_ms: i * 1000, width: f.width, height: f.height, variants: f.variants };
    }),
  );
}

/** The case's audio: espeak-ng speech or two seconds of silence. */
export function recordAudio(record: CorpusRecord): AudioPayload | undefined {
  if (!record.audio) return undefined;
  return audioPayload(
    record.audio.kind === 'speech' ? speechPcm(record.audio.speech ?? '') : new Uint8Array(2 * 16000 * 2),
  );
}

/** An inference request for one corpus case, as ingest would produce it. */
export async function requestFor(
  record: CorpusRecord,
  variants: readonly ResizeSpec[],
): Promise<InferenceRequest> {
  const media: MediaPayload[] = [];
  const frame = await recordFrame(record, variants);
  if (frame) media.push({ media_id: `${record.id}-image`, kind: 'image', status: 'ok', frames: [frame] });
  const frames = await recordVideoFrames(record, variants);
  if (frames)
    media.push({
      media_id: `${record.id}-video`,
      kind: 'video',
      status: 'ok',
      frames,
      duration_ms: frames.length * 1000,
    });
  const audio = recordAudio(record);
  if (audio)
    media.push({
      media_id: `${record.id}-audio`,
      kind: 'audio',
      status: 'ok',
      frames: [],
      audio,
      duration_ms: audio.duration_ms,
    });
  return {
    schema_version: 1,
    request_id: `corpus:${record.id}:0`,
    tenant_id: 'corpus',
    post_id: record.id,
    revision: 0,
    trace_id: record.id,
    received_at: 0,
    priority: 'normal',
    text: { caption: record.text, truncated: false },
    media,
    errors: [],
    timings: {},
    created_at: '2026-01-01T00:00:00.000Z',
  };
}
