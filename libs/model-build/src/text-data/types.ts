import type { CategoryId } from '@vigil/contracts';

/** Splits of the text corpus. Assigned by template (never by row), so test phrasings are unseen in training. */
export type TextSplit = 'train' | 'dev' | 'test';

/**
 * One labelled text for training or evaluating text judgement (build-time only).
 *
 * Labels are per category: 1 = the text is a positive for that category, 0 = known negative for it; a
 * category missing from `labels` is unknown for this case (masked out of loss and metrics).
 */
export interface TextCase {
  /** Stable id, unique over the whole corpus (e.g. `hatecheck-1234`, `gen-drugs-es-0042`). */
  readonly id: string;
  readonly text: string;
  /** ISO 639-1 code (`en`, `fr`, `de`, `es`, `pt`, `it`, `nl`, `pl`). */
  readonly lang: string;
  readonly labels: Readonly<Partial<Record<CategoryId, 0 | 1>>>;
  /** Where it came from: `hatecheck`, `mhc`, `davidson`, `spam-assassin`, or `gen:<generator>`. */
  readonly source: string;
  /** Group id for splitting: every case sharing it lands in the same split (a template, a tweet, an email). */
  readonly template: string;
  /**
   * Optional coarser group for splitting: templates derived from one another (HateCheck's `ref_templ_id`: a
   * misspelt or negated copy of a template) share it, so a template and its variants land in one split.
   */
  readonly family?: string;
  /** The functionality (HateCheck's term) or test type, e.g. `selfharm_intent_first_person`, `hardneg_news`. */
  readonly functionality: string;
  /** True for cases written to look harmful but be benign (harm reduction, news, hyperbole, counter-speech…). */
  readonly hardNegative: boolean;
  /** Set on augmented copies: how the text was changed (`evasion` = spacing, leetspeak, homoglyphs…). */
  readonly augmentation?: 'evasion';
  readonly split: TextSplit;
}
