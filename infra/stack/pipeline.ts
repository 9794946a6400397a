/**
 * The whole Vigil pipeline as separate operating-system processes, the way a deployment runs it: ingest,
 * classifier, the moderation workers (results, outbox relay, webhooks, media) and the moderation API that
 * serves the review API and the dashboard. Each runs its built entry point (`services/<name>/dist/main.js`,
 * `npm run build` first), reads only its documented environment variables (each service's `config.ts`),
 * logs to `<logDir>/<name>.log`, and counts as started once `GET /readyz` answers 200.
 *
 * One module for the demo (infra/stack/demo-driver.ts), the full-pipeline test (test/e2e) and the
 * pipeline benchmark (test/bench): a process can be killed (SIGKILL for crash tests), restarted with other
 * settings, and its peak resident memory read from /proc (ServiceProcess of @vigil/platform/testing).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseBrokers, readLocalCredentials, saslEnv, type SaslCredentials } from '@vigil/kafka';
import { testBrokerCredentials } from '@vigil/kafka/testing';
import { freePort, ServiceProcess } from '@vigil/platform/testing';
import { provisionKafka } from '../kafka/provision';
import { hashBankReaderUrl } from './database';

/** Repository root. */
export const ROOT = resolve(__dirname, '..', '..');

/**
 * REQUEST_BINDING_KEYS of local runs (demo, tests, benchmarks) when the environment sets none: a key
 * made once per process, so ingest and moderation of every pipeline this process starts share it and no
 * fixed secret exists. Results left on the topics by an earlier run with another key are dead-lettered
 * (`RESULT_BINDING_INVALID`), as a deployment would do with them.
 */
export const LOCAL_REQUEST_BINDING_KEYS =
  process.env.REQUEST_BINDING_KEYS || `local:${randomBytes(32).toString('base64')}`;

