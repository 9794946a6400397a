import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PostV1Schema, TOPICS, topicName, type PostV1 } from '@vigil/contracts';
import { BatchConsumer, kafkaSettings, RecordProducer, retryBudget, type IncomingRecord } from '@vigil/kafka';
import { MetricsRegistry, ReadinessRegistry } from '@vigil/platform';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { MODERATION_CONFIG, type ModerationConfig } from '../config';
import { DATABASE, type Db } from '../database/database';
import { insertInChunks, withoutNul } from '../verdicts/result-recorder';
import { recordFailureKind } from '../verdicts/record-failure';
import { recordPostAuthor } from '../review/author-records';

/**
 * Records where each medium of each post revision can be fetched for the dashboard: the platform's URL,
 * or the inline bytes when they are at most `inlineMaxBytes` (larger ones are noted as omitted).
 * A revision already recorded is left alone (redelivery is a no-op).
 */
export async function recordMediaSources(db: Db, post: PostV1, inlineMaxBytes: number): Promise<number> {
  if (post.media.length === 0) return 0;
  const rows = post.media.map((m) => {
    const base = {
      tenant_id: post.tenant_id,
      post_id: post.post_id,
      revision: post.revision,
      media_id: m.media_id,
      kind: m.kind,
      declared_mime: m.mime ?? null,
    };
    if ('url' in m.source) return { ...base, url: m.source.url, inline: null, omitted_reason: null };
    const bytes = Buffer.from(m.source.inline, 'base64');
    return bytes.length <= inlineMaxBytes
      ? { ...base, url: null, inline: bytes, omitted_reason: null }
      : { ...base, url: null, inline: null, omitted_reason: `inline medium over ${inlineMaxBytes} bytes` };
  });
  let inserted = 0;
  await insertInChunks(withoutNul(rows), async (slice) => {
    const result = await db
      .insertInto('media_sources')
      .values(slice)
      .onConflict((oc) => oc.columns(['tenant_id', 'post_id', 'revision', 'media_id']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  });
  return inserted;
}

/**
 * The `media` role: a consumer-group member on `vigil.posts.v1` (its own group, beside ingest's) that
 * records media sources and each post's author (for the item view's author context). Posts that do not
 * parse are skipped: ingest dead-letters them, and without a valid post there is no review task to show
 * them in. Failures follow the runner's rules
 * (`recordFailureKind`): a post the database refuses goes to `vigil.media.sources.v1.dlq` with the reason;
 * an unreachable database is retried with backoff; nothing crashes the consumer or blocks the partition.
 */
@Injectable()
export class MediaSourcesConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: BatchConsumer;

  constructor(
    @Inject(MODERATION_CONFIG) private readonly config: ModerationConfig,
    @Inject(DATABASE) private readonly db: Db,
    private readonly readiness: ReadinessRegistry,
    private readonly producer: RecordProducer,
    private readonly metrics: MetricsRegistry,
    @InjectPinoLogger(MediaSourcesConsumer.name) private readonly log: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new BatchConsumer(kafkaSettings(this.config), {
      groupId: this.config.MEDIA_GROUP_ID,
      topics: [topicName(TOPICS.posts, this.config.KAFKA_TOPIC_PREFIX)],
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: Math.min(3000, Math.floor(this.config.KAFKA_SESSION_TIMEOUT_MS / 3)),
      eachRecord: (record) => this.handle(record),
      deadLetter: {
        producer: this.producer,
        topicFor: () => topicName(TOPICS.mediaSourcesDlq, this.config.KAFKA_TOPIC_PREFIX),
        classify: recordFailureKind,
        retry: retryBudget(this.config),
      },
      metrics: this.metrics.registry,
      logger: this.log,
      onCrash: (error) => {
        this.log.fatal({ err: error }, 'posts consumer crashed; exiting so the orchestrator restarts us');
        process.kill(process.pid, 'SIGTERM');
      },
    });
    await this.consumer.start();
    this.readiness.register('media-sources-consumer', () => this.consumer!.checkReady());
  }

  /** Resolves once this member has partitions (tests). */
  waitForAssignment(timeoutMs?: number): Promise<void> {
    return this.consumer!.waitForAssignment(timeoutMs);
  }

  async handle(record: IncomingRecord): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(record.value?.toString('utf8') ?? '');
    } catch {
      return;
    }
    const parsed = PostV1Schema.safeParse(json);
    if (!parsed.success) {
      this.log.debug({ partition: record.partition, offset: record.offset }, 'invalid post skipped');
      return;
    }
    await recordMediaSources(this.db, parsed.data, this.config.MEDIA_INLINE_MAX_BYTES);
    await recordPostAuthor(this.db, parsed.data);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
