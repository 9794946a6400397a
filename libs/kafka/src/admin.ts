import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
} from 'kafkajs';
import { createKafka } from './client';
import type { KafkaSettings } from './records';

/** One ACL entry that allows `operation` on a topic or consumer group, from any host. */
export interface AclGrant {
  /** `User:<name>`. */
  readonly principal: string;
  readonly resource: 'topic' | 'group';
  /** `literal`: that exact name; `prefixed`: every name starting with it. */
  readonly pattern: 'literal' | 'prefixed';
  readonly name: string;
  readonly operation: 'read' | 'write' | 'describe' | 'create';
}

const ACL_RESOURCE = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP } as const;
const ACL_PATTERN = {
  literal: ResourcePatternTypes.LITERAL,
  prefixed: ResourcePatternTypes.PREFIXED,
} as const;
const ACL_OPERATION = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  create: AclOperationTypes.CREATE,
} as const;

/** The subset of the contracts' `TopicSpec` that topic creation needs. */
export interface TopicToCreate {
  readonly name: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly maxMessageBytes: number;
}

/** Polls topic metadata until every partition of `topics` has a leader, or `timeoutMs` passes. */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (ready) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')}: no leaders after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Topic administration and cluster probes. Each call opens and closes its own admin connection:
 * a kafkajs admin client that reconnects after `disconnect()` gets "Closed connection" from Kafka 4.1.
 */
export class TopicAdmin {
  constructor(private readonly settings: KafkaSettings) {}

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = createKafka(this.settings).admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Creates the topics that do not exist yet (replication factor 1 unless given); existing ones are left as they are.
   * @returns the names that were created.
   */
  async ensureTopics(topics: readonly TopicToCreate[], replicationFactor = 1): Promise<string[]> {
    return this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return [];
      await admin.createTopics({
        // kafkajs' own wait retries only LEADER_NOT_AVAILABLE; a broker that just started can also answer
        // UNKNOWN_TOPIC_OR_PARTITION for a moment, so we wait ourselves (below).
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: String(t.retentionMs) },
            { name: 'max.message.bytes', value: String(t.maxMessageBytes) },
          ],
        })),
      });
      const names = missing.map((t) => t.name);
      await waitForLeaders(admin, names);
      return names;
    });
  }

  /**
   * Adds ALLOW ACLs (idempotent: the broker keeps one copy of an entry) and waits until the broker
   * enforces them (the controller commits them first; the broker applies the metadata a moment later).
   * Needs a principal with ALTER on the cluster (the administrator) and a broker with an authorizer.
   * @throws Error naming the broker's error when it refuses one of them, or when they do not show up.
   */
  async createAcls(grants: readonly AclGrant[], timeoutMs = 15_000): Promise<void> {
    if (grants.length === 0) return;
    await this.withAdmin(async (admin) => {
      await admin.createAcls({
        acl: grants.map((g) => ({
          resourceType: ACL_RESOURCE[g.resource],
          resourceName: g.name,
          resourcePatternType: ACL_PATTERN[g.pattern],
          principal: g.principal,
          host: '*',
          operation: ACL_OPERATION[g.operation],
          permissionType: AclPermissionTypes.ALLOW,
        })),
      });
      const key = (resource: number, pattern: number, name: string, principal: string, operation: number) =>
        `${resource}/${pattern}/${name}/${principal}/${operation}`;
      const wanted = grants.map((g) =>
        key(
          ACL_RESOURCE[g.resource],
          ACL_PATTERN[g.pattern],
          g.name,
          g.principal,
          ACL_OPERATION[g.operation],
        ),
      );
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { resources } = await admin.describeAcls({
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ALLOW,
        });
        const present = new Set(
          resources.flatMap((r) =>
            r.acls.map((a) =>
              key(r.resourceType, r.resourcePatternType, r.resourceName, a.principal, a.operation),
            ),
          ),
        );
        const missing = wanted.filter((w) => !present.has(w));
        if (missing.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(`ACLs not in force after ${timeoutMs} ms: ${missing.slice(0, 3).join(', ')}…`);
        await new Promise((r) => setTimeout(r, 100));
      }
    });
  }

  /** Number of brokers that answer; throws when none does. Used by readiness checks. */
  async brokerCount(): Promise<number> {
    return this.withAdmin(async (admin) => (await admin.describeCluster()).brokers.length);
  }

  /** Deletes topics (tests only); missing topics are ignored. */
  async deleteTopics(names: readonly string[]): Promise<void> {
    await this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      const present = names.filter((n) => existing.has(n));
      if (present.length > 0) await admin.deleteTopics({ topics: present });
    });
  }

  /** Committed offset per partition of `topic` for `groupId` ("-1" where none is committed). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    return this.withAdmin(async (admin) => {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return new Map((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
    });
  }

  /**
   * Consumer lag of `groupId` on `topic`: records after its committed offset, summed over the partitions
   * (from the partition's first record where none is committed).
   */
  async lag(groupId: string, topic: string): Promise<number> {
    return this.withAdmin(async (admin) => {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = new Map((entry?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      const ends = await admin.fetchTopicOffsets(topic);
      return ends.reduce((sum, p) => {
        const at = committed.get(p.partition) ?? -1;
        return sum + Math.max(0, Number(p.high) - (at >= 0 ? at : Number(p.low)));
      }, 0);
    });
  }
}

/**
 * A cached broker count for readiness probes: `/readyz` may be polled every second by several
 * orchestrators; this asks the cluster at most once per `cacheMs`, with one request in flight, and
 * shares the answer (or the error) with every caller meanwhile.
 */
export class BrokerProbe {
  private static readonly shared = new Map<string, BrokerProbe>();
  private readonly admin: TopicAdmin;
  private last: { at: number; value: Promise<number> } | undefined;

  constructor(settings: KafkaSettings) {
    this.admin = new TopicAdmin(settings);
  }

  /** One probe per broker list in this process, so every consumer and module of a service shares it. */
  static for(settings: KafkaSettings): BrokerProbe {
    const key = `${settings.sasl?.username ?? ''}@${settings.brokers.join(',')}`;
    let probe = BrokerProbe.shared.get(key);
    if (!probe) BrokerProbe.shared.set(key, (probe = new BrokerProbe(settings)));
    return probe;
  }

  /**
   * @returns brokers that answered; at most `cacheMs` old.
   * @throws the admin client's error when none answered (not cached: the next call asks again).
   */
  async get(cacheMs = 5000): Promise<number> {
    const now = Date.now();
    if (!this.last || now - this.last.at >= cacheMs) {
      const value = this.admin.brokerCount();
      const entry = { at: now, value };
      this.last = entry;
      value.catch(() => {
        if (this.last === entry) this.last = undefined;
      });
    }
    return this.last.value;
  }
}
