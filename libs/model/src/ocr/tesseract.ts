import { spawn, spawnSync } from 'node:child_process';
import type { RawImage } from '@vigil/contracts';
import { resizeBilinear } from '../image';
import type { OcrLanguage } from './segment';

/** Tesseract's traineddata name per language (Debian tesseract-ocr-eng, -fra, -deu, -spa, -por). */
export const TESSERACT_LANGS: Readonly<Record<OcrLanguage, string>> = {
  en: 'eng',
  fr: 'fra',
  de: 'deu',
  es: 'spa',
  pt: 'por',
};

/** Tesseract could not read a line: not installed, a language missing, a timeout, or a failed run. */
export class TesseractError extends Error {
  constructor(
    readonly code: 'OCR_TESSERACT_MISSING' | 'OCR_TESSERACT_TIMEOUT' | 'OCR_TESSERACT_FAILED',
    message: string,
  ) {
    super(`tesseract: ${message}`);
    this.name = 'TesseractError';
  }
}

/** One line as Tesseract read it. */
export interface TesseractRead {
  readonly text: string;
  readonly confidence: number;
  readonly words: readonly { readonly text: string; readonly confidence: number }[];
}

export interface TesseractOptions {
  /** The tesseract executable (default `tesseract` on PATH). */
  readonly binary?: string;
  /** Per line, ms (default 5000); the process is killed after it. */
  readonly timeoutMs?: number;
}

/** Otsu's threshold (Otsu 1979) of 8-bit grey levels: the level maximising between-class variance. */
function otsu(grey: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const g of grey) hist[g]!++;
  const total = grey.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) [best, threshold] = [between, t];
  }
  return threshold;
}

/**
 * A line crop as Tesseract reads best: dark text on white, binarised (Otsu), at least 48 px high, with
 * a 10 px white margin, as a binary PGM (P5). Text is taken to be light when the crop's border is
 * mostly dark (meme captions: white fill, black outline).
 */
export function lineForTesseract(line: RawImage): Buffer {
  const scale = line.height < 48 ? 48 / line.height : 1;
  const img = scale > 1 ? resizeBilinear(line, Math.round(line.width * scale), 48) : line;
  const { width: w, height: h } = img;
  const grey = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++)
    grey[i] = Math.round(
      0.299 * img.data[i * 3]! + 0.587 * img.data[i * 3 + 1]! + 0.114 * img.data[i * 3 + 2]!,
    );
  const t = otsu(grey);
  let border = 0;
  let dark = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (y === 0 || y === h - 1 || x === 0 || x === w - 1) {
        border++;
        if (grey[y * w + x]! <= t) dark++;
      }
  const lightText = dark > border / 2;
  const m = 10;
  const W = w + 2 * m;
  const H = h + 2 * m;
  const out = Buffer.alloc(W * H, 255);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const ink = lightText ? grey[y * w + x]! > t : grey[y * w + x]! <= t;
      if (ink) out[(y + m) * W + x + m] = 0;
    }
  return Buffer.concat([Buffer.from(`P5\n${W} ${H}\n255\n`), out]);
}

/**
 * Reads single text lines with the Tesseract CLI (LSTM engine, page segmentation mode 7 "single text
 * line"), image on stdin and TSV on stdout, one process per line with one thread (OMP_THREAD_LIMIT=1):
 * the read depends on the line alone. Used where PaddleOCR's recogniser has no letters for the
 * language (ß, ç, ñ, ã, õ, ê, â, ô are not in its dictionary).
 */
export class TesseractReader {
  private constructor(
    private readonly binary: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Checks that the binary runs and has the traineddata of `langs`.
   * @throws TesseractError OCR_TESSERACT_MISSING otherwise.
   */
  static create(langs: readonly OcrLanguage[], options: TesseractOptions = {}): TesseractReader {
    const binary = options.binary ?? 'tesseract';
    const r = spawnSync(binary, ['--list-langs'], { encoding: 'utf8', timeout: 10_000 });
    if (r.status !== 0)
      throw new TesseractError(
        'OCR_TESSERACT_MISSING',
        `${binary} --list-langs failed: ${r.error?.message ?? r.stderr}`,
      );
    const have = new Set(r.stdout.split('\n').map((l) => l.trim()));
    const missing = langs.map((l) => TESSERACT_LANGS[l]).filter((l) => !have.has(l));
    if (missing.length)
      throw new TesseractError('OCR_TESSERACT_MISSING', `no traineddata for ${missing.join(', ')}`);
    return new TesseractReader(binary, options.timeoutMs ?? 5000);
  }

  /**
   * Reads one upright line crop (RGB) in `langs` (several: Tesseract's combined model, e.g. eng+deu).
   * @returns the words with their confidence 0..1, joined by single spaces, and their mean confidence.
   * @throws TesseractError OCR_TESSERACT_TIMEOUT or OCR_TESSERACT_FAILED.
   */
  read(line: RawImage, langs: readonly OcrLanguage[]): Promise<TesseractRead> {
    const lang = langs.map((l) => TESSERACT_LANGS[l]).join('+');
    const args = ['stdin', 'stdout', '-l', lang, '--psm', '7', '--oem', '1', 'tsv'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new TesseractError('OCR_TESSERACT_TIMEOUT', `no answer in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new TesseractError('OCR_TESSERACT_FAILED', e.message));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code !== 0)
          return reject(
            new TesseractError(
              'OCR_TESSERACT_FAILED',
              `exit ${code}: ${Buffer.concat(err).toString().trim()}`,
            ),
          );
        // TSV columns: level … conf text; level 5 rows are words, in reading order.
        const words = Buffer.concat(out)
          .toString('utf8')
          .split('\n')
          .map((row) => row.split('\t'))
          .filter((c) => c[0] === '5' && c[11]?.trim())
          .map((c) => ({ text: c[11]!.trim().normalize('NFC'), confidence: Number(c[10]) / 100 }));
        resolve({
          text: words.map((w) => w.text).join(' '),
          confidence: words.length ? words.reduce((a, w) => a + w.confidence, 0) / words.length : 0,
          words,
        });
      });
      child.stdin.on('error', () => undefined); // an early exit is reported by 'close'
      child.stdin.end(lineForTesseract(line));
    });
  }
}
