import { join } from 'node:path';
import sharp from 'sharp';
import { readBundleManifest, resizeKey, type RawImage } from '@vigil/contracts';
import { expertEntry, OcrRunner, type OcrLanguage, type SessionOptions } from '@vigil/model';
import { PHOTOS_DIR } from '../corpus/media';
import { decodeVariants } from '../corpus/render';

/**
 * Meme text written for this eval (top line, bottom line), six per language, with the letters each
 * language needs (ß ä ö ü, é è à ç ù ê, ñ á í ó ú ¿ ¡, ã õ ç ê á).
 */
export const OCR_MEMES: Readonly<Record<OcrLanguage, readonly (readonly [string, string])[]>> = {
  en: [
    ['I know where you live', 'see you tonight'],
    ['When the wifi goes down', 'and you have to talk to your family'],
    ['Nobody asked for your opinion', 'but here it is anyway'],
    ['Me before my first coffee', 'do not talk to me'],
    ['Send me your password', 'or your account gets deleted'],
    ['That moment when', 'the weekend is over already'],
  ],
  fr: [
    ['Je sais où tu habites', 'ça va mal finir pour toi'],
    ['Quand le café est froid', 'et la réunion commence à huit heures'],
    ['Personne ne t’a demandé', 'ton avis de génie'],
    ['Moi après une longue journée', 'je ne réponds plus à personne'],
    ['Ferme-la ou je te frappe', 'tu vas voir demain'],
    ['Les vacances sont finies', 'déjà la rentrée des élèves'],
  ],
  de: [
    ['Ich weiß wo du wohnst', 'du wirst es bereuen'],
    ['Wenn der Kaffee leer ist', 'und der Montag schon beginnt'],
    ['Niemand hat dich gefragt', 'aber schön dass du redest'],
    ['So eine Scheiße', 'schon wieder Stau auf der Brücke'],
    ['Hör auf zu lügen', 'sonst gibt es Ärger'],
    ['Grüße aus München', 'das Wetter ist heute schön'],
  ],
  es: [
    ['Sé dónde vives', 'mañana vas a pagar'],
    ['Cuando el café se acaba', 'y todavía es lunes por la mañana'],
    ['¿Quién te preguntó?', 'nadie, como siempre'],
    ['Mi niño después del colegio', 'pidiendo más galletas'],
    ['Cállate o te rompo la cara', 'ya verás esta noche'],
    ['Las vacaciones terminaron', 'qué tristeza tan grande'],
  ],
  pt: [
    ['Eu sei onde você mora', 'não saia de casa hoje'],
    ['Quando o café acaba', 'e ainda é segunda de manhã'],
    ['Ninguém perguntou sua opinião', 'mas obrigado mesmo assim'],
    ['Minha mãe depois da reunião', 'com aquela expressão séria'],
    ['Cala a boca ou vai apanhar', 'amanhã você vai ver'],
    ['As férias acabaram', 'que saudade do verão'],
  ],
};

const PHOTOS = [
  'coffee.png',
  'chelsea.png',
  'astronaut.png',
  'horse.png',
  'rocket.jpg',
  'motorcycle_left.png',
];

/** `impact`: white bold capitals with a black outline over the photo; `caption`: dark sentence case on a white band. */
export type MemeStyle = 'impact' | 'caption';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Renders a meme (sharp: librsvg + fontconfig, DejaVu Sans Bold), its text sized so the longer line
 * fits the photo's width. @returns PNG bytes and the text as rendered (capitals for `impact`).
 */
export async function renderOcrMeme(
  photo: string,
  [top, bottom]: readonly [string, string],
  style: MemeStyle,
): Promise<{ png: Buffer; text: [string, string] }> {
  const lines: [string, string] =
    style === 'impact' ? [top.toUpperCase(), bottom.toUpperCase()] : [top, bottom];
  const image = sharp(photo).removeAlpha().toColourspace('srgb').resize({ width: 640 });
  const { data, info } = await image.png().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const em = style === 'impact' ? 0.74 : 0.6;
  const size = Math.round(
    Math.min(height / 10, (width * 0.92) / (Math.max(...lines.map((l) => l.length)) * em)),
  );
  const text = (t: string, y: number) => `<text x="50%" y="${y}" text-anchor="middle">${escapeXml(t)}</text>`;
  const svg =
    style === 'impact'
      ? `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="white" stroke="black" stroke-width="${Math.max(2, size / 14).toFixed(1)}" paint-order="stroke">${text(lines[0], size * 1.2)}${text(lines[1], height - size * 0.5)}</g></svg>`
      : `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="${size * 3.2}" fill="white"/><g font-family="DejaVu Sans" font-size="${size}" fill="#111">${text(lines[0], size * 1.3)}${text(lines[1], size * 2.7)}</g></svg>`;
  const png = await sharp(data)
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
  return { png, text: lines };
}

