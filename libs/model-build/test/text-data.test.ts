import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_IDS, type CategoryId } from '@vigil/contracts';
import { mulberry32 } from '../src/fusion/random';
import {
  GENERATED_LANGS,
  GENERATORS,
  TextDataError,
  assignSplits,
  augmentEvasion,
  duplicateKey,
  emailText,
  generateTextCases,
  loadDavidson,
  loadHateCheck,
  loadMultilingualHateCheck,
  loadTextCorpus,
  obfuscate,
  obfuscateWord,
  spamAssassinCase,
  splitGroup,
  type TextCase,
} from '../src/text-data';

/** Samples in each source's file format, written for this test (not rows of the data sets). */
const HATECHECK_CSV = [
  ',functionality,case_id,test_case,label_gold,target_ident,direction,focus_words,focus_lemma,ref_case_id,ref_templ_id,templ_id,case_templ',
  '0,derog_neg_emote_h,1,I despise teachers who are women. ,hateful,women,general,despise,despise,,,1,I despise [IDENTITY_P].',
  '1,threat_dir_h,2,"I will hurt every one of them, women included. ",hateful,women,general,hurt,hurt,,,81,x',
  '2,profanity_nh,3,"Damn, what a shitty morning. ",non-hateful,,,,,,242,262,x',
  '3,counter_quote_nh,4,"Saying ""I despise women"" is bigotry.",non-hateful,women,,,,1,1,532,x',
  '4,target_indiv_nh,5,You are a horrible person.,non-hateful,,,,,,,637,x',
].join('\n');

const MHC_FRENCH_CSV = [
  'mhc_case_id,functionality,test_case,label_gold,target_ident,ref_case_id,ref_templ_id,templ_id,case_templ,gender_male,gender_female,label_annotated,label_annotated_maj,disagreement_in_case,disagreement_in_template',
  `french-1,derog_neg_emote_h,Je méprise les femmes.,hateful,women,,,1,Je méprise les [IDENT_P].,,,"['hateful', 'hateful', 'hateful']",hateful,False,False`,
  `french-2,negate_neg_nh,"Non, je ne méprise pas les femmes.",non-hateful,women,1,1,422,x,,,"['non-hateful']",non-hateful,False,False`,
].join('\n');

const DAVIDSON_CSV = [
  ',count,hate_speech,offensive_language,neither,class,tweet',
  '0,3,3,0,0,0,those people are a disease &amp; should leave',
  '1,3,0,3,0,1,"@someone this damn bus is late again, wtf"',
  '2,3,0,0,3,2,lovely walk in the park today http://t.co/abc',
].join('\n');

const RAW_EMAIL = [
  'Return-Path: <x@example.com>',
  'Subject: You have WON a free cruise',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Click here to claim   your prize.',
  '----------------------------',
  '',
].join('\r\n');

