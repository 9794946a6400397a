import { describe, expect, it } from 'vitest';
import { LEXICON_FEATURES, lexiconFeatures, normalizeText } from '../src';

const WORDS = new Set([
  'free',
  'money',
  'idiot',
  'hello',
  'world',
  'cool',
  'selling',
  'pills',
  'kill',
  'you',
  'paypal',
]);
const isWord = (w: string) => WORDS.has(w);
const norm = (s: string) => normalizeText(s, isWord).text;

describe('normalizeText', () => {
  it('applies NFKC (fullwidth, ligatures, mathematical letters)', () => {
    expect(norm('ｆｒｅｅ ﬁne 𝐟𝐫𝐞𝐞')).toBe('free fine free');
  });

  it('removes zero-width and bidi controls but keeps emoji ZWJ sequences', () => {
    expect(norm('ki\u200Bll y\u202Eo\u202Cu')).toBe('kill you');
    const r = normalizeText('family 👨‍👩‍👧 day', isWord);
    expect(r.text).toBe('family 👨‍👩‍👧 day');
    expect(r.emoji).toEqual(['👨‍👩‍👧']);
  });

  it('joins spaced letters with one consistent separator', () => {
    expect(norm('f r e e money')).toBe('free money');
    expect(norm('s.e.l.l.i.n.g p-i-l-l-s')).toBe('selling pills');
    expect(norm('I am a cat')).toBe('I am a cat');
  });

  it('resolves leetspeak inside words, leaving numbers alone', () => {
    expect(norm('you 1d10t!')).toBe('you idiot!');
    expect(norm('h3ll0 w0rld')).toBe('hello world');
    expect(norm('it is 2026, the 4th')).toBe('it is 2026, the 4th');
  });

  it('collapses stretched letters to a dictionary word', () => {
    expect(norm('frrreeeee')).toBe('free');
    expect(norm('coooool')).toBe('cool');
  });

  it('folds confusables only inside Latin words', () => {
    expect(norm('pаypal')).toBe('paypal'); // Cyrillic а
    expect(norm('Привет мир')).toBe('Привет мир');
    expect(norm('größer Straße café')).toBe('größer Straße café');
  });

  it('counts the evasion rewrites', () => {
    expect(normalizeText('plain words here', isWord).rewrites).toBe(0);
    expect(normalizeText('f r e e m0ney', isWord).rewrites).toBe(2);
  });
});

describe('lexiconFeatures', () => {
  const feature = (text: string, name: (typeof LEXICON_FEATURES)[number]) => {
    const n = normalizeText(text, isWord);
    return lexiconFeatures(n.text, n.rewrites, n.emoji)[LEXICON_FEATURES.indexOf(name)]!;
  };

  it('finds terms across languages and evasions', () => {
    expect(feature('selling c0caine and xanax', 'drugs')).toBeCloseTo(Math.log1p(2));
    expect(feature('je vais te tuer', 'threat')).toBeGreaterThan(0);
    expect(feature('what the fuuuck', 'profanity')).toBeGreaterThan(0);
    expect(feature('click here www.win.biz', 'spam')).toBeGreaterThan(0);
    expect(feature('click here www.win.biz', 'links')).toBeGreaterThan(0);
    expect(feature('🔫🔪', 'emoji_weapon')).toBeCloseTo(Math.log1p(2));
  });

  it('does not fire on look-alike words (Scunthorpe problem, stable, oxygen)', () => {
    expect(feature('Scunthorpe is a town', 'profanity')).toBe(0);
    expect(feature('the patient is stable on oxygen', 'violence')).toBe(0);
    expect(feature('the patient is stable on oxygen', 'drugs')).toBe(0);
  });
});
