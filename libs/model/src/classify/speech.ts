import type { CategoryId } from '@vigil/contracts';
import type { ClassifyBatch } from './batch';
import type { ExpertStageContext } from './run-experts';

/**
 * Coverage of the spoken words (`speech` channel) of each post with audio, medium by medium: a category
 * counts as assessed there only when it was assessed in every audio medium of the post. In one medium:
 * where a speech-to-text expert gave a transcript, the categories emitted by the experts that read that
 * transcript without error (the text classifier); otherwise, where voice activity found no speech, every
 * text category (the channel is empty); otherwise none (speech nobody transcribed, or a blank transcript).
 * Experts reading `audio` itself assess the channel for what they emit as they run (run-experts.ts).
 */
export function assessSpeech(ctx: ExpertStageContext, batch: ClassifyBatch): void {
  const emits = new Map(ctx.experts.map((e) => [e.name, e.emits.categories]));
  batch.requests.forEach((r, i) => {
    const s = batch.states[i]!;
    const perMedium = r.media
      .filter((m) => m.status === 'ok' && m.audio)
      .map((m): ReadonlySet<CategoryId> => {
        if (s.transcript.has(m.media_id)) {
          const readers = batch.transcriptReaders.get(`${i}|${m.media_id}`) ?? [];
          return new Set([...readers].flatMap((name) => emits.get(name) ?? []));
        }
        return new Set(s.speech.get(m.media_id)?.length === 0 ? ctx.textCategories : []);
      });
    if (perMedium.length === 0) return;
    batch.assess(
      i,
      'speech',
      [...perMedium[0]!].filter((c) => perMedium.every((set) => set.has(c))),
    );
  });
}
