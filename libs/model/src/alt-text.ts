import type { FrameInput } from './image';

/**
 * Alt-text composer: one sentence of at most 125 characters describing an image from the experts'
 * outputs, following common accessibility practice (WCAG 1.1.1 and its technique notes; WCAG sets no
 * length, 125 characters is common practice): no "image of"/"picture of" opening, say whether it is a photo
 * or an illustration, name the main subjects with counts, quote legible text, and describe flagged
 * images neutrally without graphic detail. A captioning expert (an image-to-text model named in the
 * bundle manifest), when present, supplies `caption` and replaces the template.
 * Pure function: no I/O, deterministic.
 */

/** Everything the composer may use, all optional except what the bundle always produces. */
export interface AltTextInput {
  /** What the medium is: `image` (default) says photo/illustration, `gif` animation, `video` video. */
  readonly medium?: 'image' | 'gif' | 'video';
  /** Likelihood that the image is a drawing or illustration, 0..1 (nsfw expert's `drawing`). */
  readonly drawing?: number;
  /** Detected objects (objects expert). */
  readonly objects?: readonly { readonly label: string; readonly score: number }[];
  /** OCR lines in reading order (ocr expert). */
  readonly ocr?: readonly { readonly text: string; readonly confidence: number }[];
  /** Categories the post is flagged for; any true → neutral description without text or detail. */
  readonly flagged?: { readonly sexual?: boolean; readonly graphic?: boolean };
  /** A captioning expert's sentence, when the bundle has one. */
  readonly caption?: { readonly text: string; readonly confidence: number };
}

/**
 * What a captioning expert provides: a bundle entry with `runner: 'caption'` (an ONNX image-to-text
 * model) whose runner implements this; the classifier passes its sentence as `AltTextInput.caption`.
 * The default bundle has none, so the template below is used.
 */
export interface ImageCaptioner {
  /** One caption per frame, in order. */
  caption(frames: readonly FrameInput[]): Promise<{ text: string; confidence: number }[]>;
}

export interface AltText {
  /** The sentence; `''` when decorative. At most 125 characters. */
  readonly text: string;
  /** True only when nothing was recognised with confidence (then `text` is `''`). */
  readonly decorative: boolean;
  /** 0..1: how much of the sentence rests on confident detections. */
  readonly confidence: number;
}

export interface AltTextOptions {
  /** Objects below this score are ignored (default MIN_OBJECT_SCORE). */
  readonly minObjectScore?: number;
  /** OCR lines below this confidence are not quoted (default MIN_TEXT_CONFIDENCE). */
  readonly minTextConfidence?: number;
  /** At most this many kinds of subject are named (default 2). */
  readonly maxSubjects?: number;
  /** Below this confidence an image with nothing recognised is marked decorative (default 0.35). */
  readonly decorativeBelow?: number;
}

export const ALT_TEXT_MAX_LENGTH = 125;

/**
 * Object detections named in alt-text score at least this (NanoDet-m scores). Chosen on the detections
 * of the 13 skimage photos against what each photo shows (no other labelled photos are available):
 * true detections scored 0.57 (the cat), 0.67 (horse), 0.74 and 0.87 (people) and 0.80 (motorcycle);
 * wrong ones 0.36–0.39 (a car and a phone beside the cameraman, a dog for the cat, a person in the
 * Hubble deep field), 0.43–0.54 (eleven clocks and six bowls on the coins, a dining table under the
 * coffee cup) and 0.60 (a bed in the retina scan). At 0.55 five of six named detections are right and
 * five of six nameable subjects are named; at 0.6 four of four and four of six. 0.55 removes every
 * repeated low-confidence guess ("11 clocks and six bowls") and keeps the cat.
 */
export const MIN_OBJECT_SCORE = 0.55;

/**
 * OCR lines at or above this confidence are legible enough to quote. Lower than the detector threshold:
 * a misread letter in a quote is less misleading than a wrongly named object, and alt-text must carry
 * the text of a meme.
 */
export const MIN_TEXT_CONFIDENCE = 0.5;

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const IRREGULAR: Record<string, string> = {
  person: 'people',
  mouse: 'mice',
  knife: 'knives',
  sheep: 'sheep',
  skis: 'pairs of skis',
  scissors: 'pairs of scissors',
  bus: 'buses',
  'wine glass': 'wine glasses',
  couch: 'couches',
  sandwich: 'sandwiches',
  toothbrush: 'toothbrushes',
  bench: 'benches',
  'hair drier': 'hair driers',
};
const SINGULAR_PREFIX: Record<string, string> = { skis: 'a pair of', scissors: 'a pair of' };
const BANNED_OPENINGS = /^(an?\s+)?(image|picture|photo|photograph|illustration|drawing)\s+(of|showing)\s+/i;

