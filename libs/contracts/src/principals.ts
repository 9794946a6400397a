/**
 * Who may do what on Vigil's topics: one Kafka principal per service, one for the platforms that publish
 * posts, and an administrator (a super user, for topic and ACL management only). The broker enforces this
 * table as ACLs (`kafkaAclGrants`); nothing outside it is allowed (`allow.everyone.if.no.acl.found=false`).
 * docs/threat-model.md shows it as a table; test/infra/kafka-auth.test.ts proves the broker refuses the rest.
 */
import { topicName, TOPICS, type TopicKey } from './topics';

/** The Kafka principals of a Vigil deployment, besides the administrator. */
export type KafkaPrincipal = 'ingest' | 'classifier' | 'moderation' | 'platform';

/** What one principal may do. */
export interface PrincipalRights {
  /** Topics it consumes. */
  readonly reads: readonly TopicKey[];
  /** Topics it produces to (its outputs and its dead-letter topic). */
  readonly writes: readonly TopicKey[];
  /** Consumer-group id prefixes it may join and commit offsets for (`vigil-ingest` covers `vigil-ingest-e2e`). */
  readonly groups: readonly string[];
  /** Whether it may see every topic of the manifest (a service checks them at start-up, `KAFKA_ENSURE_TOPICS`). */
  readonly describesManifest: boolean;
}

export const KAFKA_PRINCIPALS: Readonly<Record<KafkaPrincipal, PrincipalRights>> = {
  ingest: {
    reads: ['posts'],
    writes: ['inferenceRequests', 'postsDlq'],
    groups: ['vigil-ingest'],
    describesManifest: true,
  },
  classifier: {
    reads: ['inferenceRequests'],
    writes: ['inferenceResults', 'inferenceRequestsDlq'],
    groups: ['vigil-classifier'],
    describesManifest: true,
  },
  moderation: {
    // Results, and posts for the media-source records (group vigil-moderation-media).
    reads: ['inferenceResults', 'posts'],
    writes: ['verdicts', 'inferenceResultsDlq', 'mediaSourcesDlq'],
    groups: ['vigil-moderation'],
    describesManifest: true,
  },
  platform: {
    // A platform publishes posts; it may follow verdicts and its rejected posts on the topics (single-
    // platform deployments; several platforms sharing a cluster should take verdicts by webhook).
    reads: ['verdicts', 'postsDlq'],
    writes: ['posts'],
    groups: ['vigil-platform'],
    describesManifest: false,
  },
};

/** The administrator's user name (a broker super user: creates topics and ACLs, runs tests' set-up). */
export const KAFKA_ADMIN_USER = 'admin';

/** One ACL entry (allow), in the broker's words, without a client library's types. */
export interface KafkaAclGrant {
  /** `User:<name>`. */
  readonly principal: string;
  readonly resource: 'topic' | 'group';
  readonly pattern: 'literal' | 'prefixed';
  readonly name: string;
  readonly operation: 'read' | 'write' | 'describe';
}

/**
 * The ACLs that give every principal its rights on the topics under `prefix` (`KAFKA_TOPIC_PREFIX`).
 * `users` maps a principal to its SASL user name where it differs from the principal's name.
 */
export function kafkaAclGrants(
  prefix = '',
  users: Partial<Record<KafkaPrincipal, string>> = {},
): KafkaAclGrant[] {
  const grants: KafkaAclGrant[] = [];
  for (const [who, rights] of Object.entries(KAFKA_PRINCIPALS) as [KafkaPrincipal, PrincipalRights][]) {
    const principal = `User:${users[who] ?? who}`;
    const topic = (key: TopicKey, operation: KafkaAclGrant['operation']) =>
      grants.push({
        principal,
        resource: 'topic',
        pattern: 'literal',
        name: topicName(TOPICS[key], prefix),
        operation,
      });
    for (const key of rights.reads) topic(key, 'read');
    for (const key of rights.writes) topic(key, 'write');
    if (rights.describesManifest) for (const key of Object.keys(TOPICS) as TopicKey[]) topic(key, 'describe');
    for (const group of rights.groups)
      grants.push({ principal, resource: 'group', pattern: 'prefixed', name: group, operation: 'read' });
  }
  return grants;
}
