/** Records as Vigil code sees them: kafkajs types never leak past this library. */

/** A record to publish. `value` is the serialized message (JSON text or a binary envelope). */
export interface OutgoingRecord {
  /** Partitioning key, e.g. `tenant_id:post_id`; null spreads records across partitions. */
  readonly key: string | null;
  readonly value: Buffer | string;
  /** Header values are UTF-8 strings or raw bytes. */
  readonly headers?: Readonly<Record<string, string | Buffer>>;
}

/** A record read from a topic. Offsets are decimal strings (int64). */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Headers decoded as UTF-8; a header sent several times keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  /** Broker or producer timestamp, ms since epoch, as a decimal string. */
  readonly timestamp: string;
}

/** SASL mechanisms Vigil's clients speak (SCRAM: the broker stores salted hashes; PLAIN: for managed brokers over TLS). */
export type SaslMechanism = 'scram-sha-512' | 'scram-sha-256' | 'plain';

/** SASL credentials of one principal. */
export interface SaslCredentials {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** Connection settings shared by producers, consumers and admin clients. */
export interface KafkaSettings {
  /** `host:port` of one or more bootstrap brokers. */
  readonly brokers: readonly string[];
  /** Client id reported to the broker (appears in its logs and quotas). */
  readonly clientId: string;
  /** TCP connect timeout, ms. Default 3000. */
  readonly connectionTimeoutMs?: number;
  /** Request timeout, ms. Default 30000. */
  readonly requestTimeoutMs?: number;
  /** SASL authentication; absent: none (a broker with a PLAINTEXT listener). */
  readonly sasl?: SaslCredentials;
  /** TLS to the brokers (SASL_SSL or SSL listeners), verified against the system's CAs. Default false. */
  readonly ssl?: boolean;
  /** Retries of a failed request or connection (kafkajs backoff from 200 ms). Default 8. */
  readonly retries?: number;
}

/** Parses `KAFKA_BROKERS`-style text: comma-separated `host:port` entries, blanks ignored. */
export function parseBrokers(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The shared Kafka variables a service parsed (`kafkaEnv` of @vigil/platform), as far as the runner reads them. */
export interface KafkaEnvConfig {
  readonly KAFKA_BROKERS: readonly string[];
  readonly KAFKA_CLIENT_ID: string;
  readonly KAFKA_HANDLER_MAX_ATTEMPTS: number;
  readonly KAFKA_TRANSIENT_RETRY_MS: number;
  readonly KAFKA_SASL_MECHANISM?: SaslMechanism | undefined;
  readonly KAFKA_SASL_USERNAME?: string | undefined;
  readonly KAFKA_SASL_PASSWORD?: string | undefined;
  readonly KAFKA_SSL?: boolean | undefined;
}

/** The runner's retry budget from a service's parsed Kafka variables. */
export function retryBudget(config: KafkaEnvConfig): { maxAttempts: number; transientBudgetMs: number } {
  return {
    maxAttempts: config.KAFKA_HANDLER_MAX_ATTEMPTS,
    transientBudgetMs: config.KAFKA_TRANSIENT_RETRY_MS,
  };
}

/** Connection settings from a service's parsed Kafka variables. */
export function kafkaSettings(config: KafkaEnvConfig): KafkaSettings {
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = config;
  return {
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    ...(mechanism && username !== undefined && password !== undefined
      ? { sasl: { mechanism, username, password } }
      : {}),
    ...(config.KAFKA_SSL ? { ssl: true } : {}),
  };
}
