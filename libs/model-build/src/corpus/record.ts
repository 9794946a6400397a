import { z } from 'zod';
import { CATEGORY_IDS } from '@vigil/contracts';

/** The seed corpus' record type and splits (a module of its own so generators can use them without a cycle). */
export const SPLITS = ['train', 'dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** A label counts as a positive for training and evaluation from this severity up (taxonomy: 2 = medium). */
export const POSITIVE_SEVERITY = 2;

export const CorpusRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  lang: z.string(),
  /** The category block the case was written for (`benign`, `multimodal` for the rest). */
  block: z.string(),
  kind: z.enum(['positive', 'hard_negative', 'benign']),
  /**
   * Multimodal cases: where the harm is (`caption`, `image_text`, `both`, `none`; `interplay`: only in
   * caption and photo read together, the generated cases of ./interplay.ts).
   */
  harm_in: z.enum(['caption', 'image_text', 'both', 'none', 'interplay']).optional(),
  text: z.string(),
  /** A photo from the skimage set (.data/photos) with optional rendered meme text. */
  image: z.object({ photo: z.string(), overlay: z.string().optional() }).optional(),
  /** A video: one frame per photo (1 s apart), meme text optionally rendered onto frame `overlay_frame`. */
  video: z
    .object({
      photos: z.array(z.string()).min(1),
      overlay: z.string().optional(),
      overlay_frame: z.int().min(0).optional(),
    })
    .optional(),
  /** Audio: espeak-ng speech of `speech`, or two seconds of silence. */
  audio: z.object({ kind: z.enum(['speech', 'silence']), speech: z.string().optional() }).optional(),
  /** Severity 0..3 per category (absent = 0). */
  labels: z.partialRecord(z.enum(CATEGORY_IDS), z.int().min(0).max(3)),
});
export type CorpusRecord = z.infer<typeof CorpusRecordSchema> & { split: Split };
