/**
 * The deployment files must agree with the code: every service has a Dockerfile, compose and the
 * Kubernetes manifests build/run each one, and every environment variable they set is one that the
 * service's config schema reads (a typo there would silently fall back to a default).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_TOPICS, TOPICS, kafkaAclGrants } from '@vigil/contracts';
import { envVariables, type EnvSchema } from '@vigil/platform';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
const SERVICES_DIR = join(ROOT, 'services');

/** Services are the folders under services/ that have a config schema (the dashboard is static files). */
const services = readdirSync(SERVICES_DIR).filter((name) =>
  existsSync(join(SERVICES_DIR, name, 'src', 'config.ts')),
);

async function schemaOf(service: string): Promise<EnvSchema> {
  const mod = (await import(join(SERVICES_DIR, service, 'src', 'config.ts'))) as { envSchema: EnvSchema };
  return mod.envSchema;
}

interface ComposeService {
  build?: { context: string; dockerfile: string };
  environment?: Record<string, unknown>;
}

describe('infra/compose/docker-compose.yml', () => {
  const composeDir = join(ROOT, 'infra', 'compose');
  const compose = parse(readFileSync(join(composeDir, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };

  it('has a service built from its own Dockerfile for every Vigil service', () => {
    for (const service of services) {
      const entry = compose.services[service];
      expect(entry, `compose service ${service}`).toBeDefined();
      expect(entry!.build?.dockerfile).toBe(`services/${service}/Dockerfile`);
      expect(existsSync(join(composeDir, entry!.build!.context, entry!.build!.dockerfile))).toBe(true);
    }
  });

  it.each(services)('runs %s as its own Kafka principal', (service) => {
    const env = compose.services[service]?.environment ?? {};
    expect(env.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
    expect(env.KAFKA_SASL_USERNAME).toBe(service);
    expect(String(env.KAFKA_SASL_PASSWORD)).toContain(`VIGIL_KAFKA_${service.toUpperCase()}_PASSWORD`);
  });

  it("creates the manifest's topics and exactly the ACLs of libs/contracts (kafka/setup.sh)", () => {
    const setup = readFileSync(join(composeDir, 'kafka', 'setup.sh'), 'utf8');
    const list = (name: string) =>
      [...new RegExp(`^${name}=\\(\\n([\\s\\S]*?)^\\)`, 'm').exec(setup)![1]!.matchAll(/'([^']+)'/g)].map(
        (m) => m[1]!.split(' '),
      );
    expect(list('TOPICS')).toEqual(
      ALL_TOPICS.map((t) => [t.name, String(t.partitions), String(t.retentionMs), String(t.maxMessageBytes)]),
    );
    const acls = list('ACLS').flatMap(([user, operation, resource, ...names]) =>
      names.map((name) =>
        [
          `User:${user}`,
          resource === 'topic' ? 'topic literal' : 'group prefixed',
          name,
          operation!.toLowerCase(),
        ].join(' '),
      ),
    );
    const expected = kafkaAclGrants('').map((g) =>
      [g.principal, `${g.resource} ${g.pattern}`, g.name, g.operation].join(' '),
    );
    expect(acls.sort()).toEqual(expected.sort());
  });

  it.each(services)('sets only variables that %s reads', async (service) => {
    const known = new Set(envVariables(await schemaOf(service)));
    const set = Object.keys(compose.services[service]?.environment ?? {});
    expect(set.length).toBeGreaterThan(0);
    expect(set.filter((v) => !known.has(v))).toEqual([]);
  });
});

describe('infra/k8s', () => {
  const k8sDir = join(ROOT, 'infra', 'k8s');
  const common = parse(readFileSync(join(k8sDir, 'common.yaml'), 'utf8')) as { data: Record<string, string> };

  it.each(services)('deploys %s with probes and only variables it reads', async (service) => {
    const docs = parseAllDocuments(readFileSync(join(k8sDir, `${service}.yaml`), 'utf8')).map((d) =>
      d.toJS(),
    );
    const deployment = docs.find((d) => d.kind === 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    const known = new Set(envVariables(await schemaOf(service)));
    const set = [...(container.env ?? []).map((e: { name: string }) => e.name), ...Object.keys(common.data)];
    expect(set.filter((v) => !known.has(v))).toEqual([]);
  });

  it.each(services)('runs every %s deployment as its own Kafka principal over TLS', (service) => {
    expect(common.data.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
    expect(common.data.KAFKA_SSL).toBe('true');
    const deployments = parseAllDocuments(readFileSync(join(k8sDir, `${service}.yaml`), 'utf8'))
      .map((d) => d.toJS())
      .filter((d) => d?.kind === 'Deployment' && d.metadata.name.startsWith(`vigil-${service}`));
    expect(deployments.length).toBeGreaterThan(0);
    for (const deployment of deployments) {
      const env = deployment.spec.template.spec.containers[0].env as {
        name: string;
        value?: string;
        valueFrom?: { secretKeyRef: { name: string } };
      }[];
      expect(env.find((e) => e.name === 'KAFKA_SASL_USERNAME')?.value).toBe(service);
      expect(env.find((e) => e.name === 'KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef.name).toBe(
        `vigil-kafka-${service}`,
      );
    }
  });
});

describe('every service Dockerfile', () => {
  it.each(services)('%s is multi-stage and starts the compiled service', (service) => {
    const dockerfile = readFileSync(join(SERVICES_DIR, service, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toContain(`services/${service}/dist/main.js`);
  });
});

describe('infra/k8s/autoscaling (KEDA)', () => {
  const k8sDir = join(ROOT, 'infra', 'k8s');
  const common = parse(readFileSync(join(k8sDir, 'common.yaml'), 'utf8')) as { data: Record<string, string> };
  const scaled = parseAllDocuments(readFileSync(join(k8sDir, 'autoscaling', 'keda.yaml'), 'utf8')).map((d) =>
    d.toJS(),
  );
  const consumers = [
    { service: 'ingest', groupVar: 'INGEST_GROUP_ID', topic: TOPICS.posts },
    { service: 'classifier', groupVar: 'CLASSIFIER_GROUP_ID', topic: TOPICS.inferenceRequests },
  ];

  it('is a kustomization over the base manifests', () => {
    const k = parse(readFileSync(join(k8sDir, 'autoscaling', 'kustomization.yaml'), 'utf8')) as {
      resources: string[];
    };
    expect(k.resources).toEqual(['..', 'keda.yaml']);
  });

  it.each(consumers)(
    'scales $service on the lag of its own group and topic',
    ({ service, groupVar, topic }) => {
      const deployment = parseAllDocuments(readFileSync(join(k8sDir, `${service}.yaml`), 'utf8'))
        .map((d) => d.toJS())
        .find((d) => d.kind === 'Deployment');
      const container = deployment.spec.template.spec.containers[0];
      const group = container.env.find((e: { name: string }) => e.name === groupVar).value as string;
      const object = scaled.find(
        (d) => d.kind === 'ScaledObject' && d.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect(object, `ScaledObject for ${deployment.metadata.name}`).toBeDefined();
      const [trigger, ...others] = object.spec.triggers;
      expect(others).toEqual([]);
      expect(trigger.type).toBe('kafka');
      expect(trigger.metadata).toMatchObject({
        bootstrapServers: common.data.KAFKA_BROKERS,
        consumerGroup: group,
        topic: topic.name,
        allowIdleConsumers: 'false',
      });
      expect(Number(trigger.metadata.lagThreshold)).toBeGreaterThan(0);
      expect(object.spec.maxReplicaCount).toBeLessThanOrEqual(topic.partitions);
      expect(object.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    },
  );
});
