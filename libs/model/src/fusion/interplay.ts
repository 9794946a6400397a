import type { FusionSpec } from './spec';

/**
 * Caption × image cross features ("interplay"): what the caption says (a target and an intent) times
 * what the image shows (a person, a place or vehicle, an animal, a weapon, text). A post such as
 * "@sam found your twin" with a photo of a horse, or "I know which one is yours now" with a photo of a
 * motorbike, is harmless in each part and harmful together; mean and max pooling over per-token
 * features cannot form such a product, so the classifier writes it into each frame token's `interplay`
 * block (the idea of explicit feature crosses: Cheng et al. 2016, "Wide & Deep Learning"; the task:
 * Kiela et al. 2020, "The Hateful Memes Challenge", benign confounders ↔ our benign mirrors).
 *
 * Caption cues are a small hand-written lexicon in en, de, es, fr and pt (regular expressions over the
 * lower-cased, accent-folded caption), deliberately generic (pronouns, group nouns, comparison and
 * veiled-threat phrasing, sale phrasing), not the training captions. Image cues come from the frame
 * token's own `objects` block and from whether OCR read text on the medium.
 * Pure functions: no I/O, deterministic.
 */

/** Caption cues, in feature order. */
export const CAPTION_CUES = [
  'target_handle',
  'target_person',
  'target_group',
  'intent_threat',
  'intent_insult',
  'intent_sale',
] as const;
/** Image cues, in feature order. */
export const IMAGE_CUES = ['person', 'place_or_vehicle', 'animal', 'weapon', 'text'] as const;

/** Width of the `interplay` token source: caption cues × image cues, caption-major. */
export const INTERPLAY_FEATURE_DIM = CAPTION_CUES.length * IMAGE_CUES.length;

/**
 * Positions inside the `objects` block (see OBJECTS_FEATURE_DIM in frame-experts.ts: best score per label
 * group in the order of the build's OBJECT_FUSION_GROUPS: person, weapon, drink, animal, vehicle, food).
 */
const OBJECT_GROUP_INDEX = { person: 0, weapon: 1, animal: 3, vehicle: 4 } as const;

const B = '(?:^|[^\\p{L}\\p{N}])';
const E = '(?=$|[^\\p{L}\\p{N}])';
const words = (list: readonly string[]) => new RegExp(`${B}(?:${list.join('|')})${E}`, 'u');

const CUE_PATTERNS: Record<(typeof CAPTION_CUES)[number], RegExp> = {
  target_handle: /(?:^|\s)@[\p{L}\p{N}_.]{2,}/u,
  target_person: words([
    // en
    'you',
    'your',
    'yours',
    'u',
    'ur',
    'he',
    'she',
    'him',
    'her',
    // de
    'du',
    'dich',
    'dir',
    'dein',
    'deine',
    'deinen',
    'deinem',
    'deiner',
    'er',
    'ihn',
    // es / pt
    'tu',
    'tus',
    'te',
    'ti',
    'tuyo',
    'tuya',
    'ella',
    'voce',
    'teu',
    'teus',
    'tua',
    'tuas',
    'ele',
    'ela',
    // fr
    'toi',
    'ton',
    'ta',
    'tes',
    'tien',
    'tienne',
    'elle',
  ]),
  target_group: words([
    '(?:i|im|in|e)migr\\w*',
    'migrant\\w*',
    'refugee\\w*',
    'fluchtling\\w*',
    'auslander\\w*',
    'refugiad\\w*',
    'refugie\\w*',
    'muslim\\w*',
    'moslem\\w*',
    'musulman\\w*',
    'muculman\\w*',
    'jew\\w*',
    'jud(?:e|en|innen)',
    'judio\\w*',
    'juif\\w*',
    'juive\\w*',
    'judeu\\w*',
    'black people',
    'blacks',
    'schwarze',
    'negros',
    'noirs',
    'gays?',
    'schwule',
    'lesbian\\w*',
    'trans(?:gender)? (?:people|leute|personas|personnes|pessoas)',
    'women',
    'frauen',
    'mujeres',
    'femmes',
    'mulheres',
    'roma',
    'gypsies',
    'gitanos',
    'ciganos',
    'these people',
    'diese leute',
    'esa gente',
    'ces gens',
    'essa gente',
    'their kind',
    'ihresgleichen',
  ]),
  intent_threat: words([
    'kill\\w*',
    'hurt',
    'burn\\w*',
    'watch your back',
    'coming for (?:you|u)',
    '(?:i )?know (?:where|which)\\w*',
    'find (?:you|u)',
    'see (?:you|u) soon',
    'last (?:ride|time|day|night)',
    'same (?:spot|place) every',
    'be a shame',
    'pay for (?:this|it)',
    'weiss (?:wo|welche\\w*)',
    'jede nacht',
    'letzte\\w* (?:fahrt|mal|tag)',
    'bis bald',
    'se (?:donde|cual)',
    'cada noche',
    'ultim[oa] (?:paseo|vez|dia)',
    'sei (?:onde|qual)',
    'toda noite',
    'ultim[oa] (?:passeio|vez|dia)',
    'je sais (?:ou|lequel|laquelle)',
    'chaque nuit',
    'derniere (?:balade|fois)',
    'dernier jour',
    'a bientot',
  ]),
  intent_insult: words([
    'looks? like',
    'look(?:ing)? just like',
    'this is (?:you|u|what)',
    "that(?:'s| is) you",
    'your (?:twin|mom|mother|dad|father|parents|family|sister|brother)',
    'twin',
    'smell\\w*',
    'ugly',
    'pig\\w*',
    'animals?',
    'vermin',
    'rats?',
    'monkeys?',
    'natural habitat',
    'das bist du',
    'sieht\\w* aus',
    'sehen \\w+ aus',
    'zwilling\\w*',
    'deine (?:mutter|eltern|familie|schwester)',
    'riech\\w*',
    'tiere?',
    'hasslich',
    'asi (?:son|huelen)',
    'eres tu',
    'se parece\\w*',
    'gemel[oa]s?',
    'tus padres',
    'huel\\w*',
    'feo',
    'fea',
    'cerdo\\w*',
    'voila a quoi',
    'ressembl\\w*',
    "c'est toi",
    'jumea?u\\w*',
    'tes parents',
    "l'odeur",
    'odeur',
    'moche',
    'porc\\w*',
    'e assim que',
    'parec\\w*',
    'gemeo\\w*',
    'teus pais',
    'cheiro',
    'feio',
    'porco\\w*',
    'bichos?',
  ]),
  intent_sale: words([
    'for sale',
    'selling',
    'sell',
    'buy',
    'dm (?:me|for)',
    'cash only',
    'price\\w*',
    'zu verkaufen',
    'verkaufe\\w*',
    'preis\\w*',
    'se vende',
    'vendo',
    'precio\\w*',
    'a vendre',
    'je vends',
    'prix',
    'vende-se',
    'preco\\w*',
    'no papers',
    'sin papeles',
    'ohne papiere',
    'sans papiers',
  ]),
};

