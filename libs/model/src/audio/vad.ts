import { createSession, ort, type SessionOptions } from '../session';

/** One stretch of speech, ms from the start of the clip. */
export interface SpeechSegment {
  readonly start_ms: number;
  readonly end_ms: number;
}

export interface AudioAnalysis {
  readonly segments: readonly SpeechSegment[];
  /** Share of the clip inside speech segments, 0..1. */
  readonly speechRatio: number;
  /** RMS level of the whole clip and of its speech, dBFS (−100 for silence). */
  readonly rmsDbfs: number;
  readonly speechRmsDbfs: number;
  /** Peak sample level, dBFS. */
  readonly peakDbfs: number;
  readonly durationMs: number;
  /** Fusion features `[AUDIO_FEATURE_DIM]`: see `audioFeatures`. */
  readonly features: Float32Array;
}

/** Width of the audio expert's fusion features. */
export const AUDIO_FEATURE_DIM = 6;

/**
 * Segmenter parameters; defaults are Silero VAD's own (`get_speech_timestamps`: threshold 0.5, negative
 * threshold threshold − 0.15, min speech 250 ms, min silence 100 ms, speech pad 30 ms).
 */
export interface VadParams {
  readonly threshold: number;
  readonly minSpeechMs: number;
  readonly minSilenceMs: number;
  readonly speechPadMs: number;
}

export const DEFAULT_VAD_PARAMS: VadParams = {
  threshold: 0.5,
  minSpeechMs: 250,
  minSilenceMs: 100,
  speechPadMs: 30,
};

const SAMPLE_RATE = 16000;
/** Window of Silero VAD v4 at 16 kHz (512, 1024 or 1536 samples are supported; 512 = 32 ms). */
const WINDOW = 512;

function dbfs(x: number): number {
  return x > 1e-5 ? 20 * Math.log10(x) : -100;
}

