/**
 * `npm run data:text -- [--data <dir>] [--include hatecheck,mhc,davidson,spam-assassin,generated] [--json]`:
 * loads the text corpus (public sets from <dir> or $VIGIL_TEXT_DATA, SpamAssassin, generated cases) and prints
 * case counts per source × language × split, positives per category × language × source × split, known
 * negatives per category × language × split, and hard-negative and evasion-copy counts.
 */
import { CATEGORY_IDS } from '@vigil/contracts';
import { TEXT_SOURCES, loadTextCorpus, type TextSource } from '../text-data/corpus';
import type { TextCase } from '../text-data/types';

const args = process.argv.slice(2);
const valueOf = (flag: string): string | undefined =>
  args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined;
const include = valueOf('--include')?.split(',') as TextSource[] | undefined;
const unknownSource = include?.find((s) => !TEXT_SOURCES.includes(s));
if (unknownSource !== undefined) {
  console.error(`data:text: unknown source "${unknownSource}" (known: ${TEXT_SOURCES.join(', ')})`);
  process.exit(2);
}

const SPLITS = ['train', 'dev', 'test'] as const;

function table(title: string, rows: Map<string, Record<string, number>>): string {
  const header = ['', ...SPLITS, 'total'];
  const body = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => [
      key,
      ...SPLITS.map((s) => String(n[s] ?? 0)),
      String(SPLITS.reduce((t, s) => t + (n[s] ?? 0), 0)),
    ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [`## ${title}`, line(header), ...body.map(line)].join('\n');
}

function count(
  cases: readonly TextCase[],
  keysOf: (c: TextCase) => string[],
): Map<string, Record<string, number>> {
  const rows = new Map<string, Record<string, number>>();
  for (const c of cases) {
    for (const key of keysOf(c)) {
      const row = rows.get(key) ?? {};
      row[c.split] = (row[c.split] ?? 0) + 1;
      rows.set(key, row);
    }
  }
  return rows;
}

const started = Date.now();
loadTextCorpus({ dataDir: valueOf('--data'), include })
  .then((cases) => {
    const bySourceLang = count(cases, (c) => [`${c.source} ${c.lang}`]);
    const positives = count(cases, (c) =>
      CATEGORY_IDS.filter((id) => c.labels[id] === 1).map((id) => `${id} ${c.lang} ${c.source}`),
    );
    const negatives = count(cases, (c) =>
      CATEGORY_IDS.filter((id) => c.labels[id] === 0).map((id) => `${id} ${c.lang}`),
    );
    const hard = count(cases, (c) => (c.hardNegative ? [`${c.source} ${c.lang}`] : []));
    const evasion = count(cases, (c) => (c.augmentation === 'evasion' ? [`${c.source} ${c.lang}`] : []));
    if (args.includes('--json')) {
      const plain = (m: Map<string, Record<string, number>>): object => Object.fromEntries(m);
      const json = { cases: cases.length, bySourceLang, positives, negatives, hardNegatives: hard, evasion };
      console.log(JSON.stringify(json, (_, v: unknown) => (v instanceof Map ? plain(v) : v), 2));
    } else {
      console.log(table('cases by source × language', bySourceLang));
      console.log(`\n${table('positives (label 1) by category × language × source', positives)}`);
      console.log(`\n${table('known negatives (label 0) by category × language', negatives)}`);
      console.log(`\n${table('hard negatives by source × language', hard)}`);
      console.log(`\n${table('evasion copies by source × language', evasion)}`);
    }
    // On stderr, so `--json` output stays parseable.
    console.error(`\ndata:text: ${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })
  .catch((error: Error) => {
    console.error(`data:text: failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
