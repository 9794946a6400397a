import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import sharp from 'sharp';
import { resizeKey, type RawImage, type ResizeSpec } from '@vigil/contracts';

/** A decoded frame as ingest would produce it: size before resizing and the requested variants. */
export interface RenderedFrame {
  readonly width: number;
  readonly height: number;
  readonly variants: Record<string, RawImage>;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const square = (x: number, y: number, fill: string) =>
  `<rect x="${x}" y="${y}" width="120" height="120" fill="${fill}"/>`;
const drawing = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="384"><rect width="512" height="384" fill="white"/>${body}</svg>`;

/**
 * Drawn pictures the corpus names like photos (hard negatives for the image experts: flat colour shapes
 * on white, which once scored 0.70 for hate). Rendered from SVG; nothing is stored.
 */
export const GENERATED_PHOTOS: Readonly<Record<string, string>> = {
  'gen-squares-rgb.png': drawing(
    square(40, 132, '#d62728') + square(196, 132, '#2ca02c') + square(352, 132, '#1f77b4'),
  ),
  'gen-squares-cmy.png': drawing(
    square(60, 60, '#17becf') + square(196, 200, '#e377c2') + square(330, 60, '#ffdd00'),
  ),
  'gen-circles.png': drawing(
    '<circle cx="130" cy="192" r="70" fill="#ff7f0e"/><circle cx="256" cy="192" r="70" fill="#9467bd"/><circle cx="382" cy="192" r="70" fill="#8c564b"/>',
  ),
};

/** The photo's bytes: a file of the photos folder, or a GENERATED_PHOTOS drawing of that name. */
function photoBytes(photo: string): Buffer {
  const svg = GENERATED_PHOTOS[basename(photo)];
  return svg ? Buffer.from(svg) : readFileSync(photo);
}

/**
 * Renders a meme: the photo with `overlay` as white bold capitals with a black outline along the top
 * (DejaVu Sans Bold through librsvg/fontconfig, falling back to the system sans-serif), wrapped to fit.
 * @returns PNG bytes.
 */
export async function renderMeme(photo: string, overlay?: string): Promise<Buffer> {
  const image = sharp(photoBytes(photo)).removeAlpha().toColourspace('srgb');
  const { width = 512, height = 512 } = await image.metadata();
  if (!overlay) return image.png().toBuffer();
  const size = Math.round(Math.min(width, height) / 9);
  const perLine = Math.max(8, Math.floor(width / (size * 0.62)));
  const lines: string[] = [];
  for (const word of overlay.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= perLine)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const text = lines
    .map(
      (line, i) =>
        `<text x="50%" y="${size * (1.15 + i * 1.1)}" text-anchor="middle">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${size}" fill="white" stroke="black" stroke-width="${Math.max(2, size / 14)}" paint-order="stroke">${text}</g></svg>`;
  return image
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
}

/** Decodes an image and produces the resize variants (sharp, as ingest does), RGB uint8 HWC. */
export async function decodeVariants(bytes: Buffer, specs: readonly ResizeSpec[]): Promise<RenderedFrame> {
  const base = sharp(bytes).rotate().removeAlpha().toColourspace('srgb');
  const { width = 1, height = 1 } = await base.metadata();
  const variants: Record<string, RawImage> = {};
  for (const spec of specs) {
    const { data, info } = await base
      .clone()
      .resize({
        width: spec.width,
        height: spec.height,
        fit: spec.fit,
        withoutEnlargement: spec.fit === 'inside',
        background: spec.background
          ? { r: spec.background[0], g: spec.background[1], b: spec.background[2] }
          : undefined,
      })
      .raw()
      .toBuffer({ resolveWithObject: true });
    variants[resizeKey(spec)] = { width: info.width, height: info.height, data: new Uint8Array(data) };
  }
  return { width, height, variants };
}
