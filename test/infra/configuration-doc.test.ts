/**
 * docs/configuration.md is generated from the services' zod config schemas (infra/docs/configuration.ts):
 * it must be current, give every variable a meaning, and name every environment variable the code reads,
 * in the schemas or outside them (shared libraries, the stack scripts, CI).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_DOC, ROOT, loadSchemas, renderConfiguration } from '../../infra/docs/configuration';

/** Variables of the environment itself, or the stack scripts' own state: not Vigil configuration. */
const NOT_CONFIGURATION = new Set(['CI', 'DEBIAN_FRONTEND', 'HOME', 'PATH', 'TMPDIR', 'KAFKA_WAS_RUNNING']);

/** Source files under `dir` (recursively) whose name matches `pattern`, tests and test helpers excluded. */
function sources(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'lib', '.run', 'test', 'testing', 'bench'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path, pattern));
    else if (pattern.test(name) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Every `process.env.X`, `env.X` (an env record passed in) and shell `${X:-…}` read, by file. */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const packages = ['services', 'libs', 'kernels'].flatMap((top) =>
    readdirSync(join(ROOT, top)).map((name) => join(ROOT, top, name, 'src')),
  );
  const files = [
    ...packages.flatMap((dir) => {
      try {
        return sources(dir, /\.tsx?$/);
      } catch {
        return [];
      }
    }),
    ...sources(join(ROOT, 'infra'), /\.(ts|mjs|sh)$/),
    join(ROOT, '.ci', 'run'),
  ];
  const patterns = [
    /process\.env\.([A-Z][A-Z0-9_]+)/g,
    /process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
    /\benv\.([A-Z][A-Z0-9_]{2,})\b/g,
    /\$\{([A-Z][A-Z0-9_]+):?[-?=]/g,
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns)
      for (const m of text.matchAll(pattern))
        // BENCH_*: benchmark knobs (like the skipped bench/ folders), documented in docs/benchmarks.md.
        if (!NOT_CONFIGURATION.has(m[1]!) && !m[1]!.startsWith('BENCH_') && !found.has(m[1]!))
          found.set(m[1]!, relative(ROOT, file));
  }
  return found;
}

describe('docs/configuration.md', () => {
  const committed = readFileSync(CONFIGURATION_DOC, 'utf8');

  it('is what the config schemas generate (regenerate with `npm run docs:config`)', async () => {
    expect(committed).toBe(renderConfiguration(await loadSchemas()));
  });

  it('gives every schema variable a meaning (a JSDoc comment above it in config.ts)', () => {
    const undocumented = committed.split('\n').filter((line) => /^\| `[A-Z0-9_]+` \|.*\| – \|$/.test(line));
    expect(undocumented).toEqual([]);
  });

  it('names every environment variable the code reads', () => {
    const read = variablesRead();
    // The scan itself must see the known readers, or it proves nothing.
    expect(read.get('VIGIL_PDQ_NATIVE')).toBe('kernels/pdq/src/native.ts');
    expect(read.get('VIGIL_KAFKA_PORT')).toBeDefined();
    const missing = [...read].filter(([name]) => !committed.includes(`\`${name}\``));
    expect(missing.map(([name, file]) => `${name} (read in ${file})`)).toEqual([]);
  });
});
