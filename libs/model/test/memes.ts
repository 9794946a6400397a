import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { imageVariantSpecs, type BundleManifest, type Frame, type MediaPayload } from '@vigil/contracts';
import { frameFrom, PHOTOS_DIR } from './frames';

/**
 * A photo with meme text (white bold capitals, black outline) as a frame ingest would send: `top` along
 * the top edge, `bottom` along the bottom edge; `width` resizes the photo first (aspect kept).
 */
export async function memeFrame(
  manifest: BundleManifest,
  photo: string,
  top?: string,
  options: { bottom?: string; width?: number; timestamp_ms?: number } = {},
): Promise<Frame> {
  let image = sharp(readFileSync(join(PHOTOS_DIR, photo))).removeAlpha();
  if (options.width) image = sharp(await image.resize({ width: options.width }).png().toBuffer());
  const { width = 512, height = 512 } = await image.metadata();
  // Bold capitals are about 0.75 em wide: the longer line fits the width with a margin.
  const longest = Math.max(top?.length ?? 0, options.bottom?.length ?? 0, 1);
  const size = Math.round(Math.min(Math.min(width, height) / 9, (width * 0.92) / (longest * 0.75)));
  const line = (text: string, y: number) =>
    `<text x="50%" y="${y}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="white" stroke="black" stroke-width="${size / 14}" paint-order="stroke">${text}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${
    top ? line(top, size * 1.2) : ''
  }${options.bottom ? line(options.bottom, height - size * 0.5) : ''}</svg>`;
  const png = await (top || options.bottom ? image.composite([{ input: Buffer.from(svg) }]) : image)
    .png()
    .toBuffer();
  const f = await frameFrom(png, imageVariantSpecs(manifest));
  return { ...f, timestamp_ms: options.timestamp_ms ?? 0 } as Frame;
}

/** One image medium holding `frame`. */
export const imageMedium = (frame: Frame, media_id = 'img', sha256?: string): MediaPayload => ({
  media_id,
  kind: 'image',
  status: 'ok',
  frames: [frame],
  ...(sha256 ? { sha256 } : {}),
});
