import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/api-error';
import type { Db } from '../database/database';
import type { HashMatchState } from '../database/tables';
import { audit } from '../audit/audit';

/** A moderator's confirm or reject of one bank match on one post revision. */
export interface HashMatchReview {
  tenantId: string;
  postId: string;
  revision: number;
  hashId: string;
  decision: 'confirm' | 'reject';
  moderatorId: string;
  note?: string;
}

/** The reviewed entry's state after the decision, with the match's media and bank. */
export interface HashMatchReviewOutcome {
  hash_id: string;
  media_id: string;
  bank: string;
  match_state: HashMatchState;
  enabled: boolean;
}

/**
 * A moderator's judgement of a match shown in the review flow. When the bank is owned by the post's
 * tenant, `confirm` marks the entry confirmed and `reject` marks it rejected and disables it
 * (`disabled_reason: match_rejected`), so a bad hash stops matching without disabling its bank.
 * For a shared bank, or one another tenant owns, the decision is recorded (review row, audit, the
 * entry's confirmed/rejected counts) and the entry is left as it is: one tenant's moderators never
 * switch off matching that protects another tenant (issue 19); an admin disables shared entries. The
 * match must be one recorded for that post revision.
 * @throws ApiError 404 HASH_MATCH_NOT_FOUND
 */
export async function reviewHashMatch(db: Db, input: HashMatchReview): Promise<HashMatchReviewOutcome> {
  const post = await db
    .selectFrom('posts')
    .select('hash_matches')
    .where('tenant_id', '=', input.tenantId)
    .where('post_id', '=', input.postId)
    .where('revision', '=', input.revision)
    .executeTakeFirst();
  const match = post?.hash_matches.find((m) => m.hash_id === input.hashId);
  if (!match || !/^\d{1,18}$/.test(input.hashId))
    throw new ApiError(404, 'HASH_MATCH_NOT_FOUND', `post has no match with bank hash ${input.hashId}`);
  const actor = `moderator:${input.moderatorId}`;
  return db.transaction().execute(async (trx) => {
    const reject = input.decision === 'reject';
    // Only the tenant that owns the bank decides for everyone: a rejection from another tenant's post
    // (or on a shared bank) is recorded and counted, and the entry keeps matching.
    const owner = await trx
      .selectFrom('bank_hashes as h')
      .innerJoin('hash_banks as b', 'b.bank_id', 'h.bank_id')
      .select('b.owner_tenant')
      .where('h.hash_id', '=', input.hashId)
      .executeTakeFirst();
    const decides = owner !== undefined && owner.owner_tenant === input.tenantId;
    const row = await trx
      .updateTable('bank_hashes')
      .set((eb) => ({
        reviewed_at: new Date(),
        reviewed_by: actor,
        ...(reject
          ? {
              rejected_matches: eb('rejected_matches', '+', 1),
              ...(decides
                ? { match_state: 'rejected' as const, enabled: false, disabled_reason: 'match_rejected' }
                : {}),
            }
          : {
              confirmed_matches: eb('confirmed_matches', '+', 1),
              ...(decides ? { match_state: 'confirmed' as const } : {}),
            }),
      }))
      .where('hash_id', '=', input.hashId)
      .returning(['hash_id', 'match_state', 'enabled'])
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'HASH_MATCH_NOT_FOUND', `bank hash ${input.hashId} no longer exists`);
    await trx
      .insertInto('hash_match_reviews')
      .values({
        review_id: randomUUID(),
        hash_id: input.hashId,
        tenant_id: input.tenantId,
        post_id: input.postId,
        revision: input.revision,
        media_id: match.media_id,
        decision: input.decision,
        moderator_id: input.moderatorId,
        note: input.note ?? null,
      })
      .execute();
    await audit(trx, {
      actor,
      tenantId: input.tenantId,
      action: `hash_match.${input.decision}`,
      subjectType: 'bank_hash',
      subjectId: input.hashId,
      after: {
        post_id: input.postId,
        revision: input.revision,
        media_id: match.media_id,
        bank: match.bank,
        owner_decides: decides,
      },
    });
    return {
      hash_id: row.hash_id,
      media_id: match.media_id,
      bank: match.bank,
      match_state: row.match_state,
      enabled: row.enabled,
    };
  });
}
