import { SELF_HARM } from './self-harm';
import { expandGenerator, type GeneratorSpec } from './template';

export { GENERATED_LANGS, expandGenerator, type GeneratedLang, type GeneratorSpec } from './template';

/** Every HateCheck-style generator, one per category family. */
export const GENERATORS: readonly GeneratorSpec[] = [SELF_HARM];

/** All generated cases (deterministic), `split: 'train'` until assignSplits runs. */
export function generateTextCases(perTemplate?: number): ReturnType<typeof expandGenerator> {
  return GENERATORS.flatMap((spec) => expandGenerator(spec, perTemplate));
}
