import { englishDataset, englishRecommendedTransformers, RegExpMatcher, type MatchPayload } from 'obscenity';

/**
 * Lexicon signals for the text expert: counts of terms by class (profanity, slurs, sexual, drugs,
 * weapons, violence…) and surface cues (links, shouting, evasion rewrites, signal emoji). They are
 * features for the fusion model, never a decision on their own: "killed it at the gym" and harm-reduction
 * posts contain the same words as the harmful ones.
 *
 * English profanity, slurs and sexual terms come from `obscenity`'s English dataset (which already
 * handles many evasions); the multilingual lists below (en, de, es, fr) are Vigil's own, written for the
 * seed corpus' categories. A term ending in `*` matches as a word prefix, otherwise as a whole word or
 * phrase, on lowercase text with accents removed.
 */
export const LEXICON_FEATURES = [
  'profanity',
  'slur',
  'sexual',
  'drugs',
  'weapons',
  'violence',
  'gore',
  'self_harm',
  'threat',
  'insult',
  'spam',
  'support',
  'reporting',
  'links',
  'caps',
  'exclaim',
  'rewrites',
  'emoji_weapon',
  'emoji_drug',
  'emoji_sexual',
  'emoji_violence',
  'length',
] as const;
export type LexiconFeature = (typeof LEXICON_FEATURES)[number];

type TermClass = Exclude<
  LexiconFeature,
  | 'links'
  | 'caps'
  | 'exclaim'
  | 'rewrites'
  | 'length'
  | 'emoji_weapon'
  | 'emoji_drug'
  | 'emoji_sexual'
  | 'emoji_violence'
>;