/** Decodes 16-bit little-endian PCM into −1..1 floats. */
export function pcmToFloat(pcm: Uint8Array): Float32Array {
  const n = Math.floor(pcm.byteLength / 2);
  const view = new DataView(pcm.buffer, pcm.byteOffset, n * 2);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/** Turns per-window speech probabilities into segments (Silero's hysteresis and padding rules). */
export function segmentsFromProbabilities(
  probs: ArrayLike<number>,
  totalSamples: number,
  p: VadParams,
): SpeechSegment[] {
  const msPerWindow = (WINDOW / SAMPLE_RATE) * 1000;
  const neg = p.threshold - 0.15;
  const raw: { start: number; end: number }[] = [];
  let start = -1;
  let silenceStart = -1;
  for (let i = 0; i < probs.length; i++) {
    const pr = probs[i]!;
    if (pr >= p.threshold) {
      silenceStart = -1;
      if (start < 0) start = i;
    } else if (start >= 0 && pr < neg) {
      if (silenceStart < 0) silenceStart = i;
      if ((i - silenceStart + 1) * msPerWindow >= p.minSilenceMs) {
        raw.push({ start, end: silenceStart });
        start = -1;
        silenceStart = -1;
      }
    }
  }
  if (start >= 0) raw.push({ start, end: probs.length });
  const totalMs = (totalSamples / SAMPLE_RATE) * 1000;
  return raw
    .filter((s) => (s.end - s.start) * msPerWindow >= p.minSpeechMs)
    .map((s) => ({
      start_ms: Math.max(0, Math.round(s.start * msPerWindow - p.speechPadMs)),
      end_ms: Math.min(Math.round(totalMs), Math.round(s.end * msPerWindow + p.speechPadMs)),
    }));
}

/**
 * Audio expert: speech presence with the Silero VAD v4 ONNX model (Silero Team, MIT; inputs
 * `input[batch, 512]` float32 at 16 kHz, `sr` int64, LSTM state `h`, `c` `[2, batch, 64]`; output
 * speech probability `[batch, 1]` per 32 ms window), plus loudness. Clips are batched: one run per
 * window advances every clip of the batch.
 */
export class SileroVad {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly params: VadParams,
  ) {}

  /** @throws Error from onnxruntime when the model cannot be loaded. */
  static async load(
    modelFile: string,
    options: SessionOptions,
    params: Partial<VadParams> = {},
  ): Promise<SileroVad> {
    return new SileroVad(await createSession(modelFile, { ...options, intraOpThreads: 1 }), {
      ...DEFAULT_VAD_PARAMS,
      ...params,
    });
  }

  /** Speech probability per 32 ms window for each clip (`[windows]` each). */
  async probabilities(clips: readonly Float32Array[]): Promise<Float32Array[]> {
    const n = clips.length;
    if (n === 0) return [];
    const windows = clips.map((c) => Math.ceil(c.length / WINDOW));
    const maxWindows = Math.max(...windows);
    const out = windows.map((w) => new Float32Array(w));
    let h: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * n * 64), [2, n, 64]);
    let c: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * n * 64), [2, n, 64]);
    const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
    for (let w = 0; w < maxWindows; w++) {
      const input = new Float32Array(n * WINDOW);
      clips.forEach((clip, b) => input.set(clip.subarray(w * WINDOW, (w + 1) * WINDOW), b * WINDOW));
      const r = await this.session.run({ input: new ort.Tensor('float32', input, [n, WINDOW]), sr, h, c });
      const prob = r.output!.data as Float32Array;
      h = r.hn!;
      c = r.cn!;
      for (let b = 0; b < n; b++) if (w < windows[b]!) out[b]![w] = prob[b]!;
    }
    return out;
  }

  /** Speech segments, loudness and fusion features for each 16 kHz s16le clip. */
  async analyze(pcmClips: readonly Uint8Array[]): Promise<AudioAnalysis[]> {
    const clips = pcmClips.map(pcmToFloat);
    const probs = await this.probabilities(clips);
    return clips.map((clip, i) => {
      const segments = segmentsFromProbabilities(probs[i]!, clip.length, this.params);
      let sum = 0;
      let peak = 0;
      let speechSum = 0;
      let speechN = 0;
      for (let s = 0; s < clip.length; s++) {
        const v = clip[s]!;
        sum += v * v;
        peak = Math.max(peak, Math.abs(v));
      }
      for (const seg of segments) {
        const a = Math.floor((seg.start_ms / 1000) * SAMPLE_RATE);
        const b = Math.min(clip.length, Math.floor((seg.end_ms / 1000) * SAMPLE_RATE));
        for (let s = a; s < b; s++) speechSum += clip[s]! * clip[s]!;
        speechN += Math.max(0, b - a);
      }
      const durationMs = (clip.length / SAMPLE_RATE) * 1000;
      const speechMs = segments.reduce((acc, s) => acc + s.end_ms - s.start_ms, 0);
      const rmsDbfs = dbfs(Math.sqrt(sum / Math.max(1, clip.length)));
      const speechRmsDbfs = dbfs(Math.sqrt(speechSum / Math.max(1, speechN)));
      const peakDbfs = dbfs(peak);
      const speechRatio = durationMs > 0 ? Math.min(1, speechMs / durationMs) : 0;
      return {
        segments,
        speechRatio,
        rmsDbfs,
        speechRmsDbfs,
        peakDbfs,
        durationMs,
        features: audioFeatures(speechRatio, segments.length, rmsDbfs, peakDbfs, durationMs, false),
      };
    });
  }
}

/**
 * Audio fusion features `[6]`: speech ratio, log1p(segments)/3, (RMS dBFS + 100)/100,
 * (peak dBFS + 100)/100, log1p(duration s)/5, transcript present (0/1).
 */
export function audioFeatures(
  speechRatio: number,
  segments: number,
  rmsDbfs: number,
  peakDbfs: number,
  durationMs: number,
  transcript: boolean,
): Float32Array {
  return Float32Array.from([
    speechRatio,
    Math.log1p(segments) / 3,
    (rmsDbfs + 100) / 100,
    (peakDbfs + 100) / 100,
    Math.log1p(durationMs / 1000) / 5,
    transcript ? 1 : 0,
  ]);
}
