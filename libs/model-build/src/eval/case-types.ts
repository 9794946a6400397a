import type { CategoryId, InferenceResult } from '@vigil/contracts';
import { POSITIVE_SEVERITY, type CorpusRecord } from '../corpus/corpus';
import { averagePrecision } from './metrics';

/**
 * Post-level figures per case type and language, and alt-text figures, for `npm run eval`.
 *
 * Case types: `caption only` (no media), `image+caption` (a photo or video without rendered text, with or
 * without a caption), `meme` (text rendered on the image or a video frame), `interplay` (the generated
 * caption × image pairs and their mirrors), `audio`; `benign` is every post without a positive label, of
 * any type. A post is positive when one of its labels reaches POSITIVE_SEVERITY in a category the bundle
 * informs. It is caught when one of its positive categories scores at or above its threshold, and flagged
 * when any category does. Precision counts flagged posts; recall counts caught positives; AUPRC ranks
 * posts by the margin `score − threshold` (a positive: its best positive category; a negative: its best
 * category).
 */

export const CASE_TYPES = ['caption only', 'image+caption', 'meme', 'interplay', 'audio'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export function caseTypeOf(r: CorpusRecord): CaseType {
  if (r.block === 'interplay') return 'interplay';
  if (r.image?.overlay || r.video?.overlay) return 'meme';
  if (r.image || r.video) return 'image+caption';
  if (r.audio) return 'audio';
  return 'caption only';
}

export interface PostMetrics {
  readonly posts: number;
  readonly positives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly auprc: number;
  /** Share of negative posts flagged. */
  readonly flaggedNegatives: number;
}

/** The post-level margin and flags of one result (see the module docstring). */
export function postOutcome(
  record: CorpusRecord,
  result: InferenceResult,
  categories: readonly CategoryId[],
  thresholds: Partial<Record<CategoryId, number>>,
): { positive: boolean; caught: boolean; flagged: boolean; margin: number } {
  const margin = (c: CategoryId) =>
    (result.scores.find((s) => s.category === c)?.score ?? 0) - (thresholds[c] ?? 0.5);
  const positives = categories.filter((c) => (record.labels[c] ?? 0) >= POSITIVE_SEVERITY);
  const best = Math.max(...categories.map(margin));
  const bestPositive = positives.length ? Math.max(...positives.map(margin)) : -Infinity;
  return {
    positive: positives.length > 0,
    caught: bestPositive >= 0,
    flagged: best >= 0,
    margin: positives.length ? bestPositive : best,
  };
}

export function postMetrics(outcomes: readonly ReturnType<typeof postOutcome>[]): PostMetrics {
  const positives = outcomes.filter((o) => o.positive).length;
  const caught = outcomes.filter((o) => o.positive && o.caught).length;
  const flagged = outcomes.filter((o) => o.flagged).length;
  const flaggedTrue = outcomes.filter((o) => o.flagged && o.positive && o.caught).length;
  const negatives = outcomes.length - positives;
  const precision = flagged ? flaggedTrue / flagged : NaN;
  const recall = positives ? caught / positives : NaN;
  return {
    posts: outcomes.length,
    positives,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : positives ? 0 : NaN,
    auprc: averagePrecision(
      outcomes.map((o) => o.margin),
      outcomes.map((o) => (o.positive ? 1 : 0)),
    ),
    flaggedNegatives: negatives ? outcomes.filter((o) => !o.positive && o.flagged).length / negatives : NaN,
  };
}

/**
 * Main subject of each photo as COCO-80 labels an alt-text may name (empty: no COCO label fits, e.g.
 * coins, the moon, a page), and the other labels that are also true of it. Written by looking at the
 * skimage photos; drawn pictures (gen-*) have no nameable subject.
 */
export const PHOTO_SUBJECTS: Readonly<Record<string, { subject: string[]; alsoTrue: string[] }>> = {
  'astronaut.png': { subject: ['person'], alsoTrue: [] },
  'camera.png': { subject: ['person'], alsoTrue: [] },
  'chelsea.png': { subject: ['cat'], alsoTrue: [] },
  'coffee.png': { subject: ['cup'], alsoTrue: ['dining table', 'spoon', 'bowl'] },
  'horse.png': { subject: ['horse'], alsoTrue: [] },
  'motorcycle_left.png': { subject: ['motorcycle'], alsoTrue: [] },
};

/** Whether an alt-text names `label` (singular or plural, as countPhrase writes it). */
function names(text: string, label: string): boolean {
  const t = text.toLowerCase();
  const stem = label === 'person' ? '(?:person|people)' : label.replace(/[^a-z ]/g, '');
  return new RegExp(`\\b${stem}`, 'u').test(t);
}

const LETTERS = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export interface AltTextFigures {
  /** Images whose photo has a nameable subject, and how many alt-texts name it. */
  readonly subjectPosts: number;
  readonly subjectNamed: number;
  /** Images whose alt-text names a COCO label that is not true of the photo. */
  readonly images: number;
  readonly wrongObject: number;
  /** Memes (rendered text) whose alt-text quotes the text: exactly (case-insensitive), and ignoring spacing and punctuation. */
  readonly memes: number;
  readonly quoted: number;
  readonly quotedIgnoringSpaces: number;
  /** Memes whose alt-text does not quote the text exactly: `id: "overlay" → "alt-text"`. */
  readonly unquoted: readonly string[];
}

/**
 * Alt-text subject, wrong-object and quote rates over the images of a split (first image or video of
 * each post; video memes count when their text frame is the one the alt-text reads).
 * @param cocoLabels the object detector's labels (to find named objects).
 */
export function altTextFigures(
  records: readonly CorpusRecord[],
  results: readonly InferenceResult[],
  cocoLabels: readonly string[],
): AltTextFigures {
  let subjectPosts = 0;
  let subjectNamed = 0;
  let images = 0;
  let wrongObject = 0;
  let memes = 0;
  let quoted = 0;
  let quotedIgnoringSpaces = 0;
  const unquoted: string[] = [];
  records.forEach((r, i) => {
    const text = results[i]!.media.find((m) => m.kind !== 'audio')?.alt_text?.text;
    if (text === undefined || !r.image) return;
    const described = text.split(' with the text ')[0]!;
    images++;
    const truth = PHOTO_SUBJECTS[r.image.photo] ?? { subject: [], alsoTrue: [] };
    if (truth.subject.length) {
      subjectPosts++;
      if (truth.subject.some((l) => names(described, l))) subjectNamed++;
    }
    const allowed = new Set([...truth.subject, ...truth.alsoTrue]);
    if (cocoLabels.some((l) => !allowed.has(l) && names(described, l))) wrongObject++;
    if (r.image.overlay) {
      memes++;
      if (text.toLowerCase().includes(r.image.overlay.toLowerCase())) quoted++;
      else unquoted.push(`${r.id}: ${JSON.stringify(r.image.overlay)} → ${JSON.stringify(text)}`);
      if (LETTERS(text).includes(LETTERS(r.image.overlay))) quotedIgnoringSpaces++;
    }
  });
  return { subjectPosts, subjectNamed, images, wrongObject, memes, quoted, quotedIgnoringSpaces, unquoted };
}
