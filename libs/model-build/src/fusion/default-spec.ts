import { CATEGORY_IDS } from '@vigil/contracts';
import {
  AUDIO_FEATURE_DIM,
  IMAGE_STATS_FEATURE_DIM,
  INTERPLAY_FEATURE_DIM,
  NSFW_FEATURE_DIM,
  OBJECTS_FEATURE_DIM,
  textFeatureDim,
  type FusionSpec,
  type TokenSource,
} from '@vigil/model';

/** Embedding width of the bundled sentence encoder (all-MiniLM-L6-v2). */
export const TEXT_EMBEDDING_DIM = 384;

function sources(): TokenSource[] {
  const list: Omit<TokenSource, 'offset'>[] = [
    { expert: 'text', modalities: ['caption', 'image_text'], dim: textFeatureDim(TEXT_EMBEDDING_DIM) },
    { expert: 'image-stats', modalities: ['image', 'video_frames'], dim: IMAGE_STATS_FEATURE_DIM },
    { expert: 'nsfw', modalities: ['image', 'video_frames'], dim: NSFW_FEATURE_DIM },
    { expert: 'objects', modalities: ['image', 'video_frames'], dim: OBJECTS_FEATURE_DIM },
    { expert: 'audio-vad', modalities: ['audio'], dim: AUDIO_FEATURE_DIM },
    // Not an expert of the bundle: the classifier writes caption × image cross features into each frame
    // token (libs/model/src/fusion/interplay.ts).
    { expert: 'interplay', modalities: ['image', 'video_frames'], dim: INTERPLAY_FEATURE_DIM },
  ];
  let offset = 0;
  return list.map((s) => {
    const out = { ...s, offset };
    offset += s.dim;
    return out;
  });
}

/**
 * The default bundle's fusion shape: 8 routed experts in three modality groups (text 4, visual 2,
 * audio 2), top-2 routing, one shared expert, 32-wide tokens. A frame token carries image-stats, nsfw and
 * objects features side by side (an expert that did not run on the frame leaves its block zero), and the
 * caption × image `interplay` cross features; text in images reaches fusion as `image_text` tokens of the
 * text expert (OCR lines).
 */
export function defaultFusionSpec(): FusionSpec {
  const tokenSources = sources();
  const last = tokenSources[tokenSources.length - 1]!;
  return {
    tokenSources,
    featureDim: last.offset + last.dim,
    dModel: 32,
    experts: 8,
    inter: 32,
    k: 2,
    sharedInter: 32,
    groups: {
      caption: [0, 1, 2, 3],
      image_text: [0, 1, 2, 3],
      image: [4, 5],
      video_frames: [4, 5],
      audio: [6, 7],
    },
    categories: [...CATEGORY_IDS],
  };
}
