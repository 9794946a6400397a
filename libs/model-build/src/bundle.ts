import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  BundleManifestSchema,
  CATEGORY_IDS,
  MANIFEST_VERSION,
  type BundleManifest,
  type ExpertEntry,
} from '@vigil/contracts';

/** What an expert builder gets: where to write, and helpers to find source packages. */
export interface BuildContext {
  /** Bundle folder being written (a temporary sibling of the final folder). */
  readonly outDir: string;
  /** Resolves an installed npm package: its folder, version and licence. */
  resolvePackage(name: string): { dir: string; version: string; license: string };
  /** Hex SHA-256 of a file inside the bundle folder. */
  sha256(relativePath: string): string;
  log(message: string): void;
}

/** Builds one expert: writes its files into `ctx.outDir` and returns its manifest entry. */
export interface ExpertBuilder {
  readonly name: string;
  build(ctx: BuildContext): Promise<ExpertEntry>;
}

/** Thrown when a source package an expert needs is not installed. */
export class MissingSourcePackageError extends Error {
  constructor(readonly packageName: string) {
    super(`source package "${packageName}" is not installed; run \`npm ci\` at the repository root`);
    this.name = 'MissingSourcePackageError';
  }
}

const requireFromHere = createRequire(__filename);

/** Finds an installed npm package: folder, version, licence. @throws MissingSourcePackageError. */
export function resolvePackage(name: string): { dir: string; version: string; license: string } {
  // Look the folder up along Node's search paths rather than through `require.resolve`: packages with
  // an `exports` map that omits `./package.json` (nsfwjs) cannot be resolved that way.
  const pkgJson = (requireFromHere.resolve.paths(name) ?? [])
    .map((base) => join(base, name, 'package.json'))
    .find((candidate) => existsSync(candidate));
  if (!pkgJson) throw new MissingSourcePackageError(name);
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string; license?: string };
  return { dir: dirname(pkgJson), version: pkg.version, license: pkg.license ?? 'UNKNOWN' };
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface BuildOptions {
  readonly name: string;
  /** Final bundle folder, e.g. `.models/vigil-base`. Replaced atomically when the build succeeds. */
  readonly outDir: string;
  readonly builders: readonly ExpertBuilder[];
  readonly log?: (message: string) => void;
}

/**
 * Runs every expert builder into a temporary folder, writes `manifest.json`, then swaps the folder
 * into place. Deterministic: the bundle version is a hash of the experts' manifest entries (which
 * include each file's SHA-256), so the same inputs give the same version.
 * @throws MissingSourcePackageError or a builder's own error; the previous bundle is left untouched.
 */
export async function buildBundle(options: BuildOptions): Promise<BundleManifest> {
  const log = options.log ?? ((m: string) => console.log(m));
  const tmp = `${options.outDir}.building`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const ctx: BuildContext = {
    outDir: tmp,
    resolvePackage,
    sha256: (relative) => sha256File(join(tmp, relative)),
    log,
  };
  const experts: ExpertEntry[] = [];
  for (const builder of options.builders) {
    const started = Date.now();
    experts.push(await builder.build(ctx));
    log(`models: built ${builder.name} in ${Date.now() - started} ms`);
  }
  const informed = new Set(experts.flatMap((e) => e.informs));
  const version = createHash('sha256').update(JSON.stringify(experts)).digest('hex').slice(0, 12);
  const manifest = BundleManifestSchema.parse({
    manifest_version: MANIFEST_VERSION,
    name: options.name,
    version,
    experts,
    not_covered: CATEGORY_IDS.filter((c) => !informed.has(c)),
  });
  writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(dirname(options.outDir), { recursive: true });
  renameSync(tmp, options.outDir);
  return manifest;
}
