import type { GeneratorSpec } from '../template';
import {
  HARDNEG_SHOP_ANNOUNCEMENT,
  HARDNEG_EVENT_INVITE,
  HARDNEG_PERSONAL_NEWS,
  HARDNEG_ANTI_PHISHING_ADVICE,
  HARDNEG_CHARITY_FUNDRAISER,
  HARDNEG_SHORT_CAPTION,
} from './hard-negatives';
import { SPAM_PHISHING, SPAM_FOLLOWER_SELLING, SPAM_SHORT_CAPTION } from './positives';
import { SPAM_GET_RICH_QUICK, SPAM_FAKE_PRIZE, SPAM_CRYPTO_DOUBLING, SPAM_FAKE_JOB } from './positives-scams';
import { EN_SLOTS, FR_SLOTS, DE_SLOTS, ES_SLOTS, PT_SLOTS } from './slots';

/**
 * Spam and scams, written like real posts, DMs and texts (emoji, hashtags, @mentions, local brands, currencies and
 * payment apps per market: R$, pix, €, Bizum, Lydia, PayPal): get-rich-quick ("turned 200 into 12k", "work from
 * home 5000/week"), phishing ("verify your account", parcel fees, tax refunds, "hi mum new number"), fake prizes
 * (gift cards from a local supermarket), crypto doubling and airdrops, follower selling, fake jobs (task scams,
 * reshipping, fee to register), short captions; hard negatives: real shop announcements and sales, event
 * invites, personal news with a link, genuine bank and platform scam warnings ("we will never ask for your PIN"),
 * a person's charity fundraiser. Brands are the ones phishers imitate in each market.
 */
export const SPAM: GeneratorSpec = {
  name: 'spam',
  slots: {
    en: EN_SLOTS,
    fr: FR_SLOTS,
    de: DE_SLOTS,
    es: ES_SLOTS,
    pt: PT_SLOTS,
  },
  functionalities: [
    SPAM_GET_RICH_QUICK,
    SPAM_PHISHING,
    SPAM_FAKE_PRIZE,
    SPAM_CRYPTO_DOUBLING,
    SPAM_FOLLOWER_SELLING,
    SPAM_FAKE_JOB,
    SPAM_SHORT_CAPTION,
    HARDNEG_SHOP_ANNOUNCEMENT,
    HARDNEG_EVENT_INVITE,
    HARDNEG_PERSONAL_NEWS,
    HARDNEG_ANTI_PHISHING_ADVICE,
    HARDNEG_CHARITY_FUNDRAISER,
    HARDNEG_SHORT_CAPTION,
  ],
};
