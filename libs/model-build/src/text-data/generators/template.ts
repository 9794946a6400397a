import { createHash } from 'node:crypto';
import type { CategoryId } from '@vigil/contracts';
import { mulberry32 } from '../../fusion/random';
import { KNOWN_CATEGORIES, labelsOf } from '../labels';
import type { TextCase } from '../types';

/** The languages Vigil claims for text; every generator writes each of them natively. */
export const GENERATED_LANGS = ['en', 'fr', 'de', 'es', 'pt'] as const;
export type GeneratedLang = (typeof GENERATED_LANGS)[number];

/**
 * One HateCheck-style functionality: what the texts test, their labels and templates per language.
 * Template syntax: `{slot}` takes a filler from the generator's slots for that language; `[a|b|c]` picks one
 * inline alternative. Template i in each language says the same kind of thing (written natively, not
 * translated word by word) and shares the split group `gen:<generator>:<functionality>:<i>` across languages.
 */
export interface Functionality {
  readonly name: string;
  /** Categories the texts are positives for; empty for a negative. */
  readonly positives: readonly CategoryId[];
  /** Categories these texts cannot vouch for either way (left unknown); every other one except `sexual/minors` is 0. */
  readonly unknown?: readonly CategoryId[];
  /** Defaults to true when `positives` is empty: written to look harmful but be benign. */
  readonly hardNegative?: boolean;
  readonly templates: Readonly<Record<GeneratedLang, readonly string[]>>;
}

export type Slots = Readonly<Record<string, readonly string[]>>;

export interface GeneratorSpec {
  /** Generator name, e.g. `self-harm`; cases get source `gen:<name>`. */
  readonly name: string;
  readonly slots: Readonly<Record<GeneratedLang, Slots>>;
  readonly functionalities: readonly Functionality[];
}

/** Thrown when a template names a slot its language does not define (a bug in a generator). */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Surface variants applied after filling (source: HateCheck varies casing and punctuation the same way). */
const ENDINGS = ['', '', '', '!', '.', '...', ' 😂', ' 🙏', ' 🔥', ' 💀', ' !!', ' 😭'];

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

function fill(template: string, slots: Slots, rand: () => number, where: string): string {
  let text = template;
  for (let depth = 0; depth < 3 && /[{[]/.test(text); depth++) {
    text = text.replace(/\{(\w+)\}/g, (_, slot: string) => {
      const fillers = slots[slot];
      if (fillers === undefined || fillers.length === 0)
        throw new TemplateError(`${where}: no slot {${slot}}`);
      return pick(fillers, rand);
    });
    text = text.replace(/\[([^[\]]*\|[^[\]]*)\]/g, (_, alternatives: string) =>
      pick(alternatives.split('|'), rand),
    );
  }
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?])/g, '$1')
    .trim();
}

function surface(text: string, rand: () => number): string {
  const r = rand();
  let out = text;
  if (r < 0.35) out = out.charAt(0).toLowerCase() + out.slice(1);
  else if (r < 0.42) out = out.toUpperCase();
  else out = out.charAt(0).toUpperCase() + out.slice(1);
  if (rand() < 0.4) out = out.replace(/[.!]$/, '') + pick(ENDINGS, rand);
  return out;
}

/** Seed for one template: the first 32 bits of SHA-256 of its id, so output does not depend on order. */
function seedOf(key: string): number {
  return parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16);
}

/**
 * Expands a generator into cases: for every language × functionality × template, up to `perTemplate` distinct
 * texts (random slot fillers, casing and endings from a RNG seeded by the template id, so output is
 * deterministic). Ids `gen-<generator>-<lang>-<functionality>-<template>-<k>`; splits are set later
 * (`split: 'train'` here). Throws TemplateError when a template uses an undefined slot.
 */
export function expandGenerator(spec: GeneratorSpec, perTemplate = 16): TextCase[] {
  const cases: TextCase[] = [];
  for (const lang of GENERATED_LANGS) {
    for (const f of spec.functionalities) {
      const unknown = new Set(f.unknown ?? []);
      const labels = labelsOf(
        f.positives,
        KNOWN_CATEGORIES.filter((id) => !unknown.has(id)),
      );
      f.templates[lang].forEach((template, t) => {
        const group = `gen:${spec.name}:${f.name}:${t}`;
        const rand = mulberry32(seedOf(`${group}:${lang}`));
        const seen = new Set<string>();
        // A template without slots or alternatives only varies in casing and endings: keep a few, not a dozen.
        const limit = /[{[]/.test(template) ? perTemplate : 3;
        for (let attempt = 0; attempt < limit * 4 && seen.size < limit; attempt++) {
          const text = surface(fill(template, spec.slots[lang], rand, `${group}:${lang}`), rand);
          if (seen.has(text.toLowerCase())) continue;
          seen.add(text.toLowerCase());
          cases.push({
            id: `gen-${spec.name}-${lang}-${f.name}-${t}-${seen.size - 1}`,
            text,
            lang,
            labels,
            source: `gen:${spec.name}`,
            template: group,
            functionality: f.name,
            hardNegative: f.hardNegative ?? f.positives.length === 0,
            split: 'train',
          });
        }
      });
    }
  }
  return cases;
}
