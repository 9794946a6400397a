/**
 * The topic manifest: every Kafka topic Vigil reads or writes, defined once.
 * Topics are versioned by name (`.v1`); a breaking change to a message gets a new topic.
 * Infra scripts (`npm run kafka:topics`) and services (`ensureTopics` at start-up) create them from here.
 */
export interface TopicSpec {
  /** Topic name on the broker. */
  readonly name: string;
  /** Partition count; the unit of consumer-group parallelism. */
  readonly partitions: number;
  /** Retention in ms (`retention.ms`); -1 keeps forever. */
  readonly retentionMs: number;
  /** Largest record batch the broker accepts on this topic, in bytes (`max.message.bytes`). */
  readonly maxMessageBytes: number;
  /** What flows through it, for operators reading the manifest. */
  readonly description: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MiB = 1024 * 1024;

export const TOPICS = {
  /** Input from platforms: `PostV1` JSON, key `tenant_id:post_id`. */
  posts: {
    name: 'vigil.posts.v1',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    maxMessageBytes: 4 * MiB,
    description: 'Posts published by platforms (PostV1 JSON, key tenant_id:post_id).',
  },
  /** Dead letters for `vigil.posts.v1`: the original bytes plus headers naming the error and origin. */
  postsDlq: {
    name: 'vigil.posts.v1.dlq',
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    maxMessageBytes: 4 * MiB,
    description: 'Malformed posts with the reason and original topic/partition/offset in headers.',
  },
  /** Internal: decoded, model-ready inference requests from ingest to the classifier. */
  inferenceRequests: {
    name: 'vigil.inference.requests.v1',
    partitions: 6,
    retentionMs: 3 * DAY_MS,
    maxMessageBytes: 16 * MiB,
    description: 'Inference requests (binary, compressed) from ingest to the classifier worker.',
  },
  /** Dead letters for `vigil.inference.requests.v1`: requests the classifier cannot decode, unchanged, with reason headers. */
  inferenceRequestsDlq: {
    name: 'vigil.inference.requests.v1.dlq',
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    maxMessageBytes: 16 * MiB,
    description:
      'Undecodable inference requests with the reason and original topic/partition/offset in headers.',
  },
  /** Internal: classifier outputs (scores, attribution, alt-text) to moderation. */
  inferenceResults: {
    name: 'vigil.inference.results.v1',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    maxMessageBytes: 4 * MiB,
    description: 'Inference results (binary, compressed) from the classifier worker to moderation.',
  },
  /** Dead letters for `vigil.inference.results.v1`: results moderation cannot decode, unchanged, with reason headers. */
  inferenceResultsDlq: {
    name: 'vigil.inference.results.v1.dlq',
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    maxMessageBytes: 4 * MiB,
    description:
      'Undecodable inference results with the reason and original topic/partition/offset in headers.',
  },
  /** Dead letters of moderation's media-sources consumer (its own group on `vigil.posts.v1`). */
  mediaSourcesDlq: {
    name: 'vigil.media.sources.v1.dlq',
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    maxMessageBytes: 4 * MiB,
    description:
      'Posts whose media sources moderation could not record, with the reason and origin in headers.',
  },
  /** Output to platforms: `VerdictV1` JSON, key `tenant_id:post_id`. */
  verdicts: {
    name: 'vigil.verdicts.v1',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    maxMessageBytes: 4 * MiB,
    description: 'Verdicts for platforms (VerdictV1 JSON, key tenant_id:post_id).',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPICS;

/** Every topic in the manifest, in declaration order. */
export const ALL_TOPICS: readonly TopicSpec[] = Object.values(TOPICS);

/**
 * The topic's name under an optional namespace prefix (`KAFKA_TOPIC_PREFIX`), which lets several
 * environments or test runs share one cluster: `topicName(TOPICS.posts, 'staging.')` → `staging.vigil.posts.v1`.
 */
export function topicName(spec: TopicSpec, prefix = ''): string {
  return `${prefix}${spec.name}`;
}

/** The whole manifest under a prefix, ready for topic creation. */
export function topicsWithPrefix(prefix = ''): TopicSpec[] {
  return ALL_TOPICS.map((t) => ({ ...t, name: topicName(t, prefix) }));
}

/**
 * The message key that keeps one post's revisions on one partition, in order.
 * @example postKey('acme', 'p1') === 'acme:p1'
 */
export function postKey(tenantId: string, postId: string): string {
  return `${tenantId}:${postId}`;
}
