import { join } from 'node:path';
import { readBundleManifest, type Modality } from '@vigil/contracts';
import {
  imageStats,
  IMAGE_STATS_VARIANT,
  LanguageIdentifier,
  SentenceEncoder,
  SileroVad,
  TextExpert,
  type FusionSpec,
} from '@vigil/model';
import { loadCorpus, targetsOf, type CorpusRecord } from '../corpus/corpus';
import { recordAudio, recordFrame } from '../corpus/media';
import { mulberry32 } from './random';
import type { TrainExample, TrainToken } from './train';

/** Loaded feature experts of a bundle folder (single-threaded sessions: reproducible features). */
export interface FeatureExperts {
  readonly text: TextExpert;
  readonly vad: SileroVad;
}

export async function loadFeatureExperts(bundleDir: string): Promise<FeatureExperts> {
  const manifest = readBundleManifest(bundleDir);
  const file = (name: string, role: string) =>
    join(bundleDir, manifest.experts.find((e) => e.name === name)!.files[role]!);
  const session = { provider: 'cpu' as const, intraOpThreads: 1 };
  const encoder = await SentenceEncoder.load(file('text', 'model'), file('text', 'tokenizer'), 384, session);
  const languages = await LanguageIdentifier.load(file('language', 'model'));
  return {
    text: new TextExpert(encoder, languages),
    vad: await SileroVad.load(file('audio-vad', 'model'), session),
  };
}

function place(spec: FusionSpec, expert: string, features: Float32Array): Float32Array {
  const source = spec.tokenSources.find((s) => s.expert === expert);
  if (!source) throw new Error(`fusion spec has no token source for ${expert}`);
  const row = new Float32Array(spec.featureDim);
  row.set(features.subarray(0, source.dim), source.offset);
  return row;
}

/**
 * Fusion training examples for corpus cases, computed with the runtime experts: caption → text token;
 * photo → image-stats token; meme text → image_text token through the text expert (the rendered text
 * itself stands in for OCR until the OCR expert lands, so fusion learns the image_text modality);
 * audio → voice-activity token. Texts go through the encoder in batches of 32.
 */
export async function corpusExamples(
  spec: FusionSpec,
  records: readonly CorpusRecord[],
  experts: FeatureExperts,
): Promise<TrainExample[]> {
  const texts: { record: number; modality: Modality; text: string }[] = [];
  records.forEach((r, i) => {
    if (r.text.trim()) texts.push({ record: i, modality: 'caption', text: r.text });
    if (r.image?.overlay) texts.push({ record: i, modality: 'image_text', text: r.image.overlay });
  });
  const tokens: TrainToken[][] = records.map(() => []);
  for (let start = 0; start < texts.length; start += 32) {
    const batch = texts.slice(start, start + 32);
    const analyses = await experts.text.analyze(batch.map((t) => t.text));
    batch.forEach((t, j) =>
      tokens[t.record]!.push({ modality: t.modality, features: place(spec, 'text', analyses[j]!.features) }),
    );
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const frame = await recordFrame(r, [IMAGE_STATS_VARIANT]);
    if (frame) {
      const stats = imageStats(Object.values(frame.variants)[0]!);
      tokens[i]!.push({ modality: 'image', features: place(spec, 'image-stats', stats.features) });
    }
    const audio = recordAudio(r);
    if (audio) {
      const [a] = await experts.vad.analyze([audio.pcm_s16le]);
      tokens[i]!.push({ modality: 'audio', features: place(spec, 'audio-vad', a!.features) });
    }
  }
  // Stable token order: caption, image_text, image, video_frames, audio.
  const order: Modality[] = ['caption', 'image_text', 'image', 'video_frames', 'audio'];
  return records.map((r, i) => ({
    id: r.id,
    tokens: tokens[i]!.sort((a, b) => order.indexOf(a.modality) - order.indexOf(b.modality)),
    targets: targetsOf(r, spec.categories),
    mask: new Float32Array(spec.categories.length).fill(1),
  }));
}

/** Image-stats tokens of every plain photo in the corpus (no meme text): benign visual context. */
export async function photoTokens(spec: FusionSpec): Promise<TrainToken[]> {
  const photos = [...new Set(loadCorpus().flatMap((r) => (r.image ? [r.image.photo] : [])))].sort();
  const out: TrainToken[] = [];
  for (const photo of photos) {
    const frame = await recordFrame({ image: { photo } } as CorpusRecord, [IMAGE_STATS_VARIANT]);
    out.push({
      modality: 'image',
      features: place(spec, 'image-stats', imageStats(Object.values(frame!.variants)[0]!).features),
    });
  }
  return out;
}

/**
 * Augmentation: adds, for a seeded `share` of text-only examples, a copy with a benign photo token, so
 * fusion learns that an unremarkable image neither adds nor hides harm carried by the caption.
 */
export function augmentWithPhotos(
  _spec: FusionSpec,
  examples: readonly TrainExample[],
  photos: readonly TrainToken[],
  share: number,
  seed: number,
): TrainExample[] {
  const rand = mulberry32(seed);
  const extra: TrainExample[] = [];
  for (const e of examples) {
    if (photos.length === 0 || e.tokens.some((t) => t.modality !== 'caption') || rand() >= share) continue;
    const photo = photos[Math.floor(rand() * photos.length)]!;
    extra.push({ ...e, id: `${e.id}+photo`, tokens: [...e.tokens, photo] });
  }
  return [...examples, ...extra];
}
