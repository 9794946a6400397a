import { optionalRequestBindingKeysEnv } from '@vigil/contracts';
// The config entry point only (zod, no NestJS): the operator CLI loads this file too (src/cli/cli-config.ts).
import { env, kafkaEnv, type EnvSchema } from '@vigil/platform/config';
import { z } from 'zod';
import { BREAK_AFTER } from './review/wellness-schemas';
import { parseDuration, parseSchedule } from './webhooks/retry-schedule';
import { WebhookSecretBox } from './webhooks/secret-box';

/**
 * The long-running parts one instance may run; several instances can each run any subset.
 * `api`: platform API, review API and dashboard; `results`: inference results → verdicts; `relay`: outbox →
 * Kafka; `webhooks`: webhook dispatcher; `media`: posts topic → media sources the dashboard shows.
 */
export const ROLES = ['api', 'results', 'relay', 'webhooks', 'media'] as const;
export type Role = (typeof ROLES)[number];

/** A text variable parsed by `parse`; a throw becomes a config issue naming the variable. */
const parsedText = <T>(parse: (text: string) => T, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

const duration = (fallback: string) => parsedText(parseDuration, fallback);

/** The keyring text, kept as given once {@link WebhookSecretBox.fromKeyring} accepts it. */
function checkedKeyring(text: string): string {
  try {
    WebhookSecretBox.fromKeyring(text);
  } catch (error) {
    throw new Error((error as Error).message.replace(/^WEBHOOK_SECRET_KEYS: /, ''));
  }
  return text;
}

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    );

/**
 * Every environment variable the moderation service reads (validated at boot; a bad one stops the
 * process with its name). infra/compose and infra/k8s set only these. Durations accept `ms`, `s`, `m`,
 * `h`, `d` suffixes (`15s`, `5d`) or plain milliseconds. The operator CLI (src/cli/moderation-cli.ts)
 * reads `DATABASE_URL`, `DATABASE_SCHEMA`, the two database timeouts and `WEBHOOK_SECRET_KEYS` through
 * the same fields.
 */
