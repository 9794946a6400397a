import sharp from 'sharp';
import { decodeRgb } from './frames';
import type { RawImage } from '@vigil/contracts';

/** English lines for the OCR accuracy test; thin glyphs ("ill", "pills", "lil") on purpose. */
export const OCR_LINES = [
  'Take two pills after dinner',
  'The ill bill will fill the mill',
  'Free shipping on all orders today',
  'Meeting moved to 3:45 PM',
  'Call 555-0142 for details',
  'Limited offer: 50% off',
  'Still filling little bottles',
  'Quick brown fox jumps over the lazy dog',
  'Vote early, vote often',
  'Sale ends Sunday at midnight',
  'Do not feed the animals',
  'Welcome to the jungle',
  'Fresh milk and bread',
  'Illinois skill hills',
  'All lilies will wilt',
  'Open 24 hours a day',
  'Keep calm and carry on',
  'Lost cat, answers to Milo',
  'Warning: wet floor',
  'Parking for customers only',
  'Happy birthday Jill',
  'Click the link in bio',
  'Pay with card or cash',
  'Winter is coming soon',
  'Pillow fight at 9 tonight',
] as const;

export const OCR_FONTS = [
  'DejaVu Sans',
  'DejaVu Serif',
  'DejaVu Sans Mono',
  'Liberation Sans',
  'Liberation Serif',
  'Liberation Mono',
] as const;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface RenderedLine {
  readonly text: string;
  readonly font: string;
  readonly size: number;
  readonly style: 'dark-on-light' | 'light-on-dark' | 'meme';
  readonly image: RawImage;
}

/**
 * Renders one line of text with sharp (librsvg + fontconfig): plain styles on a flat background, or
 * meme style (white fill, black outline) composited over a photo.
 */
export async function renderLine(
  text: string,
  font: string,
  size: number,
  style: RenderedLine['style'],
  photo?: string,
): Promise<RenderedLine> {
  const width = Math.ceil(text.length * size * 0.68) + 40;
  const height = Math.ceil(size * 1.8) + 20;
  const [fg, bg] = style === 'light-on-dark' ? ['#f4f4f4', '#1c2230'] : ['#111111', '#fbfbf6'];
  const textAttrs =
    style === 'meme'
      ? `fill="#ffffff" stroke="#000000" stroke-width="${Math.max(1.5, size / 14).toFixed(1)}" font-weight="bold"`
      : `fill="${fg}"`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${
    style === 'meme' ? '' : `<rect width="100%" height="100%" fill="${bg}"/>`
  }<text x="20" y="${Math.round(height / 2 + size * 0.35)}" font-family="${font}" font-size="${size}" ${textAttrs}>${escape(text)}</text></svg>`;
  let png: Buffer;
  if (style === 'meme' && photo) {
    const background = await sharp(photo).resize(width, height, { fit: 'cover' }).toBuffer();
    png = await sharp(background)
      .composite([{ input: Buffer.from(svg) }])
      .png()
      .toBuffer();
  } else {
    png = await sharp(Buffer.from(svg)).png().toBuffer();
  }
  return { text, font, size, style, image: await decodeRgb(png) };
}

/** Levenshtein distance between two strings (characters). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
