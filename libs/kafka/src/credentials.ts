/**
 * The local broker's credentials file: infra/kafka/start.sh generates one password per principal when it
 * formats the broker's storage and writes them to `<run dir>/credentials.env` (mode 600), so the stack
 * scripts and tests give each service its own principal with no manual step. Local and CI only:
 * production credentials come from the deployment's secrets (docs/threat-model.md).
 *
 * Format (shell-sourceable):
 *   VIGIL_KAFKA_BROKERS=127.0.0.1:9092
 *   VIGIL_KAFKA_SASL_MECHANISM=scram-sha-512
 *   VIGIL_KAFKA_ADMIN_PASSWORD=…   (user `admin`; one line per principal, user name = the lower-case word)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SaslCredentials, SaslMechanism } from './records';

/** This repository's root (libs/kafka/{src,dist}/ → ../../..). */
const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..');

/** The local broker and each principal's credentials, by user name (`admin`, `ingest`, …). */
export interface LocalKafkaCredentials {
  readonly file: string;
  readonly brokers: string;
  readonly principals: Readonly<Record<string, SaslCredentials>>;
}

/**
 * Where the local broker's credentials file is: `VIGIL_KAFKA_CREDENTIALS`, else
 * `$VIGIL_KAFKA_RUN_DIR/credentials.env`, else infra/kafka/.run/credentials.env of this repository.
 */
export function localCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIGIL_KAFKA_CREDENTIALS) return env.VIGIL_KAFKA_CREDENTIALS;
  // src/credentials.ts and dist/credentials.js both sit one folder below libs/kafka: the repository root
  // is three up.
  const runDir = env.VIGIL_KAFKA_RUN_DIR || join(REPOSITORY_ROOT, 'infra', 'kafka', '.run');
  return join(runDir, 'credentials.env');
}

/**
 * Reads a credentials file; undefined when there is none.
 * @throws Error when the file exists but names no mechanism or broker.
 */
export function readLocalCredentials(file = localCredentialsFile()): LocalKafkaCredentials | undefined {
  if (!existsSync(file)) return undefined;
  const values = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!);
  }
  const brokers = values.get('VIGIL_KAFKA_BROKERS');
  const mechanism = values.get('VIGIL_KAFKA_SASL_MECHANISM') as SaslMechanism | undefined;
  if (!brokers || !mechanism)
    throw new Error(`${file}: VIGIL_KAFKA_BROKERS or VIGIL_KAFKA_SASL_MECHANISM missing`);
  const principals: Record<string, SaslCredentials> = {};
  for (const [key, password] of values) {
    const user = /^VIGIL_KAFKA_([A-Z0-9]+)_PASSWORD$/.exec(key)?.[1]?.toLowerCase();
    if (user) principals[user] = { mechanism, username: user, password };
  }
  return { file, brokers, principals };
}

/** The service variables (`KAFKA_SASL_*`) of a principal, or none for an unauthenticated broker. */
export function saslEnv(sasl: SaslCredentials | undefined): Record<string, string> {
  if (!sasl) return {};
  return {
    KAFKA_SASL_MECHANISM: sasl.mechanism,
    KAFKA_SASL_USERNAME: sasl.username,
    KAFKA_SASL_PASSWORD: sasl.password,
  };
}
