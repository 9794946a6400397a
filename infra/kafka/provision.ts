/**
 * Creates Vigil's topics and the ACLs that give each principal its rights (libs/contracts/src/principals.ts)
 * on a broker, as its administrator. Idempotent. infra/kafka/start.sh runs it after every start of the
 * local broker; the stack's Pipeline runs `provisionKafka` for its own topic prefix; against a production
 * cluster it runs once per environment (the SCRAM users themselves come from the cluster's tooling,
 * docs/threat-model.md).
 *
 * Usage: node --conditions=@vigil/source --import tsx infra/kafka/provision.ts
 * Env: the local broker's credentials file (VIGIL_KAFKA_CREDENTIALS, else VIGIL_KAFKA_RUN_DIR/credentials.env)
 * or, for any other cluster, KAFKA_BROKERS with the administrator's KAFKA_SASL_MECHANISM/USERNAME/PASSWORD
 * and KAFKA_SSL; KAFKA_TOPIC_PREFIX (''); VIGIL_KAFKA_USER_INGEST, …_CLASSIFIER, …_MODERATION,
 * …_PLATFORM where the user names differ from the principals' names.
 */
import { KAFKA_PRINCIPALS, kafkaAclGrants, topicsWithPrefix, type KafkaPrincipal } from '@vigil/contracts';
import {
  parseBrokers,
  readLocalCredentials,
  TopicAdmin,
  type KafkaSettings,
  type SaslMechanism,
} from '@vigil/kafka';

export interface ProvisionOptions {
  /** Connection settings of the administrator (a super user, or ALTER and CREATE on the cluster). */
  readonly admin: KafkaSettings;
  /** `KAFKA_TOPIC_PREFIX` of the services. */
  readonly topicPrefix?: string;
  /** SASL user name per principal where it is not the principal's name. */
  readonly users?: Partial<Record<KafkaPrincipal, string>>;
}

/** Creates the manifest's missing topics under the prefix and adds the principals' ACLs on them. */
export async function provisionKafka(options: ProvisionOptions): Promise<{ topics: string[]; acls: number }> {
  const admin = new TopicAdmin(options.admin);
  const prefix = options.topicPrefix ?? '';
  const topics = await admin.ensureTopics(topicsWithPrefix(prefix));
  const grants = kafkaAclGrants(prefix, options.users);
  await admin.createAcls(grants);
  return { topics, acls: grants.length };
}

/** The administrator's settings from the environment (see the module comment). */
function adminFromEnv(env: NodeJS.ProcessEnv): KafkaSettings {
  if (env.KAFKA_BROKERS) {
    const mechanism = env.KAFKA_SASL_MECHANISM as SaslMechanism | undefined;
    return {
      brokers: parseBrokers(env.KAFKA_BROKERS),
      clientId: 'vigil-provision',
      ...(mechanism
        ? {
            sasl: {
              mechanism,
              username: env.KAFKA_SASL_USERNAME ?? '',
              password: env.KAFKA_SASL_PASSWORD ?? '',
            },
          }
        : {}),
      ...(env.KAFKA_SSL === 'true' || env.KAFKA_SSL === '1' ? { ssl: true } : {}),
    };
  }
  const local = readLocalCredentials();
  if (!local?.principals.admin)
    throw new Error(
      'provision: set KAFKA_BROKERS and KAFKA_SASL_*, or start the local broker (credentials.env)',
    );
  return { brokers: parseBrokers(local.brokers), clientId: 'vigil-provision', sasl: local.principals.admin };
}

async function main(): Promise<void> {
  const users: Partial<Record<KafkaPrincipal, string>> = {};
  for (const who of Object.keys(KAFKA_PRINCIPALS) as KafkaPrincipal[]) {
    const name = process.env[`VIGIL_KAFKA_USER_${who.toUpperCase()}`];
    if (name) users[who] = name;
  }
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const { topics, acls } = await provisionKafka({
    admin: adminFromEnv(process.env),
    topicPrefix: prefix,
    users,
  });
  console.log(
    `kafka: ${acls} ACLs in place${prefix ? ` for prefix ${prefix}` : ''}` +
      (topics.length > 0 ? `; created ${topics.length} topics` : ''),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('kafka: provisioning failed:', error);
    process.exit(1);
  });
}
