import { CATEGORY_IDS, type CategoryId } from '@vigil/contracts';
import { EXPERT_NAMES } from './router';

/**
 * Where each category can show up in a post. A category is covered for a post when, for every channel
 * present in the post where it can show up, some expert informing it assessed that channel (or a gate
 * established the channel is empty: no text in the image, no speech in the audio).
 * Channels: `caption`, `image_text` (text rendered in images and frames), `visual` (what images and
 * frames show), `speech` (spoken words).
 */
export const CHANNELS = ['caption', 'image_text', 'visual', 'speech'] as const;
export type Channel = (typeof CHANNELS)[number];

const TEXT: readonly Channel[] = ['caption', 'image_text', 'speech'];
const TEXT_AND_VISUAL: readonly Channel[] = ['caption', 'image_text', 'speech', 'visual'];

/** Channels per category (OpenAI moderation counts images for sexual, violence and self-harm; Vigil adds weapons, drugs, hate symbols). */
export const CATEGORY_CHANNELS: Readonly<Record<CategoryId, readonly Channel[]>> = {
  sexual: TEXT_AND_VISUAL,
  'sexual/minors': TEXT_AND_VISUAL,
  violence: TEXT_AND_VISUAL,
  'violence/graphic': TEXT_AND_VISUAL,
  hate: TEXT_AND_VISUAL,
  harassment: TEXT,
  'harassment/threatening': TEXT,
  'self-harm': TEXT_AND_VISUAL,
  'self-harm/intent': TEXT,
  'illicit/drugs': TEXT_AND_VISUAL,
  'illicit/weapons': TEXT_AND_VISUAL,
  spam: TEXT,
  profanity: TEXT,
};

/**
 * Coverage of one post.
 * @param present channels the post has content in (or may have: images imply `image_text` and `visual`)
 * @param assessed per channel, the categories some expert that ran (or a gate) covered
 */
export function coverageOf(
  present: ReadonlySet<Channel>,
  assessed: ReadonlyMap<Channel, ReadonlySet<CategoryId>>,
): { covered: CategoryId[]; not_covered: CategoryId[] } {
  const covered: CategoryId[] = [];
  const notCovered: CategoryId[] = [];
  for (const c of CATEGORY_IDS) {
    const channels = CATEGORY_CHANNELS[c].filter((ch) => present.has(ch));
    const ok = channels.length > 0 && channels.every((ch) => assessed.get(ch)?.has(c));
    (ok ? covered : notCovered).push(c);
  }
  return { covered, not_covered: notCovered };
}

/**
 * Whether the text inside one image medium was read: OCR ran on it without error (on this call, or
 * when the cached medium was first examined) or the OCR gate ruled text out (`no_text_likelihood`).
 * A medium read with no lines has an empty `image_text` channel: every text category is assessed there.
 * @param ran frame experts that ran on the medium
 * @param skipped the post's routing decisions (expert, medium, reason)
 */
export function imageTextRead(
  mediaId: string,
  ran: Iterable<string>,
  skipped: readonly { expert: string; media_id?: string; reason: string }[],
): boolean {
  return (
    [...ran].includes(EXPERT_NAMES.ocr) ||
    skipped.some(
      (k) => k.expert === EXPERT_NAMES.ocr && k.media_id === mediaId && k.reason === 'no_text_likelihood',
    )
  );
}
