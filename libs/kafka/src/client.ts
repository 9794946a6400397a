import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaSettings, SaslCredentials } from './records';

/** Receives kafkajs log lines at warn level and above, so services can route them into their own logger. */
export type KafkaLogSink = (level: 'error' | 'warn', message: string, extra: Record<string, unknown>) => void;

let logSink: KafkaLogSink = (level, message, extra) => {
  console[level === 'error' ? 'error' : 'warn'](`[kafka] ${message}`, extra);
};

/** Sends kafkajs warnings and errors to `sink` (default: console). */
export function setKafkaLogSink(sink: KafkaLogSink): void {
  logSink = sink;
}

/** Writes a line to the current sink (the runner's retries and dead letters, when no logger is given). */
export function kafkaLog(level: 'error' | 'warn', message: string, extra: Record<string, unknown>): void {
  logSink(level, message, extra);
}

/**
 * kafkajs warns on every idempotent producer that a finite retry count "may invalidate EoS guarantees".
 * Vigil relies on idempotence within a session plus idempotent consumers, not on exactly-once, so
 * the line is noise.
 */
const IGNORED_WARNINGS = ['Limiting retries for the idempotent producer'];

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (IGNORED_WARNINGS.some((w) => message.startsWith(w))) return;
    if (level === logLevel.ERROR) logSink('error', message, extra);
    else if (level === logLevel.WARN) logSink('warn', message, extra);
  };
}

function saslOptions(sasl: SaslCredentials): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'plain':
      return { mechanism: 'plain', username, password };
  }
}

/**
 * Builds the underlying kafkajs client. Internal to this library: services use
 * `RecordProducer`, `BatchConsumer` and `TopicAdmin`, which take `KafkaSettings`.
 */
export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs ?? 3000,
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: settings.retries ?? 8 },
    ...(settings.ssl ? { ssl: true } : {}),
    ...(settings.sasl ? { sasl: saslOptions(settings.sasl) } : {}),
  });
}
