import { readBundleManifest } from '@vigil/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expertEntry, OcrRunner, rotate, type FrameInput } from '../src';
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
