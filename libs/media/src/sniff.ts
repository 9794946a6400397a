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
  /**
   * ffmpeg demuxer for video and audio (`-f`), so ffmpeg reads the container the sniffer saw and never
   * picks its own (an HLS/DASH/ffconcat playlist hidden behind an ID3 tag opens other files).
   */
  readonly demuxer?: string;
}

/**
 * ffmpeg demuxer per accepted video/audio MIME type (names from `ffmpeg -demuxers`; `mov` reads MP4,
 * M4A, 3GP and QuickTime, `matroska` reads WebM). Playlist and reference formats (hls, dash, concat,
 * image2, …) are absent on purpose: they open further inputs.
 */
const DEMUXERS: Readonly<Record<string, string>> = {
  'video/mp4': 'mov',
  'video/x-m4v': 'mov',
  'video/quicktime': 'mov',
  'video/3gpp': 'mov',
  'audio/x-m4a': 'mov',
  'audio/mp4': 'mov',
  'video/webm': 'matroska',
  'video/x-matroska': 'matroska',
  'video/matroska': 'matroska',
  'video/mpeg': 'mpeg',
  'video/mp2t': 'mpegts',
  'video/x-msvideo': 'avi',
  'video/vnd.avi': 'avi',
  'video/x-flv': 'flv',
  'video/ogg': 'ogg',
  'audio/ogg': 'ogg',
  'audio/ogg; codecs=opus': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/wav': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
};

/** Every demuxer ffmpeg may use (`-format_whitelist`): the ones in DEMUXERS, nothing else. */
export const ACCEPTED_DEMUXERS: readonly string[] = [...new Set(Object.values(DEMUXERS))];

/** Length of the ID3v2 header, and of its footer when the header's flag byte has bit 4 set (ID3v2.4 §3.1, §3.4). */
const ID3_HEADER_BYTES = 10;

/**
 * Where the payload starts behind any ID3v2 tags, computed the way ffmpeg skips them
 * (libavformat/id3v2.c `ff_id3v2_match` / `ff_id3v2_tag_len`: consecutive tags, each 10 bytes + the
 * synchsafe size + 10 more when the footer flag is set), so the sniffer looks where ffmpeg reads.
 * @returns 0 when the bytes do not start with an ID3v2 tag.
 */
export function id3PayloadOffset(bytes: Uint8Array): number {
  let offset = 0;
  for (;;) {
    const b = bytes.subarray(offset, offset + ID3_HEADER_BYTES);
    const isTag =
      b.length === ID3_HEADER_BYTES &&
      b[0] === 0x49 && // 'I'
      b[1] === 0x44 && // 'D'
      b[2] === 0x33 && // '3'
      b[3] !== 0xff &&
      b[4] !== 0xff &&
      (b[6]! & 0x80) === 0 &&
      (b[7]! & 0x80) === 0 &&
      (b[8]! & 0x80) === 0 &&
      (b[9]! & 0x80) === 0;
    if (!isTag) return offset;
    const size = (b[6]! << 21) | (b[7]! << 14) | (b[8]! << 7) | b[9]!;
    offset += ID3_HEADER_BYTES + size + (b[5]! & 0x10 ? ID3_HEADER_BYTES : 0);
  }
}

/**
 * Types Vigil decodes, by sniffed MIME type. Images are the formats sharp's prebuilt libvips reads
 * (HEIC is missing from it; SVG and PDF are left out on purpose: they are documents that can reference
 * other resources). Video and audio are the common containers Debian's ffmpeg demuxes, under the names
 * file-type 21 gives them (`video/matroska`, `video/vnd.avi`) and the older `x-` names.
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
  'video/matroska': 'video',
  'video/3gpp': 'video',
  'video/mpeg': 'video',
  'video/mp2t': 'video',
  'video/x-msvideo': 'video',
  'video/vnd.avi': 'video',
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
 * Bytes behind ID3v2 tags are sniffed where ffmpeg will read them ({@link id3PayloadOffset}), and must be
 * audio: a tag that hides a playlist, a video or nothing at all is refused.
 * @throws MediaError MEDIA_CORRUPT for an empty body or an ID3 tag with nothing (or less than its own
 *   length) behind it; MEDIA_UNSUPPORTED_TYPE when the signature is unknown, names a type Vigil does not
 *   decode (e.g. a ZIP named `photo.jpg`), or is not audio behind an ID3 tag.
 */
export async function sniffType(bytes: Uint8Array): Promise<SniffedType> {
  if (bytes.byteLength === 0) throw new MediaError('MEDIA_CORRUPT', 'empty medium (0 bytes)');
  const offset = id3PayloadOffset(bytes);
  if (offset >= bytes.byteLength) {
    throw new MediaError(
      'MEDIA_CORRUPT',
      `ID3 tags end at byte ${offset} of ${bytes.byteLength}: no payload`,
    );
  }
  const detected = await fileTypeFromBuffer(bytes.subarray(offset));
  const behindTag = offset > 0 ? ` behind ${offset} bytes of ID3 tags` : '';
  if (!detected) {
    throw new MediaError('MEDIA_UNSUPPORTED_TYPE', `unrecognised file signature${behindTag}`);
  }
  const family = FAMILIES[detected.mime];
  if (!family || (offset > 0 && family !== 'audio')) {
    throw new MediaError(
      'MEDIA_UNSUPPORTED_TYPE',
      `unsupported type ${detected.mime} (.${detected.ext})${behindTag}`,
    );
  }
  const demuxer = DEMUXERS[detected.mime];
  return { mime: detected.mime, ext: detected.ext, family, ...(demuxer ? { demuxer } : {}) };
}
