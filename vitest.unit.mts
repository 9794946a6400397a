/**
 * `npm run test:unit`: the fast inner loop. The test files that need no Kafka broker, no PostgreSQL or
 * Redis, no model bundle and no extracted photos, run in one Vitest process with each package's own
 * configuration (vitest.shared.mts). `npm test` still runs everything, these included.
 *
 * A new test file that needs none of those belongs here: add it to its package's list.
 */
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { vigilVitest } from './vitest.shared.mjs';

const UNIT_TESTS: Record<string, string[]> = {
  // hash-index is left to `npm test`: it builds 100,000-hash random banks (about 30 s of the minute).
  'kernels/pdq': ['bank-file', 'reference-vectors', 'vpdq', 'fallback'],
  'libs/contracts': ['contracts', 'topics'],
  'libs/media': ['decode-pool', 'decode-timeout'],
  'libs/model': ['alt-text', 'normalize', 'ocr-geometry'],
  'libs/model-build': ['converter', 'fusion-graph', 'train'],
  'libs/platform': ['config-and-logging', 'egress', 'tracing'],
  'libs/policy': ['policy'],
  'services/classifier': ['dynamic-batcher'],
  'services/dashboard': ['api-types', 'shortcuts'],
  'services/ingest': ['request-parts'],
  test: ['infra/deployment-files', 'infra/configuration-doc'],
};

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: Object.entries(UNIT_TESTS).map(([dir, files]) =>
      vigilVitest(join(import.meta.dirname, dir), {
        name: dir,
        include: files.map((f) => (dir === 'test' ? `${f}.test.ts` : `test/${f}.test.ts`)),
        reporters: ['default'],
      }),
    ),
  },
});