/** "a dog", "an elephant", "two people", "12 cars". */
export function countPhrase(label: string, count: number): string {
  if (count === 1) {
    const article = SINGULAR_PREFIX[label] ?? (/^[aeiou]/i.test(label) ? 'an' : 'a');
    return `${article} ${label}`;
  }
  const plural = IRREGULAR[label] ?? `${label}s`;
  return `${COUNT_WORDS[count] ?? String(count)} ${plural}`;
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function sentence(text: string, stripOpening = false): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const stripped = stripOpening ? trimmed.replace(BANNED_OPENINGS, '') : trimmed;
  const upper = stripped.charAt(0).toUpperCase() + stripped.slice(1);
  return clip(upper.replace(/[.\s]+$/, ''), ALT_TEXT_MAX_LENGTH);
}

/**
 * Composes the alt text of one image. See the module docstring for the rules; the table-driven tests
 * in test/alt-text.test.ts show each.
 */
export function composeAltText(input: AltTextInput, options: AltTextOptions = {}): AltText {
  const minObject = options.minObjectScore ?? MIN_OBJECT_SCORE;
  const minText = options.minTextConfidence ?? MIN_TEXT_CONFIDENCE;
  const maxSubjects = options.maxSubjects ?? 2;
  const decorativeBelow = options.decorativeBelow ?? 0.35;
  const flagged = Boolean(input.flagged?.sexual || input.flagged?.graphic);
  const drawn = (input.drawing ?? 0) >= 0.5;
  const kind =
    input.medium === 'video'
      ? 'Video'
      : input.medium === 'gif'
        ? drawn
          ? 'Animated illustration'
          : 'Animated GIF'
        : drawn
          ? 'Illustration'
          : 'Photo';

  const groups = new Map<string, { count: number; best: number }>();
  for (const o of input.objects ?? []) {
    if (o.score < minObject) continue;
    const g = groups.get(o.label) ?? { count: 0, best: 0 };
    groups.set(o.label, { count: g.count + 1, best: Math.max(g.best, o.score) });
  }
  const subjects = [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count || b[1].best - a[1].best)
    .slice(0, maxSubjects);
  const subjectText = joinList(subjects.map(([label, g]) => countPhrase(label, g.count)));
  const lines = (input.ocr ?? []).filter((l) => l.confidence >= minText && l.text.trim() !== '');
  const quoted = lines.map((l) => l.text.trim()).join(' ');

  const signals = [...subjects.map(([, g]) => g.best), ...lines.map((l) => l.confidence)];
  const confidence = signals.length ? Math.max(...signals) : 0.1;

  if (flagged) {
    const reason = input.flagged?.graphic ? 'graphic' : 'sexual';
    const text = subjectText
      ? `${kind} flagged as possibly ${reason}; contains ${subjectText}`
      : `${kind} flagged as possibly ${reason} content`;
    return { text: sentence(text), decorative: false, confidence: Math.max(confidence, 0.5) };
  }

  if (input.caption && input.caption.text.trim()) {
    const text = sentence(input.caption.text, true);
    const withQuote = quoted && !text.includes(quoted) ? `${text} with the text "${quoted}"` : text;
    return {
      text: fitQuote(withQuote, text, quoted),
      decorative: false,
      confidence: input.caption.confidence,
    };
  }

  if (!subjectText && !quoted) {
    // Something was detected, too weakly to name: say only what is sure (a photo), not decorative.
    const weak = (input.objects ?? []).some((o) => o.score >= minObject / 2);
    if (confidence < decorativeBelow && !weak) return { text: '', decorative: true, confidence };
    return { text: kind, decorative: false, confidence };
  }
  const head = subjectText ? `${kind} of ${subjectText}` : kind;
  if (!quoted) return { text: sentence(head), decorative: false, confidence };
  return { text: fitQuote(`${head} with the text "${quoted}"`, head, quoted), decorative: false, confidence };
}

/** Keeps the quote inside the 125-character budget by shortening the quoted text, not the subjects. */
function fitQuote(full: string, head: string, quoted: string): string {
  if (full.length <= ALT_TEXT_MAX_LENGTH) return sentence(full);
  const room = ALT_TEXT_MAX_LENGTH - head.length - ' with the text ""'.length;
  if (room < 8) return sentence(head);
  return sentence(`${head} with the text "${clip(quoted, room)}"`);
}
