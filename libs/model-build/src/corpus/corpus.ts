import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CategoryId } from '@vigil/contracts';
import { interplayCases } from './interplay';

/** The seed corpus folder (committed): one JSONL file per language plus multimodal cases, and splits. */
export const CORPUS_DIR = resolve(__dirname, '..', '..', 'data', 'corpus');
export const CORPUS_FILES = [
  'en.jsonl',
  'de.jsonl',
  'es.jsonl',
  'fr.jsonl',
  'multimodal.jsonl',
  'images.jsonl',
] as const;
export { SPLITS, POSITIVE_SEVERITY, CorpusRecordSchema, type Split, type CorpusRecord } from './record';
import { CorpusRecordSchema, POSITIVE_SEVERITY, SPLITS, type CorpusRecord, type Split } from './record';

/** Thrown when a corpus file or the splits file is malformed or inconsistent. */
export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

/**
 * Loads the seed corpus with its fixed splits (`splits.json`: ids per split), followed by the generated
 * caption × image pairs (./interplay.ts, split by template) unless `generated` is false.
 * @throws CorpusError naming the file and line of a bad record, a duplicate id, or an id without a split.
 */
export function loadCorpus(dir = CORPUS_DIR, generated = true): CorpusRecord[] {
  const splits = JSON.parse(readFileSync(join(dir, 'splits.json'), 'utf8')) as Record<Split, string[]>;
  const splitOf = new Map<string, Split>();
  for (const s of SPLITS) for (const id of splits[s] ?? []) splitOf.set(id, s);
  const seen = new Set<string>();
  const out: CorpusRecord[] = [];
  for (const file of CORPUS_FILES) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = CorpusRecordSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new CorpusError(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
        const r = parsed.data;
        if (seen.has(r.id)) throw new CorpusError(`${file}:${i + 1}: duplicate id ${r.id}`);
        seen.add(r.id);
        const split = splitOf.get(r.id);
        if (!split) throw new CorpusError(`${file}:${i + 1}: id ${r.id} is in no split (splits.json)`);
        out.push({ ...r, split });
      });
  }
  if (generated)
    for (const r of interplayCases()) {
      if (seen.has(r.id)) throw new CorpusError(`interplay: duplicate id ${r.id}`);
      seen.add(r.id);
      out.push(r);
    }
  return out;
}

/** 0/1 targets per category in `categories` order (severity ≥ POSITIVE_SEVERITY). */
export function targetsOf(
  record: Pick<CorpusRecord, 'labels'>,
  categories: readonly CategoryId[],
): Float32Array {
  return Float32Array.from(categories.map((c) => ((record.labels[c] ?? 0) >= POSITIVE_SEVERITY ? 1 : 0)));
}
