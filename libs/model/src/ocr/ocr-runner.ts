import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpertEntry, RawImage } from '@vigil/contracts';
import { ExpertConfigError, isNumber, param, sessionFor, type ExpertRunner } from '../expert';
import { imagesToTensor, resizeBilinear, variantFor, type FrameInput } from '../image';
import { ort, type SessionOptions } from '../session';
import { cropQuad, rotate } from './crop';
import { ctcGreedyDecode } from './ctc';
import { readingOrder, type Quad } from './db-postprocess';
import { detectRegions, isDetParams } from './detect';
import { LineRefiner, type RefinedLine } from './line-refiner';
import { OCR_LANGUAGES, WordSegmenter } from './segment';
import { TesseractReader } from './tesseract';

let defaultSegmenter: WordSegmenter | undefined;
/**
 * Debian's word lists (loaded once per process, ~8 s and ~150 MB for the five) and the tesseract CLI.
 * @throws WordListError, TesseractError (see OcrRunner.create).
 */
export function defaultRefinement(): { segmenter: WordSegmenter; tesseract: TesseractReader } {
  defaultSegmenter ??= WordSegmenter.fromFiles();
  return { segmenter: defaultSegmenter, tesseract: TesseractReader.create(OCR_LANGUAGES) };
}

/** One recognised line: text, confidence 0..1, quad in frame pixels (TL, TR, BR, BL). */
export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  readonly box: Quad;
  /** When refined (LineRefiner): PaddleOCR's own read, the engine whose read was kept, its language. */
  readonly refined?: {
    readonly paddle: string;
    readonly engine: RefinedLine['engine'];
    readonly lang: string;
  };
}

interface LineCrop {
  frame: number;
  quad: Quad;
  image: RawImage;
}

/**
 * Runs the `ocr` expert: PaddleOCR v4 detection → DB post-processing → rectified line crops →
 * direction classifier (0°/180°) → v4 recognition with greedy CTC decoding. Lines come back in
 * reading order with per-line confidence; lines below `rec.min_confidence` or empty are dropped.
 * Detection batches frames of the same padded size (multiples of 32); recognition batches lines of the
 * same input width across all frames. What a frame reads depends on that frame alone, never on the
 * frames it is batched with.
 */
export class OcrRunner implements ExpertRunner {
  private constructor(
    readonly entry: ExpertEntry,
    private readonly det: ort.InferenceSession,
    private readonly cls: ort.InferenceSession,
    private readonly rec: ort.InferenceSession,
    private readonly charset: string[],
    private readonly refiner?: LineRefiner,
  ) {}

  /**
   * @param refine word lists and the second engine (see LineRefiner); by default Debian's word lists
   *   (DEBIAN_WORD_LISTS) and the `tesseract` CLI with the five languages; `null` reads with PaddleOCR
   *   alone, unrefined (the eval's baseline).
   * @throws ExpertConfigError when files or parameters are missing; WordListError, TesseractError
   *   (OCR_TESSERACT_MISSING) when the refinement's system packages are missing; onnxruntime errors.
   */
  static async create(
    entry: ExpertEntry,
    bundleDir: string,
    options: SessionOptions,
    refine: { segmenter: WordSegmenter; tesseract?: TesseractReader } | null = defaultRefinement(),
  ): Promise<OcrRunner> {
    if (!entry.preprocess) throw new ExpertConfigError(entry.name, 'no preprocess');
    const dictFile = entry.files.dictionary;
    if (!dictFile) throw new ExpertConfigError(entry.name, 'no dictionary file');
    const extra = (entry.params.dictionary_extra as string[] | undefined) ?? [];
    const charset = [
      ...readFileSync(join(bundleDir, dictFile), 'utf8')
        .replace(/\r?\n$/, '')
        .split(/\r?\n/),
      ...extra,
    ];
    const [det, cls, rec] = await Promise.all(
      // Every frame and line has its own shape: no memory arena (see SessionOptions.cpuMemArena).
      ['detection', 'classifier', 'recognition'].map((role) =>
        sessionFor(entry, role, bundleDir, { ...options, cpuMemArena: false }),
      ),
    );
    const known = new Set(charset);
    const refiner = refine && new LineRefiner(refine.segmenter, refine.tesseract, (ch) => known.has(ch));
    return new OcrRunner(entry, det!, cls!, rec!, charset, refiner ?? undefined);
  }

