/**
 * Without the addon (here: VIGIL_PDQ_NATIVE=0 in a fresh process) everything runs on the TypeScript
 * implementation with the same results, and says so exactly once.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDQ_DATA } from './data';

describe('TypeScript fallback', () => {
  it('logs one warning and hashes, matches and indexes the same', () => {
    const script = `
      const { readFileSync } = require('node:fs');
      const pdq = require('./src');
      (async () => {
        const a = await pdq.hashImage(readFileSync(process.argv[1] + '/reg-test-input/dih/bridge-1-original.jpg'));
        const b = await pdq.hashImage(readFileSync(process.argv[1] + '/misc-images/wee.jpg'));
        const index = new pdq.HashIndex();
        index.add('bridge', a.hash);
        const hits = index.query(b.hash, 256);
        console.log(JSON.stringify({ a, b, hits, backend: pdq.pdqBackend(), nativeIndex: index.native }));
      })();`;
    const out = execFileSync(
      process.execPath,
      ['--conditions=@vigil/source', '--import', 'tsx', '-e', script, PDQ_DATA],
      {
        cwd: join(__dirname, '..'),
        env: { ...process.env, VIGIL_PDQ_NATIVE: '0', LOG_LEVEL: 'info' },
        encoding: 'utf8',
      },
    );
    const lines = out.trim().split('\n');
    const warnings = lines.filter((l) => l.includes('PDQ native addon unavailable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, reason: 'disabled by VIGIL_PDQ_NATIVE=0' });
    const result = JSON.parse(lines.at(-1)!);
    expect(result.a).toMatchObject({
      hash: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
      quality: 100,
    });
    expect(result.b).toMatchObject({
      hash: '6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d',
      quality: 100,
    });
    expect(result.backend).toEqual({ native: false, reason: 'disabled by VIGIL_PDQ_NATIVE=0' });
    expect(result.nativeIndex).toBe(false);
    expect(result.hits).toHaveLength(1);
  });
});
