import type { ExpertBuilder } from '../bundle';
import { nsfwExpert } from './nsfw';
import { objectsExpert } from './objects';
import { ocrExpert } from './ocr';

/**
 * The experts of the default bundle `vigil-base`, in build order. Each builder lives in its own file
 * in this folder and converts weights from an installed package (never fetched at run time).
 */
export const VIGIL_BASE_EXPERTS: readonly ExpertBuilder[] = [nsfwExpert, objectsExpert, ocrExpert];
