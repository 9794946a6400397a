import { createHash } from 'node:crypto';
import type { CategoryId } from '@vigil/contracts';
import type { CorpusRecord, Split } from './record';

/**
 * Generated caption × image pairs ("interplay" cases): posts whose caption and photo are each harmless
 * and whose harm appears only when both are read together, each with its benign mirrors (Kiela et al.
 * 2020, "The Hateful Memes Challenge": benign confounders). Per template, language and harmful photo:
 * - the harmful pair: the caption with the photo that completes it (`harm_in: 'interplay'`);
 * - the caption mirror: a harmless caption with the same photo;
 * and per harmless photo the image mirror: the same caption with a photo that leaves it harmless.
 * Deterministic (no randomness; handles and groups are picked by position). Split by template: every
 * case of a template — all languages, all mirrors — lands in one split (templates sorted by SHA-256 of
 * their id and dealt train, train, train, dev, test), so no mirror or translation of a test pair trains.
 */

export const INTERPLAY_LANGS = ['en', 'de', 'es', 'fr', 'pt'] as const;
type Lang = (typeof INTERPLAY_LANGS)[number];

interface Template {
  readonly id: string;
  /** `{h}` is replaced by an @handle, `{g}` by a group noun of the language. */
  readonly caption: Record<Lang, string>;
  /** A harmless caption for the harmful photo (the caption mirror). */
  readonly benign: Record<Lang, string>;
  /** Photos (skimage set) that complete the harm. */
  readonly harmful: readonly string[];
  /** Photos that leave the caption harmless (the image mirrors). */
  readonly mirrors: readonly string[];
  readonly labels: Partial<Record<CategoryId, number>>;
}

const HANDLES = ['@jamie_k', '@lena.m', '@marco_87', '@sophie_b', '@tiago.r', '@nina_w', '@omar_z'];
const GROUPS: Record<Lang, readonly string[]> = {
  en: ['immigrants', 'refugees', 'muslims'],
  de: ['Flüchtlinge', 'Ausländer', 'Muslime'],
  es: ['los inmigrantes', 'los refugiados', 'los musulmanes'],
  fr: ['les immigrés', 'les réfugiés', 'les musulmans'],
  pt: ['os imigrantes', 'os refugiados', 'os muçulmanos'],
};
const ANIMALS = ['horse.png', 'chelsea.png'];
const PEOPLE = ['astronaut.png', 'camera.png'];
const HATE = { hate: 3 } as const;
const INSULT = { harassment: 2 } as const;
const THREAT = { 'harassment/threatening': 2, harassment: 2 } as const;
const BEAUTY: Record<Lang, string> = {
  en: 'look at this beauty at the farm today',
  de: 'schau dir diese Schönheit heute auf dem Hof an',
  es: 'mira qué belleza en la granja hoy',
  fr: 'regardez cette beauté à la ferme aujourd’hui',
  pt: 'olha que beleza na quinta hoje',
};
const BIKE: Record<Lang, string> = {
  en: 'finally picked up my new bike, first ride this weekend',
  de: 'endlich mein neues Motorrad abgeholt, erste Fahrt am Wochenende',
  es: 'por fin recogí mi moto nueva, primer paseo este finde',
  fr: 'enfin récupéré ma nouvelle moto, première balade ce week-end',
  pt: 'finalmente busquei a minha moto nova, primeiro passeio no fim de semana',
};

