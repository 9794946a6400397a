/** Bank files: plain hash lists (ThreatExchange reg-test-input/hash-lists) and CSV. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBankFile } from '../src';
import { PDQ_FIXTURES } from './data';

const read = (f: string) => readFileSync(join(PDQ_FIXTURES, f), 'utf8');
const lists = join('reg-test-input', 'hash-lists');

describe('parseBankFile', () => {
  it.each([
    ['haystack.txt', 1350],
    ['needles.txt', 100],
    ['long256.dat', 50],
    ['short256.dat', 6],
    ['order256.dat', 2],
  ])('plain list %s: %i hashes, none rejected', (file, count) => {
    const r = parseBankFile(read(join(lists, file)));
    expect(r.rejected).toEqual([]);
    expect(r.entries).toHaveLength(count);
    expect(r.entries[0]).toEqual({
      line: 1,
      hash: read(join(lists, file)).split('\n')[0]!.trim(),
      metadata: {},
    });
  });

  it.each([
    ['short64.dat', 6],
    ['long64.dat', 667],
  ])('64-bit list %s: every line rejected as not PDQ', (file, count) => {
    const r = parseBankFile(read(join(lists, file)));
    expect(r.entries).toEqual([]);
    expect(r.rejected).toHaveLength(count);
    expect(r.rejected[0]).toMatchObject({ line: 1, reason: expect.stringContaining('64-bit') });
  });

  it('CSV with a header: hash, quality and the rest as metadata (expected.csv)', () => {
    const r = parseBankFile(read('expected.csv'));
    expect(r.rejected).toEqual([]);
    expect(r.entries).toHaveLength(19);
    expect(r.entries[0]).toEqual({
      line: 2,
      hash: 'd0f8f1ccc0f4a84d0a370a3a228f67f0b36e2ed5b6623e1d33e6339c4e9c9b22',
      quality: 100,
      metadata: { file: 'bridge-mods/shrink-a-lot.jpg' },
    });
  });

  it('CSV with ids, quoting, CRLF, comments and bad rows reported by line', () => {
    const h = 'f8f8f0cee0f4a84f06370a2a038f63f0b36e26d596621e1d33e6b39c4e9c9b22';
    const text = [
      'hash_id,pdq,quality,note',
      `e1,${h.toUpperCase()},90,"tagged, with comma"`,
      '# a comment',
      '',
      `e2,${h},101,x`,
      'e3,not-a-hash,50,',
      `e4,${h},,"multi`,
      `line ""quoted"""`,
    ].join('\r\n');
    const r = parseBankFile(text);
    expect(r.entries).toEqual([
      { line: 2, id: 'e1', hash: h, quality: 90, metadata: { note: 'tagged, with comma' } },
      { line: 7, id: 'e4', hash: h, metadata: { note: 'multi\r\nline "quoted"' } },
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [5, 'quality must be an integer 0..100, got "101"'],
      [6, 'not a 64-digit hex PDQ hash'],
    ]);
  });

  it('header-less hash,quality,label rows (pdq-photo-hasher output)', () => {
    const h = 'adad5a64b5a142e75b62a09857da895ae63b847fc23794b766b319361bc93188';
    expect(parseBankFile(`${h},100,bridge-3-rotate-180.jpg\n`).entries).toEqual([
      { line: 1, hash: h, quality: 100, metadata: { label: 'bridge-3-rotate-180.jpg' } },
    ]);
  });
});
