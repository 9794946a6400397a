/**
 * The demo's sample posts (see ./samples.ts) and the PostV1 bodies a platform would publish for them.
 */
import type { PostV1Input } from '@vigil/contracts';

/** One medium of a sample post: a file of the set (served by the platform) or a URL as it is. */
export interface SampleMedia {
  readonly media_id: string;
  readonly kind: 'image' | 'gif' | 'video' | 'audio';
  readonly file?: string;
  readonly url?: string;
}

/** One sample post; `why` says what it shows. `raw` (instead of the fields) is a malformed post body. */
export interface SamplePost {
  readonly id: string;
  readonly why: string;
  readonly text?: string;
  readonly lang?: string;
  readonly media?: readonly SampleMedia[];
  readonly raw?: string;
}

/** The sample posts (file names refer to the media this script writes). */
export const SAMPLE_POSTS: readonly SamplePost[] = [
  { id: 'caption-benign', why: 'plain caption', text: 'Sunset over the harbour tonight, what a view' },
  {
    id: 'photo-cat',
    why: 'photo + caption',
    text: 'My cat Chelsea judging me again',
    media: [{ media_id: 'cat', kind: 'image', file: 'chelsea.png' }],
  },
  {
    id: 'photos-launch',
    why: 'two photos',
    text: 'Launch day! Suited up and ready',
    media: [
      { media_id: 'astronaut', kind: 'image', file: 'astronaut.png' },
      { media_id: 'rocket', kind: 'image', file: 'rocket.jpg' },
    ],
  },
  {
    id: 'meme-benign',
    why: 'meme: text rendered on a photo',
    text: 'monday mood',
    media: [{ media_id: 'meme', kind: 'image', file: 'meme-coffee.png' }],
  },
  {
    id: 'meme-threat',
    why: 'harmful text inside the image only',
    text: 'lol',
    media: [{ media_id: 'meme', kind: 'image', file: 'meme-threat.png' }],
  },
  {
    id: 'gif-slideshow',
    why: 'animated GIF of four photos',
    text: 'Weekend in four pictures',
    media: [{ media_id: 'loop', kind: 'gif', file: 'slideshow.gif' }],
  },
  {
    id: 'video-spoken',
    why: 'MP4 slideshow with a spoken track',
    text: 'Trip recap, sound on',
    media: [{ media_id: 'clip', kind: 'video', file: 'recap.mp4' }],
  },
  {
    id: 'audio-note',
    why: 'voice note (speech)',
    text: 'voice note for the team',
    media: [{ media_id: 'note', kind: 'audio', file: 'voice-note.ogg' }],
  },
  {
    id: 'fr-benign',
    why: 'French',
    text: 'Bonjour tout le monde ! Le marché de Noël ouvre demain.',
    lang: 'fr',
  },
  { id: 'es-benign', why: 'Spanish', text: '¡Qué partido tan bueno anoche! Vamos equipo.', lang: 'es' },
  { id: 'de-benign', why: 'German', text: 'Heute backen wir Brot mit den Kindern.', lang: 'de' },
  {
    id: 'ja-benign',
    why: 'Japanese (outside the corpus)',
    text: '今日はいい天気ですね。公園を散歩しました。',
  },
  {
    id: 'harassment',
    why: 'harmful: harassment',
    text: 'Nobody wants you here, you worthless loser. Log off and never come back.',
  },
  {
    id: 'threat',
    why: 'harmful: threat',
    text: 'I know where you live and I am going to hurt you and your family',
  },
  {
    id: 'drugs',
    why: 'harmful: selling drugs',
    text: 'selling coke and molly, cheap prices, dm me for the plug, fast delivery',
  },
  {
    id: 'self-harm',
    why: 'harmful: self-harm intent',
    text: 'I want to end my life tonight, nobody would even notice',
  },
  {
    id: 'hate-fr',
    why: 'harmful, French',
    text: 'Ces gens-là sont des parasites, il faut les chasser de notre pays',
    lang: 'fr',
  },
  {
    id: 'tricky-gym',
    why: 'benign but tricky',
    text: 'Absolutely killed it at the gym today, legs are dead',
  },
  {
    id: 'tricky-bomb',
    why: 'benign but tricky',
    text: 'This chili recipe is the bomb, my friends went crazy for it',
  },
  {
    id: 'tricky-shoot',
    why: 'benign but tricky',
    text: 'Photo shoot went great, we shot the whole sunset series',
    media: [{ media_id: 'moto', kind: 'image', file: 'motorcycle_left.png' }],
  },
  {
    id: 'broken-file',
    why: 'error: the image is cut in half',
    media: [{ media_id: 'broken', kind: 'image', file: 'broken.jpg' }],
  },
  {
    id: 'blocked-url',
    why: 'error: URL blocked by the SSRF guard',
    media: [{ media_id: 'metadata', kind: 'image', url: 'http://169.254.169.254/latest/meta-data/' }],
  },
  { id: 'malformed', why: 'error: not a valid post (DLQ)', raw: '{"tenant_id": "demo", "post_id": ' },
];

/** A post to publish: a PostV1 or, for `raw` samples, the malformed body under its key. */
export type Publishable = PostV1Input | { readonly key: string; readonly raw: string };

/**
 * The PostV1 a platform would publish for each sample: post id `<id>-<suffix>`, media files as URLs of
 * the platform's media server (`mediaUrl(file)`), callback to `endpointId` with the sample id as
 * correlation id. Raw samples become `{key, raw}`.
 */
export function samplePosts(
  samples: readonly SamplePost[],
  options: { tenant: string; suffix: string; mediaUrl: (file: string) => string; endpointId?: string },
): Publishable[] {
  return samples.map((sample): Publishable => {
    const postId = `${sample.id}-${options.suffix}`;
    if (sample.raw !== undefined) return { key: `${options.tenant}:${postId}`, raw: sample.raw };
    return {
      schema_version: 1,
      tenant_id: options.tenant,
      post_id: postId,
      revision: 0,
      created_at: new Date().toISOString(),
      author: `user-${sample.id.length}`,
      text: sample.text ?? '',
      ...(sample.lang ? { lang: sample.lang } : {}),
      media: (sample.media ?? []).map((m) => ({
        media_id: m.media_id,
        kind: m.kind,
        source: { url: m.url ?? options.mediaUrl(m.file!) },
      })),
      ...(options.endpointId
        ? { callback: { endpoint_id: options.endpointId, correlation_id: sample.id } }
        : {}),
    };
  });
}
