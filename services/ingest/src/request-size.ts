import { encodeInternal, type InferenceRequest, type MediaPayload } from '@vigil/contracts';

/** Bytes of decoded pixels and PCM a medium carries. */
function payloadBytes(m: MediaPayload): number {
  let bytes = m.audio?.pcm_s16le.byteLength ?? 0;
  for (const f of m.frames) for (const v of Object.values(f.variants)) bytes += v.data.byteLength;
  return bytes;
}

/**
 * Encodes a request (MessagePack + LZ4) so that it fits `maxBytes` (the requests topic's
 * `max.message.bytes` less headroom): while it is too big, the heaviest medium loses every other frame,
 * and a medium down to one frame (or audio only) is replaced by a MEDIA_TOO_LARGE error. The post still
 * gets a verdict, and a record the broker would refuse never blocks its partition.
 * @returns the encoded bytes and the request they encode.
 */
export function encodeWithinLimit(
  request: InferenceRequest,
  maxBytes: number,
): { bytes: Buffer; request: InferenceRequest } {
  let current = request;
  let bytes = encodeInternal(current);
  while (bytes.length > maxBytes) {
    const heaviest = current.media.reduce<MediaPayload | undefined>(
      (best, m) => (payloadBytes(m) > (best ? payloadBytes(best) : 0) ? m : best),
      undefined,
    );
    if (!heaviest) break; // nothing left to shed; the caption limit bounds the rest
    const { audio: _dropped, ...withoutAudio } = heaviest;
    const shrunk: MediaPayload =
      heaviest.frames.length > 1
        ? { ...heaviest, frames: heaviest.frames.filter((_, i) => i % 2 === 0) }
        : {
            ...withoutAudio,
            status: 'error',
            error: {
              code: 'MEDIA_TOO_LARGE',
              message: `decoded medium does not fit the ${maxBytes}-byte request limit`,
              media_id: heaviest.media_id,
            },
            frames: [],
          };
    current = { ...current, media: current.media.map((m) => (m === heaviest ? shrunk : m)) };
    bytes = encodeInternal(current);
  }
  return { bytes, request: current };
}