export const envSchema = z
  .object({
    ...kafkaEnv('vigil-moderation'),
    /** PostgreSQL connection URL, e.g. `postgres://vigil:secret@db:5432/vigil`. */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://…'),
    /** Schema holding Vigil's tables (created when missing). */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case identifier')
      .default('public'),
    /** Connections per instance. */
    DATABASE_POOL_SIZE: env.positiveInt(10),
    /** A database connection that takes longer to open fails (and is retried by the caller). */
    DATABASE_CONNECT_TIMEOUT: duration('5s'),
    /** A statement running longer is cancelled by the server (SQLSTATE 57014); 0 = no limit. */
    DATABASE_STATEMENT_TIMEOUT: duration('30s'),
    /** Apply pending migrations at start-up (kysely Migrator, with its lock: safe with several instances). */
    DATABASE_MIGRATE: env.flag(true),
    /** Comma-separated subset of `api,results,relay,webhooks,media` this instance runs. */
    MODERATION_ROLES: list(ROLES.join(',')).pipe(z.array(z.enum(ROLES)).min(1)),
    /** Consumer group on `vigil.inference.results.v1`. */
    RESULTS_GROUP_ID: z.string().min(1).default('vigil-moderation'),
    /**
     * Keyring that checks the request binding of every inference result (HMAC-SHA256 that ingest puts on
     * each request): `id:<base64, at least 32 bytes>[,id:…]`, the same keys as ingest's. Every key verifies.
     * Required by the `results` role: a result whose binding is missing or wrong is dead-lettered
     * (`RESULT_BINDING_INVALID`), never recorded. Rotation: docs/threat-model.md.
     */
    REQUEST_BINDING_KEYS: optionalRequestBindingKeysEnv(),
    /** Partitions handled concurrently per instance. */
    RESULTS_PARTITIONS_CONCURRENCY: env.positiveInt(4),
    /** Directory of policy documents (`.yaml`/`.json`); empty = the shipped default policy only. */
    POLICY_DIR: z.string().default(''),
    /** Outbox rows claimed and published per relay transaction. */
    OUTBOX_BATCH_SIZE: env.positiveInt(200),
    /** Wait between outbox polls when nothing is pending. */
    OUTBOX_POLL_INTERVAL: duration('200ms'),
    /** Published outbox rows are deleted after this long (verdicts stay in `verdicts`). */
    OUTBOX_RETENTION: duration('7d'),
    /** A delivery counts as failed unless a 2xx arrives within this time (Standard Webhooks / Svix: 15 s). */
    WEBHOOK_TIMEOUT: duration('15s'),
    /** Delays before attempt 1, 2, …; its length is the attempt count (Svix schedule). */
    WEBHOOK_RETRY_SCHEDULE: parsedText(parseSchedule, '0,5s,5m,30m,2h,5h,10h,10h'),
    /** Random spread applied to each retry delay, as a fraction (0.2 = ±20 %). */
    WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.2),
    /** An endpoint failing without a success for this long is disabled. */
    WEBHOOK_DISABLE_AFTER: duration('5d'),
    /** How long the previous secret stays valid after a rotation (both sign meanwhile). */
    WEBHOOK_SECRET_OVERLAP: duration('24h'),
    /**
     * Keyring that encrypts webhook signing secrets at rest (AES-256-GCM): `id:<32 bytes base64>[,id:…]`;
     * the first key seals, all open. Empty = stored in plain text (a warning at start-up). Make a key with
     * `openssl rand -base64 32`; rotation: docs/operations (webhook-secrets reseal).
     */
    WEBHOOK_SECRET_KEYS: parsedText(checkedKeyring, ''),
    /** Concurrent deliveries per endpoint for endpoints created without their own limit. */
    WEBHOOK_ENDPOINT_CONCURRENCY: env.positiveInt(4),
    /** Concurrent deliveries per dispatcher instance, all endpoints together. */
    WEBHOOK_MAX_IN_FLIGHT: env.positiveInt(64),
    /** Dispatcher wait when nothing is due. */
    WEBHOOK_POLL_INTERVAL: duration('250ms'),
    /** Private addresses, CIDRs or host names webhook URLs may reach despite the SSRF guard (tests, internal receivers). */
    WEBHOOK_EGRESS_ALLOW: list(''),
    /** Consumer group on `vigil.posts.v1` that records media sources for the dashboard (role `media`). */
    MEDIA_GROUP_ID: z.string().min(1).default('vigil-moderation-media'),
    /** Inline media (base64 in the post) up to this many bytes are kept for the dashboard; larger ones are not. */
    MEDIA_INLINE_MAX_BYTES: env.positiveInt(8 * 1024 * 1024),
    /** Largest medium the dashboard's media proxy fetches from a platform URL, bytes. */
    REVIEW_MEDIA_MAX_BYTES: env.positiveInt(64 * 1024 * 1024),
    /** The media proxy gives up on a platform URL after this long. */
    REVIEW_MEDIA_TIMEOUT: duration('15s'),
    /** Private addresses/CIDRs/hosts media URLs may reach despite the SSRF guard (internal CDNs, tests). */
    REVIEW_MEDIA_EGRESS_ALLOW: list(''),
    /** How long a claimed review task stays with its moderator without a renewal. */
    REVIEW_CLAIM_LEASE: duration('10m'),
    /**
     * After a decision the moderator may undo it this long; its verdict (Kafka record and webhook) is held
     * until then. 0 publishes at once (no undo).
     */
    REVIEW_UNDO_WINDOW: duration('10s'),
    /**
     * Graphic items (tasks about sexual content, graphic violence or self-harm) a moderator opens before
     * the dashboard suggests a break, unless they set their own number (1–200) in the wellness settings.
     */
    REVIEW_BREAK_AFTER: z.coerce.number().int().min(BREAK_AFTER.min).max(BREAK_AFTER.max).default(25),
    /** A moderator session ends this long after login, whatever the activity. */
    SESSION_TTL: duration('12h'),
    /** A moderator session ends after this long without a request. */
    SESSION_IDLE_TIMEOUT: duration('1h'),
    /** Send the session cookie with `Secure` (HTTPS only). Turn off only for plain-HTTP local runs. */
    SESSION_COOKIE_SECURE: env.flag(true),
    /**
     * Failed logins for one username from one client address within LOGIN_LOCKOUT before that pair is
     * refused (429). Never locks the account for other addresses (see auth/login-throttle.ts).
     */
    LOGIN_MAX_FAILURES: env.positiveInt(5),
    /** Failed logins from one client address, any username, within LOGIN_LOCKOUT before it is refused. */
    LOGIN_MAX_FAILURES_PER_SOURCE: env.positiveInt(20),
    /** Window over which failed logins count; a count decays when its window ends. */
    LOGIN_LOCKOUT: duration('15m'),
    /** Password hashes (scrypt, 128 MiB each) run at once; more logins wait in a queue. */
    LOGIN_HASH_CONCURRENCY: env.positiveInt(2),
    /** Logins that may wait for a hash slot; beyond it a login gets 503 AUTH_BUSY at once. */
    LOGIN_HASH_QUEUE: env.positiveInt(16),
    /** Built dashboard (services/dashboard/dist) served at /dashboard/; empty = the copy beside this service. */
    DASHBOARD_DIR: z.string().default(''),
    /** Interface the HTTP server binds: an IP address or host name (`127.0.0.1` for local runs). */
    HTTP_HOST: env.host(),
    /** Port of the HTTP server: API, `/dashboard/`, `/docs`, `/healthz`, `/readyz`, `/metrics`. */
    HTTP_PORT: env.port(3002),
    /**
     * Reverse proxies whose X-Forwarded-For is believed for the client address (Express `trust proxy`:
     * empty = none, `1` = one hop, `loopback`, CIDRs). Login throttling counts per client address.
     */
    HTTP_TRUST_PROXY: z.string().default(''),
    /** Log level (pino); JSON lines on stdout. */
    LOG_LEVEL: env.logLevel(),
  })
  .superRefine((config, ctx) => {
    if (config.MODERATION_ROLES.includes('results') && config.REQUEST_BINDING_KEYS === null)
      ctx.addIssue({
        code: 'custom',
        path: ['REQUEST_BINDING_KEYS'],
        message: 'required by the results role: the keys ingest signs inference requests with',
      });
  }) satisfies EnvSchema;

export type ModerationConfig = z.infer<typeof envSchema>;

/** DI token for the parsed config. */
export const MODERATION_CONFIG = Symbol('MODERATION_CONFIG');
