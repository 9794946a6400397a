import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundleManifest } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import {
  buildBundle,
  extractFromNpmTarball,
  MissingSourcePackageError,
  TarballSourceError,
  tarballCacheDir,
  type ExpertBuilder,
} from '../src';

const tinyExpert: ExpertBuilder = {
  name: 'tiny',
  async build(ctx) {
    writeFileSync(join(ctx.outDir, 'tiny.bin'), Buffer.from([1, 2, 3]));
    const zod = ctx.resolvePackage('zod');
    return {
      name: 'tiny',
      modality: 'caption',
      runner: 'none',
      files: { model: 'tiny.bin' },
      inputs: [{ name: 'x', shape: ['batch', 3], dtype: 'float32' }],
      outputs: [{ name: 'y', shape: ['batch', 2], dtype: 'float32', labels: ['a', 'b'] }],
      informs: ['spam'],
      params: {},
      provenance: [
        {
          source: 'zod',
          version: zod.version,
          license: zod.license,
          conversion: 'copied',
          sha256: ctx.sha256('tiny.bin'),
        },
      ],
    };
  },
};

describe('buildBundle', () => {
  it('writes a valid manifest with a content version, deterministically', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'b');
    const first = await buildBundle({ name: 't', outDir: dir, builders: [tinyExpert], log: () => {} });
    const second = await buildBundle({ name: 't', outDir: dir, builders: [tinyExpert], log: () => {} });
    expect(second.version).toBe(first.version);
    const manifest = readBundleManifest(dir);
    expect(manifest.experts[0]!.provenance[0]!.sha256).toBe(
      '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81',
    );
    expect(manifest.not_covered).not.toContain('spam');
    expect(manifest.not_covered).toContain('sexual');
    expect(readFileSync(join(dir, 'tiny.bin'))).toEqual(Buffer.from([1, 2, 3]));
  });

  it('fails with the package name when a source package is missing, leaving the old bundle', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'b');
    await buildBundle({ name: 't', outDir: dir, builders: [tinyExpert], log: () => {} });
    const broken: ExpertBuilder = {
      name: 'broken',
      async build(ctx) {
        ctx.resolvePackage('no-such-package-vigil');
        throw new Error('unreachable');
      },
    };
    await expect(buildBundle({ name: 't', outDir: dir, builders: [broken], log: () => {} })).rejects.toThrow(
      MissingSourcePackageError,
    );
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });
});

describe('tarball sources', () => {
  it('refuses a tarball whose integrity differs from the pinned one, naming the package', () => {
    const cache = mkdtempSync(join(tmpdir(), 'tarball-'));
    const source = { name: 'ms', version: '2.1.3', integrity: 'sha512-wrong', files: ['index.js'] };
    expect(() => extractFromNpmTarball(source, cache, () => {})).toThrow(TarballSourceError);
    expect(() => extractFromNpmTarball(source, cache, () => {})).toThrow(
      /ms@2\.1\.3: tarball integrity sha512-\S+ ≠ pinned sha512-wrong/,
    );
    expect(existsSync(tarballCacheDir(source, cache))).toBe(false);
  });

  it('fails with the package name when npm has no such version', () => {
    const cache = mkdtempSync(join(tmpdir(), 'tarball-'));
    const source = { name: 'ms', version: '0.0.0-vigil-none', integrity: 'sha512-x', files: ['index.js'] };
    expect(() => extractFromNpmTarball(source, cache, () => {})).toThrow(
      /npm pack ms@0\.0\.0-vigil-none failed/,
    );
  });
});
