import type { InferenceRequest } from '@vigil/contracts';
import type { ExpertTask, RoutedExpert, RouterParams, StageOneSignals } from './router-types';

/** The request's media that decoded. */
function okMedia(request: InferenceRequest) {
  return request.media.filter((m) => m.status === 'ok');
}

/**
 * Stage-one tasks of plug-in experts (experts the router has no rules of its own for): a `screen` expert
 * on every input it reads (the caption, the frames stage one examines, each audio track); in dense mode
 * every plug-in on every input, up to `maxFrames` frames per medium.
 */
export function pluginScreenTasks(
  plugins: readonly RoutedExpert[],
  params: RouterParams,
  request: InferenceRequest,
  mode: 'routed' | 'dense',
): ExpertTask[] {
  const tasks: ExpertTask[] = [];
  for (const e of plugins) {
    if (e.cost.tier !== 'screen' && mode !== 'dense') continue;
    const reason = mode === 'dense' ? 'dense' : 'screen';
    if (e.reads.includes('caption') && request.text.caption.trim().length > 0)
      tasks.push({ expert: e.name, target: { kind: 'caption' }, reason });
    for (const m of okMedia(request)) {
      const count = Math.min(m.frames.length, mode === 'dense' ? params.maxFrames : params.initialFrames);
      if (e.reads.includes('frame'))
        for (let f = 0; f < count; f++)
          tasks.push({ expert: e.name, target: { kind: 'frame', media_id: m.media_id, frame: f }, reason });
      if (e.reads.includes('audio') && m.audio)
        tasks.push({ expert: e.name, target: { kind: 'audio', media_id: m.media_id }, reason });
    }
  }
  return tasks;
}

/**
 * Stage-two tasks of plug-in `escalation` experts, by the stage-one signal each declares
 * (`cost.escalateOn`, see `EscalationGate`), with the router's own thresholds.
 */
export function pluginEscalationTasks(
  plugins: readonly RoutedExpert[],
  params: RouterParams,
  request: InferenceRequest,
  signals: StageOneSignals,
): ExpertTask[] {
  const tasks: ExpertTask[] = [];
  for (const e of plugins) {
    const gate = e.cost.tier === 'escalation' ? e.cost.escalateOn : undefined;
    if (!gate) continue;
    for (const m of okMedia(request)) {
      if (
        gate === 'speech_detected' &&
        m.audio &&
        e.reads.includes('audio') &&
        signals.speech.get(m.media_id)
      )
        tasks.push({ expert: e.name, target: { kind: 'audio', media_id: m.media_id }, reason: gate });
      if (m.frames.length === 0 || !e.reads.includes('frame')) continue;
      if (gate === 'text_likelihood')
        for (const [f, p] of signals.textLikelihood.get(m.media_id) ?? [])
          if (p >= params.ocrGate)
            tasks.push({
              expert: e.name,
              target: { kind: 'frame', media_id: m.media_id, frame: f },
              reason: gate,
            });
      const visual = signals.visualScore.get(m.media_id);
      if (
        gate === 'visual_uncertain' &&
        visual !== undefined &&
        visual >= params.uncertainLow &&
        visual <= params.uncertainHigh
      )
        tasks.push({
          expert: e.name,
          target: { kind: 'frame', media_id: m.media_id, frame: 0 },
          reason: gate,
        });
    }
  }
  return tasks;
}
