import type { GeneratorSpec } from '../template';
import {
  HATE_DEHUMANISE_ANIMAL,
  HATE_DEHUMANISE_DISEASE,
  HATE_DEHUMANISE_EXTERMINATE,
} from './dehumanisation';
import { HATE_SHORT_CAPTION, HATE_EXPULSION, HATE_IMPLICIT_DEROGATION } from './derogation';
import {
  HARDNEG_ANIMALS_LITERAL,
  HARDNEG_PEST_CONTROL,
  HARDNEG_COUNTER_SPEECH,
  HARDNEG_IDENTITY_POSITIVE,
  HARDNEG_SHORT_CAPTION,
  HARDNEG_NEWS,
} from './hard-negatives';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS } from './slots-en-fr-de';
import { ES_SLOTS, PT_SLOTS } from './slots-es-pt';

/**
 * Hate outside HateCheck's coverage, written like real posts (slang, typos, emoji, hashtags, @mentions, rants and
 * two-word captions): dehumanising comparisons ("<group> are rats / vermin / parasites / a plague / an
 * infestation"), with calls to exterminate (hate + violence), calls to expel a group ("send them all back", "raus",
 * "dehors", "fuera", "fora"), implicit derogation (insinuation, "I'm not racist but", gender stereotypes), short
 * captions; hard negatives: animals literally, pest control, counter-speech quoting the comparison to condemn it,
 * conferences, marches and school anti-bullying programmes against
 * racism, antisemitism or homophobia, statistics, studies and NGO statements about hate crimes, positive statements
 * about the group, two-word captions ("rat race", "party animal"). Groups are protected groups
 * (religion, ethnicity, nationality, sexuality, gender, disability) named neutrally; no swear words, so profanity
 * stays 0.
 */
export const HATE: GeneratorSpec = {
  name: 'hate',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    HATE_DEHUMANISE_ANIMAL,
    HATE_DEHUMANISE_DISEASE,
    HATE_DEHUMANISE_EXTERMINATE,
    HATE_SHORT_CAPTION,
    HATE_EXPULSION,
    HATE_IMPLICIT_DEROGATION,
    HARDNEG_ANIMALS_LITERAL,
    HARDNEG_PEST_CONTROL,
    HARDNEG_COUNTER_SPEECH,
    HARDNEG_IDENTITY_POSITIVE,
    HARDNEG_SHORT_CAPTION,
    HARDNEG_NEWS,
  ],
};