export const INTERPLAY_TEMPLATES: readonly Template[] = [
  {
    id: 'look-like-group',
    caption: {
      en: 'this is what {g} look like',
      de: 'so sehen {g} aus',
      es: 'así son {g}',
      fr: 'voilà à quoi ressemblent {g}',
      pt: 'é assim que são {g}',
    },
    benign: BEAUTY,
    harmful: ANIMALS,
    mirrors: PEOPLE,
    labels: HATE,
  },
  {
    id: 'twin-handle',
    caption: {
      en: '{h} found your twin',
      de: '{h} hab deinen Zwilling gefunden',
      es: '{h} encontré a tu gemelo',
      fr: '{h} j’ai trouvé ton jumeau',
      pt: '{h} achei o teu gêmeo',
    },
    benign: BEAUTY,
    harmful: ANIMALS,
    mirrors: ['motorcycle_left.png', 'rocket.jpg'],
    labels: INSULT,
  },
  {
    id: 'which-is-yours',
    caption: {
      en: '{h} I know which one is yours now',
      de: '{h} jetzt weiß ich, welches dir gehört',
      es: '{h} ya sé cuál es el tuyo',
      fr: '{h} maintenant je sais laquelle est la tienne',
      pt: '{h} agora sei qual é o teu',
    },
    benign: BIKE,
    harmful: ['motorcycle_left.png'],
    mirrors: ['coffee.png', 'coins.png'],
    labels: THREAT,
  },
  {
    id: 'same-spot',
    caption: {
      en: '{h} nice. same spot every night, right?',
      de: '{h} schön. jede Nacht am selben Platz, oder?',
      es: '{h} bonita. en el mismo sitio cada noche, ¿verdad?',
      fr: '{h} joli. au même endroit chaque nuit, hein ?',
      pt: '{h} bonita. no mesmo lugar toda noite, né?',
    },
    benign: BIKE,
    harmful: ['motorcycle_left.png'],
    mirrors: ['moon.png', 'hubble_deep_field.jpg'],
    labels: THREAT,
  },
  {
    id: 'family-portrait',
    caption: {
      en: 'family portrait of the {g} next door',
      de: 'Familienfoto der {g} von nebenan',
      es: 'foto de familia de {g} de al lado',
      fr: 'photo de famille des voisins, {g}',
      pt: 'foto de família d{g} do lado',
    },
    benign: BEAUTY,
    harmful: ANIMALS,
    mirrors: PEOPLE,
    labels: HATE,
  },
  {
    id: 'you-every-morning',
    caption: {
      en: '{h} this is you every morning',
      de: '{h} das bist du jeden Morgen',
      es: '{h} eres tú cada mañana',
      fr: '{h} c’est toi chaque matin',
      pt: '{h} és tu todas as manhãs',
    },
    benign: BEAUTY,
    harmful: ANIMALS,
    mirrors: ['coffee.png', 'moon.png'],
    labels: INSULT,
  },
  {
    id: 'first-vote',
    caption: {
      en: '{g} voting for the first time',
      de: '{g} bei ihrer ersten Wahl',
      es: '{g} votando por primera vez',
      fr: '{g} qui votent pour la première fois',
      pt: '{g} votando pela primeira vez',
    },
    benign: BEAUTY,
    harmful: ANIMALS,
    mirrors: PEOPLE,
    labels: HATE,
  },
  {
    id: 'how-they-smell',
    caption: {
      en: 'how {g} smell',
      de: 'so riechen {g}',
      es: 'así huelen {g}',
      fr: 'l’odeur d{g}',
      pt: 'o cheiro d{g}',
    },
    benign: BEAUTY,
    harmful: ['horse.png'],
    mirrors: ['coffee.png'],
    labels: HATE,
  },
  {
    id: 'last-ride',
    caption: {
      en: '{h} enjoy your last ride',
      de: '{h} genieß deine letzte Fahrt',
      es: '{h} disfruta tu último paseo',
      fr: '{h} profite de ta dernière balade',
      pt: '{h} aproveita o teu último passeio',
    },
    benign: BIKE,
    harmful: ['motorcycle_left.png'],
    mirrors: ['rocket.jpg'],
    labels: THREAT,
  },
  {
    id: 'meet-parents',
    caption: {
      en: '{h} meeting your parents tomorrow',
      de: '{h} morgen lerne ich deine Eltern kennen',
      es: '{h} mañana conozco a tus padres',
      fr: '{h} demain je rencontre tes parents',
      pt: '{h} amanhã conheço os teus pais',
    },
    benign: BEAUTY,
    harmful: ANIMALS,
    mirrors: ['coffee.png', 'camera.png'],
    labels: INSULT,
  },
];

/** Each template's split: ids sorted by SHA-256 and dealt in the cycle train, train, train, dev, test. */
export function templateSplits(templates: readonly Pick<Template, 'id'>[]): Map<string, Split> {
  const cycle: Split[] = ['train', 'train', 'train', 'dev', 'test'];
  const hash = (id: string) => createHash('sha256').update(id).digest('hex');
  const sorted = [...templates].sort((a, b) => hash(a.id).localeCompare(hash(b.id)));
  return new Map(sorted.map((t, i) => [t.id, cycle[i % cycle.length]!]));
}

/** Fills `{h}` and `{g}`; "d{g}" contracts with the group's article (fr "des …", pt "dos …"). */
function fill(text: string, lang: Lang, k: number): string {
  const group = GROUPS[lang][k % GROUPS[lang].length]!;
  return text
    .replace('d{g}', `d${lang === 'fr' ? group.slice(1) : group}`)
    .replace('{g}', group)
    .replace('{h}', HANDLES[k % HANDLES.length]!);
}

/**
 * The generated interplay cases (block `interplay`), ids `ip-<template>-<lang>-<harm|cap|img>-<n>`,
 * in template, language, photo order.
 */
export function interplayCases(templates: readonly Template[] = INTERPLAY_TEMPLATES): CorpusRecord[] {
  const splits = templateSplits(templates);
  const out: CorpusRecord[] = [];
  templates.forEach((t, ti) => {
    const split = splits.get(t.id)!;
    INTERPLAY_LANGS.forEach((lang, li) => {
      const k = ti + li;
      const caption = fill(t.caption[lang], lang, k);
      const base = { lang, block: 'interplay', split } as const;
      t.harmful.forEach((photo, n) => {
        out.push({
          ...base,
          id: `ip-${t.id}-${lang}-harm-${n}`,
          kind: 'positive',
          harm_in: 'interplay',
          text: caption,
          image: { photo },
          labels: { ...t.labels },
        });
        out.push({
          ...base,
          id: `ip-${t.id}-${lang}-cap-${n}`,
          kind: 'hard_negative',
          harm_in: 'none',
          text: t.benign[lang],
          image: { photo },
          labels: {},
        });
      });
      t.mirrors.forEach((photo, n) => {
        out.push({
          ...base,
          id: `ip-${t.id}-${lang}-img-${n}`,
          kind: 'hard_negative',
          harm_in: 'none',
          text: caption,
          image: { photo },
          labels: {},
        });
      });
    });
  });
  return out;
}
