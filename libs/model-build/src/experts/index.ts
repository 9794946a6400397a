import type { ExpertBuilder } from '../bundle';
import { audioVadExpert } from './audio-vad';
import { fusionExpert } from './fusion';
import { imageStatsExpert } from './image-stats';
import { languageExpert } from './language';
import { nsfwExpert } from './nsfw';
import { objectsExpert } from './objects';
import { ocrExpert } from './ocr';
import { textExpert } from './text';

/** Text, language, image statistics and voice activity: the core experts `VigilClassifier.load` loads itself. */
export const FEATURE_EXPERTS: readonly ExpertBuilder[] = [
  languageExpert,
  textExpert,
  imageStatsExpert,
  audioVadExpert,
];

/** The image experts (plug-ins of `VigilClassifier`, loaded with @vigil/model's `loadExperts`). */
export const IMAGE_EXPERTS: readonly ExpertBuilder[] = [nsfwExpert, objectsExpert, ocrExpert];

/**
 * The experts of the default bundle `vigil-base`, in build order. Each builder lives in its own file
 * in this folder and converts weights from an installed package (never fetched at run time).
 */
export const VIGIL_BASE_EXPERTS: readonly ExpertBuilder[] = [
  ...FEATURE_EXPERTS,
  ...IMAGE_EXPERTS,
  fusionExpert,
];
