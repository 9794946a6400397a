/**
 * A speech-to-text plug-in expert from the outside: an operator-supplied expert that reads audio, runs
 * where voice activity found speech (`escalateOn: 'speech_detected'`) and returns what it heard as
 * `transcript`. The words land in the medium's result and the text classifier judges them like text read
 * from images. docs/writing-an-expert.md ("A speech-to-text expert") describes the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InferenceResultSchema, type InferenceResult } from '@vigil/contracts';
import { VigilClassifier, type Expert } from '../src';
import { BUNDLE_DIR } from './bundle';
import { audioMedia, request, speech } from './requests';

/**
 * A toy speech-to-text expert: it "hears" what the test registered for a track (the PCM buffer itself),
 * else nothing. Counts its calls.
 */
function toyStt(name: string, heard: WeakMap<Uint8Array, string>, calls: number[]): Expert {
  return {
    name,
    modality: 'audio',
    reads: ['audio'],
    emits: { categories: [], features: 0 },
    cost: { tier: 'escalation', escalateOn: 'speech_detected', msPerItem: 200 },
    run(tracks) {
      calls.push(tracks.length);
      return Promise.resolve(
        (tracks as readonly Uint8Array[]).map((pcm) => ({ transcript: heard.get(pcm) ?? '' })),
      );
    },
  };
}

const score = (r: InferenceResult, category: string) => r.scores.find((s) => s.category === category);

describe('a speech-to-text plug-in expert', () => {
  const heard = new WeakMap<Uint8Array, string>();
  const calls: number[] = [];
  let withStt: VigilClassifier;
  let plain: VigilClassifier;
  // espeak-ng speaks the words; the toy expert "transcribes" them from its table.
  let greeting: Uint8Array<ArrayBuffer>;
  let threat: Uint8Array<ArrayBuffer>;
  let mumble: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    greeting = speech('see you at the park tomorrow afternoon');
    threat = speech('I know where you live and I will kill you tonight, watch your back');
    mumble = speech('hmm, mm, uh');
    heard.set(greeting, 'see you at the park tomorrow afternoon');
    heard.set(threat, '  I know where you live and I will kill you tonight, watch your back ');
    withStt = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu' },
      experts: [toyStt('toy-stt', heard, calls)],
    });
    plain = await VigilClassifier.load(BUNDLE_DIR, { session: { provider: 'cpu' } });
  });

  it('runs where speech was found and its transcript is the medium result transcript', async () => {
    calls.length = 0;
    const [r] = await withStt.classify([
      request('s1', 'voice note', [audioMedia('aud', greeting), audioMedia('quiet', new Uint8Array(64000))]),
    ]);
    expect(() => InferenceResultSchema.parse(r)).not.toThrow();
    // Stage two only, on the one track with speech.
    expect(calls).toEqual([1]);
    expect(r!.experts.find((e) => e.expert === 'toy-stt')).toMatchObject({ ran: true, batch_size: 1 });
    expect(r!.media[0]!.transcript).toBe('see you at the park tomorrow afternoon');
    expect(r!.media[0]!.speech!.length).toBeGreaterThan(0);
    expect(r!.media[1]!.speech).toEqual([]);
    expect(r!.media[1]).not.toHaveProperty('transcript');
    // The transcript was read by the text classifier: its categories are assessed on the spoken words
    // (the silent track has none); violence/graphic, which only the fused text expert informs, is not.
    const textClassifier = r!.experts.find((e) => e.expert === 'text-classifier')!;
    expect(textClassifier.ran).toBe(true);
    expect(r!.coverage.covered).toEqual(expect.arrayContaining(['harassment', 'spam', 'profanity']));
    expect(r!.coverage.not_covered).toEqual(['sexual/minors', 'violence/graphic']);
    // A harmless transcript raises nothing to the default policy's first rung.
    expect(Math.max(...r!.scores.map((s) => s.score))).toBeLessThan(0.4);
  });

  it('has the text classifier judge a spoken threat, attributed to the audio medium', async () => {
    const post = request('s2', 'voice note', [audioMedia('aud', threat)]);
    const [heardThreat] = await withStt.classify([post]);
    const [unheard] = await plain.classify([post]);
    expect(heardThreat!.media[0]!.transcript).toBe(
      'I know where you live and I will kill you tonight, watch your back',
    );
    const threatening = score(heardThreat!, 'harassment/threatening')!;
    expect(threatening.score).toBeGreaterThan(0.5);
    expect(threatening.attribution).toEqual([{ modality: 'audio', media_id: 'aud', weight: 1 }]);
    expect(score(unheard!, 'harassment/threatening')!.score).toBeLessThan(0.4);
    // Without speech-to-text the spoken words are not assessed; with it they are.
    expect(unheard!.media[0]).not.toHaveProperty('transcript');
    expect(unheard!.coverage.not_covered).toContain('harassment/threatening');
    expect(heardThreat!.coverage.covered).toContain('harassment/threatening');
  });

  it('gives no transcript for a blank one, and the spoken words stay not covered', async () => {
    const [r] = await withStt.classify([request('s3', 'voice note', [audioMedia('aud', mumble)])]);
    expect(r!.media[0]!.speech!.length).toBeGreaterThan(0);
    expect(r!.experts.find((e) => e.expert === 'toy-stt')).toMatchObject({ ran: true });
    expect(r!.media[0]).not.toHaveProperty('transcript');
    expect(r!.coverage.not_covered).toEqual(expect.arrayContaining(['harassment', 'spam', 'profanity']));
  });

  it('keeps the first non-blank transcript when two experts give one for a medium', async () => {
    const second = new WeakMap<Uint8Array, string>([[greeting, 'sea ewe at the bark']]);
    const both = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu' },
      experts: [toyStt('stt-a', heard, []), toyStt('stt-b', second, [])],
    });
    const swapped = await VigilClassifier.load(BUNDLE_DIR, {
      session: { provider: 'cpu' },
      experts: [toyStt('stt-b', second, []), toyStt('stt-a', heard, [])],
    });
    const post = request('s4', '', [audioMedia('aud', greeting), audioMedia('mm', mumble)]);
    const [a] = await both.classify([post]);
    const [b] = await swapped.classify([post]);
    expect(a!.media.map((m) => m.transcript)).toEqual(['see you at the park tomorrow afternoon', undefined]);
    expect(b!.media.map((m) => m.transcript)).toEqual(['sea ewe at the bark', undefined]);
  });

  it('does not count the spoken words as assessed because another track of the post is silent', async () => {
    const [r] = await plain.classify([
      request('s5', 'voice notes', [audioMedia('quiet', new Uint8Array(64000)), audioMedia('aud', greeting)]),
    ]);
    expect(r!.media[0]!.speech).toEqual([]);
    expect(r!.media[1]!.speech!.length).toBeGreaterThan(0);
    expect(r!.coverage.not_covered).toEqual(expect.arrayContaining(['harassment', 'spam', 'profanity']));
  });
});