/** The processes of one pipeline, in start order. */
export const SERVICE_NAMES = ['moderation-api', 'moderation-workers', 'classifier', 'ingest'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Built entry point of each process (moderation runs twice with different roles). */
const ENTRY: Record<ServiceName, string> = {
  ingest: 'services/ingest/dist/main.js',
  classifier: 'services/classifier/dist/main.js',
  'moderation-workers': 'services/moderation/dist/main.js',
  'moderation-api': 'services/moderation/dist/main.js',
};

/** The Kafka principal each process runs as (docs/threat-model.md). */
const PRINCIPAL: Record<ServiceName, string> = {
  ingest: 'ingest',
  classifier: 'classifier',
  'moderation-workers': 'moderation',
  'moderation-api': 'moderation',
};

/**
 * The SASL credentials of each Kafka principal (`admin`, `ingest`, …) for `brokers`: the local broker's
 * credentials file (infra/kafka/start.sh; `credentialsFile` or the default place) when it names these
 * brokers; else the administrator from `KAFKA_SASL_*` (an external broker: every process runs as it);
 * else none (an unauthenticated broker).
 */
export function kafkaPrincipals(brokers: string, credentialsFile?: string): Record<string, SaslCredentials> {
  const local = readLocalCredentials(credentialsFile);
  if (local && parseBrokers(local.brokers).join(',') === parseBrokers(brokers).join(','))
    return { ...local.principals };
  const admin = testBrokerCredentials(parseBrokers(brokers));
  return admin ? { admin } : {};
}

/** What a pipeline needs from its surroundings. */
export interface PipelineOptions {
  /** Kafka bootstrap servers, `host:port[,host:port]`. */
  readonly brokers: string;
  /**
   * Credentials by principal (`kafkaPrincipals`, the default). Each process runs as its service's
   * principal (as the administrator where that one is missing); with `admin`, the pipeline first creates
   * its topics and their ACLs (infra/kafka/provision.ts).
   */
  readonly kafkaPrincipals?: Readonly<Record<string, SaslCredentials>>;
  /** PostgreSQL URL for moderation (a real server or the embedded PGlite one, see database.ts). */
  readonly databaseUrl: string;
  /** Schema holding moderation's tables (created by its migrations). */
  readonly databaseSchema: string;
  /** KAFKA_TOPIC_PREFIX of every service ('' = the manifest's names); lets test runs share a broker. */
  readonly topicPrefix?: string;
  /** Appended to every consumer-group id, so runs sharing a broker never share offsets. */
  readonly groupSuffix?: string;
  /** Folder of the per-process logs. */
  readonly logDir: string;
  /** HTTP port per process; missing ones get a free port. */
  readonly ports?: Partial<Record<ServiceName, number>>;
  /** Extra environment per process (tuning, test settings); wins over the defaults here. */
  readonly env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Hosts ingest may fetch media from and moderation may deliver webhooks to (the platform's). */
  readonly allowHosts?: string;
  /** Redis URL of the classifier's media cache; '' or absent disables it. */
  readonly mediaCacheUrl?: string;
  /** REQUEST_BINDING_KEYS of ingest and moderation (default `LOCAL_REQUEST_BINDING_KEYS`). */
  readonly requestBindingKeys?: string;
  /** LOG_LEVEL of every process (default `warn`). */
  readonly logLevel?: string;
  /** How long each process may take to become ready, ms (default 120000; a busy machine needs more). */
  readonly startTimeoutMs?: number;
}

/** The environment of each process, from the options. */
function serviceEnv(
  o: PipelineOptions,
  principals: Readonly<Record<string, SaslCredentials>>,
): Record<ServiceName, Record<string, string>> {
  const suffix = o.groupSuffix ?? '';
  const bindingKeys = o.requestBindingKeys ?? LOCAL_REQUEST_BINDING_KEYS;
  const common = {
    KAFKA_BROKERS: o.brokers,
    KAFKA_TOPIC_PREFIX: o.topicPrefix ?? '',
    LOG_LEVEL: o.logLevel ?? 'warn',
  };
  const moderation = {
    ...common,
    DATABASE_URL: o.databaseUrl,
    DATABASE_SCHEMA: o.databaseSchema,
    REQUEST_BINDING_KEYS: bindingKeys,
    RESULTS_GROUP_ID: `vigil-moderation${suffix}`,
    MEDIA_GROUP_ID: `vigil-moderation-media${suffix}`,
    WEBHOOK_EGRESS_ALLOW: o.allowHosts ?? '',
    REVIEW_MEDIA_EGRESS_ALLOW: o.allowHosts ?? '',
    // Local runs are plain HTTP: a Secure cookie would never come back from the browser.
    SESSION_COOKIE_SECURE: 'false',
    OUTBOX_POLL_INTERVAL: '100ms',
    WEBHOOK_POLL_INTERVAL: '100ms',
  };
  const base: Record<ServiceName, Record<string, string>> = {
    ingest: {
      ...common,
      INGEST_GROUP_ID: `vigil-ingest${suffix}`,
      REQUEST_BINDING_KEYS: bindingKeys,
      INGEST_MEDIA_ALLOW: o.allowHosts ?? '',
    },
    classifier: {
      ...common,
      CLASSIFIER_GROUP_ID: `vigil-classifier${suffix}`,
      MEDIA_CACHE_URL: o.mediaCacheUrl ?? '',
      VIGIL_EXECUTION_PROVIDER: 'cpu',
      // Hash banks (PDQ) are read from moderation's tables; set here so no DATABASE_* of the parent's
      // environment (a test runner's) points the worker at another schema. `Pipeline.start` replaces the
      // URL with the read-only login's (hashBankReaderUrl) where it can be made.
      DATABASE_URL: o.databaseUrl,
      DATABASE_SCHEMA: o.databaseSchema,
    },
    'moderation-workers': { ...moderation, MODERATION_ROLES: 'results,relay,webhooks,media' },
    // Runs the migrations first (started first), then serves the platform API, review API and dashboard.
    'moderation-api': { ...moderation, MODERATION_ROLES: 'api' },
  };
  for (const name of SERVICE_NAMES) {
    const sasl = saslEnv(principals[PRINCIPAL[name]] ?? principals.admin);
    base[name] = { ...base[name], ...sasl, ...(o.env?.[name] ?? {}) };
  }
  return base;
}

/**
 * Runs the moderation operator CLI (`services/moderation/dist/cli/moderation-cli.js`) with `env` over the
 * parent's environment (its KAFKA_*, DATABASE_URL, DATABASE_SCHEMA), as an operator would; `stdin` is
 * written to its standard input. Returns its stdout.
 * @throws the execFile error (with stderr) when it exits non-zero.
 */
export async function moderationCli(
  env: Readonly<Record<string, string>>,
  args: string[],
  stdin?: string,
): Promise<string> {
  const cli = join(ROOT, 'services', 'moderation', 'dist', 'cli', 'moderation-cli.js');
  const run = promisify(execFile)(process.execPath, [cli, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  run.child.stdin!.end(stdin ?? '');
  return (await run).stdout;
}

/** The services that scale out as consumer-group members (more instances share the partitions). */
export type ScalableService = Extract<ServiceName, 'ingest' | 'classifier'>;

/** The running pipeline: one ServiceProcess per service, plus any extra instances started later. */
export class Pipeline {
  /** Instances started with `addInstance`, in start order (they stay listed once stopped). */
  readonly extraInstances: ServiceProcess<ScalableService>[] = [];

  private constructor(
    readonly services: Record<ServiceName, ServiceProcess<ServiceName>>,
    private readonly options: PipelineOptions,
  ) {}

  /**
   * Starts every service in order (moderation API first: it applies the migrations) and waits for each
   * to be ready. On a failure the ones already started are stopped again.
   * @throws ServiceStartError naming the service that did not come up, with its log's end.
   */
  static async start(options: PipelineOptions): Promise<Pipeline> {
    mkdirSync(options.logDir, { recursive: true });
    const principals = options.kafkaPrincipals ?? kafkaPrincipals(options.brokers);
    if (principals.admin)
      await provisionKafka({
        admin: { brokers: parseBrokers(options.brokers), clientId: 'vigil-pipeline', sasl: principals.admin },
        topicPrefix: options.topicPrefix ?? '',
      });
    const env = serviceEnv(options, principals);
    // The classifier reads the hash banks as a member of vigil_hash_bank_reader (SELECT on the two bank
    // tables only), unless the caller set its URL.
    if (options.env?.classifier?.DATABASE_URL === undefined)
      env.classifier.DATABASE_URL = (await hashBankReaderUrl(options.databaseUrl)).url;
    const services = {} as Record<ServiceName, ServiceProcess<ServiceName>>;
    for (const name of SERVICE_NAMES) {
      const port = options.ports?.[name] ?? (await freePort());
      services[name] = new ServiceProcess({
        name,
        entry: join(ROOT, ENTRY[name]),
        cwd: ROOT,
        port,
        env: env[name],
        logFile: join(options.logDir, `${name}.log`),
      });
    }
    const pipeline = new Pipeline(services, options);
    try {
      for (const name of SERVICE_NAMES) await services[name].start({}, options.startTimeoutMs);
    } catch (error) {
      await pipeline.stop();
      throw error;
    }
    return pipeline;
  }

  /**
   * Starts one more instance of `name` with the first instance's environment (so the same consumer group
   * and topics), its own free port and log `<logDir>/<name>-<n>.log`, where n counts from 2. With
   * `wait` false it returns once spawned (the caller sees it join the group while load runs); otherwise
   * once `/readyz` answers.
   * @throws ServiceStartError when it does not come up.
   */
  async addInstance(name: ScalableService, wait = true): Promise<ServiceProcess<ScalableService>> {
    const n = this.extraInstances.filter((s) => s.name === name).length + 2;
    const instance = new ServiceProcess<ScalableService>({
      name,
      entry: join(ROOT, ENTRY[name]),
      cwd: ROOT,
      port: await freePort(),
      env: { ...this.services[name].environment },
      logFile: join(this.options.logDir, `${name}-${n}.log`),
    });
    this.extraInstances.push(instance);
    if (wait) await instance.start({}, this.options.startTimeoutMs);
    else instance.spawn();
    return instance;
  }

  /** Every instance of `name`: the first, then those added (running or not). */
  instances(name: ScalableService): ServiceProcess<ServiceName>[] {
    return [this.services[name], ...this.extraInstances.filter((s) => s.name === name)];
  }

  /** Moderation's API (platform API, review API, dashboard at /dashboard/). */
  get apiUrl(): string {
    return this.services['moderation-api'].url;
  }

  /**
   * Runs the moderation operator CLI (`services/moderation/dist/cli/moderation-cli.js`) against this
   * pipeline's database, as an operator would; returns its stdout.
   * @throws the execFile error (with stderr) when it exits non-zero.
   */
  async moderationCli(args: string[], stdin?: string): Promise<string> {
    return moderationCli(this.services['moderation-api'].environment, args, stdin);
  }

  /** Peak RSS per service, MiB. */
  peakRssMiB(): Record<ServiceName, number> {
    const out = {} as Record<ServiceName, number>;
    for (const name of SERVICE_NAMES) out[name] = this.services[name].peakRssMiB();
    return out;
  }

  /** Samples every running service's peak RSS (call periodically during a load). */
  samplePeaks(): void {
    for (const name of SERVICE_NAMES) this.services[name].samplePeak();
  }

  /**
   * Stops every service with SIGTERM (their shutdown hooks drain and commit), added instances first, then
   * the reverse of start order.
   */
  async stop(): Promise<void> {
    for (const instance of [...this.extraInstances].reverse()) await instance.kill('SIGTERM');
    for (const name of [...SERVICE_NAMES].reverse()) await this.services[name]?.kill('SIGTERM');
  }
}
