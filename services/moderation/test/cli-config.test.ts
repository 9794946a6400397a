/**
 * The operator CLI reads its environment through the moderation service's own config fields: a missing
 * or malformed variable is a ConfigError naming it, and the CLI exits with status 78 (EX_CONFIG).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, parseConfig } from '@vigil/platform';
import { describe, expect, it } from 'vitest';
import { cliDatabase, cliWebhookSecretBox } from '../src/cli/cli-config';
import { envSchema } from '../src/config';

/** The variables named by the ConfigError `run` throws. */
function variablesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => i.variable).sort();
  }
  throw new Error('no ConfigError');
}

describe('moderation CLI config', () => {
  it('names each missing or malformed database variable', () => {
    expect(variablesOf(() => cliDatabase({}))).toEqual(['DATABASE_URL']);
    expect(
      variablesOf(() =>
        cliDatabase({
          DATABASE_URL: 'mysql://db/vigil',
          DATABASE_SCHEMA: 'Not-An-Identifier',
          DATABASE_STATEMENT_TIMEOUT: 'soon',
        }),
      ),
    ).toEqual(['DATABASE_SCHEMA', 'DATABASE_STATEMENT_TIMEOUT', 'DATABASE_URL']);
  });

  it('opens the database with the schema given, or public', async () => {
    for (const [schema, expected] of [
      [undefined, 'public'],
      ['vigil_cli', 'vigil_cli'],
    ] as const) {
      const opened = cliDatabase({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
        ...(schema ? { DATABASE_SCHEMA: schema } : {}),
      });
      expect(opened.schema).toBe(expected);
      await opened.db.destroy(); // never connected
    }
  });

  it('checks the webhook keyring as the service does at boot', () => {
    expect(variablesOf(() => cliWebhookSecretBox({ WEBHOOK_SECRET_KEYS: 'k1:dG9vIHNob3J0' }))).toEqual([
      'WEBHOOK_SECRET_KEYS',
    ]);
    expect(cliWebhookSecretBox({}).encrypts).toBe(false);
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    expect(cliWebhookSecretBox({ WEBHOOK_SECRET_KEYS: keys }).encrypts).toBe(true);
    const service = { KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://db/vigil', MODERATION_ROLES: 'api' };
    expect(parseConfig(envSchema, { ...service, WEBHOOK_SECRET_KEYS: keys }).WEBHOOK_SECRET_KEYS).toBe(keys);
    expect(
      variablesOf(() => parseConfig(envSchema, { ...service, WEBHOOK_SECRET_KEYS: 'k1:dG9vIHNob3J0' })),
    ).toEqual(['WEBHOOK_SECRET_KEYS']);
  });

  it('exits with status 78 and the variable at fault', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: 'not-a-url' };
    delete env.DATABASE_SCHEMA;
    const failure = await promisify(execFile)(
      process.execPath,
      ['--conditions=@vigil/source', '--import', 'tsx', 'src/cli/moderation-cli.ts', 'moderator', 'list'],
      { cwd: join(__dirname, '..'), env },
    ).catch((e: unknown) => e as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 78 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /invalid configuration: DATABASE_URL: expected postgres/,
    );
  });
});
