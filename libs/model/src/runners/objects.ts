import type { CategoryId, ExpertEntry } from '@vigil/contracts';
import {
  ExpertConfigError,
  isNumber,
  isNumbers,
  isStringMap,
  outputLabels,
  param,
  sessionFor,
  type ExpertRunner,
} from '../expert';
import { imagesToTensor, variantFor, type FrameInput } from '../image';
import { ort, type SessionOptions } from '../session';

/** One detected object, box in frame pixels `[x1, y1, x2, y2]`. */
export interface Detection {
  readonly label: string;
  readonly score: number;
  readonly box: [number, number, number, number];
}

/** Intersection over union of two `[x1, y1, x2, y2]` boxes. */
export function iou(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
  const h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}

/**
 * Greedy non-maximum suppression per label: keeps the best box, drops same-label boxes overlapping it
 * by more than `iouThreshold`, repeats; returns at most `max`, best first.
 */
export function nonMaxSuppression(
  candidates: readonly Detection[],
  iouThreshold: number,
  max: number,
): Detection[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const c of sorted) {
    if (kept.length >= max) break;
    if (kept.every((k) => k.label !== c.label || iou(k.box, c.box) <= iouThreshold)) kept.push(c);
  }
  return kept;
}

/**
 * Runs the `objects` expert (NanoDet-m, COCO-80) and decodes its heads as NanoDet's GFL head does
 * (RangiLyu/nanodet `gfl_head.py`): per stride s, cell (x, y) has centre ((x+0.5)·s, (y+0.5)·s);
 * each box side is the expectation of a softmax over reg_max+1 bins, times s; class scores are
 * already sigmoid. Candidates above `score_threshold` go through per-label NMS.
 * Input `[batch, 3, 416, 416]` (letterboxed); boxes are mapped back to each frame's pixels.
 */
export class ObjectsRunner implements ExpertRunner {
  private constructor(
    readonly entry: ExpertEntry,
    private readonly session: ort.InferenceSession,
    private readonly labels: string[],
  ) {}

  static async create(
    entry: ExpertEntry,
    bundleDir: string,
    options: SessionOptions,
  ): Promise<ObjectsRunner> {
    if (!entry.preprocess) throw new ExpertConfigError(entry.name, 'no preprocess');
    const strides = param(entry, 'strides', isNumbers);
    const labels = outputLabels(entry, `cls_${strides[0]}`);
    return new ObjectsRunner(entry, await sessionFor(entry, 'model', bundleDir, options), labels);
  }

  /** Detects objects in `frames` (one onnxruntime call). @throws MissingVariantError. */
  async run(
    frames: readonly FrameInput[],
    options: { scoreThreshold?: number } = {},
  ): Promise<Detection[][]> {
    if (frames.length === 0) return [];
    const pre = this.entry.preprocess!;
    const { width: W, height: H } = pre.resize;
    const x = imagesToTensor(
      frames.map((f) => variantFor(f, pre.resize)),
      pre,
      [H, W],
    );
    const out = await this.session.run({
      [this.entry.inputs[0]!.name]: new ort.Tensor('float32', x.data, x.dims),
    });
    const strides = param(this.entry, 'strides', isNumbers);
    const regMax = param(this.entry, 'reg_max', isNumber);
    const threshold = options.scoreThreshold ?? param(this.entry, 'score_threshold', isNumber);
    const iouThreshold = param(this.entry, 'iou_threshold', isNumber);
    const max = param(this.entry, 'max_detections', isNumber);
    const k = this.labels.length;
    const bins = regMax + 1;
    return frames.map((frame, b) => {
      const candidates: Detection[] = [];
      // Variant → frame pixels: `fill` stretches; `contain` scales by one factor and centres (sharp).
      const fit = pre.resize.fit === 'contain' ? Math.min(W / frame.width, H / frame.height) : 0;
      const sx = fit ? 1 / fit : frame.width / W;
      const sy = fit ? 1 / fit : frame.height / H;
      const ox = fit ? Math.floor((W - Math.round(frame.width * fit)) / 2) : 0;
      const oy = fit ? Math.floor((H - Math.round(frame.height * fit)) / 2) : 0;
      const clampX = (v: number) => Math.min(Math.max((v - ox) * sx, 0), frame.width);
      const clampY = (v: number) => Math.min(Math.max((v - oy) * sy, 0), frame.height);
      for (const stride of strides) {
        const cls = out[`cls_${stride}`]!.data as Float32Array;
        const reg = out[`reg_${stride}`]!.data as Float32Array;
        const gw = Math.ceil(W / stride);
        const cells = cls.length / frames.length / k;
        for (let i = 0; i < cells; i++) {
          const row = (b * cells + i) * k;
          let best = 0;
          for (let c = 1; c < k; c++) if (cls[row + c]! > cls[row + best]!) best = c;
          const score = cls[row + best]!;
          if (score < threshold) continue;
          const cx = ((i % gw) + 0.5) * stride;
          const cy = (Math.floor(i / gw) + 0.5) * stride;
          const d = [0, 1, 2, 3].map((side) => {
            const base = (b * cells + i) * 4 * bins + side * bins;
            let m = -Infinity;
            for (let j = 0; j < bins; j++) m = Math.max(m, reg[base + j]!);
            let sum = 0;
            let acc = 0;
            for (let j = 0; j < bins; j++) {
              const e = Math.exp(reg[base + j]! - m);
              sum += e;
              acc += e * j;
            }
            return (acc / sum) * stride;
          });
          const box: [number, number, number, number] = [
            clampX(cx - d[0]!),
            clampY(cy - d[1]!),
            clampX(cx + d[2]!),
            clampY(cy + d[3]!),
          ];
          // Also consider other classes above threshold at this cell (e.g. person riding a horse).
          for (let c = 0; c < k; c++) {
            if (cls[row + c]! >= threshold)
              candidates.push({ label: this.labels[c]!, score: cls[row + c]!, box });
          }
        }
      }
      return nonMaxSuppression(candidates, iouThreshold, max);
    });
  }

  /**
   * Category signals from detections: for each label the manifest maps to a category
   * (`params.label_categories`, e.g. knife → illicit/weapons), the highest score of that label.
   */
  categorySignals(detections: readonly Detection[]): Partial<Record<CategoryId, number>> {
    const map = param(this.entry, 'label_categories', isStringMap) as Record<string, CategoryId>;
    const out: Partial<Record<CategoryId, number>> = {};
    for (const d of detections) {
      const category = map[d.label];
      if (category) out[category] = Math.max(out[category] ?? 0, d.score);
    }
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
