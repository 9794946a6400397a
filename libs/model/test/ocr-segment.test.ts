import { beforeAll, describe, expect, it } from 'vitest';
import { WordSegmenter, WordListError } from '../src';

let words: WordSegmenter;
beforeAll(() => {
  words = WordSegmenter.fromFiles();
}, 120_000);

describe('WordSegmenter on Debian word lists', () => {
  it('splits glued words and keeps case, punctuation and digits', () => {
    expect(words.segment('IKNOW WHEREYOU LIVE', 'en')).toBe('I KNOW WHERE YOU LIVE');
    expect(words.segment('SEEYOUTONIGHT!', 'en')).toBe('SEE YOU TONIGHT!');
    expect(words.segment('Meeting moved to 3:45 PM', 'en')).toBe('Meeting moved to 3:45 PM');
    expect(words.segment('Warning:wet floor', 'en')).toBe('Warning: wet floor');
    expect(words.segment('ICHWEISS WODU WOHNST', 'de')).toBe('ICH WEISS WO DU WOHNST');
    expect(words.segment('JESAIS OÙ TU HABITES', 'fr')).toBe('JE SAIS OÙ TU HABITES');
    expect(words.segment('EUSEI ONDE VOCÊMORA', 'pt')).toBe('EU SEI ONDE VOCÊ MORA');
    // British spellings are English words too (the American list alone split this into "COL OURS").
    expect(words.segment('PRIMARY COLOURS', 'en')).toBe('PRIMARY COLOURS');
    // Dots read for spaces in a run of capital words; abbreviations and addresses stay.
    expect(words.segment('I.WILL.BEAT YOU', 'en')).toBe('I WILL BEAT YOU');
    expect(words.segment('MADE IN THE U.S.A', 'en')).toBe('MADE IN THE U.S.A');
    expect(words.segment('VISIT WWW.SHOP.COM', 'en')).toBe('VISIT WWW.SHOP.COM');
    // A capital read lower-case at the start of a capitals word.
    expect(words.segment('vENDO COCAÍNA', 'es')).toBe('VENDO COCAÍNA');
    expect(words.segment('see you sOON', 'en')).toBe('see you SOON');
    expect(words.segment('iPhone', 'en')).toBe('iPhone');
  });

  it('leaves words, names, short fragments and misreads alone', () => {
    for (const line of ['together forever', 'Sale ends Sunday', 'Lost cat, answers to Milo', 'OU TU HABI'])
      expect(words.segment(line, line === 'OU TU HABI' ? 'fr' : 'en')).toBe(line);
  });

  it('restores accents PaddleOCR cannot read where one word of the language fits', () => {
    // "mañana" read without its tilde is restored, not split into rare words ("man ana").
    expect(words.segment('MANANA VAS A PAGAR', 'es')).toBe('MAÑANA VAS A PAGAR');
    expect(words.segment('GRUSSE AUS MUNCHEN', 'de')).toBe('GRÜSSE AUS MÜNCHEN');
    expect(words.segment('sua opiniao', 'pt')).toBe('sua opinião');
    // Both are words ("schon", "schön"; "ou", "où"): left as read.
    expect(words.segment('SCHON WIEDER', 'de')).toBe('SCHON WIEDER');
    expect(words.segment('JE SAIS OU TU HABITES', 'fr')).toBe('JE SAIS OU TU HABITES');
  });

  it('tells the language a line reads best as', () => {
    expect(words.language('I KNOW WHERE YOU LIVE')).toBe('en');
    expect(words.language('Ich weiB wo du wohnst')).toBe('de');
    expect(words.language('je sais où tu habites')).toBe('fr');
    expect(words.language('mañana por la tarde')).toBe('es');
    expect(words.language('eu sei onde você mora')).toBe('pt');
  });

  it('fails with a typed error when a word list is missing', () => {
    expect(() => WordSegmenter.fromFiles({ en: '/nonexistent/words' })).toThrow(WordListError);
    expect(() =>
      WordSegmenter.fromFiles({ en: ['/usr/share/dict/american-english', '/nonexistent/words'] }),
    ).toThrow(/nonexistent/);
  });
});
