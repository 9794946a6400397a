import type { RecordProducer } from './producer';
import type { IncomingRecord } from './records';

/** Headers a dead-lettered record carries, besides the original record's own headers. */
export const DLQ_HEADERS = {
  errorCode: 'vigil-error-code',
  errorMessage: 'vigil-error-message',
  originTopic: 'vigil-origin-topic',
  originPartition: 'vigil-origin-partition',
  originOffset: 'vigil-origin-offset',
  failedAt: 'vigil-failed-at',
} as const;

/** Why a record was dead-lettered: a stable code (e.g. `POST_NOT_JSON`) and a human-readable message. */
export interface DeadLetterReason {
  readonly code: string;
  readonly message: string;
}

/**
 * Publishes a record that cannot be processed to its dead-letter topic (`<topic>.dlq` by default) with the
 * original key, value and headers unchanged and the reason and origin in `vigil-*` headers.
 * Resolves after the broker acknowledged it, so the caller may then commit the origin offset.
 */
export async function publishDeadLetter(
  producer: RecordProducer,
  record: IncomingRecord,
  reason: DeadLetterReason,
  dlqTopic = `${record.topic}.dlq`,
): Promise<void> {
  await producer.send(dlqTopic, [
    {
      key: record.key ? record.key.toString('utf8') : null,
      value: record.value ?? Buffer.alloc(0),
      headers: {
        ...record.headers,
        [DLQ_HEADERS.errorCode]: reason.code,
        [DLQ_HEADERS.errorMessage]: reason.message.slice(0, 1000),
        [DLQ_HEADERS.originTopic]: record.topic,
        [DLQ_HEADERS.originPartition]: String(record.partition),
        [DLQ_HEADERS.originOffset]: record.offset,
        [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      },
    },
  ]);
}
