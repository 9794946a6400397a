import { randomUUID } from 'node:crypto';
import type { CategoryId } from '@vigil/contracts';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';
import { latestVerdict } from '../verdicts/verdict-queries';
import { audit } from '../audit/audit';
import { taskFacets } from '../verdicts/task-facets';

/** Base priority by the platform's urgency; appeals sit above model flags of the same urgency. */
const PRIORITY = { low: 50, normal: 150, high: 250 } as const;

export interface PlatformTaskInput {
  readonly kind: 'appeal' | 'report';
  readonly tenantId: string;
  readonly postId: string;
  readonly revision?: number;
  /** The platform's appeal or report id (one task per id). */
  readonly externalRef: string;
  readonly statement?: string;
  readonly priority?: keyof typeof PRIORITY;
  /** For reports: the category the user chose. */
  readonly category?: CategoryId;
  /** `token:<token id>` */
  readonly actor: string;
}

export interface PlatformTaskOutcome {
  readonly task_id: string;
  readonly created: boolean;
  readonly status: 'open' | 'claimed' | 'resolved' | 'cancelled';
  readonly revision: number;
  readonly verdict_id: string;
}

/**
 * Opens a review task for an author's appeal or a user's report, sent by the platform with its API
 * token. The task points at the verdict in force (model or human) for the revision, whose actions become
 * its reasons, so the moderator sees what is contested and the post's whole history. Idempotent by the
 * platform's id: sending the same appeal or report again returns the same task (`created: false`).
 * @throws ApiError 404 POST_NOT_FOUND when Vigil has no verdict for the post (or that revision).
 */
export async function openPlatformTask(db: Db, input: PlatformTaskInput): Promise<PlatformTaskOutcome> {
  return db.transaction().execute(async (trx) => {
    const received = async () => {
      const task = await trx
        .selectFrom('review_tasks')
        .select(['task_id', 'status', 'revision', 'verdict_id'])
        .where('tenant_id', '=', input.tenantId)
        .where('kind', '=', input.kind)
        .where('external_ref', '=', input.externalRef)
        .executeTakeFirst();
      return task && { ...task, created: false };
    };
    const existing = await received();
    if (existing) return existing;

    const verdict = await latestVerdict(trx, input.tenantId, input.postId, input.revision);
    if (!verdict) {
      const which = input.revision === undefined ? '' : ` revision ${input.revision}`;
      throw new ApiError(404, 'POST_NOT_FOUND', `no verdict for post ${input.postId}${which}`);
    }
    const contested = verdict.actions.filter((a) => a.action !== 'allow');
    const reasons = input.kind === 'appeal' ? contested : [];
    const focus = input.category ? [{ category: input.category }] : contested;
    const taskId = randomUUID();
    const row = await trx
      .insertInto('review_tasks')
      .values({
        task_id: taskId,
        tenant_id: input.tenantId,
        post_id: input.postId,
        revision: verdict.revision,
        verdict_id: verdict.verdict_id,
        kind: input.kind,
        priority: PRIORITY[input.priority ?? 'normal'],
        platform_priority: input.priority ?? 'normal',
        reasons: JSON.stringify(
          reasons.length > 0
            ? reasons
            : [
                {
                  action: 'review',
                  rule: `${input.kind}.opened`,
                  ...(input.category ? { category: input.category } : {}),
                },
              ],
        ),
        ...taskFacets(focus, verdict.scores),
        external_ref: input.externalRef,
        statement: input.statement?.trim() || null,
        opened_by: input.actor,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kind', 'external_ref']).where('external_ref', 'is not', null).doNothing(),
      )
      .returning(['task_id', 'status', 'revision', 'verdict_id'])
      .executeTakeFirst();
    // No row: a concurrent request with the same id won the insert.
    if (!row) return (await received())!;
    await audit(trx, {
      actor: input.actor,
      tenantId: input.tenantId,
      action: `${input.kind}.opened`,
      subjectType: 'review_task',
      subjectId: taskId,
      after: {
        post_id: input.postId,
        revision: verdict.revision,
        verdict_id: verdict.verdict_id,
        external_ref: input.externalRef,
        statement: input.statement ?? null,
      },
    });
    return { ...row, created: true };
  });
}
