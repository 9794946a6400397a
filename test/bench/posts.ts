/** The benchmark's posts: the mix of kinds, captions and sample media, one PostV1 per index. */
import { randomBytes } from 'node:crypto';
import type { PostV1Input } from '@vigil/contracts';

export const TENANT = 'bench';
/** This run's id: in post ids, topic prefix, consumer groups and database schema. */
export const runId = randomBytes(4).toString('hex');

/** The post mix, in publishing order (one of each, repeated). */
export const MIX = ['caption', 'image', 'gif', 'video', 'audio'] as const;
type Kind = (typeof MIX)[number];
const IMAGES = ['chelsea.png', 'astronaut.png', 'rocket.jpg', 'motorcycle_left.png', 'meme-coffee.png'];
const CAPTIONS = [
  'Sunset over the harbour tonight',
  'you are a worthless idiot, nobody likes you',
  'Launch day! Suited up and ready',
  'selling coke and molly, dm me for prices',
  'Bonjour tout le monde, le marché ouvre demain',
  'Absolutely killed it at the gym today',
];

/** Post `i` of a phase: the kind of the mix at `i`, a sample file as its medium, a webhook callback. */
export function post(
  phase: string,
  i: number,
  mediaUrl: (f: string) => string,
  endpointId: string,
): PostV1Input {
  const kind: Kind = MIX[i % MIX.length]!;
  const file = {
    caption: undefined,
    image: IMAGES[Math.floor(i / MIX.length) % IMAGES.length]!,
    gif: 'slideshow.gif',
    video: 'recap.mp4',
    audio: 'voice-note.ogg',
  }[kind];
  return {
    schema_version: 1,
    tenant_id: TENANT,
    post_id: `${phase}-${i}-${runId}`,
    revision: 0,
    created_at: new Date().toISOString(),
    author: `user-${i % 13}`,
    text: `${CAPTIONS[i % CAPTIONS.length]} #${i}`,
    media: file && kind !== 'caption' ? [{ media_id: 'm1', kind, source: { url: mediaUrl(file) } }] : [],
    callback: { endpoint_id: endpointId },
  };
}
