import { Inject, Injectable } from '@nestjs/common';
import { postKey, TOPICS, topicName } from '@vigil/contracts';
import { publishDeadLetter, RecordProducer, type IncomingRecord } from '@vigil/kafka';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { INGEST_CONFIG, type IngestConfig } from './config';

/** Stable codes for posts that cannot be processed at all (they go to the DLQ). */
export type PostRejectCode = 'POST_NOT_JSON' | 'POST_SCHEMA_INVALID';

interface PostEnvelope {
  tenant_id: string;
  post_id: string;
  [field: string]: unknown;
}

/**
 * Turns one record from `vigil.posts.v1` into one inference request, or dead-letters it.
 * Resolves only after the broker acknowledged what it produced, so the caller may commit the offset.
 */
@Injectable()
export class PostPipeline {
  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly producer: RecordProducer,
    @InjectPinoLogger(PostPipeline.name) private readonly log: PinoLogger,
  ) {}

  async handle(record: IncomingRecord): Promise<void> {
    const parsed = this.parse(record);
    if (!parsed.ok) {
      const { reason } = parsed;
      this.log.warn(
        { code: reason.code, partition: record.partition, offset: record.offset },
        reason.message,
      );
      await publishDeadLetter(this.producer, record, reason, this.topic(TOPICS.postsDlq));
      return;
    }
    const { post } = parsed;
    const key = postKey(post.tenant_id, post.post_id);
    await this.producer.send(this.topic(TOPICS.inferenceRequests), [
      {
        key,
        value: JSON.stringify({ schema_version: 1, post_key: key, post }),
        headers: record.headers.traceparent ? { traceparent: record.headers.traceparent } : {},
      },
    ]);
  }

  private parse(
    record: IncomingRecord,
  ): { ok: true; post: PostEnvelope } | { ok: false; reason: { code: PostRejectCode; message: string } } {
    let value: unknown;
    try {
      value = JSON.parse(record.value?.toString('utf8') ?? '');
    } catch (error) {
      return { ok: false, reason: { code: 'POST_NOT_JSON', message: (error as Error).message } };
    }
    const v = value as Partial<PostEnvelope> | null;
    if (!v || typeof v.tenant_id !== 'string' || typeof v.post_id !== 'string') {
      return {
        ok: false,
        reason: { code: 'POST_SCHEMA_INVALID', message: 'tenant_id and post_id must be strings' },
      };
    }
    return { ok: true, post: v as PostEnvelope };
  }

  private topic(spec: (typeof TOPICS)[keyof typeof TOPICS]): string {
    return topicName(spec, this.config.KAFKA_TOPIC_PREFIX);
  }
}