  /** Reads text in `frames`; one array of lines per frame. @throws MissingVariantError. */
  async run(frames: readonly FrameInput[]): Promise<OcrLine[][]> {
    if (frames.length === 0) return [];
    const pre = this.entry.preprocess!;
    const images = frames.map((f) => variantFor(f, pre.resize));
    const crops = await this.detect(images);
    const upright = await this.orient(crops.map((c) => c.image));
    const texts = await this.recognise(upright);
    const minConfidence = param(this.entry, 'rec.min_confidence', isNumber);
    const read = crops
      .map((c, k) => ({ ...c, ...texts[k]!, upright: upright[k]! }))
      .filter((c) => c.text.trim() !== '' && c.confidence >= minConfidence);
    // One line at a time (the second engine is a process per line), in the language of its frame.
    const langs = frames.map((_, i) =>
      this.refiner?.language(read.filter((c) => c.frame === i).map((c) => c.text)),
    );
    const lines: ((typeof read)[number] & Pick<OcrLine, 'refined'>)[] = [];
    for (const c of read) {
      const paddle = c.text.trim();
      const r = this.refiner && (await this.refiner.refine(paddle, c.confidence, c.upright, langs[c.frame]!));
      lines.push(
        r
          ? {
              ...c,
              text: r.text,
              confidence: r.confidence,
              refined: { paddle, engine: r.engine, lang: r.lang },
            }
          : c,
      );
    }
    return frames.map((frame, i) => {
      const sx = frame.width / images[i]!.width;
      const sy = frame.height / images[i]!.height;
      return readingOrder(lines.filter((c) => c.frame === i)).map((l) => ({
        text: l.text.trim(),
        confidence: l.confidence,
        box: l.quad.map(([x, y]) => [x * sx, y * sy]) as Quad,
        ...(l.refined ? { refined: l.refined } : {}),
      }));
    });
  }

  /**
   * Detects line regions and crops them from each frame's OCR variant. What a frame yields depends on
   * that frame alone (see `detectRegions`), the gate included.
   */
  private async detect(images: RawImage[]): Promise<LineCrop[]> {
    const pre = this.entry.preprocess!;
    const p = param(this.entry, 'det', isDetParams);
    const gateSide = p.gate_side;
    // Stage one: frames at least 1.5 × `det.gate_side` on the long side are first searched at that
    // size; where no text region is found there, the full-size detection is skipped (at 960 → 480 it
    // costs a quarter of the full pass; below 1.5× the gate would cost more than it saves).
    let candidates = images.map((_, b) => b);
    if (gateSide !== undefined) {
      const small = images.map((img) => {
        const s = gateSide / Math.max(img.width, img.height);
        return s <= 1 / 1.5
          ? resizeBilinear(
              img,
              Math.max(1, Math.round(img.width * s)),
              Math.max(1, Math.round(img.height * s)),
            )
          : undefined;
      });
      const gated = candidates.filter((b) => small[b] !== undefined);
      const found = await detectRegions(
        this.det,
        pre,
        gated.map((b) => small[b]!),
        p,
      );
      const empty = new Set(gated.filter((_, k) => found[k]!.length === 0));
      candidates = candidates.filter((b) => !empty.has(b));
    }
    const boxes = await detectRegions(
      this.det,
      pre,
      candidates.map((b) => images[b]!),
      p,
    );
    return candidates.flatMap((b, k) =>
      boxes[k]!.map((box) => ({ frame: b, quad: box.quad, image: cropQuad(images[b]!, box.quad) })),
    );
  }

