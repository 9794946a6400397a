import type { GeneratorSpec } from '../template';
import {
  HARDNEG_QUOTE_CONDEMN,
  HARDNEG_FICTION,
  HARDNEG_NEWS,
  HARDNEG_CONDEMNATION,
  HARDNEG_EDUCATION,
} from './hard-negatives-discussion';
import {
  HARDNEG_GAME,
  HARDNEG_SPORTS,
  HARDNEG_COOKING,
  HARDNEG_HYPERBOLE,
  HARDNEG_SHORT_CAPTION,
} from './hard-negatives-figurative';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS } from './slots-en-fr-de';
import { ES_SLOTS, PT_SLOTS } from './slots-es-pt';
import { THREAT_DIRECT_PERSON, THREAT_CONDITIONAL, THREAT_SHORT_CAPTION } from './threats';
import { VIOLENCE_CALL_TO_ACTION, VIOLENCE_INCITEMENT_GROUP, VIOLENCE_GLORIFICATION } from './violence';

/**
 * Threats and violence: direct, veiled ("I know where you park", "accidents happen") and conditional threats to a
 * person (violence + harassment + threatening), calls to violence against a person and against a place or crowd,
 * glorification of real killings and beatings, short captions; hard negatives: games, sports and martial arts,
 * cooking, quoting a threat to condemn it, fiction and true crime, neutral news of attacks, mayors, police, schools and NGOs condemning an
 * attack, forensic science, criminology, war history, self-defence and first-aid classes, violent hyperbole, and
 * two-word captions with violent words used harmlessly. Registers range from news prose to slang, typos and emoji.
 */
export const THREATS: GeneratorSpec = {
  name: 'threats',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    THREAT_DIRECT_PERSON,
    THREAT_CONDITIONAL,
    VIOLENCE_CALL_TO_ACTION,
    VIOLENCE_INCITEMENT_GROUP,
    VIOLENCE_GLORIFICATION,
    THREAT_SHORT_CAPTION,
    HARDNEG_GAME,
    HARDNEG_SPORTS,
    HARDNEG_COOKING,
    HARDNEG_QUOTE_CONDEMN,
    HARDNEG_FICTION,
    HARDNEG_NEWS,
    HARDNEG_HYPERBOLE,
    HARDNEG_SHORT_CAPTION,
    HARDNEG_CONDEMNATION,
    HARDNEG_EDUCATION,
  ],
};
