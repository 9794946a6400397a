import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { VerdictV1Schema, type VerdictV1 } from '@vigil/contracts';
import { parsePolicy, PolicyReplay, PolicySet } from '@vigil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/database/database';
import { ResultRecorder } from '../src/verdicts/result-recorder';
import { latestVerdict, verdictFeed } from '../src/verdicts/verdict-queries';
import { storedReplayItems } from '../src/verdicts/replay-source';
import { writeVerdict } from '../src/verdicts/verdict-writer';
import { EndpointStore } from '../src/webhooks/endpoint-store';
import { DATABASE_URL, freshSchema, makeResult } from './support';

let db: Db;
let schema: string;
let drop: () => Promise<void>;
let recorder: ResultRecorder;

beforeAll(async () => {
  ({ db, schema, drop } = await freshSchema());
  recorder = new ResultRecorder(db, new PolicySet([]));
});

afterAll(async () => {
  await drop?.();
});

describe('human decisions (the path the review dashboard uses)', () => {
  it('writes a human verdict, its decision and outbox rows in one transaction; it supersedes the model verdict', async () => {
    const { endpoint } = await new EndpointStore(db).create({
      tenantId: 'acme',
      url: 'https://hooks.example.com/vigil',
      maxConcurrency: 2,
      actor: 'test',
    });
    const result = makeResult({ endpointId: endpoint.endpoint_id, scores: { harassment: 0.72 } });
    const recorded = await recorder.record(result);
    if (recorded.outcome !== 'created') throw new Error('expected a verdict');
    expect(recorded.reviewTask).not.toBeNull();

    const human: VerdictV1 = VerdictV1Schema.parse({
      ...recorded.verdict,
      verdict_id: randomUUID(),
      source: 'human',
      actions: [{ action: 'remove', rule: 'human.remove', category: 'harassment' }],
      decided_at: new Date().toISOString(),
      review: { decision: 'remove', reason_code: 'targeted_harassment', moderator_id: 'mod-7' },
    });
    await db.transaction().execute(async (trx) => {
      const written = await writeVerdict(trx, human, {
        supersedes: recorded.verdict.verdict_id,
        callbackEndpointId: endpoint.endpoint_id,
      });
      expect(written).toEqual({ inserted: true, deliveries: 1 });
      await trx
        .insertInto('human_decisions')
        .values({
          decision_id: randomUUID(),
          task_id: recorded.reviewTask,
          tenant_id: 'acme',
          post_id: result.post_id,
          revision: 0,
          moderator_id: 'mod-7',
          decision: 'remove',
          reason_code: 'targeted_harassment',
          verdict_id: human.verdict_id,
        })
        .execute();
      await trx
        .updateTable('review_tasks')
        .set({ status: 'resolved', resolved_at: new Date() })
        .where('task_id', '=', recorded.reviewTask!)
        .execute();
    });

    expect(await latestVerdict(db, 'acme', result.post_id)).toMatchObject({
      source: 'human',
      review: { moderator_id: 'mod-7' },
    });
    const deliveries = await db
      .selectFrom('webhook_deliveries')
      .select(['message_id', 'verdict_id'])
      .where('endpoint_id', '=', endpoint.endpoint_id)
      .execute();
    expect(new Set(deliveries.map((d) => d.message_id)).size).toBe(2);
    const outbox = await db.selectFrom('outbox').select('verdict_id').where('sent_at', 'is', null).execute();
    expect(outbox.map((o) => o.verdict_id)).toEqual(
      expect.arrayContaining([recorded.verdict.verdict_id, human.verdict_id]),
    );
    const feed = await verdictFeed(db, 'acme', undefined, 10);
    expect(feed.verdicts.map((v) => v.source)).toEqual(['model', 'human']);
  });
});

describe('policy replay over stored scores', () => {
  const strict = parsePolicy(`
id: strict
version: '2'
categories:
  spam: [{ action: remove, min_score: 0.6 }]
  profanity: [{ action: blur, min_score: 0.3 }]
`);

  beforeAll(async () => {
    const scores = [{ spam: 0.7 }, { spam: 0.96 }, { profanity: 0.4 }, { profanity: 0.75 }, {}];
    for (const s of scores) await recorder.record(makeResult({ tenant: 'replay', scores: s }));
    await recorder.record(makeResult({ tenant: 'other', scores: { spam: 0.99 } }));
  });

  it('counts the posts each action would hit beside the current actions', async () => {
    const replay = new PolicyReplay(strict);
    for await (const item of storedReplayItems(db, {
      since: new Date(Date.now() - 3_600_000),
      tenantId: 'replay',
      pageSize: 2,
    })) {
      replay.add(item);
    }
    const report = replay.report();
    expect(report.posts).toBe(5);
    expect(report.candidate).toMatchObject({ remove: 2, blur: 2, allow: 1, label: 0 });
    // Default policy: spam 0.7 → label, 0.96 → remove; profanity 0.75 → label, 0.4 → allow.
    expect(report.current).toMatchObject({ remove: 1, label: 2, allow: 2 });
    expect(report.changed).toBe(3);
  });

  it('runs as a command and prints the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(
      join(dir, 'strict.yaml'),
      `id: strict\nversion: '2'\ncategories:\n  spam: [{ action: remove, min_score: 0.6 }]\n`,
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@vigil/source',
        '--import',
        'tsx',
        'src/cli/moderation-cli.ts',
        'policy',
        'replay',
        '--policy',
        join(dir, 'strict.yaml'),
        '--tenant',
        'replay',
        '--days',
        '1',
      ],
      { cwd: join(__dirname, '..'), env: { ...process.env, DATABASE_URL, DATABASE_SCHEMA: schema } },
    );
    expect(stdout).toContain('policy strict@2 over 5 post revisions');
    expect(stdout).toMatch(/remove\s+2\s+1/);
  });
});
