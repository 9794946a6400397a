import { ApiError } from '../http/api-error';
import type { Tx } from '../database/database';

/**
 * Locks every admin account (in id order) before a change of role or disabled state, so that two admins
 * demoting or disabling each other at once are decided one after the other. Other changes lock nothing.
 * @returns whether the change touches role or disabled state (pass it to `keepAnAdmin`).
 */
export async function lockAdmins(trx: Tx, change: { role?: unknown; disabled?: unknown }): Promise<boolean> {
  if (change.role === undefined && change.disabled === undefined) return false;
  await trx
    .selectFrom('moderators')
    .select('moderator_id')
    .where('role', '=', 'admin')
    .orderBy('moderator_id')
    .forUpdate()
    .execute();
  return true;
}

/**
 * Refuses a change that leaves no enabled admin (the transaction rolls back): nobody could then manage
 * accounts, queues or hash banks from the dashboard, only with the operator CLI.
 * @throws ApiError 409 LAST_ADMIN
 */
export async function keepAnAdmin(trx: Tx, locked: boolean): Promise<void> {
  if (!locked) return;
  const admins = await trx
    .selectFrom('moderators')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(admins.n) === 0) {
    throw new ApiError(
      409,
      'LAST_ADMIN',
      'this would leave no enabled admin; make another account admin first',
    );
  }
}
