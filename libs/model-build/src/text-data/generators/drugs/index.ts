import type { GeneratorSpec } from '../template';
import { HARDNEG_NEWS, HARDNEG_POLICY_DEBATE, HARDNEG_SHORT_CAPTION } from './hard-negatives';
import {
  HARDNEG_HARM_REDUCTION,
  HARDNEG_PRESCRIPTION,
  HARDNEG_MEDICAL_CANNABIS,
} from './hard-negatives-medical';
import { DRUGS_SALE, DRUGS_BUY, DRUGS_PROMOTION_USE, DRUGS_SHORT_CAPTION } from './positives';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';

/**
 * Illicit drugs: selling (menus, prices, delivery, DM/MP/PN/privado), buying, promotion of use, short captions;
 * hard negatives: harm reduction, prescriptions (pharmacy pick-ups, pill organisers, doctor appointments), medical cannabis, news about seizures, policy debate. Slang per
 * language is the street vocabulary of that language (e.g. es "farlopa", pt "pó", de "Koks"), not a translation.
 */
export const DRUGS: GeneratorSpec = {
  name: 'drugs',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    DRUGS_SALE,
    DRUGS_BUY,
    DRUGS_PROMOTION_USE,
    DRUGS_SHORT_CAPTION,
    HARDNEG_HARM_REDUCTION,
    HARDNEG_PRESCRIPTION,
    HARDNEG_MEDICAL_CANNABIS,
    HARDNEG_NEWS,
    HARDNEG_POLICY_DEBATE,
    HARDNEG_SHORT_CAPTION,
  ],
};
