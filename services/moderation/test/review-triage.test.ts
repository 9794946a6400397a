/** Triage by severity: the tier rules in TypeScript and the SQL the queue orders by agree. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../src/database/database';
import { dueSecondsSql, tierSeconds, triageTier, triageTierSql } from '../src/review/triage';
import { modelTaskFacets } from '../src/verdicts/task-facets';
import { DATABASE_URL } from './support';

let db: Db;
beforeAll(() => {
  db = createDatabase({ url: DATABASE_URL, schema: 'public', poolSize: 2 });
});
afterAll(async () => {
  await db?.destroy();
});

/** The tier and due seconds SQL gives a task with these reasons, categories and severity. */
async function inSql(reasons: object[], categories: string[], severity: number, slaSeconds = 86_400) {
  const { rows } = await sql<{ tier: number; due: number }>`
    SELECT ${triageTierSql()} AS tier, ${dueSecondsSql(slaSeconds)} AS due
    FROM (VALUES (${JSON.stringify(reasons)}::jsonb, ${categories}::text[], ${severity}::smallint))
      AS t(reasons, categories, severity)`.execute(db);
  return rows[0]!;
}

describe('triage by severity', () => {
  it('puts self-harm intent and threats in minutes, an insult in a day', () => {
    expect(triageTier([{ category: 'self-harm/intent', severity: 1 }])).toBe(1);
    expect(triageTier([{ category: 'harassment/threatening', severity: 2 }])).toBe(1);
    expect(triageTier([{ category: 'harassment/threatening', severity: 1 }])).toBe(2);
    expect(triageTier([{ category: 'hate', severity: 2 }])).toBe(3);
    expect(triageTier([{ category: 'harassment', severity: 2 }])).toBe(4);
    expect(triageTier([{ category: 'profanity', severity: 3 }])).toBe(4);
    expect(triageTier([])).toBe(4);
    expect([1, 2, 3, 4].map(tierSeconds)).toEqual([900, 3600, 14_400, 86_400]);
  });

  it('SQL agrees: each reason at the severity of its own score, the most urgent wins, capped by the queue SLA', async () => {
    const model = (category: string, score: number) => ({ rule: 'r', action: 'review', category, score });
    // self-harm/intent at 0.47 (low) is urgent although the post's highest severity comes from elsewhere.
    expect(await inSql([model('self-harm', 0.52), model('self-harm/intent', 0.47)], [], 2)).toEqual({
      tier: 1,
      due: 900,
    });
    expect(await inSql([model('harassment', 0.78)], ['harassment'], 2)).toEqual({ tier: 4, due: 86_400 });
    expect(await inSql([model('hate', 0.66)], [], 2, 3600)).toEqual({ tier: 3, due: 3600 });
    // A report without scores: its categories at the task's severity.
    expect(await inSql([{ source: 'report' }], ['harassment/threatening'], 2)).toEqual({ tier: 1, due: 900 });
    expect(await inSql([], [], 0)).toEqual({ tier: 4, due: 86_400 });
  });

  it('a post the model removed for a credible threat and sent to review for harassment is urgent', async () => {
    const actions = [
      { rule: 'r1', action: 'remove', category: 'harassment/threatening', score: 0.99 },
      { rule: 'r2', action: 'review', category: 'harassment', score: 0.62 },
      { rule: 'r3', action: 'allow', category: 'spam', score: 0.01 },
    ] as const;
    const scores = [
      { category: 'harassment/threatening', severity: 3 },
      { category: 'harassment', severity: 2 },
      { category: 'spam', severity: 0 },
    ];
    const facets = modelTaskFacets(actions, scores);
    expect(facets).toEqual({ categories: ['harassment', 'harassment/threatening'], severity: 3 });
    // The task's reasons are its review actions only; the removed category still sets the tier.
    const reasons = actions.filter((a) => a.action === 'review');
    expect(await inSql(reasons, facets.categories, facets.severity)).toEqual({ tier: 1, due: 900 });
    // Before: facets from the review actions alone put it in the routine tier.
    expect(await inSql(reasons, ['harassment'], 2)).toEqual({ tier: 4, due: 86_400 });
  });
});