  /** Normalises line crops to `[n, 3, height, width]` with (BGR/255 − mean)/std, right-padded with 0. */
  private lineTensor(lines: RawImage[], height: number, width: number, mean: number, std: number) {
    const resized = lines.map((l) => {
      const w = Math.min(width, Math.max(1, Math.ceil((height * l.width) / l.height)));
      return resizeBilinear(l, w, height);
    });
    return imagesToTensor(
      resized,
      {
        scale: 1 / 255,
        mean: [mean, mean, mean],
        std: [std, std, std],
        channel_order: 'BGR',
        layout: 'NCHW',
      },
      [height, width],
    );
  }

  /** Turns lines the classifier reads as upside down (above `cls.thresh`) by 180°. */
  private async orient(lines: RawImage[]): Promise<RawImage[]> {
    if (lines.length === 0) return lines;
    const h = param(this.entry, 'cls.height', isNumber);
    const w = param(this.entry, 'cls.width', isNumber);
    const thresh = param(this.entry, 'cls.thresh', isNumber);
    const x = this.lineTensor(
      lines,
      h,
      w,
      param(this.entry, 'cls.mean', isNumber),
      param(this.entry, 'cls.std', isNumber),
    );
    const out = await this.cls.run({ [this.cls.inputNames[0]!]: new ort.Tensor('float32', x.data, x.dims) });
    const p = out[this.cls.outputNames[0]!]!.data as Float32Array;
    return lines.map((l, i) => (p[i * 2 + 1]! > p[i * 2]! && p[i * 2 + 1]! > thresh ? rotate(l, 180) : l));
  }

  private async recognise(lines: RawImage[]): Promise<{ text: string; confidence: number }[]> {
    const h = param(this.entry, 'rec.height', isNumber);
    const minW = param(this.entry, 'rec.min_width', isNumber);
    const maxW = param(this.entry, 'rec.max_width', isNumber);
    const batch = param(this.entry, 'rec.batch', isNumber);
    const mean = param(this.entry, 'rec.mean', isNumber);
    const std = param(this.entry, 'rec.std', isNumber);
    const results = new Array<{ text: string; confidence: number }>(lines.length);
    // Each line's input width depends on that line alone (its aspect ratio, rounded up to 32 px, at least
    // `rec.min_width`), and a batch holds lines of one width only: SVTR mixes the whole sequence, so
    // padding a line to a wider batch-mate's width changes what it reads (dropped spaces, truncation).
    const widthOf = (l: RawImage) =>
      Math.min(maxW, Math.max(minW, Math.ceil((h * l.width) / l.height / 32) * 32));
    const byWidth = new Map<number, number[]>();
    lines.forEach((l, i) => byWidth.set(widthOf(l), [...(byWidth.get(widthOf(l)) ?? []), i]));
    const groups: { width: number; members: number[] }[] = [];
    for (const [width, members] of [...byWidth].sort(([a], [b]) => a - b))
      for (let k = 0; k < members.length; k += batch)
        groups.push({ width, members: members.slice(k, k + batch) });
    for (const { width, members } of groups) {
      const x = this.lineTensor(
        members.map((i) => lines[i]!),
        h,
        width,
        mean,
        std,
      );
      const out = await this.rec.run({
        [this.rec.inputNames[0]!]: new ort.Tensor('float32', x.data, x.dims),
      });
      const t = out[this.rec.outputNames[0]!]!;
      const [, steps, classes] = t.dims as [number, number, number];
      const data = t.data as Float32Array;
      members.forEach((i, k) => {
        results[i] = ctcGreedyDecode(
          data.subarray(k * steps * classes, (k + 1) * steps * classes),
          steps,
          classes,
          this.charset,
        );
      });
    }
    return results;
  }

  async release(): Promise<void> {
    await Promise.all([this.det.release(), this.cls.release(), this.rec.release()]);
  }
}
