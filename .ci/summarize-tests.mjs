// Adds up the Vitest JSON reports (`<package>/reports/vitest.json`) written by `npm test` and prints
// "N passed, N failed" (", N skipped" when some were). Exits 1 when a test failed, a suite failed to
// load, or no report was found.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['libs', 'services', 'kernels', '.'];
const reports = [];
for (const root of roots) {
  const dirs = root === '.' ? ['test'] : existsSync(root) ? readdirSync(root).map((d) => join(root, d)) : [];
  for (const dir of dirs) {
    const file = join(dir, 'reports', 'vitest.json');
    if (existsSync(file)) reports.push(file);
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
for (const file of reports) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  brokenSuites += (r.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
  ).length;
}
if (brokenSuites > 0) console.log(`${brokenSuites} test file(s) failed to load`);
console.log(`${passed} passed, ${failed + brokenSuites} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(reports.length === 0 || failed + brokenSuites > 0 ? 1 : 0);
