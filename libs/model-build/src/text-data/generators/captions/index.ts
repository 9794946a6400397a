import type { GeneratorSpec } from '../template';
import { BENIGN_SHORT_CAPTION, BENIGN_EVERYDAY } from './benign';
import { HARDNEG_COMPLIMENTS_SCENERY } from './compliments-scenery';
import { HARDNEG_EVERYDAY_REMARKS } from './everyday-remarks';
import { HARDNEG_FRIENDLY_MENTION } from './friendly-mention';
import { HARDNEG_INNOCENT_WORDS } from './innocent-words';
import { DE_SLOTS } from './slots-de';
import { EN_SLOTS } from './slots-en';
import { ES_SLOTS } from './slots-es';
import { FR_SLOTS } from './slots-fr';
import { PT_SLOTS } from './slots-pt';

/**
 * Plain benign captions and comments, the everyday negative for every category at once (a short harmless
 * caption must never read as violence or anything else): two-to-five-word captions, everyday social posts
 * (1 to 12 words) and captions built on the innocent senses of words the harmful templates use.
 */
export const CAPTIONS: GeneratorSpec = {
  name: 'captions',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    BENIGN_SHORT_CAPTION,
    BENIGN_EVERYDAY,
    HARDNEG_INNOCENT_WORDS,
    HARDNEG_FRIENDLY_MENTION,
    HARDNEG_COMPLIMENTS_SCENERY,
    HARDNEG_EVERYDAY_REMARKS,
  ],
};
