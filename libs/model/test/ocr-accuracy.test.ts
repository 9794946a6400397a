import { readBundleManifest } from '@vigil/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expertEntry, type ort, OcrRunner, rotate, type FrameInput } from '../src';
import { BUNDLE_DIR, PHOTOS_DIR, frameFrom } from './frames';
import { editDistance, OCR_FONTS, OCR_LINES, renderLine, type RenderedLine } from './ocr-set';

const STYLES = ['dark-on-light', 'light-on-dark', 'meme'] as const;
const SIZES = [14, 18, 24, 32, 40, 48];
const BACKGROUNDS = ['coffee.png', 'astronaut.png', 'chelsea.png'];
const COUNT = 54;

let runner: OcrRunner;
let spec: Parameters<typeof frameFrom>[1][number];
const rendered: RenderedLine[] = [];

beforeAll(async () => {
  const entry = expertEntry(readBundleManifest(BUNDLE_DIR), 'ocr');
  spec = entry.preprocess!.resize;
  runner = await OcrRunner.create(entry, BUNDLE_DIR, { provider: 'cpu', intraOpThreads: 2 });
  for (let i = 0; i < COUNT; i++) {
    rendered.push(
      await renderLine(
        OCR_LINES[i % OCR_LINES.length]!,
        OCR_FONTS[i % OCR_FONTS.length]!,
        SIZES[i % SIZES.length]!,
        STYLES[i % STYLES.length]!,
        `${PHOTOS_DIR}/${BACKGROUNDS[i % BACKGROUNDS.length]}`,
      ),
    );
  }
});

afterAll(async () => {
  await runner?.release();
});

describe('OCR accuracy on rendered English lines', () => {
  it(`reads ${COUNT} lines (DejaVu + Liberation, 14–48 px, dark/light/meme) with CER ≤ 5%`, async () => {
    let errors = 0;
    let chars = 0;
    const misses: string[] = [];
    for (let i = 0; i < rendered.length; i += 6) {
      const group = rendered.slice(i, i + 6);
      const frames: FrameInput[] = await Promise.all(group.map((r) => frameFrom(r.image, [spec])));
      const results = await runner.run(frames);
      group.forEach((r, k) => {
        const got = results[k]!.map((l) => l.text).join(' ');
        const d = editDistance(got, r.text);
        errors += d;
        chars += r.text.length;
        if (d) misses.push(`  ${r.font} ${r.size}px ${r.style}: "${r.text}" → "${got}"`);
      });
    }
    const cer = errors / chars;
    console.log(
      `OCR CER ${(cer * 100).toFixed(2)}% over ${rendered.length} lines (${chars} characters)\n${misses.join('\n')}`,
    );
    expect(cer).toBeLessThanOrEqual(0.05);
  }, 300_000);

  it('reads the thin-glyph lines exactly', async () => {
    const thin = rendered.filter((r) => /pills|ill bill/.test(r.text) && r.style !== 'meme' && r.size >= 18);
    expect(thin.length).toBeGreaterThan(0);
    const results = await runner.run(await Promise.all(thin.map((r) => frameFrom(r.image, [spec]))));
    thin.forEach((r, k) => expect(results[k]!.map((l) => l.text).join(' ')).toBe(r.text));
  });

  it('turns upside-down lines with the direction classifier', async () => {
    const line = rendered.find((r) => r.size === 32 && r.style === 'dark-on-light')!;
    const [lines] = await runner.run([await frameFrom(rotate(line.image, 180), [spec])]);
    expect(lines!.map((l) => l.text).join(' ')).toBe(line.text);
  });
});

describe('OCR gate: a 480 px detection pass before the 960 px one', () => {
  /** `astronaut.png` (512×512) enlarged to 960×960, with `text` in 24 px DejaVu Sans when given. */
  async function largeFrame(text?: string): Promise<FrameInput> {
    const photo = sharp(`${PHOTOS_DIR}/astronaut.png`).resize(960, 960);
    const overlay = text
      ? `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="960"><text x="560" y="900" font-family="DejaVu Sans" font-size="24" fill="#ffffff" stroke="#000000" stroke-width="1">${text}</text></svg>`
      : undefined;
    const png = await (overlay ? photo.composite([{ input: Buffer.from(overlay) }]) : photo).png().toBuffer();
    return frameFrom(png, [spec]);
  }

  /** Detector runs (its `InferenceSession.run` calls) made while `read` runs. */
  async function detectorRuns<T>(read: () => Promise<T>): Promise<{ result: T; runs: number }> {
    const det = (runner as unknown as { det: ort.InferenceSession }).det;
    const run = det.run.bind(det);
    let runs = 0;
    det.run = ((...args: Parameters<typeof run>) => {
      runs++;
      return run(...args);
    }) as typeof det.run;
    try {
      return { result: await read(), runs };
    } finally {
      det.run = run;
    }
  }

  it('rules text out on a large photo without any in one low-resolution pass', async () => {
    const frame = await largeFrame();
    const { result, runs } = await detectorRuns(() => runner.run([frame]));
    expect(result).toEqual([[]]);
    expect(runs).toBe(1);
  });

  it('still reads small print (24 px on 960, 12 px at the gate) on a large photo, in two passes', async () => {
    const frame = await largeFrame('buy pills at example.shop');
    const { result, runs } = await detectorRuns(() => runner.run([frame]));
    expect(result[0]!.map((l) => l.text)).toContain('buy pills at example.shop');
    expect(runs).toBe(2);
  });
});
