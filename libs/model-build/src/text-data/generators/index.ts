import { AWARENESS } from './awareness';
import { CAPTIONS } from './captions';
import { DRUGS } from './drugs';
import { HARASSMENT } from './harassment';
import { HATE } from './hate';
import { PROFANITY } from './profanity';
import { SELF_HARM } from './self-harm';
import { SEXUAL } from './sexual';
import { SPAM } from './spam';
import { expandGenerator, type GeneratorSpec } from './template';
import { THREATS } from './threats';
import { WEAPONS } from './weapons';

export { GENERATED_LANGS, TemplateError, expandGenerator } from './template';
export type { Functionality, GeneratedLang, GeneratorSpec } from './template';

/** Every HateCheck-style generator, one per category family, plus plain benign captions. */
export const GENERATORS: readonly GeneratorSpec[] = [
  SELF_HARM,
  DRUGS,
  WEAPONS,
  THREATS,
  SEXUAL,
  SPAM,
  PROFANITY,
  HARASSMENT,
  HATE,
  CAPTIONS,
  AWARENESS,
];

/** All generated cases (deterministic), `split: 'train'` until assignSplits runs. */
export function generateTextCases(perTemplate?: number): ReturnType<typeof expandGenerator> {
  return GENERATORS.flatMap((spec) => expandGenerator(spec, perTemplate));
}
