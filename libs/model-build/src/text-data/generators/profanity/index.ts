import type { GeneratorSpec } from '../template';
import {
  HARDNEG_SCUNTHORPE,
  HARDNEG_LINGUISTICS_QUOTE,
  HARDNEG_MINCED_OATH,
  HARDNEG_REPORTED_SWEARING,
  HARDNEG_SHORT_CAPTION,
} from './hard-negatives';
import { PROFANITY_INSULT_PERSON, HARASSMENT_INSULT_CLEAN } from './insults';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';
import {
  PROFANITY_SWEARING,
  PROFANITY_BANTER,
  PROFANITY_SHORT_CAPTION,
  PROFANITY_DISGUISED,
} from './swearing';

/**
 * Profanity, written like real posts (slang, abbreviations, emoji, @mentions, rants and two-word captions):
 * swearing not aimed at anyone, at things and situations (late bus, exams, weather, traffic) (profanity), friendly
 * swearing between friends (banter: profanity, not harassment), swearing in disguised spellings (spaced letters,
 * leetspeak, asterisks, abbreviations: "f*ck", "sh1t", "p u t a i n", "sch31ße", "pqp"), insults aimed at a person
 * (profanity + harassment), insults without swear words (harassment only), short captions; hard negatives: words
 * that contain a swear substring (the Scunthorpe problem: "Scunthorpe", "Marschmusik", "computadora"), swear words
 * quoted in linguistics or reported, minced oaths ("oh fudge", "mince", "jolines").
 */
export const PROFANITY: GeneratorSpec = {
  name: 'profanity',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    PROFANITY_SWEARING,
    PROFANITY_INSULT_PERSON,
    PROFANITY_BANTER,
    HARASSMENT_INSULT_CLEAN,
    PROFANITY_SHORT_CAPTION,
    PROFANITY_DISGUISED,
    HARDNEG_SCUNTHORPE,
    HARDNEG_LINGUISTICS_QUOTE,
    HARDNEG_MINCED_OATH,
    HARDNEG_REPORTED_SWEARING,
    HARDNEG_SHORT_CAPTION,
  ],
};
