/**
 * Results and posts crafted to stop moderation (issue 18), on the real broker and PostgreSQL: each one
 * must end in exactly one verdict (on the topic and as a webhook) or a dead letter with its reason, and
 * the record behind it on the same partition must still be decided. Also: `/readyz` asks the broker at
 * most once per cache period, and the database pool gives up on a server that does not answer.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import {
  encodeInternal,
  internalHeaders,
  RequestBinder,
  postKey,
  TOPICS,
  topicName,
  type InferenceResult,
  type PostV1,
  type VerdictV1,
} from '@vigil/contracts';
import { DLQ_HEADERS, RecordProducer, TopicAdmin } from '@vigil/kafka';
import { testBroker, uniqueName } from '@vigil/kafka/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../src/api/api-tokens';
import { createDatabase, type Db } from '../src/database/database';
import { recordMediaSources } from '../src/media/media-sources';
import { startModeration } from './review-support';
import { bound, DATABASE_URL, eventually, makeResult, recordsForKey, startReceiver } from './support';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const broker = testBroker(BROKERS.split(','));
const settings = broker.settings('moderation-hostile-test');
const schema = `moderation_hostile_${uniqueName('s').split('.')[1]}`;
const prefix = `${uniqueName('hostile')}.`;
let app: INestApplication;
let baseUrl: string;
let db: Db;
let producer: RecordProducer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpointId: string;

async function publishResults(...results: InferenceResult[]): Promise<void> {
  await producer.send(
    topicName(TOPICS.inferenceResults, prefix),
    results.map((r) => ({
      key: postKey(r.tenant_id, r.post_id),
      value: encodeInternal(r),
      headers: internalHeaders('inference-result.v1'),
    })),
  );
}

const newPostId = () => uniqueName('post').replace('.', '-');
const verdictRows = (postId: string) =>
  db.selectFrom('verdicts').selectAll().where('post_id', '=', postId).orderBy('revision').execute();
const webhooksFor = (postId: string) =>
  receiver.requests
    .map((r) => (JSON.parse(r.body) as { data: VerdictV1 }).data)
    .filter((v) => v.post_id === postId);
/**
 * The post's verdicts on the verdicts topic, once at least `expected` are there: the relay publishes the
 * outbox on its own schedule, so a webhook may arrive before the Kafka record does.
 */
const topicVerdicts = async (postId: string, expected: number) =>
  eventually(async () => {
    const records = await recordsForKey(
      settings,
      topicName(TOPICS.verdicts, prefix),
      postKey('acme', postId),
    );
    return records.length >= expected
      ? records.map((r) => JSON.parse(r.value!.toString()) as VerdictV1)
      : undefined;
  }, 20_000);
const deadLetters = (topic: string, postId: string) =>
  recordsForKey(
    settings,
    topicName(topic === 'results' ? TOPICS.inferenceResultsDlq : TOPICS.mediaSourcesDlq, prefix),
    postKey('acme', postId),
  );

