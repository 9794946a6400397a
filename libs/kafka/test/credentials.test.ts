import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localCredentialsFile, readLocalCredentials } from '../src/credentials';

const ROOT = resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'vigil-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local broker credentials file', () => {
  it("defaults to this repository's infra/kafka/.run, where infra/kafka/start.sh writes it (CI sets no path)", () => {
    expect(localCredentialsFile({})).toBe(join(ROOT, 'infra', 'kafka', '.run', 'credentials.env'));
  });

  it('follows VIGIL_KAFKA_RUN_DIR, and VIGIL_KAFKA_CREDENTIALS over it', () => {
    expect(localCredentialsFile({ VIGIL_KAFKA_RUN_DIR: '/x' })).toBe(join('/x', 'credentials.env'));
    expect(localCredentialsFile({ VIGIL_KAFKA_RUN_DIR: '/x', VIGIL_KAFKA_CREDENTIALS: '/y/c.env' })).toBe(
      '/y/c.env',
    );
  });

  it('reads each principal of the file', () => {
    const file = join(dir, 'credentials.env');
    writeFileSync(
      file,
      'VIGIL_KAFKA_BROKERS=127.0.0.1:9192\nVIGIL_KAFKA_SASL_MECHANISM=scram-sha-512\n' +
        'VIGIL_KAFKA_ADMIN_PASSWORD=a1\nVIGIL_KAFKA_INGEST_PASSWORD=i1\n',
    );
    expect(readLocalCredentials(file)).toEqual({
      file,
      brokers: '127.0.0.1:9192',
      principals: {
        admin: { mechanism: 'scram-sha-512', username: 'admin', password: 'a1' },
        ingest: { mechanism: 'scram-sha-512', username: 'ingest', password: 'i1' },
      },
    });
    expect(readLocalCredentials(join(dir, 'missing.env'))).toBeUndefined();
  });
});
