import type { RawImage } from '@vigil/contracts';
import { OcrRunner } from '../ocr/ocr-runner';
import type { Expert, ExpertModule } from './contract';
import { asFrame } from './frame-input';

/**
 * `ocr` (runner `ocr`): text detection + recognition (see `OcrRunner`). Per frame: the lines read
 * (they become the post's `ocr_text`, which the text expert reads) and, with confidences, alt-text's
 * quoted text. No fusion features of its own. Costly: the router runs it where the text gate fires.
 */
export const ocrModule: ExpertModule = {
  runner: 'ocr',
  core: false,
  async load({ entry, bundleDir, session }): Promise<Expert> {
    const runner = await OcrRunner.create(entry, bundleDir, session);
    return {
      name: entry.name,
      modality: 'image',
      reads: ['frame'],
      variant: entry.preprocess!.resize,
      emits: { categories: entry.informs, features: 0 },
      cost: { tier: 'escalation', msPerItem: 150 },
      async run(frames) {
        const out = await runner.run((frames as readonly RawImage[]).map((f) => asFrame(entry, f)));
        return out.map((lines) => ({
          lines: lines.map((l) => l.text),
          alt: { ocr: lines.map(({ text, confidence }) => ({ text, confidence })) },
          seen: { ocr: lines.map(({ text, confidence, box }) => ({ text, confidence, box })) },
        }));
      },
      release: () => runner.release(),
    };
  },
};
