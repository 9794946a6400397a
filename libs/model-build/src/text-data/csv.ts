import { readFileSync, existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { TextDataError } from './errors';

/**
 * The folder holding the public text sets (`hatecheck/`, `multilingual-hatecheck/`, `davidson/`): `dir` when
 * given, else env `VIGIL_TEXT_DATA`. Throws TextDataError `TEXT_DATA_MISSING` when neither is set.
 */
export function textDataDir(dir?: string): string {
  const resolved = dir ?? process.env.VIGIL_TEXT_DATA;
  if (resolved === undefined || resolved === '') {
    throw new TextDataError('TEXT_DATA_MISSING', 'no text data folder: pass one or set VIGIL_TEXT_DATA');
  }
  return resolved;
}

/**
 * Reads a CSV file with a header row into one record per row (csv-parse: RFC 4180 quoting, embedded newlines).
 * Throws TextDataError `TEXT_DATA_MISSING` when the file is absent and `TEXT_DATA_FORMAT` when a required
 * column is missing from the header.
 */
export function readCsv(path: string, required: readonly string[]): Record<string, string>[] {
  if (!existsSync(path)) throw new TextDataError('TEXT_DATA_MISSING', `no such data file: ${path}`);
  const rows = parse(readFileSync(path, 'utf8'), {
    columns: (header: string[]) => header.map((name, i) => (name === '' ? `_col${i}` : name)),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
  }) as Record<string, string>[];
  const first = rows[0];
  const missing = first === undefined ? required : required.filter((column) => !(column in first));
  if (missing.length > 0) {
    throw new TextDataError('TEXT_DATA_FORMAT', `${path}: missing column(s) ${missing.join(', ')}`);
  }
  return rows;
}