/** Levenshtein distance between two sequences (characters or words). */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Error rates of one slice: CER = character edits / reference characters; WER the same over words. */
export interface OcrRates {
  readonly images: number;
  readonly cer: number;
  readonly wer: number;
  /** Share of images whose whole text was read exactly (lines joined by one space). */
  readonly exact: number;
}

export interface OcrSlice {
  readonly lang: OcrLanguage;
  readonly style: MemeStyle;
  /** PaddleOCR alone (the read before word splitting and the second engine). */
  readonly before: OcrRates;
  /** What the OCR expert returns now. */
  readonly after: OcrRates;
  /** Lines where Tesseract's read (whole, or its accents) was kept, of all lines read. */
  readonly tesseractLines: number;
  readonly lines: number;
}

export interface OcrReport {
  readonly slices: OcrSlice[];
  readonly ms: number;
  /** Reads that differ from the reference after refinement (for the docs and debugging). */
  readonly misses: string[];
}

function rates(pairs: readonly { hyp: string; ref: string }[]): OcrRates {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  let chars = 0;
  let charErr = 0;
  let words = 0;
  let wordErr = 0;
  let exact = 0;
  for (const p of pairs) {
    const hyp = norm(p.hyp);
    const ref = norm(p.ref);
    chars += [...ref].length;
    charErr += editDistance([...hyp], [...ref]);
    words += ref.split(' ').length;
    wordErr += editDistance(hyp.split(' '), ref.split(' '));
    if (hyp === ref) exact++;
  }
  return { images: pairs.length, cer: charErr / chars, wer: wordErr / words, exact: exact / pairs.length };
}

/**
 * OCR character and word error rates on rendered memes (OCR_MEMES, 5 languages × 6 memes × 2 styles,
 * on the skimage photos): PaddleOCR's read alone ("before") and the expert's refined read ("after":
 * reading order, word splitting, Tesseract for accents), per language and style.
 */
export async function evaluateOcr(bundleDir: string, session: SessionOptions): Promise<OcrReport> {
  const entry = expertEntry(readBundleManifest(bundleDir), 'ocr');
  const runner = await OcrRunner.create(entry, bundleDir, session);
  const spec = entry.preprocess!.resize;
  const started = Date.now();
  const slices: OcrSlice[] = [];
  const misses: string[] = [];
  try {
    for (const lang of Object.keys(OCR_MEMES) as OcrLanguage[])
      for (const style of ['impact', 'caption'] as const) {
        const before: { hyp: string; ref: string }[] = [];
        const after: { hyp: string; ref: string }[] = [];
        let tesseractLines = 0;
        let lines = 0;
        for (const [k, meme] of OCR_MEMES[lang].entries()) {
          const { png, text } = await renderOcrMeme(
            join(PHOTOS_DIR, PHOTOS[k % PHOTOS.length]!),
            meme,
            style,
          );
          const frame = await decodeVariants(png, [spec]);
          const image: RawImage = frame.variants[resizeKey(spec)]!;
          const [read] = await runner.run([
            { width: frame.width, height: frame.height, variants: { [resizeKey(spec)]: image } },
          ]);
          const ref = text.join(' ');
          const hyp = read!.map((l) => l.text).join(' ');
          before.push({ hyp: read!.map((l) => l.refined?.paddle ?? l.text).join(' '), ref });
          after.push({ hyp, ref });
          lines += read!.length;
          tesseractLines += read!.filter((l) => l.refined && l.refined.engine !== 'paddle').length;
          if (hyp !== ref) misses.push(`${lang} ${style}: "${ref}" → "${hyp}"`);
        }
        slices.push({ lang, style, before: rates(before), after: rates(after), tesseractLines, lines });
      }
  } finally {
    await runner.release();
  }
  return { slices, ms: Date.now() - started, misses };
}

/** The OCR report as a Markdown table (what `npm run eval` prints after the classification tables). */
export function formatOcrReport(r: OcrReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const out = [
    `OCR on rendered memes (${r.slices.reduce((a, s) => a + s.after.images, 0)} images, ${(r.ms / 1000).toFixed(0)} s): before = PaddleOCR alone, after = the OCR expert (word splitting, Tesseract for accents, reading order)`,
    '',
    '| language | style | images | CER before | CER after | WER before | WER after | exact before | exact after | Tesseract lines |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of r.slices)
    out.push(
      `| ${s.lang} | ${s.style} | ${s.after.images} | ${pct(s.before.cer)} | ${pct(s.after.cer)} | ${pct(s.before.wer)} | ${pct(s.after.wer)} | ${pct(s.before.exact)} | ${pct(s.after.exact)} | ${s.tesseractLines}/${s.lines} |`,
    );
  return out.join('\n');
}
