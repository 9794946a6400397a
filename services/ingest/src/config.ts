import { env, type EnvSchema } from '@vigil/platform';
import { z } from 'zod';

/**
 * Every environment variable the ingest service reads (validated at boot; a bad one stops the process
 * with its name). infra/compose and infra/k8s set only these.
 */
export const envSchema = z.object({
  KAFKA_BROKERS: env.brokers(),
  KAFKA_CLIENT_ID: z.string().min(1).default('vigil-ingest'),
  /** Prefix for every topic name, to share a cluster between environments or test runs. */
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  /** Create the manifest's topics at start-up when missing. */
  KAFKA_ENSURE_TOPICS: env.flag(true),
  INGEST_GROUP_ID: z.string().min(1).default('vigil-ingest'),
  /** Partitions of `vigil.posts.v1` handled concurrently by one instance. */
  INGEST_PARTITIONS_CONCURRENCY: env.positiveInt(4),
  HTTP_PORT: env.port(3001),
  LOG_LEVEL: env.logLevel(),
}) satisfies EnvSchema;

export type IngestConfig = z.infer<typeof envSchema>;

/** DI token for the parsed config. */
export const INGEST_CONFIG = Symbol('INGEST_CONFIG');
