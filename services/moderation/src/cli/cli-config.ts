import { parseConfig, type EnvSchema } from '@vigil/platform/config';
import { z } from 'zod';
import { envSchema } from '../config';
import { createDatabase, type Db } from '../database/database';
import { WebhookSecretBox } from '../webhooks/secret-box';

/*
 * The environment variables the operator CLI reads are the moderation service's own fields (same names,
 * defaults and checks, documented in docs/configuration.md), so a missing or malformed one gives the
 * ConfigError the service would stop with at boot. Each command reads only the group it needs.
 */

/** The database connection: URL, schema and the service's connect and statement timeouts. */
export const cliDatabaseEnvSchema = z.object({
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  DATABASE_SCHEMA: envSchema.shape.DATABASE_SCHEMA,
  DATABASE_CONNECT_TIMEOUT: envSchema.shape.DATABASE_CONNECT_TIMEOUT,
  DATABASE_STATEMENT_TIMEOUT: envSchema.shape.DATABASE_STATEMENT_TIMEOUT,
}) satisfies EnvSchema;

/** The keyring webhook signing secrets are sealed with (`webhook-secrets reseal`). */
export const cliWebhookKeysEnvSchema = z.object({
  WEBHOOK_SECRET_KEYS: envSchema.shape.WEBHOOK_SECRET_KEYS,
}) satisfies EnvSchema;

/**
 * Opens the moderation database for one CLI command (a pool of 2); the caller destroys it.
 * @throws ConfigError naming each missing or malformed `DATABASE_*` variable.
 */
export function cliDatabase(env: NodeJS.ProcessEnv = process.env): { db: Db; schema: string } {
  const config = parseConfig(cliDatabaseEnvSchema, env);
  const db = createDatabase({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    poolSize: 2,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT,
  });
  return { db, schema: config.DATABASE_SCHEMA };
}

/**
 * The secret box of `WEBHOOK_SECRET_KEYS` (empty: a box that stores secrets in plain text).
 * @throws ConfigError when the keyring is malformed.
 */
export function cliWebhookSecretBox(env: NodeJS.ProcessEnv = process.env): WebhookSecretBox {
  return WebhookSecretBox.fromKeyring(parseConfig(cliWebhookKeysEnvSchema, env).WEBHOOK_SECRET_KEYS);
}