beforeAll(async () => {
  ({ app, baseUrl } = await startModeration({
    ...broker.env(),
    KAFKA_TOPIC_PREFIX: prefix,
    DATABASE_SCHEMA: schema,
    RESULTS_GROUP_ID: uniqueName('results'),
    MEDIA_GROUP_ID: uniqueName('media'),
    OUTBOX_POLL_INTERVAL: '50ms',
    WEBHOOK_POLL_INTERVAL: '50ms',
    WEBHOOK_EGRESS_ALLOW: '127.0.0.1',
    KAFKA_HANDLER_MAX_ATTEMPTS: '2',
  }));
  db = createDatabase({ url: DATABASE_URL, schema, poolSize: 4 });
  producer = new RecordProducer(settings);
  receiver = await startReceiver();
  const { token } = await createApiToken(db, {
    tenantId: 'acme',
    name: 'test',
    scopes: ['webhooks:manage'],
    actor: 'test',
  });
  const created = await fetch(`${baseUrl}/v1/tenants/acme/webhook-endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ url: receiver.url }),
  });
  expect(created.status).toBe(201);
  ({ endpoint_id: endpointId } = (await created.json()) as { endpoint_id: string });
});

afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await producer?.disconnect();
  if (db) {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    await db.destroy();
  }
  await new TopicAdmin(settings).deleteTopics(Object.values(TOPICS).map((t) => topicName(t, prefix)));
});

describe('hostile results', () => {
  it('decides a result with 3,700 media (over the 65535 bind parameters of one INSERT) and the post behind it', async () => {
    const postId = newPostId();
    const base = makeResult({ postId, endpointId });
    const media = Array.from({ length: 3700 }, (_, i) => ({ ...base.media[0]!, media_id: `m${i}` }));
    const next = makeResult({ postId, revision: 1, endpointId });
    await publishResults(bound({ ...base, media }), next);
    await eventually(async () => (await verdictRows(postId)).length === 2, 60_000);
    const stored = await db
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('post_id', '=', postId)
      .where('revision', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(3700);
    await eventually(async () => webhooksFor(postId).length === 2, 20_000);
    expect((await topicVerdicts(postId, 2)).map((v) => v.revision)).toEqual([0, 1]);
  });

  it('decides a caption with a NUL character once: stored with U+FFFD, one verdict, one webhook', async () => {
    const postId = newPostId();
    const result = makeResult(
      { postId, endpointId },
      { caption: { text: 'bad \u0000 byte', lang: 'en', lang_confidence: 0.9 } },
    );
    await publishResults(result);
    await eventually(async () => (await verdictRows(postId)).length === 1, 30_000);
    const post = await db
      .selectFrom('posts')
      .select(['caption', 'status'])
      .where('post_id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(post).toEqual({ caption: 'bad \uFFFD byte', status: 'ok' });
    await eventually(async () => webhooksFor(postId).length === 1, 20_000);
    expect(await topicVerdicts(postId, 1)).toHaveLength(1);
    expect(await deadLetters('results', postId)).toHaveLength(0);
  });

  it('turns two media with one media_id into an error verdict the platform hears, and dead-letters the original', async () => {
    const postId = newPostId();
    const base = makeResult({ postId, endpointId });
    const twice = bound({ ...base, media: [base.media[0]!, base.media[0]!] });
    const next = makeResult({ postId, revision: 1, endpointId });
    await publishResults(twice, next);
    await eventually(async () => (await verdictRows(postId)).length === 2, 30_000);
    const [first] = await verdictRows(postId);
    expect(first).toMatchObject({ revision: 0, status: 'error' });
    await eventually(async () => webhooksFor(postId).length === 2, 20_000);
    const hook = webhooksFor(postId).find((v) => v.revision === 0)!;
    expect(hook.status).toBe('error');
    expect(hook.errors).toEqual([expect.objectContaining({ code: 'POST_NOT_STORED' })]);
    expect(hook.scores).toEqual([]);
    expect((await topicVerdicts(postId, 2)).map((v) => [v.revision, v.status])).toEqual([
      [0, 'error'],
      [1, 'ok'],
    ]);
    const dead = await deadLetters('results', postId);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers[DLQ_HEADERS.errorCode]).toBe('RESULT_CONSTRAINT_VIOLATION');
    expect(dead[0]!.headers[DLQ_HEADERS.errorMessage]).toMatch(/^SQLSTATE 23505 \(table media/);
    expect(dead[0]!.value!.equals(encodeInternal(twice))).toBe(true);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/vigil_kafka_dead_letters_total\{[^}]*code="RESULT_CONSTRAINT_VIOLATION"\} 1/);
  });
});

describe('forged results (issue 19: only a result that answers a request ingest issued is recorded)', () => {
  const postRows = (postId: string) =>
    db.selectFrom('posts').select(['tenant_id', 'revision']).where('post_id', '=', postId).execute();

  it('dead-letters a well-formed result for a request never issued (no binding, or one made with a guessed key) and records the next', async () => {
    const unbound = newPostId();
    const foreignKey = newPostId();
    const next = newPostId();
    const noBinding = makeResult({ postId: unbound, endpointId });
    delete noBinding.request_binding;
    const otherKey = RequestBinder.fromKeyring(`test:${Buffer.alloc(32, 9).toString('base64')}`);
    const signedElsewhere = makeResult({ postId: foreignKey, endpointId });
    signedElsewhere.request_binding = otherKey.sign(signedElsewhere);
    // All three under one key, so one partition, in this order.
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      [noBinding, signedElsewhere, makeResult({ postId: next, endpointId })].map((r) => ({
        key: postKey('acme', unbound),
        value: encodeInternal(r),
        headers: internalHeaders('inference-result.v1'),
      })),
    );
    await eventually(async () => (await verdictRows(next)).length === 1, 30_000);
    expect(await verdictRows(unbound)).toEqual([]);
    expect(await verdictRows(foreignKey)).toEqual([]);
    expect(await postRows(unbound)).toEqual([]);
    expect(await postRows(foreignKey)).toEqual([]);
    const dead = await deadLetters('results', unbound);
    expect(dead.map((d) => d.headers[DLQ_HEADERS.errorCode])).toEqual([
      'RESULT_BINDING_INVALID',
      'RESULT_BINDING_INVALID',
    ]);
    expect(dead[0]!.headers[DLQ_HEADERS.errorMessage]).toMatch(/no request binding/);
    expect(dead[1]!.headers[DLQ_HEADERS.errorMessage]).toMatch(/does not match/);
    await eventually(async () => webhooksFor(next).length === 1, 20_000);
    expect(webhooksFor(unbound)).toEqual([]);
    expect(webhooksFor(foreignKey)).toEqual([]);
  });

  it('a forged early allow (a real binding moved to another tenant, post, revision or media) cannot win over the real result', async () => {
    const postId = newPostId();
    const real = makeResult({ postId, endpointId, scores: { 'harassment/threatening': 0.96 } });
    const allow = { ...makeResult({ postId, endpointId }), request_binding: real.request_binding };
    const forgeries = [
      { ...allow, media: [{ ...allow.media[0]!, sha256: 'f'.repeat(64) }] }, // other media bytes
      { ...allow, revision: 1, request_id: `acme:${postId}:1` }, // a later revision
      { ...allow, tenant_id: 'globex', request_id: `globex:${postId}:0` }, // another tenant
      { ...allow, post_id: `${postId}-x` }, // another post
    ];
    // The forgeries arrive first, on the real result's partition.
    await producer.send(
      topicName(TOPICS.inferenceResults, prefix),
      [...forgeries, real].map((r) => ({
        key: postKey('acme', postId),
        value: encodeInternal(r),
        headers: internalHeaders('inference-result.v1'),
      })),
    );
    await eventually(async () => (await verdictRows(postId)).length === 1, 30_000);
    const [verdict] = await verdictRows(postId);
    expect(verdict).toMatchObject({ tenant_id: 'acme', revision: 0 });
    await eventually(async () => webhooksFor(postId).length === 1, 20_000);
    const hook = webhooksFor(postId)[0]!;
    expect(hook.scores.find((s) => s.category === 'harassment/threatening')?.score).toBe(0.96);
    expect(hook.actions[0]!.action).not.toBe('allow');
    expect(await postRows(`${postId}-x`)).toEqual([]);
    const dead = await deadLetters('results', postId);
    expect(dead.map((d) => d.headers[DLQ_HEADERS.errorCode])).toEqual(
      Array(4).fill('RESULT_BINDING_INVALID'),
    );
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/vigil_kafka_dead_letters_total\{[^}]*code="RESULT_BINDING_INVALID"\} 6/);
  });
});

describe('media sources consumer', () => {
  const post = (postId: string, media: PostV1['media']): PostV1 => ({
    schema_version: 1,
    post_id: postId,
    tenant_id: 'acme',
    revision: 0,
    created_at: new Date().toISOString(),
    author: 'u-1',
    text: 'look',
    media,
    priority: 'normal',
  });
  const photo = (id: string) => ({
    media_id: id,
    kind: 'image' as const,
    source: { url: `https://cdn.example/${id}.jpg` },
  });

  it('writes the media sources of a 7,000-media post in bounded statements', async () => {
    const postId = newPostId();
    const media = Array.from({ length: 7000 }, (_, i) => photo(`m${i}`));
    expect(await recordMediaSources(db, post(postId, media), 1024)).toBe(7000);
  });

  it('dead-letters a post the database refuses, with the reason, and records the next one', async () => {
    const refused = newPostId();
    const next = newPostId();
    await sql`ALTER TABLE ${sql.id(schema, 'media_sources')} ADD CONSTRAINT no_refused CHECK (post_id <> ${sql.lit(refused)})`.execute(
      db,
    );
    try {
      // Same key → same partition: `next` is behind `refused`.
      await producer.send(topicName(TOPICS.posts, prefix), [
        { key: postKey('acme', refused), value: JSON.stringify(post(refused, [photo('a')])) },
        { key: postKey('acme', refused), value: JSON.stringify(post(next, [photo('b')])) },
      ]);
      await eventually(
        () => db.selectFrom('media_sources').select('url').where('post_id', '=', next).executeTakeFirst(),
        30_000,
      );
    } finally {
      await sql`ALTER TABLE ${sql.id(schema, 'media_sources')} DROP CONSTRAINT no_refused`.execute(db);
    }
    const dead = await deadLetters('media', refused);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers[DLQ_HEADERS.errorCode]).toBe('RESULT_CONSTRAINT_VIOLATION');
    expect(dead[0]!.headers[DLQ_HEADERS.originTopic]).toBe(topicName(TOPICS.posts, prefix));
  });
});

