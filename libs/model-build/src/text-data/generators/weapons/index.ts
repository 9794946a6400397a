import type { GeneratorSpec } from '../template';
import { HARDNEG_HISTORY, HARDNEG_NEWS, HARDNEG_VIDEO_GAME, HARDNEG_SHORT_CAPTION } from './hard-negatives';
import {
  HARDNEG_LICENSED_HUNTING,
  HARDNEG_SHOOTING_SPORT,
  HARDNEG_GUN_SHOP_HOURS,
} from './hard-negatives-legal-use';
import { WEAPONS_FULL_AUTO_CONVERSION, WEAPONS_EXPLOSIVES } from './positives-manufacture';
import { WEAPONS_UNTRACEABLE_SALE, WEAPONS_BUY, WEAPONS_SHORT_CAPTION } from './positives-trade';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';

/**
 * Illicit weapons: untraceable / ghost guns, sales and purchase requests without serial numbers, licence or
 * paperwork ("sin papeles", "sem registro", "ohne WBK", "sans permis"), full-auto conversion, explosives, short
 * captions; hard negatives: licensed hunting, shooting sports, licensed shops and private sales through dealers,
 * history, news about illegal guns, video games.
 */
export const WEAPONS: GeneratorSpec = {
  name: 'weapons',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    WEAPONS_UNTRACEABLE_SALE,
    WEAPONS_BUY,
    WEAPONS_FULL_AUTO_CONVERSION,
    WEAPONS_EXPLOSIVES,
    WEAPONS_SHORT_CAPTION,
    HARDNEG_LICENSED_HUNTING,
    HARDNEG_SHOOTING_SPORT,
    HARDNEG_GUN_SHOP_HOURS,
    HARDNEG_HISTORY,
    HARDNEG_NEWS,
    HARDNEG_VIDEO_GAME,
    HARDNEG_SHORT_CAPTION,
  ],
};