let dataDir = '';
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-text-data-'));
  for (const [folder, file, text] of [
    ['hatecheck', 'test_suite_cases.csv', HATECHECK_CSV],
    ['multilingual-hatecheck', 'cases_french.csv', MHC_FRENCH_CSV],
    ['davidson', 'labeled_data.csv', DAVIDSON_CSV],
  ] as const) {
    mkdirSync(join(dataDir, folder), { recursive: true });
    writeFileSync(join(dataDir, folder, file), text);
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const byId = (cases: readonly TextCase[], id: string): TextCase => {
  const found = cases.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no case ${id}`);
  return found;
};

describe('public set loaders', () => {
  it('maps HateCheck functionalities to Vigil labels and keeps template ids', () => {
    const cases = loadHateCheck(dataDir);
    expect(cases).toHaveLength(5);
    const derog = byId(cases, 'hatecheck-1');
    expect(derog).toMatchObject({
      text: 'I despise teachers who are women.',
      lang: 'en',
      labels: { hate: 1 },
    });
    expect(derog).toMatchObject({ template: 'hatecheck:t1', family: 'hatecheck:t1', hardNegative: false });
    expect(byId(cases, 'hatecheck-2').labels).toEqual({
      hate: 1,
      'harassment/threatening': 1,
      violence: 1,
    });
    expect(byId(cases, 'hatecheck-3').labels).toEqual({ hate: 0, profanity: 1 });
    expect(byId(cases, 'hatecheck-3').hardNegative).toBe(false);
    const counter = byId(cases, 'hatecheck-4');
    expect(counter).toMatchObject({ text: 'Saying "I despise women" is bigotry.', labels: { hate: 0 } });
    expect(counter).toMatchObject({ hardNegative: true, template: 'hatecheck:t532', family: 'hatecheck:t1' });
    expect(byId(cases, 'hatecheck-5').labels).toEqual({ hate: 0, harassment: 1 });
  });

  it('reads Multilingual HateCheck per language with shared template ids', () => {
    const cases = loadMultilingualHateCheck(dataDir, ['fr']);
    expect(cases.map((c) => [c.id, c.lang, c.labels.hate, c.hardNegative, c.family])).toEqual([
      ['mhc-french-1', 'fr', 1, false, 'hatecheck:t1'],
      ['mhc-french-2', 'fr', 0, true, 'hatecheck:t1'],
    ]);
    expect(() => loadMultilingualHateCheck(dataDir, ['de'])).toThrow(TextDataError);
    expect(() => loadMultilingualHateCheck(dataDir, ['xx'])).toThrow(/no language/);
  });

  it('maps Davidson classes and cleans tweets', () => {
    const cases = loadDavidson(dataDir);
    expect(cases.map((c) => c.labels)).toEqual([
      { hate: 1 },
      { hate: 0, profanity: 1 },
      { hate: 0, profanity: 0, harassment: 0 },
    ]);
    expect(cases[0]!.text).toBe('those people are a disease & should leave');
    expect(cases[1]!.text).toBe('@user this damn bus is late again, wtf');
    expect(cases[2]!.text).toBe('lovely walk in the park today http://url');
    expect(new Set(cases.map((c) => c.template)).size).toBe(3);
  });

  it('turns a raw SpamAssassin email into subject + body without headers, labelled by group', async () => {
    const text = await emailText(RAW_EMAIL);
    expect(text).toBe('You have WON a free cruise\nClick here to claim your prize.');
    expect(spamAssassinCase(7, 'spam-2', text)).toMatchObject({ labels: { spam: 1 }, hardNegative: false });
    expect(spamAssassinCase(7, 'hard-ham-1', text)).toMatchObject({
      labels: { spam: 0 },
      hardNegative: true,
    });
  });

  it('reads the folder from VIGIL_TEXT_DATA when none is passed, and throws typed errors', () => {
    const saved = process.env.VIGIL_TEXT_DATA;
    try {
      process.env.VIGIL_TEXT_DATA = dataDir;
      expect(loadDavidson()).toHaveLength(3);
      delete process.env.VIGIL_TEXT_DATA;
      expect(() => loadDavidson()).toThrow(/VIGIL_TEXT_DATA/);
    } finally {
      if (saved === undefined) delete process.env.VIGIL_TEXT_DATA;
      else process.env.VIGIL_TEXT_DATA = saved;
    }
    expect(() => loadDavidson(join(dataDir, 'nowhere'))).toThrow(TextDataError);
  });
});

describe('generators', () => {
  const generated = generateTextCases();

  it('write several hundred cases per generator and language, positives for each category they cover', () => {
    for (const spec of GENERATORS.filter((g) => g.functionalities.some((f) => f.positives.length > 0)))
      for (const lang of GENERATED_LANGS) {
        const cases = generated.filter((c) => c.source === `gen:${spec.name}` && c.lang === lang);
        expect(cases.length, `${spec.name} ${lang}`).toBeGreaterThanOrEqual(200);
        expect(cases.filter((c) => c.hardNegative).length, `${spec.name} ${lang}`).toBeGreaterThanOrEqual(40);
      }
    const covered: CategoryId[] = [
      'hate',
      'harassment',
      'harassment/threatening',
      'violence',
      'self-harm',
      'self-harm/intent',
      'illicit/drugs',
      'illicit/weapons',
      'sexual',
      'spam',
      'profanity',
    ];
    for (const lang of GENERATED_LANGS)
      for (const id of covered) {
        const n = generated.filter((c) => c.lang === lang && c.labels[id] === 1).length;
        expect(n, `${id} ${lang}`).toBeGreaterThanOrEqual(90);
      }
  });

  it('use only valid category ids and 0/1 labels, never label sexual/minors, and have unique ids', () => {
    const all = augmentEvasion(generated, 0.25);
    const valid = new Set<string>(CATEGORY_IDS);
    const bad = all.filter(
      (c) =>
        c.text.length === 0 ||
        c.labels['sexual/minors'] !== undefined ||
        Object.entries(c.labels).some(([id, value]) => !valid.has(id) || (value !== 0 && value !== 1)),
    );
    expect(bad).toEqual([]);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('include a harmless caption of two words, negative for every category, in every language', () => {
    for (const lang of GENERATED_LANGS) {
      const short = generated.filter(
        (c) =>
          c.lang === lang && c.text.trim().split(/\s+/).length === 2 && !Object.values(c.labels).includes(1),
      );
      for (const id of CATEGORY_IDS.filter((x) => x !== 'sexual/minors'))
        expect(
          short.some((c) => c.labels[id] === 0),
          `${lang} ${id}`,
        ).toBe(true);
    }
  });

  it('are deterministic', () => {
    expect(generateTextCases().map((c) => c.text)).toEqual(generated.map((c) => c.text));
  });
});

describe('splits', () => {
  const all = augmentEvasion(generateTextCases(), 0.25);

  const splitsPerGroup = (cases: readonly TextCase[]): Map<string, Set<string>> => {
    const groups = new Map<string, Set<string>>();
    for (const c of cases) groups.set(splitGroup(c), (groups.get(splitGroup(c)) ?? new Set()).add(c.split));
    return groups;
  };

  it('never split a template, keep evasion copies with their template and give every split a share', () => {
    const cases = assignSplits(all, { seed: 3 });
    expect([...splitsPerGroup(cases)].filter(([, splits]) => splits.size > 1)).toEqual([]);
    const share = (s: string): number => cases.filter((c) => c.split === s).length / cases.length;
    expect(share('test')).toBeGreaterThan(0.08);
    expect(share('dev')).toBeGreaterThan(0.08);
    expect(share('train')).toBeGreaterThan(0.55);
    expect(assignSplits(all, { seed: 3 }).map((c) => c.split)).toEqual(cases.map((c) => c.split));
  });

  it('never put the same text in two splits, even from different templates', () => {
    const cases = assignSplits(all);
    const splitsOfText = new Map<string, Set<string>>();
    for (const c of cases)
      splitsOfText.set(duplicateKey(c), (splitsOfText.get(duplicateKey(c)) ?? new Set()).add(c.split));
    expect([...splitsOfText].filter(([, splits]) => splits.size > 1)).toEqual([]);
  });

  it('give every generated category templates in dev and test, in every language', () => {
    const cases = assignSplits(all);
    const missing: string[] = [];
    for (const lang of GENERATED_LANGS)
      for (const id of CATEGORY_IDS)
        for (const split of ['dev', 'test'] as const) {
          const positives = cases.filter((c) => c.lang === lang && c.labels[id] === 1);
          if (positives.length > 0 && !positives.some((c) => c.split === split))
            missing.push(`${id} ${lang} ${split}`);
        }
    expect(missing).toEqual([]);
  });

  it('hold out whole functionalities to test', () => {
    const cases = assignSplits(all, { holdOutFunctionalities: ['hardneg_hyperbole'] });
    const held = cases.filter((c) => c.functionality === 'hardneg_hyperbole');
    expect(held.length).toBeGreaterThan(20);
    expect(held.every((c) => c.split === 'test')).toBe(true);
    expect([...splitsPerGroup(cases).values()].filter((splits) => splits.size > 1)).toEqual([]);
  });
});

describe('evasion', () => {
  it('disguises words the way evaders do', () => {
    const rand = mulberry32(1);
    expect(obfuscateWord('kill', 'spacing', rand)).toBe('k i l l');
    expect(obfuscateWord('kill', 'leet', rand)).toMatch(/^k[i1!][l1][l1]$/);
    expect(obfuscateWord('kill', 'leet', rand)).not.toBe('kill');
    expect(obfuscateWord('idiot', 'homoglyph', rand)).not.toBe('idiot');
    expect(obfuscateWord('idiot', 'homoglyph', rand).normalize('NFKC')).toHaveLength(5);
    expect(obfuscateWord('kill', 'repeat', rand)).toMatch(/^ki{2,4}ll$/);
  });

  it('is deterministic and keeps labels, template and functionality on the copies', () => {
    expect(obfuscate('you are a stupid idiot', mulberry32(9))).toBe(
      obfuscate('you are a stupid idiot', mulberry32(9)),
    );
    const generated = generateTextCases();
    const copies = augmentEvasion(generated, 0.25).filter((c) => c.augmentation === 'evasion');
    expect(copies.length).toBeGreaterThan(1000);
    const original = new Map(generated.map((c) => [c.id, c]));
    const bad = copies.filter((copy) => {
      const source = original.get(copy.id.replace(/-evasion$/, ''));
      return (
        source === undefined ||
        copy.text === source.text ||
        copy.template !== source.template ||
        copy.functionality !== source.functionality ||
        JSON.stringify(copy.labels) !== JSON.stringify(source.labels)
      );
    });
    expect(bad).toEqual([]);
  });
});

describe('loadTextCorpus', () => {
  it('combines the public sets found in the data dir with the generated cases, ids unique', async () => {
    const cases = await loadTextCorpus({
      dataDir,
      include: ['hatecheck', 'mhc', 'davidson', 'generated'],
      mhcLangs: ['fr'],
    });
    const sources = new Set(cases.map((c) => c.source));
    expect(sources).toContain('hatecheck');
    expect(sources).toContain('mhc');
    expect(sources).toContain('davidson');
    expect(sources).toContain('gen:self-harm');
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const withoutData = await loadTextCorpus({
      dataDir: join(dataDir, 'absent'),
      include: ['hatecheck', 'generated'],
    });
    expect(withoutData.every((c) => c.source.startsWith('gen:'))).toBe(true);
  });
});
