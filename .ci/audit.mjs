#!/usr/bin/env node
/**
 * CI's dependency audit: `npm audit --omit=dev --audit-level=high` over what the services ship (no dev
 * tools). Exit 0 when no high or critical advisory is reported, 1 when one is (each printed with its
 * package and advisory). Advisories accepted for a stated reason are listed in docs/threat-model.md
 * ("Dependency audit") and in ACCEPTED below, by advisory URL; they are printed, not counted.
 *
 * When the registry's audit endpoint cannot be reached or refuses the request (offline CI, a mirror
 * without the bulk advisory endpoint: npm prints "audit endpoint returned an error"), nothing was
 * checked: the script says so on a line starting `ci: npm audit NOT RUN`, and exits 0 unless
 * VIGIL_AUDIT_REQUIRED=1 (then 2), so a run without the endpoint is visible but not blocked.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Advisory URLs accepted for a documented reason (docs/threat-model.md, "Dependency audit"). */
const ACCEPTED = new Set([]);

// `node .ci/audit.mjs REPORT.json` judges a saved `npm audit --json` report instead (to try the rules).
const run = process.argv[2]
  ? { stdout: readFileSync(process.argv[2], 'utf8'), stderr: '' }
  : spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = {};
}

if (!report.metadata || !report.vulnerabilities) {
  const why =
    report.message ??
    (run.stderr || run.error?.message || 'no report').trim().split('\n').at(-1) ??
    'no report';
  console.log(
    `ci: npm audit NOT RUN: the registry's audit endpoint did not answer (${why}); no advisory was checked`,
  );
  process.exit(process.env.VIGIL_AUDIT_REQUIRED === '1' ? 2 : 0);
}

const blocking = [];
for (const [name, v] of Object.entries(report.vulnerabilities)) {
  if (v.severity !== 'high' && v.severity !== 'critical') continue;
  const advisories = v.via.filter((x) => typeof x === 'object');
  const open = advisories.filter((a) => !ACCEPTED.has(a.url));
  for (const a of advisories)
    console.log(
      `ci: npm audit: ${ACCEPTED.has(a.url) ? 'accepted' : v.severity} ${name} ${v.range}: ${a.title} (${a.url})`,
    );
  // An entry whose advisories are all in a dependency (`via` names packages only) is counted there.
  if (open.length > 0) blocking.push(name);
}
const counts = report.metadata.vulnerabilities;
console.log(
  `ci: npm audit: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low in production dependencies; ${blocking.length} blocking`,
);
process.exit(blocking.length > 0 ? 1 : 0);
