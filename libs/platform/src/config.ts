import { isIP } from 'node:net';
import { z } from 'zod';

/** One problem with one environment variable. */
export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** Thrown at boot when the environment does not satisfy a service's config schema; names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** A service's environment schema: a zod object whose keys are the environment variable names it reads. */
export type EnvSchema = z.ZodObject<Record<string, z.ZodType>>;

/**
 * Validates `env` against `schema` and returns the typed, defaulted values.
 * @throws ConfigError naming each missing or malformed variable.
 */
export function parseConfig<S extends EnvSchema>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    const issues =
      'KAFKA_SASL_MECHANISM' in schema.shape ? kafkaSaslIssues(result.data as Record<string, unknown>) : [];
    if (issues.length > 0) throw new ConfigError(issues);
    return result.data;
  }
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(root)'),
      message: issue.message,
    })),
  );
}

/** The environment variable names a schema reads (the compose-file test checks against these). */
export function envVariables(schema: EnvSchema): string[] {
  return Object.keys(schema.shape);
}

/** Reusable field parsers for environment variables (all inputs are strings). */
export const env = {
  /** Comma-separated `host:port` list, at least one entry. */
  brokers: () =>
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port')).min(1)),
  /** TCP port 1..65535. */
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  /**
   * Interface to bind: an IPv4/IPv6 address or a host name; `0.0.0.0` (every IPv4 interface: containers)
   * unless given, `127.0.0.1` for local runs.
   */
  host: (fallback = '0.0.0.0') =>
    z.string().trim().min(1).refine(isHost, 'expected an IP address or a host name').default(fallback),
  /** Positive integer with a default (counts, bytes, ms). */
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  /** `true`/`false`/`1`/`0`. */
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  url: () => z.url(),
};

/** A DNS label: letters, digits and inner hyphens, 1..63 characters. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** True for an IP address (v4 or v6) or a syntactically valid host name (`localhost`, `api.internal`). */
function isHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  return value.length <= 253 && value.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * The Kafka variables of every service that talks to Kafka (ingest, classifier, moderation): one schema,
 * spread into each service's env schema with the service's default client id.
 * - `KAFKA_BROKERS`: comma-separated `host:port`. `KAFKA_CLIENT_ID`: reported to the broker.
 * - `KAFKA_TOPIC_PREFIX`: prefix of every topic name (environments or test runs sharing a cluster).
 * - `KAFKA_ENSURE_TOPICS`: create the manifest's topics at start-up when missing.
 * - `KAFKA_HANDLER_MAX_ATTEMPTS`: tries of a record whose handling fails with an unknown error (a bug)
 *   before it is dead-lettered with `RETRIES_EXHAUSTED`.
 * - `KAFKA_TRANSIENT_RETRY_MS`: how long a record failing transiently (broker or database unreachable) is
 *   retried, with backoff, before it is dead-lettered with `RETRIES_EXHAUSTED`, ms.
 * - `KAFKA_SESSION_TIMEOUT_MS`: consumer-group session timeout of consumers without a service-specific
 *   one: a member silent this long (a killed pod) loses its partitions (broker minimum 6000).
 * - `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`: the service's own principal
 *   (docs/threat-model.md); all three or none (none: an unauthenticated PLAINTEXT broker).
 * - `KAFKA_SSL`: TLS to the brokers (SASL_SSL listeners in production).
 */
export function kafkaEnv(defaultClientId: string) {
  return {
    /** Comma-separated `host:port`. */
    KAFKA_BROKERS: env.brokers(),
    /** Client id shown in broker logs. */
    KAFKA_CLIENT_ID: z.string().min(1).default(defaultClientId),
    /** Prefix for every topic name, to share a cluster between environments or test runs. */
    KAFKA_TOPIC_PREFIX: z.string().default(''),
    /** Create missing topics at start-up. */
    KAFKA_ENSURE_TOPICS: env.flag(true),
    /** Tries of a record whose handler fails with an unknown error (a bug) before it is dead-lettered (`RETRIES_EXHAUSTED`). */
    KAFKA_HANDLER_MAX_ATTEMPTS: env.positiveInt(5),
    /** How long, ms, a record is retried with backoff while a dependency is unreachable, before it is dead-lettered. */
    KAFKA_TRANSIENT_RETRY_MS: env.positiveInt(600_000),
    /** Consumer-group session timeout, ms, for consumers on the shared runner: a silent member loses its partitions after it. */
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(30_000),
    /** SASL mechanism of the service's principal (`scram-sha-512`, `scram-sha-256` or `plain`); unset: no SASL (a PLAINTEXT broker). */
    KAFKA_SASL_MECHANISM: saslMechanism(),
    /** SASL user name of the service's principal; required with `KAFKA_SASL_MECHANISM`. */
    KAFKA_SASL_USERNAME: saslField(),
    /** SASL password of the service's principal (a secret); required with `KAFKA_SASL_MECHANISM`. */
    KAFKA_SASL_PASSWORD: saslField(),
    /** Connect to the brokers over TLS (SASL_SSL listeners), verified against the system's CAs. */
    KAFKA_SSL: env.flag(false),
  };
}

/** `KAFKA_SASL_MECHANISM`: unset or empty means no SASL. */
function saslMechanism() {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined),
    z.enum(['scram-sha-512', 'scram-sha-256', 'plain']).optional(),
  );
}

/** A SASL user name or password: unset or empty means none. */
function saslField() {
  return z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : undefined), z.string().optional());
}

/**
 * A half-configured principal (a mechanism without user name and password, or credentials without a
 * mechanism) would silently connect without authentication or fail late: reported at boot instead.
 */
function kafkaSaslIssues(data: Record<string, unknown>): ConfigIssue[] {
  const mechanism = data.KAFKA_SASL_MECHANISM !== undefined;
  const issues: ConfigIssue[] = [];
  for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
    if (mechanism && data[variable] === undefined)
      issues.push({ variable, message: 'required when KAFKA_SASL_MECHANISM is set' });
    if (!mechanism && data[variable] !== undefined)
      issues.push({ variable: 'KAFKA_SASL_MECHANISM', message: `required when ${variable} is set` });
  }
  return issues.filter((i, n) => issues.findIndex((j) => j.variable === i.variable) === n);
}

/** The parsed `kafkaEnv` variables. */
export type KafkaEnv = { [K in keyof ReturnType<typeof kafkaEnv>]: z.infer<ReturnType<typeof kafkaEnv>[K]> };
