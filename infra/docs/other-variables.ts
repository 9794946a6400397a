/**
 * Variables the code reads outside the services' zod schemas, for the last table of
 * docs/configuration.md (see ./configuration.ts).
 */

/** A variable read outside the service schemas: its name, who reads it and what it does. */
export interface OtherVariable {
  readonly name: string;
  readonly readBy: string;
  readonly meaning: string;
}

/** Variables the code reads outside the zod schemas. Add a line here when you add such a read. */
export const OTHER_VARIABLES: readonly OtherVariable[] = [
  {
    name: 'VIGIL_TEXT_DATA',
    readBy: 'libs/model-build (build time: models:train-text, data:text, eval)',
    meaning:
      'folder of the public labelled text sets (HateCheck, Multilingual HateCheck, Davidson) for training and evaluating the text classifier; same as `--data <dir>`',
  },
  {
    name: 'LOG_LEVEL',
    readBy: 'libs/platform, kernels/pdq',
    meaning: 'pino level where no schema reads it; default `info`',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    readBy: 'every service (libs/platform)',
    meaning: 'OTLP endpoint: when set, each service exports OpenTelemetry spans there',
  },
  {
    name: 'UV_THREADPOOL_SIZE',
    readBy: 'ingest',
    meaning: 'libuv threads (sharp, DNS, files); ingest sets CPU cores + 4 unless given',
  },
  {
    name: 'VIGIL_PDQ_NATIVE',
    readBy: 'kernels/pdq',
    meaning: '`0` runs the TypeScript PDQ implementation instead of the native addon',
  },
  {
    name: 'VIGIL_BUNDLE_DIR',
    readBy: 'npm run models:build, npm run eval',
    meaning: 'where the model bundle is written and read; default `.models/vigil-base`',
  },
  {
    name: 'VIGIL_MODEL_CACHE',
    readBy: 'npm run models:build',
    meaning: 'cache of the fetched model sources; default `.models/.cache`',
  },
  {
    name: 'VIGIL_PHOTOS_DIR',
    readBy: 'infra/data/photos.sh, model build',
    meaning: 'the extracted sample photos; default `.data/photos`',
  },
  {
    name: 'DATABASE_URL',
    readBy: 'demo, tests (the moderation CLI reads it through the moderation schema)',
    meaning: 'PostgreSQL URL (demo default `postgres://postgres@127.0.0.1:5432/vigil`; tests `…/vigil_test`)',
  },
  {
    name: 'DATABASE_SCHEMA',
    readBy: 'demo (the moderation CLI reads it through the moderation schema)',
    meaning: "schema of Vigil's tables; default `public`",
  },
  {
    name: 'KAFKA_BROKERS',
    readBy: 'demo, bench, tests',
    meaning: 'broker list; unset: the scripts start the local broker',
  },
  {
    name: 'VIGIL_KAFKA_PORT',
    readBy: 'infra/kafka, stack scripts',
    meaning: 'local broker port; default `9092`',
  },
  {
    name: 'VIGIL_KAFKA_CONTROLLER_PORT',
    readBy: 'infra/kafka',
    meaning: "local broker's KRaft controller port; default `VIGIL_KAFKA_PORT` + 1 (`9093`)",
  },
  {
    name: 'VIGIL_KAFKA_RUN_DIR',
    readBy: 'infra/kafka, stack scripts, test helpers',
    meaning:
      'local broker data, log and `credentials.env` (its SASL/SCRAM principals, generated at format time); default `infra/kafka/.run`',
  },
  {
    name: 'VIGIL_KAFKA_CREDENTIALS',
    readBy: 'stack scripts, test helpers, infra/kafka/provision.ts (libs/kafka/src/credentials.ts)',
    meaning:
      "the local broker's credentials file (one password per principal); default `$VIGIL_KAFKA_RUN_DIR/credentials.env`",
  },
  {
    name: 'VIGIL_KAFKA_USER_INGEST, …_CLASSIFIER, …_MODERATION, …_PLATFORM',
    readBy: 'infra/kafka/provision.ts',
    meaning: "SASL user names the ACLs are granted to, where a cluster's differ from the principals' names",
  },
  { name: 'VIGIL_KAFKA_HEAP', readBy: 'infra/kafka', meaning: 'local broker heap; default `512m`' },
  {
    name: 'VIGIL_KAFKA_WAIT_S',
    readBy: 'infra/kafka',
    meaning: 'seconds to wait for the local broker to answer; default `60`',
  },
  {
    name: 'VIGIL_REDIS_PORT',
    readBy: 'infra/redis',
    meaning: 'port of the local Redis the tests use; default `6379`',
  },
  {
    name: 'PGHOST',
    readBy: 'infra/postgres',
    meaning: 'PostgreSQL host the scripts check; default `127.0.0.1`',
  },
  { name: 'PGPORT', readBy: 'infra/postgres', meaning: 'PostgreSQL port; default `5432`' },
  { name: 'PGUSER', readBy: 'infra/postgres', meaning: 'PostgreSQL user; default `postgres`' },
  {
    name: 'VIGIL_DATABASES',
    readBy: 'infra/postgres',
    meaning: 'databases created when missing; default `vigil vigil_test`',
  },
  {
    name: 'VIGIL_DEMO_PORT',
    readBy: 'npm run demo',
    meaning: 'API and dashboard port of the demo; default `3002`',
  },
  {
    name: 'VIGIL_PREREQUISITES',
    readBy: 'infra/prerequisites',
    meaning: '`check`: report missing system packages, never install; `skip`: do not check',
  },
  {
    name: 'VIGIL_PDQ_REFERENCE',
    readBy: 'npm run test:reference, bench:hash',
    meaning: 'folder of the full PDQ reference corpus (kernels/pdq/test/fixtures/SOURCE.md)',
  },
  {
    name: 'ONNXRUNTIME_NODE_INSTALL',
    readBy: 'npm ci (onnxruntime-node)',
    meaning: 'the stack scripts set `skip`; `cuda12` installs the CUDA build (docs/operations.md)',
  },
];