/** Vigil's multilingual term lists (en, de, es, fr mixed: the words rarely collide across languages). */
// prettier-ignore
const TERMS: Readonly<Record<TermClass, readonly string[]>> = {
  profanity: [
    'damn', 'crap', 'bullshit', 'wtf', 'scheisse', 'scheiss*', 'verdammt', 'mierda', 'joder',
    'cono', 'puta madre', 'hostia', 'merde', 'putain', 'bordel', 'fait chier', 'chier',
  ],
  slur: [],
  sexual: [
    'nude*', 'naked', 'nsfw', 'onlyfans', 'horny', 'sexting', 'nacktbild*', 'nackt', 'geil', 'desnud*',
    'porno', 'cachond*', 'nue', 'nues', 'coquin*', 'baiser', 'xxx', 'explicit', 'sext*',
  ],
  drugs: [
    'cocaine', 'coke', 'heroin', 'meth', 'mdma', 'molly', 'ecstasy', 'lsd', 'fentanyl', 'oxycodone', 'oxycontin', 'oxys', 'xanax',
    'percocet*', 'weed', 'ketamine', 'pills', 'kokain', 'heroin*', 'pillen', 'gras', 'cocaina', 'heroina',
    'pastillas', 'marihuana', 'porro*', 'herone', 'cachets', 'beuh', 'dealer*', 'plug',
    'overdose*', 'dosis', 'dose*', 'gramm*', 'gramo*', 'gramme*',
  ],
  weapons: [
    'gun', 'guns', 'rifle*', 'pistol*', 'ak47', 'ar15', 'glock*', 'ammo', 'ammunition', 'firearm*',
    'silencer*', 'suppressor*', 'ghost gun*', '3d printed gun*', 'bomb*', 'explosive*', 'grenade*',
    'knife', 'knives', 'machete*', 'waffe*', 'gewehr*', 'munition', 'sprengstoff*', 'messer', 'arma*',
    'pistola*', 'fusil*', 'municion*', 'explosivo*', 'cuchillo*', 'arme*', 'munitions', 'couteau*',
  ],
  violence: [
    'kill*', 'murder*', 'shoot*', 'stab', 'stabs', 'stabbed', 'stabbing', 'beat*', 'punch*', 'attack*', 'assault*', 'massacre*',
    'toten', 'totet', 'umbringen', 'erschiess*', 'erstech*', 'schlagen', 'matar', 'mato', 'asesin*',
    'disparar', 'apunal*', 'golpear', 'tuer', 'assassin*', 'poignard*', 'frapper', 'tabasser',
  ],
  gore: [
    'blood*', 'gore', 'gory', 'decapitat*', 'dismember*', 'mutilat*', 'entrails', 'guts', 'corpse*',
    'severed', 'blut*', 'leiche*', 'verstummel*', 'sangre', 'sangrient*', 'cadaver*', 'mutilad*', 'sang',
    'sanglant*', 'cadavre*', 'demembre*',
  ],
  self_harm: [
    'suicid*', 'kill myself', 'end my life', 'end it all', 'self harm', 'self-harm', 'selfharm', 'cutting',
    'cut myself', 'want to die', 'selbstmord*', 'umbringen', 'mich umbringen', 'ritzen', 'sterben',
    'suicidio', 'suicidarme', 'matarme', 'quiero morir', 'cortarme', 'me tuer', 'mourir', 'me suicider',
    'scarification*', 'me couper', 'thinspo', 'pro ana', 'pro-ana', 'starve myself',
  ],
  threat: [
    'i will kill', "i'll kill", 'you will die', "you're dead", 'you are dead', 'watch your back',
    'i know where you live', 'find you', 'coming for you', 'ich bring dich um', 'ich werde dich',
    'du bist tot', 'ich weiss wo du wohnst', 'te voy a matar', 'vas a morir', 'se donde vives',
    'te encontrare', 'je vais te tuer', 'tu vas mourir', 'je sais ou tu habites', 'je vais te trouver',
  ],
  insult: [
    'idiot*', 'stupid', 'loser*', 'moron*', 'dumb', 'pathetic', 'ugly', 'worthless', 'trash', 'clown',
    'dummkopf', 'blod*', 'versager*', 'hasslich', 'wertlos', 'idiota*', 'estupid*', 'perdedor*', 'feo',
    'fea', 'inutil', 'basura', 'imbecile*', 'debile*', 'nul', 'nulle', 'moche', 'connard*', 'conne',
  ],
  spam: [
    'click here', 'free money', 'dm me', 'limited offer', 'act now', 'buy now', 'giveaway', 'crypto',
    'bitcoin', 'investment', 'guaranteed', 'earn $*', 'work from home', 'promo code', 'followers',
    'link in bio', 'hier klicken', 'gratis', 'jetzt kaufen', 'gewinnspiel', 'haz clic', 'dinero facil',
    'oferta', 'cliquez ici', 'argent facile', 'offre limitee', 'gagnez', 'winner', 'prize', 'verify your account',
  ],
  support: [
    'hotline', 'helpline', 'support', 'recovery', 'therapy', 'therapist', 'counsel*', 'harm reduction',
    'naloxone', 'narcan', 'treatment', 'sober', 'clean for', 'you are not alone', 'reach out', 'hilfe',
    'beratung', 'therapie', 'ayuda', 'terapia', 'apoyo', 'aide', 'soutien', 'therapie', 'telefonseelsorge',
  ],
  reporting: [
    'police said', 'according to', 'reported', 'reports', 'news', 'breaking', 'investigation', 'court',
    'convicted', 'sentenced', 'arrested', 'polizei', 'laut', 'berichtet', 'nachrichten', 'gericht',
    'policia', 'segun', 'informo', 'noticias', 'tribunal', 'police', 'selon', 'rapporte', 'enquete',
  ],
};

// prettier-ignore
const OBSCENITY_CLASS: Readonly<Record<string, TermClass>> = {
  ...Object.fromEntries(
    [
      'abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'dyke', 'fag', 'kike',
      'negro', 'nigger', 'retard', 'spastic', 'tranny',
    ].map((w) => [w, 'slur' as const]),
  ),
  ...Object.fromEntries(
    [
      'anal', 'bestiality', 'blowjob', 'buttplug', 'cum', 'deepthroat', 'dildo', 'doggystyle',
      'double penetration', 'ejaculate', 'felch', 'fellatio', 'finger bang', 'fisting', 'gangbang',
      'handjob', 'hentai', 'hooker', 'incest', 'jerk off', 'jizz', 'lubejob', 'masturbate', 'orgasm', 'orgy',
      'penis', 'porn', 'semen', 'sex', 'vagina', 'boob', 'tit', 'pussy', 'whore', 'slut', 'cock',
    ].map((w) => [w, 'sexual' as const]),
  ),
  rape: 'violence',
};

