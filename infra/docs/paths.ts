import { join, resolve } from 'node:path';

/** The repository root, and docs/configuration.md under it (the file `npm run docs:config` writes). */
export const ROOT = resolve(__dirname, '..', '..');
export const CONFIGURATION_DOC = join(ROOT, 'docs', 'configuration.md');
