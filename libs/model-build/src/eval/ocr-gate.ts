import { join } from 'node:path';
import { resizeKey } from '@vigil/contracts';
import { DEFAULT_ROUTER_PARAMS, IMAGE_STATS_VARIANT, imageStats } from '@vigil/model';
import { loadCorpus, type CorpusRecord } from '../corpus/corpus';
import { PHOTOS_DIR } from '../corpus/media';
import { decodeVariants, renderMeme } from '../corpus/render';

/** How often the router's OCR gate opens on the seed corpus' frames, by split group and meme text. */
export interface OcrGateReport {
  readonly gate: number;
  readonly rows: readonly {
    /** `train+dev` (where the gate was chosen) or `test`. */
    readonly splits: string;
    readonly withText: { readonly frames: number; readonly passed: number };
    readonly withoutText: { readonly frames: number; readonly passed: number };
  }[];
  /** Test-split cases with a meme-text frame the gate keeps shut. */
  readonly missedTest: readonly string[];
}

/** The frames of a record: its image, or its video's photos (meme text on `overlay_frame`). */
function framesOf(r: CorpusRecord): { photo: string; overlay?: string }[] {
  if (r.image) return [r.image];
  const video = r.video;
  if (!video) return [];
  return video.photos.map((photo, i) =>
    i === (video.overlay_frame ?? 0) && video.overlay ? { photo, overlay: video.overlay } : { photo },
  );
}

/**
 * Scores every image and video frame of the seed corpus (`loadCorpus`, generated pairs included) with
 * image-stats' `ocrGateScore` at the router's variant (256² inside) and counts the frames at or over
 * `gate` (default: `DEFAULT_ROUTER_PARAMS.ocrGate`), with and without rendered meme text. Needs the photos
 * (`infra/data/photos.sh`). Cost: one render and decode per distinct photo × text (≈ 10 s).
 */
export async function evaluateOcrGate(gate = DEFAULT_ROUTER_PARAMS.ocrGate): Promise<OcrGateReport> {
  const key = resizeKey(IMAGE_STATS_VARIANT);
  const scores = new Map<string, number>();
  const frames: { id: string; split: string; text: boolean; score: number }[] = [];
  for (const r of loadCorpus()) {
    for (const f of framesOf(r)) {
      const cacheKey = `${f.photo}|${f.overlay ?? ''}`;
      let score = scores.get(cacheKey);
      if (score === undefined) {
        const png = await renderMeme(join(PHOTOS_DIR, f.photo), f.overlay);
        const decoded = await decodeVariants(png, [IMAGE_STATS_VARIANT]);
        score = imageStats(decoded.variants[key]!).ocrGateScore;
        scores.set(cacheKey, score);
      }
      frames.push({ id: r.id, split: r.split, text: f.overlay !== undefined, score });
    }
  }
  const count = (splits: readonly string[], text: boolean) => {
    const chosen = frames.filter((f) => splits.includes(f.split) && f.text === text);
    return { frames: chosen.length, passed: chosen.filter((f) => f.score >= gate).length };
  };
  return {
    gate,
    rows: [
      {
        splits: 'train+dev',
        withText: count(['train', 'dev'], true),
        withoutText: count(['train', 'dev'], false),
      },
      { splits: 'test', withText: count(['test'], true), withoutText: count(['test'], false) },
    ],
    missedTest: [
      ...new Set(frames.filter((f) => f.split === 'test' && f.text && f.score < gate).map((f) => f.id)),
    ],
  };
}

/** The report as a few lines of text. */
export function formatOcrGateReport(r: OcrGateReport): string {
  const lines = r.rows.map(
    (row) =>
      `  ${row.splits.padEnd(10)} frames with meme text passed ${row.withText.passed}/${row.withText.frames}, ` +
      `without text passed ${row.withoutText.passed}/${row.withoutText.frames}`,
  );
  const missed = r.missedTest.length ? r.missedTest.join(', ') : 'none';
  return [
    `OCR gate (ocrGateScore ≥ ${r.gate}) on the seed corpus' frames:`,
    ...lines,
    `  test cases whose meme text the gate skips: ${missed}`,
  ].join('\n');
}