describe('operations', () => {
  it('answers /readyz from a cached broker probe: one cluster request for many probes', async () => {
    const spy = vi.spyOn(TopicAdmin.prototype, 'brokerCount');
    for (let i = 0; i < 10; i++) expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1); // every probe of the service shares one cached answer
    spy.mockRestore();
  });

  it('gives up on a database server that accepts connections but never answers', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const stuck = createDatabase({
      url: `postgres://postgres@127.0.0.1:${port}/vigil_test`,
      schema: 'public',
      poolSize: 1,
      connectTimeoutMs: 300,
    });
    const started = Date.now();
    await expect(sql`SELECT 1`.execute(stuck)).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(5_000);
    await stuck.destroy();
    silent.close();
  });

  it('survives its connection being terminated mid-transaction (a PostgreSQL restart): the statement fails, the process does not', async () => {
    const victim = createDatabase({ url: DATABASE_URL, schema: 'public', poolSize: 1 });
    const failed = victim.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      await sql`SELECT pg_terminate_backend(${rows[0]!.pid})`.execute(db);
      await new Promise((r) => setTimeout(r, 300)); // the 'error' event arrives while no statement runs
      await sql`SELECT 1`.execute(trx);
    });
    await expect(failed).rejects.toThrow();
    // The pool replaced the dead client.
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(victim)).rows).toEqual([{ one: 1 }]);
    await victim.destroy();
  });

  it('cancels a statement that runs past the statement timeout (SQLSTATE 57014)', async () => {
    const slow = createDatabase({
      url: DATABASE_URL,
      schema: 'public',
      poolSize: 1,
      statementTimeoutMs: 200,
    });
    await expect(sql`SELECT pg_sleep(2)`.execute(slow)).rejects.toMatchObject({ code: '57014' });
    await slow.destroy();
  });
});