/** Signal emoji by class (CLDR short names in comments). */
const EMOJI_CLASS: Readonly<Record<string, LexiconFeature>> = {
  '🔫': 'emoji_weapon', // water pistol
  '🔪': 'emoji_weapon', // kitchen knife
  '🗡': 'emoji_weapon', // dagger
  '💣': 'emoji_weapon', // bomb
  '💊': 'emoji_drug', // pill
  '💉': 'emoji_drug', // syringe
  '🍁': 'emoji_drug', // maple leaf (cannabis slang)
  '❄': 'emoji_drug', // snowflake (cocaine slang)
  '🍆': 'emoji_sexual', // eggplant
  '🍑': 'emoji_sexual', // peach
  '💦': 'emoji_sexual', // sweat droplets
  '🔞': 'emoji_sexual', // no one under eighteen
  '💀': 'emoji_violence', // skull
  '🩸': 'emoji_violence', // drop of blood
  '⚰': 'emoji_violence', // coffin
  '🤬': 'emoji_violence', // face with symbols on mouth
};

interface CompiledTerm {
  readonly cls: TermClass;
  readonly re: RegExp;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const COMPILED: readonly CompiledTerm[] = Object.entries(TERMS).flatMap(([cls, terms]) =>
  terms.map((t) => {
    const prefix = t.endsWith('*');
    const body = escapeRe(prefix ? t.slice(0, -1) : t).replace(/ /g, '\\s+');
    return {
      cls: cls as TermClass,
      re: new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'gu'),
    };
  }),
);

const obscenityData = englishDataset.build();
const obscenity = new RegExpMatcher({ ...obscenityData, ...englishRecommendedTransformers });

function obscenityClass(match: MatchPayload): TermClass {
  const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? '';
  return OBSCENITY_CLASS[word] ?? 'profanity';
}

/** Lowercase, accents removed (NFD, combining marks dropped), `ß` → `ss`. */
export function foldForMatching(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

/**
 * Lexicon feature vector for one normalised text: `[LEXICON_FEATURES.length]` float32, counts as
 * `log1p(count)`, ratios in 0..1, `length` as `log1p(characters) / 8`.
 * @param text normalised text (see `normalizeText`)
 * @param rewrites evasion rewrites the normaliser applied
 * @param emoji emoji the normaliser found
 */
export function lexiconFeatures(text: string, rewrites: number, emoji: readonly string[]): Float32Array {
  const counts = new Map<LexiconFeature, number>();
  const add = (k: LexiconFeature, n = 1): void => void counts.set(k, (counts.get(k) ?? 0) + n);
  const folded = foldForMatching(text);
  for (const term of COMPILED) {
    term.re.lastIndex = 0;
    const n = folded.match(term.re)?.length ?? 0;
    if (n > 0) add(term.cls, n);
  }
  for (const m of obscenity.getAllMatches(folded)) add(obscenityClass(m));
  add('links', (text.match(/\bhttps?:\/\/|\bwww\.|\b[\w-]+\.(com|net|org|io|xyz|ru|biz)\b/giu) ?? []).length);
  for (const e of emoji) {
    const cls = EMOJI_CLASS[e.replace(/\uFE0F/g, '')];
    if (cls) add(cls);
  }
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const out = new Float32Array(LEXICON_FEATURES.length);
  LEXICON_FEATURES.forEach((name, i) => {
    if (name === 'caps') out[i] = letters >= 8 ? upper / letters : 0;
    else if (name === 'exclaim') out[i] = Math.min(1, (text.match(/[!?]/g)?.length ?? 0) / 5);
    else if (name === 'rewrites') out[i] = Math.log1p(rewrites);
    else if (name === 'length') out[i] = Math.log1p(text.length) / 8;
    else out[i] = Math.log1p(counts.get(name) ?? 0);
  });
  return out;
}
