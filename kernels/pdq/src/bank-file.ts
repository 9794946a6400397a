import { isHashHex } from './hash';

/** One hash read from a bank file. */
export interface BankFileEntry {
  /** 1-based line (record) number in the file. */
  line: number;
  /** Lowercase 64-digit hex PDQ hash. */
  hash: string;
  /** From an `id`-like column, when the file has one. */
  id?: string;
  /** From a `quality` column (or the second field of a header-less row), 0..100. */
  quality?: number;
  /** Every other non-empty column, by header name (`label` for a header-less row's third field). */
  metadata: Record<string, string>;
}

/** A record that was not imported, and why. */
export interface BankFileRejection {
  line: number;
  reason: string;
  text: string;
}

export interface BankFile {
  entries: BankFileEntry[];
  rejected: BankFileRejection[];
}

const HASH_COLUMNS = ['hash', 'pdq', 'pdq_hash', 'hash_hex', 'hash_value', 'signal_value'];
const ID_COLUMNS = ['id', 'hash_id', 'signal_id', 'content_id'];
const QUALITY_COLUMNS = ['quality', 'pdq_quality'];

/**
 * Parses a PDQ hash-bank file. Two shapes are accepted:
 * - a plain list or header-less CSV: one record per line, `hash[,quality[,label]]` (the first is the
 *   ThreatExchange hash-list form, e.g. `pdq/data/reg-test-input/hash-lists`, the second what
 *   `pdq-photo-hasher` prints); blank lines and `#` comments are skipped;
 * - a CSV (RFC 4180 quoting) whose header names a hash column (`hash`, `pdq`, `pdq_hash`, `hash_hex`,
 *   `hash_value` or `signal_value`), optionally an id column (`id`, `hash_id`, `signal_id`,
 *   `content_id`) and `quality`; all other columns become metadata.
 * Nothing is dropped silently: every record that is not a 256-bit PDQ hash (64-bit lists, for example)
 * or has a quality outside 0..100 is listed in `rejected` with its line and reason.
 */
export function parseBankFile(text: string): BankFile {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const entries: BankFileEntry[] = [];
  const rejected: BankFileRejection[] = [];
  const first = records.find((r) => !skippable(r.fields));
  const header = first?.fields.map((f) => f.trim().toLowerCase());
  const hashColumn = header ? header.findIndex((h) => HASH_COLUMNS.includes(h)) : -1;
  const idColumn = header && hashColumn >= 0 ? header.findIndex((h) => ID_COLUMNS.includes(h)) : -1;
  const qualityColumn = header && hashColumn >= 0 ? header.findIndex((h) => QUALITY_COLUMNS.includes(h)) : 1;

  for (const record of records) {
    if (skippable(record.fields) || (hashColumn >= 0 && record === first)) continue;
    const fields = record.fields.map((f) => f.trim());
    const reject = (reason: string) =>
      rejected.push({ line: record.line, reason, text: record.text.slice(0, 200) });
    const hash = fields[hashColumn >= 0 ? hashColumn : 0] ?? '';
    if (!isHashHex(hash)) {
      reject(
        /^[0-9a-fA-F]{16}$/.test(hash)
          ? 'a 64-bit hash: PDQ hashes have 256 bits (64 hex digits)'
          : 'not a 64-digit hex PDQ hash',
      );
      continue;
    }
    const entry: BankFileEntry = { line: record.line, hash: hash.toLowerCase(), metadata: {} };
    const quality = fields[qualityColumn];
    if (qualityColumn >= 0 && quality) {
      const q = Number(quality);
      if (!Number.isInteger(q) || q < 0 || q > 100) {
        reject(`quality must be an integer 0..100, got ${JSON.stringify(quality)}`);
        continue;
      }
      entry.quality = q;
    }
    if (hashColumn >= 0) {
      if (idColumn >= 0 && fields[idColumn]) entry.id = fields[idColumn];
      header!.forEach((name, i) => {
        if (i !== hashColumn && i !== idColumn && i !== qualityColumn && fields[i])
          entry.metadata[name] = fields[i]!;
      });
    } else if (fields[2]) {
      entry.metadata.label = fields.slice(2).join(',');
    }
    entries.push(entry);
  }
  return { entries, rejected };
}

function skippable(fields: string[]): boolean {
  return (fields.length === 1 && fields[0]!.trim() === '') || fields[0]!.trimStart().startsWith('#');
}

interface CsvRecord {
  line: number;
  fields: string[];
  text: string;
}

// RFC 4180: fields split on commas, "quoted" fields may hold commas, newlines and "" for a quote.
function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let start = 0;
  const endRecord = (end: number) => {
    fields.push(field);
    records.push({ line: startLine, fields, text: text.slice(start, end) });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRecord(i);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      startLine = line;
      start = i + 1;
    } else {
      field += ch;
    }
  }
  if (field !== '' || fields.length > 0) endRecord(text.length);
  return records;
}
