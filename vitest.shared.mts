/**
 * The one Vitest configuration every package uses (`export default vigilVitest(import.meta.dirname)`).
 * - SWC compiles TypeScript with legacy decorators and decorator metadata, which NestJS dependency
 *   injection needs (esbuild, Vitest's default, emits no metadata).
 * - `@vigil/*` packages resolve to their TypeScript sources through the `@vigil/source` export condition,
 *   so tests never need a prior build.
 * - Each package writes a JSON report to `reports/vitest.json`; `.ci/summarize-tests.mjs` adds them up.
 */
import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

export function vigilVitest(packageDir: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  const conditions = ['@vigil/source', 'node', 'development|production'];
  return defineConfig({
    root: packageDir,
    plugins: [
      swc.vite({
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
      }),
    ],
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@vigil/source', 'node'] } },
    test: {
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      pool: 'forks',
      fileParallelism: false,
      reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
      ...overrides,
    },
  });
}
