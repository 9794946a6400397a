import { Inject, Injectable } from '@nestjs/common';
import {
  INFERENCE_SCHEMA_VERSION,
  internalHeaders,
  postKey,
  requestId,
  TOPICS,
  topicName,
  type ErrorDetail,
  type InferenceRequest,
  type MediaPayload,
  type PostV1,
} from '@vigil/contracts';
import { publishDeadLetter, RecordProducer, type IncomingRecord } from '@vigil/kafka';
import { MediaProcessor } from '@vigil/media';
import { MetricsRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { INGEST_CONFIG, type IngestConfig } from './config';
import { parsePost, storableCaption, truncateCaption } from './post-parser';
import { encodeWithinLimit } from './request-size';
import { traceContext } from './trace';

/** Schema name in the `vigil-schema` header of every inference request. */
export const INFERENCE_REQUEST_SCHEMA = 'inference-request.v1';

/**
 * Turns one record from `vigil.posts.v1` into one inference request on `vigil.inference.requests.v1`,
 * or dead-letters it. Resolves only after the broker acknowledged what it produced, so the caller may
 * commit the offset (at-least-once; a redelivered revision yields a request with the same `request_id`).
 *
 * - Not UTF-8, not JSON, unknown `schema_version`, schema-invalid → `vigil.posts.v1.dlq` with the code
 *   and origin in headers; the offset moves on.
 * - A valid post always yields a request, even when every medium failed: each failed medium carries its
 *   MEDIA_* error, post-level problems (caption cleaned or cut, too many media) are in `errors`. Media
 *   beyond `INGEST_MAX_MEDIA` are neither fetched nor forwarded; POST_TOO_MANY_MEDIA counts them.
 * - Every request carries `request_binding` (REQUEST_BINDING_KEYS' first key over tenant, post, revision
 *   and media digests): moderation records only results that answer a request ingest issued.
 */
@Injectable()
export class PostPipeline {
  private readonly posts;
  private readonly media;
  private readonly seconds;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly producer: RecordProducer,
    private readonly processor: MediaProcessor,
    metrics: MetricsRegistry,
    @InjectPinoLogger(PostPipeline.name) private readonly log: PinoLogger,
  ) {
    this.posts = metrics.counter(
      'vigil_ingest_posts_total',
      'Posts read, by outcome (request or DLQ code).',
      ['outcome'],
    );
    this.media = metrics.counter('vigil_ingest_media_total', 'Media processed, by kind and status/code.', [
      'kind',
      'result',
    ]);
    this.seconds = metrics.histogram(
      'vigil_ingest_post_seconds',
      'Time from reading a post to its acknowledged request.',
    );
  }

  async handle(record: IncomingRecord): Promise<void> {
    const receivedAt = Date.now();
    const started = performance.now();
    const parsed = parsePost(record.value);
    if (!parsed.ok) {
      const { reason } = parsed;
      this.log.warn(
        { code: reason.code, partition: record.partition, offset: record.offset },
        reason.message,
      );
      await publishDeadLetter(this.producer, record, reason, this.topic(TOPICS.postsDlq));
      this.posts.inc({ outcome: reason.code });
      return;
    }
    const { post } = parsed;
    const trace = traceContext(record.headers.traceparent);
    const draft = await this.buildRequest(post, trace, receivedAt, started);
    const { bytes, request } = encodeWithinLimit(draft, this.config.INGEST_MAX_REQUEST_BYTES);
    await this.producer.send(this.topic(TOPICS.inferenceRequests), [
      {
        key: postKey(post.tenant_id, post.post_id),
        value: bytes,
        headers: internalHeaders(INFERENCE_REQUEST_SCHEMA, trace.traceparent),
      },
    ]);
    for (const m of request.media) this.media.inc({ kind: m.kind, result: m.error?.code ?? 'ok' });
    this.posts.inc({ outcome: 'request' });
    this.seconds.observe((performance.now() - started) / 1000);
    this.log.debug(
      {
        request_id: request.request_id,
        trace_id: request.trace_id,
        bytes: bytes.length,
        timings: request.timings,
      },
      'inference request sent',
    );
  }

  private async buildRequest(
    post: PostV1,
    trace: ReturnType<typeof traceContext>,
    receivedAt: number,
    started: number,
  ): Promise<InferenceRequest> {
    const errors: ErrorDetail[] = [];
    const maxChars = this.config.INGEST_TEXT_MAX_CHARS;
    const storable = storableCaption(post.text);
    if (storable.sanitized) {
      errors.push({
        code: 'POST_TEXT_SANITIZED',
        message: 'NUL characters removed and lone surrogates replaced by U+FFFD in the caption',
      });
    }
    const { caption, truncated } = truncateCaption(storable.caption, maxChars);
    if (truncated) {
      errors.push({ code: 'POST_TEXT_TOO_LONG', message: `caption cut to ${maxChars} characters` });
    }
    const accepted = post.media.slice(0, this.config.INGEST_MAX_MEDIA);
    const skipped = post.media.length - accepted.length;
    if (skipped > 0) {
      errors.push({
        code: 'POST_TOO_MANY_MEDIA',
        message: `${post.media.length} media: the first ${accepted.length} were analysed, ${skipped} were not`,
      });
    }

    const mediaStarted = performance.now();
    const processed = await Promise.all(accepted.map((m) => this.processor.process(m)));
    const mediaMs = performance.now() - mediaStarted;
    const media: MediaPayload[] = processed.map((p) => p.payload);
    const binding = this.config.REQUEST_BINDING_KEYS.sign({
      tenant_id: post.tenant_id,
      post_id: post.post_id,
      revision: post.revision,
      media,
    });
    return {
      schema_version: INFERENCE_SCHEMA_VERSION,
      request_id: requestId(post.tenant_id, post.post_id, post.revision),
      tenant_id: post.tenant_id,
      post_id: post.post_id,
      revision: post.revision,
      trace_id: trace.traceId,
      traceparent: trace.traceparent,
      received_at: receivedAt,
      priority: post.priority,
      text: { caption, ...(post.lang ? { lang_hint: post.lang } : {}), truncated },
      media,
      errors,
      timings: {
        fetch_ms: sum(processed.map((p) => p.fetchMs)),
        decode_ms: sum(processed.map((p) => p.decodeMs)),
        media_ms: mediaMs,
        ingest_ms: performance.now() - started,
      },
      ...(post.callback ? { callback: post.callback } : {}),
      created_at: post.created_at,
      request_binding: binding,
    };
  }

  private topic(spec: (typeof TOPICS)[keyof typeof TOPICS]): string {
    return topicName(spec, this.config.KAFKA_TOPIC_PREFIX);
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
