import type { GeneratorSpec } from '../template';
import {
  HARDNEG_RECOVERY,
  HARDNEG_HELP_SEEKING,
  HARDNEG_NEWS,
  HARDNEG_HYPERBOLE,
  HARDNEG_PLANS,
  HARDNEG_SHORT_CAPTION,
} from './hard-negatives';
import { SELFHARM_METHOD_SEEKING, SELFHARM_ENCOURAGE_OTHER, SELFHARM_SHORT_CAPTION } from './positives';
import {
  SELFHARM_INTENT_FIRST_PERSON,
  SELFHARM_IDEATION,
  SELFHARM_SELF_INJURY_DISCLOSURE,
} from './positives-first-person';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';

/**
 * Self-harm: first-person intent, ideation, method-seeking, disclosure, telling someone to kill themselves
 * (self-harm + harassment, not violence), short captions; hard negatives: recovery, help-seeking, news,
 * hyperbole, everyday plans with the same time phrases. Written natively per language; hotline numbers are the real national lines.
 */
export const SELF_HARM: GeneratorSpec = {
  name: 'self-harm',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    SELFHARM_INTENT_FIRST_PERSON,
    SELFHARM_IDEATION,
    SELFHARM_METHOD_SEEKING,
    SELFHARM_SELF_INJURY_DISCLOSURE,
    SELFHARM_ENCOURAGE_OTHER,
    SELFHARM_SHORT_CAPTION,
    HARDNEG_RECOVERY,
    HARDNEG_HELP_SEEKING,
    HARDNEG_NEWS,
    HARDNEG_HYPERBOLE,
    HARDNEG_PLANS,
    HARDNEG_SHORT_CAPTION,
  ],
};
