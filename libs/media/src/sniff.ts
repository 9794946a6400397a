import { fileTypeFromBuffer } from 'file-type';
import { MediaError } from './errors';

/** How a medium is decoded: sharp for images (incl. animated GIF/WebP), ffmpeg for video and audio. */
export type MediaFamily = 'image' | 'video' | 'audio';

export interface SniffedType {
  /** MIME type from the bytes' signature (file-type), e.g. `image/jpeg`, `audio/ogg; codecs=opus`. */
  readonly mime: string;
  /** Canonical extension, e.g. `jpg`, `mp4`. */
  readonly ext: string;
  readonly family: MediaFamily;
}

/**
 * Types Vigil decodes, by sniffed MIME type. Images are the formats sharp's prebuilt libvips reads
 * (HEIC is missing from it; SVG and PDF are left out on purpose: they are documents that can reference
 * other resources). Video and audio are the common containers Debian's ffmpeg demuxes.
 */
const FAMILIES: Readonly<Record<string, MediaFamily>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/apng': 'image',
  'image/webp': 'image',
  'image/avif': 'image',
  'image/gif': 'image',
  'image/tiff': 'image',
  'video/mp4': 'video',
  'video/x-m4v': 'video',
  'video/quicktime': 'video',
  'video/webm': 'video',
  'video/x-matroska': 'video',
  'video/3gpp': 'video',
  'video/mpeg': 'video',
  'video/mp2t': 'video',
  'video/x-msvideo': 'video',
  'video/x-flv': 'video',
  'video/ogg': 'video',
  'audio/mpeg': 'audio',
  'audio/aac': 'audio',
  'audio/x-m4a': 'audio',
  'audio/mp4': 'audio',
  'audio/ogg': 'audio',
  'audio/ogg; codecs=opus': 'audio',
  'audio/opus': 'audio',
  'audio/wav': 'audio',
  'audio/flac': 'audio',
  'audio/x-flac': 'audio',
};

/**
 * Identifies a medium from its bytes (magic numbers, via file-type), never from its URL or declared type.
 * @throws MediaError MEDIA_CORRUPT for an empty body; MEDIA_UNSUPPORTED_TYPE when the signature is
 *   unknown or names a type Vigil does not decode (e.g. a ZIP named `photo.jpg`).
 */
export async function sniffType(bytes: Uint8Array): Promise<SniffedType> {
  if (bytes.byteLength === 0) throw new MediaError('MEDIA_CORRUPT', 'empty medium (0 bytes)');
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) {
    throw new MediaError('MEDIA_UNSUPPORTED_TYPE', 'unrecognised file signature');
  }
  const family = FAMILIES[detected.mime];
  if (!family) {
    throw new MediaError('MEDIA_UNSUPPORTED_TYPE', `unsupported type ${detected.mime} (.${detected.ext})`);
  }
  return { mime: detected.mime, ext: detected.ext, family };
}
