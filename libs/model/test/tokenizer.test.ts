import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WordPieceTokenizer } from '../src';
import { BUNDLE_DIR } from './bundle';

/**
 * Parity with Hugging Face's Rust tokenizers: the fixture holds the ids that the Rust implementation
 * (DJL's binding, libs/model-build/scripts/tokenizer-reference.sh) produced from the same tokenizer.json.
 */
const fixture = JSON.parse(
  readFileSync(resolve(__dirname, '../../model-build/test/fixtures/tokenizer-reference.json'), 'utf8'),
) as { cases: { text: string; ids: number[] }[] };

describe('WordPieceTokenizer (all-MiniLM-L6-v2 tokenizer.json)', () => {
  const tokenizer = WordPieceTokenizer.fromFile(join(BUNDLE_DIR, 'text/tokenizer.json'));

  it.each(fixture.cases.map((c) => [c.text.slice(0, 40), c] as const))(
    'matches the Rust reference: %s',
    (_, c) => {
      expect(tokenizer.encode(c.text)).toEqual(c.ids);
    },
  );

  it('knows the classic BERT ids', () => {
    expect(tokenizer.encode('Hello World!')).toEqual([101, 7592, 2088, 999, 102]);
    expect(tokenizer.encode('unaffable')).toEqual([101, 14477, 20961, 3468, 102]);
  });

  it('truncates to 128 tokens keeping [SEP]', () => {
    const ids = tokenizer.encode('word '.repeat(300));
    expect(ids).toHaveLength(128);
    expect(ids[0]).toBe(101);
    expect(ids[127]).toBe(102);
  });
});