/** Lower-cases and strips accents (NFD, combining marks removed) so one pattern serves "weiß"/"weiss". */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’`´]/g, "'");
}

/**
 * Caption cues of a caption: `[CAPTION_CUES.length]` float32, each 0 or 1, in CAPTION_CUES order.
 * An empty caption gives zeros.
 */
export function captionCues(caption: string): Float32Array {
  const folded = fold(caption);
  return Float32Array.from(CAPTION_CUES.map((c) => (CUE_PATTERNS[c].test(folded) ? 1 : 0)));
}

/**
 * Image cues of one frame: `[IMAGE_CUES.length]` float32, 0..1 — the best detection score of the
 * person, vehicle (place or vehicle: COCO-80 has no house), animal and weapon groups read from the
 * frame's `objects` block (zeros when the detector did not run on it), and 1 when OCR read text on the
 * medium.
 */
export function imageCues(objects: Float32Array | undefined, hasText: boolean): Float32Array {
  const at = (i: number) => objects?.[i] ?? 0;
  return Float32Array.from([
    at(OBJECT_GROUP_INDEX.person),
    at(OBJECT_GROUP_INDEX.vehicle),
    at(OBJECT_GROUP_INDEX.animal),
    at(OBJECT_GROUP_INDEX.weapon),
    hasText ? 1 : 0,
  ]);
}

/** Outer product of caption cues and image cues: `[INTERPLAY_FEATURE_DIM]`, caption-major. */
export function interplayFeatures(caption: Float32Array, image: Float32Array): Float32Array {
  const out = new Float32Array(INTERPLAY_FEATURE_DIM);
  for (let c = 0; c < CAPTION_CUES.length; c++)
    for (let i = 0; i < IMAGE_CUES.length; i++) out[c * IMAGE_CUES.length + i] = caption[c]! * image[i]!;
  return out;
}

/**
 * A frame token's feature row with its `interplay` block (re)written from the post's caption, the
 * row's own `objects` block and whether OCR read text on the medium. Returns `row` unchanged when the
 * spec has no `interplay` token source (older bundles), else a copy.
 * @param row `[spec.featureDim]` float32 frame token features.
 */
export function withInterplay(
  spec: FusionSpec,
  row: Float32Array,
  caption: string,
  hasText: boolean,
): Float32Array {
  const target = spec.tokenSources.find((s) => s.expert === 'interplay');
  if (!target) return row;
  const objects = spec.tokenSources.find((s) => s.expert === 'objects');
  const out = Float32Array.from(row);
  const block = objects ? row.subarray(objects.offset, objects.offset + objects.dim) : undefined;
  out.set(interplayFeatures(captionCues(caption), imageCues(block, hasText)), target.offset);
  return out;
}
