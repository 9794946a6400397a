import type { GeneratorSpec } from '../template';
import {
  HARDNEG_FRIENDLY_TEASING,
  HARDNEG_POLICY_CRITICISM,
  HARDNEG_SPORTS_PUNDIT,
  HARDNEG_TEACHER_FEEDBACK,
} from './hard-negatives';
import { HARASSMENT_APPEARANCE, HARASSMENT_PUT_DOWN, HARASSMENT_EXCLUSION } from './positives';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';

/**
 * Harassment without swear words (harassment only, profanity 0), written like real posts, replies and group chats
 * (@mentions, slang, emoji, rants and three-word jabs): bullying and insults aimed at one person about their
 * appearance (body shaming, "put a bag over your head"), put-downs of their intelligence and posts ("@handle you're
 * pathetic", "touch grass", "ratio + L"), social exclusion ("nobody likes you", the group chat without them); hard
 * negatives: affectionate teasing between friends that is clearly kind, criticism of a politician's policy, a
 * pundit criticising a team's play, a teacher's feedback on a student's work.
 */
export const HARASSMENT: GeneratorSpec = {
  name: 'harassment',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    HARASSMENT_APPEARANCE,
    HARASSMENT_PUT_DOWN,
    HARASSMENT_EXCLUSION,
    HARDNEG_FRIENDLY_TEASING,
    HARDNEG_POLICY_CRITICISM,
    HARDNEG_SPORTS_PUNDIT,
    HARDNEG_TEACHER_FEEDBACK,
  ],
};
