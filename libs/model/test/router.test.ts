import { describe, expect, it } from 'vitest';
import type { MediaPayload } from '@vigil/contracts';
import { DEFAULT_ROUTER_PARAMS, ExpertRouter, type EscalationGate } from '../src';
import { request } from './requests';

const frames = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ timestamp_ms: i * 500, width: 4, height: 4, variants: {} }));
const video = (id: string, n: number): MediaPayload => ({
  media_id: id,
  kind: 'video',
  status: 'ok',
  frames: frames(n),
});

describe('ExpertRouter', () => {
  const present = new Set([
    'text',
    'language',
    'image-stats',
    'nsfw',
    'ocr',
    'objects',
    'audio-vad',
    'stt',
    'fusion',
  ]);
  const all = new ExpertRouter(present);
  const base = new ExpertRouter(new Set(['text', 'language', 'image-stats', 'audio-vad', 'fusion']));

  it('sends a caption-only post to the text experts and records why the rest are skipped', () => {
    const plan = base.plan(request('a', 'hello'), 'routed');
    expect(plan.tasks.map((t) => t.expert)).toEqual(['language', 'text']);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { expert: 'image-stats', reason: 'no_images' },
        { expert: 'audio-vad', reason: 'no_audio' },
      ]),
    );
  });

  it('looks at the first frames only when routed, at every frame (up to the cap) when dense', () => {
    const req = request('v', '', [video('v1', 10)]);
    const routed = all.plan(req, 'routed');
    const dense = all.plan(req, 'dense');
    expect(routed.tasks.filter((t) => t.expert === 'image-stats')).toHaveLength(3);
    expect(routed.tasks.filter((t) => t.expert === 'ocr')).toHaveLength(0);
    expect(dense.tasks.filter((t) => t.expert === 'image-stats')).toHaveLength(10);
    expect(dense.tasks.filter((t) => t.expert === 'ocr')).toHaveLength(10);
    expect(routed.skipped).toContainEqual({ expert: 'text', reason: 'no_caption' });
  });

  it('stage two: OCR where the text gate fires, more frames and objects when the visual score is uncertain', () => {
    const req = request('v', '', [video('v1', 10)]);
    const plan = all.escalate(req, {
      textLikelihood: new Map([
        [
          'v1',
          new Map([
            [0, 0.9],
            [1, 0.1],
            [2, 0.6],
          ]),
        ],
      ]),
      visualScore: new Map([['v1', 0.5]]),
      speech: new Map(),
    });
    expect(
      plan.tasks
        .filter((t) => t.expert === 'ocr')
        .map((t) => (t.target.kind === 'frame' ? t.target.frame : -1)),
    ).toEqual([0, 2]);
    expect(plan.tasks.filter((t) => t.expert === 'image-stats')).toHaveLength(7);
    expect(plan.tasks.find((t) => t.expert === 'objects')?.reason).toBe('visual_uncertain');
  });

  it('stage two: certain frames stop early, no text skips OCR, no speech skips speech-to-text', () => {
    const req = request('v', '', [
      video('v1', 10),
      {
        media_id: 'a1',
        kind: 'audio',
        status: 'ok',
        frames: [],
        audio: { sample_rate: 16000, pcm_s16le: new Uint8Array(4), duration_ms: 0 },
      },
    ]);
    const signals = {
      textLikelihood: new Map([['v1', new Map([[0, 0.1]])]]),
      visualScore: new Map([['v1', 0.02]]),
      speech: new Map([['a1', false]]),
    };
    const plan = all.escalate(req, signals);
    // Alt-text (on by default): the object detector still reads frame 0.
    expect(plan.tasks).toEqual([
      { expert: 'objects', target: { kind: 'frame', media_id: 'v1', frame: 0 }, reason: 'alt_text' },
    ]);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { expert: 'image-stats', media_id: 'v1', reason: 'early_frames_certain' },
        { expert: 'ocr', media_id: 'v1', reason: 'no_text_likelihood' },
        { expert: 'stt', media_id: 'a1', reason: 'no_speech' },
      ]),
    );
    const noAlt = new ExpertRouter(present, { ...DEFAULT_ROUTER_PARAMS, altText: false });
    expect(noAlt.escalate(req, signals).tasks).toEqual([]);
    expect(noAlt.escalate(req, signals).skipped).toContainEqual({
      expert: 'objects',
      media_id: 'v1',
      reason: 'not_uncertain',
    });
  });

  it('runs a plug-in escalation expert where the stage-one signal it declares fires, and nowhere else', () => {
    const plugin = (name: string, reads: ('frame' | 'audio')[], escalateOn: EscalationGate) => ({
      name,
      reads,
      cost: { tier: 'escalation' as const, msPerItem: 50, escalateOn },
    });
    const router = new ExpertRouter([
      ...[...present].map((name) => ({ name, reads: [], cost: { tier: 'screen' as const, msPerItem: 1 } })),
      plugin('ocr-2', ['frame'], 'text_likelihood'),
      plugin('visual-2', ['frame'], 'visual_uncertain'),
      plugin('asr', ['audio'], 'speech_detected'),
    ]);
    const audio = (id: string): MediaPayload => ({
      media_id: id,
      kind: 'audio',
      status: 'ok',
      frames: [],
      audio: { sample_rate: 16000, pcm_s16le: new Uint8Array(4), duration_ms: 0 },
    });
    const req = request('p', '', [video('v1', 4), video('v2', 4), audio('a1'), audio('a2')]);
    const plan = router.escalate(req, {
      textLikelihood: new Map([
        [
          'v1',
          new Map([
            [0, 0.9],
            [1, 0.1],
          ]),
        ],
        ['v2', new Map([[0, 0.05]])],
      ]),
      visualScore: new Map([
        ['v1', 0.95],
        ['v2', 0.5],
      ]),
      speech: new Map([
        ['a1', true],
        ['a2', false],
      ]),
    });
    const of = (expert: string) =>
      plan.tasks.filter((t) => t.expert === expert).map((t) => [t.target, t.reason]);
    expect(of('ocr-2')).toEqual([[{ kind: 'frame', media_id: 'v1', frame: 0 }, 'text_likelihood']]);
    expect(of('visual-2')).toEqual([[{ kind: 'frame', media_id: 'v2', frame: 0 }, 'visual_uncertain']]);
    expect(of('asr')).toEqual([[{ kind: 'audio', media_id: 'a1' }, 'speech_detected']]);
    // Stage one never runs them in routed mode; dense mode runs them on every input they read.
    expect(
      router.plan(req, 'routed').tasks.filter((t) => t.expert.endsWith('-2') || t.expert === 'asr'),
    ).toEqual([]);
    expect(router.plan(req, 'dense').tasks.filter((t) => t.expert === 'asr')).toHaveLength(2);
  });

  it('reports experts missing from the bundle as not_in_bundle', () => {
    const req = request('v', 'x', [video('v1', 1)]);
    expect(base.plan(req, 'routed').skipped).toContainEqual({
      expert: 'nsfw',
      reason: 'not_in_bundle',
      media_id: 'v1',
    });
    expect(
      base.escalate(req, { textLikelihood: new Map(), visualScore: new Map(), speech: new Map() }).skipped,
    ).toContainEqual({
      expert: 'ocr',
      media_id: 'v1',
      reason: 'not_in_bundle',
    });
  });
});
