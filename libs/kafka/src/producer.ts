import { CompressionTypes, Partitioners, type Producer } from 'kafkajs';
import { createKafka } from './client';
import type { KafkaSettings, OutgoingRecord } from './records';

/**
 * Publishes records with `acks=all`; `send` resolves only once the broker has acknowledged them,
 * which is what lets a consumer commit its input offset afterwards (at-least-once).
 *
 * Idempotent by default (KIP-98: the broker drops retried duplicates within a producer session).
 */
export class RecordProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(settings: KafkaSettings, options: { idempotent?: boolean } = {}) {
    const idempotent = options.idempotent ?? true;
    this.producer = createKafka(settings).producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
      // Java-client-compatible murmur2 partitioning: a key lands on the same partition from any client.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  /**
   * Sends records to one topic and waits for the broker's acknowledgement.
   * @throws KafkaJSError subclasses when the broker is unreachable after retries or rejects the batch.
   */
  async send(
    topic: string,
    records: readonly OutgoingRecord[],
    options: { gzip?: boolean } = {},
  ): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    await this.producer.send({
      topic,
      acks: -1,
      compression: options.gzip ? CompressionTypes.GZIP : CompressionTypes.None,
      messages: records.map((r) => ({
        key: r.key,
        value: r.value,
        headers: r.headers ? { ...r.headers } : undefined,
      })),
    });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
