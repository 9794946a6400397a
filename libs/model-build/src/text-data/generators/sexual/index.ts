import type { GeneratorSpec } from '../template';
import { SEXUAL_SELLING_EXPLICIT, SEXUAL_SHORT_CAPTION, SEXUAL_EXPLICIT_DESCRIPTION } from './explicit';
import {
  HARDNEG_ROMANCE,
  HARDNEG_DATING_PROFILE,
  HARDNEG_SHORT_CAPTION,
  HARDNEG_NEWS,
  HARDNEG_FICTION,
} from './hard-negatives';
import {
  HARDNEG_SEX_EDUCATION,
  HARDNEG_MEDICAL,
  HARDNEG_SEXUAL_HEALTH_QUESTION,
} from './hard-negatives-health';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';
import { SEXUAL_ADULT_DATING_SPAM, SEXUAL_SOLICITATION, SEXUAL_ESCORT_AD } from './solicitation';

/**
 * Sexual (adults only; `sexual/minors` is never generated and stays unknown): explicit solicitation, adult
 * dating spam (sexual + spam), selling explicit content, short captions; hard negatives: sex education (school lessons, free STI
 * testing, contraception), medical screening (HPV vaccination, mammograms, menopause talks), romance without explicit content, two-word captions with look-alike words ("nude lipstick").
 */
export const SEXUAL: GeneratorSpec = {
  name: 'sexual',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    SEXUAL_ADULT_DATING_SPAM,
    SEXUAL_SOLICITATION,
    SEXUAL_SELLING_EXPLICIT,
    SEXUAL_SHORT_CAPTION,
    HARDNEG_SEX_EDUCATION,
    HARDNEG_MEDICAL,
    HARDNEG_ROMANCE,
    HARDNEG_DATING_PROFILE,
    HARDNEG_SEXUAL_HEALTH_QUESTION,
    HARDNEG_SHORT_CAPTION,
    SEXUAL_EXPLICIT_DESCRIPTION,
    SEXUAL_ESCORT_AD,
    HARDNEG_NEWS,
    HARDNEG_FICTION,
  ],
};
