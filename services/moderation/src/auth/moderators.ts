import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ApiError } from '../http/api-error';
import type { Db, Queryable } from '../database/database';
import type { ModeratorRole } from '../database/tables';
import { audit } from '../audit/audit';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { keepAnAdmin, lockAdmins } from './last-admin';

/** Roles in increasing power: a viewer reads, a moderator also decides, an admin also administers. */
export const MODERATOR_ROLES = ['viewer', 'moderator', 'admin'] as const satisfies readonly ModeratorRole[];

/** True when `role` includes everything `needed` may do. */
export function roleAtLeast(role: ModeratorRole, needed: ModeratorRole): boolean {
  return MODERATOR_ROLES.indexOf(role) >= MODERATOR_ROLES.indexOf(needed);
}

/** The identity provider of username + password accounts. OIDC providers would use their issuer URL. */
export const LOCAL_PROVIDER = 'local';

/** A moderator as the admin API shows it (no credentials). */
export interface ModeratorView {
  readonly moderator_id: string;
  readonly username: string;
  readonly display_name: string;
  readonly role: ModeratorRole;
  /** Queues the moderator is a member of (admins see every queue regardless). */
  readonly queues: string[];
  readonly disabled: boolean;
  readonly created_at: string;
}

export type LoginOutcome =
  { readonly ok: true; readonly moderatorId: string } | { readonly ok: false; readonly reason: 'invalid' };

/** Lower-cases and trims a username (usernames compare case-insensitively). */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Moderator accounts, their identities and queue memberships. Every change is audited in its
 * transaction (`moderator.*`), with before/after, never with credentials.
 */
export class ModeratorStore {
  constructor(private readonly db: Db) {}

  /**
   * Creates an account with a local password identity.
   * @throws ApiError MODERATOR_EXISTS, QUEUE_NOT_FOUND, PASSWORD_INVALID
   */
  async create(input: {
    username: string;
    displayName?: string;
    role: ModeratorRole;
    password: string;
    queues?: readonly string[];
    actor: string;
  }): Promise<ModeratorView> {
    const problem = passwordProblem(input.password);
    if (problem) throw new ApiError(400, 'PASSWORD_INVALID', problem);
    const username = normaliseUsername(input.username);
    const secretHash = await hashPassword(input.password);
    const moderatorId = randomUUID();
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('moderators')
        .values({
          moderator_id: moderatorId,
          username,
          display_name: input.displayName?.trim() || username,
          role: input.role,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('moderator_id')
        .executeTakeFirst();
      if (!inserted) throw new ApiError(409, 'MODERATOR_EXISTS', `username ${username} is taken`);
      await trx
        .insertInto('moderator_identities')
        .values({
          provider: LOCAL_PROVIDER,
          subject: username,
          moderator_id: moderatorId,
          secret_hash: secretHash,
        })
        .execute();
      await this.setQueues(trx, moderatorId, input.queues ?? []);
      const view = (await this.view(trx, moderatorId))!;
      await audit(trx, {
        actor: input.actor,
        tenantId: null,
        action: 'moderator.created',
        subjectType: 'moderator',
        subjectId: moderatorId,
        after: view,
      });
      return view;
    });
  }

  /**
   * Changes role, display name, queues, disabled state or password (disabling or a new one ends sessions).
   * @throws ApiError MODERATOR_NOT_FOUND, QUEUE_NOT_FOUND, PASSWORD_INVALID, LAST_ADMIN (409, last-admin.ts)
   */
  async update(
    moderatorId: string,
    change: {
      role?: ModeratorRole;
      displayName?: string;
      queues?: readonly string[];
      disabled?: boolean;
      password?: string;
    },
    actor: string,
  ): Promise<ModeratorView> {
    if (change.password !== undefined) {
      const problem = passwordProblem(change.password);
      if (problem) throw new ApiError(400, 'PASSWORD_INVALID', problem);
    }
    const secretHash = change.password === undefined ? undefined : await hashPassword(change.password);
    return this.db.transaction().execute(async (trx) => {
      const adminsLocked = await lockAdmins(trx, change);
      const locked = await trx
        .selectFrom('moderators')
        .select('moderator_id')
        .where('moderator_id', '=', moderatorId)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) throw new ApiError(404, 'MODERATOR_NOT_FOUND', `no moderator ${moderatorId}`);
      const before = (await this.view(trx, moderatorId))!;
      const set: Record<string, unknown> = {};
      if (change.role) set.role = change.role;
      if (change.displayName?.trim()) set.display_name = change.displayName.trim();
      if (change.disabled !== undefined) set.disabled_at = change.disabled ? new Date() : null;
      await trx
        .updateTable('moderators')
        .set({ ...set, updated_at: new Date() })
        .where('moderator_id', '=', moderatorId)
        .execute();
      await keepAnAdmin(trx, adminsLocked);
      if (change.queues) await this.setQueues(trx, moderatorId, change.queues);
      if (secretHash) {
        await trx
          .updateTable('moderator_identities')
          .set({ secret_hash: secretHash, failed_attempts: 0, locked_until: null })
          .where('moderator_id', '=', moderatorId)
          .where('provider', '=', LOCAL_PROVIDER)
          .execute();
      }
      if (change.disabled || secretHash) {
        await trx
          .updateTable('moderator_sessions')
          .set({ revoked_at: new Date() })
          .where('moderator_id', '=', moderatorId)
          .where('revoked_at', 'is', null)
          .execute();
      }
      const after = (await this.view(trx, moderatorId))!;
      await audit(trx, {
        actor,
        tenantId: null,
        action: secretHash ? 'moderator.password_set' : 'moderator.updated',
        subjectType: 'moderator',
        subjectId: moderatorId,
        before,
        after,
      });
      return after;
    });
  }

  async list(): Promise<ModeratorView[]> {
    const ids = await this.db.selectFrom('moderators').select('moderator_id').orderBy('username').execute();
    const views = await Promise.all(ids.map((r) => this.view(this.db, r.moderator_id)));
    return views.filter((v): v is ModeratorView => v !== undefined);
  }

  async get(moderatorId: string): Promise<ModeratorView | undefined> {
    return this.view(this.db, moderatorId);
  }

  async findByUsername(username: string): Promise<ModeratorView | undefined> {
    const row = await this.db
      .selectFrom('moderators')
      .select('moderator_id')
      .where('username', '=', normaliseUsername(username))
      .executeTakeFirst();
    return row && this.view(this.db, row.moderator_id);
  }

  /**
   * Checks a username and password. Unknown usernames cost the same scrypt work as known ones, and
   * disabled accounts fail as `invalid` like wrong passwords, so the answer never tells which usernames
   * exist. Throttling and lock-outs are the caller's (LoginThrottle, before any hashing): the account
   * itself is never locked. `hash` runs the scrypt work (the throttle's concurrency bound). Failures are
   * audited (`moderator.login_failed`) with a running count that a success resets: the account is the
   * subject, the actor is whoever typed the password (`login:<source address>`, `anonymous` without
   * one), never the account itself, so a stranger's guesses do not read as the owner's actions.
   */
  async verifyLocalLogin(
    username: string,
    password: string,
    hash: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
    source?: string,
  ): Promise<LoginOutcome> {
    const subject = normaliseUsername(username);
    const identity = await this.db
      .selectFrom('moderator_identities as i')
      .innerJoin('moderators as m', 'm.moderator_id', 'i.moderator_id')
      .select(['i.moderator_id', 'i.secret_hash', 'm.disabled_at'])
      .where('i.provider', '=', LOCAL_PROVIDER)
      .where('i.subject', '=', subject)
      .executeTakeFirst();
    const stored = identity?.secret_hash ?? (await dummyHash());
    const ok = await hash(() => verifyPassword(password, stored));
    if (!identity) return { ok: false, reason: 'invalid' };
    if (ok && !identity.disabled_at) {
      await this.db
        .updateTable('moderator_identities')
        .set({ failed_attempts: 0, locked_until: null, last_login_at: new Date() })
        .where('provider', '=', LOCAL_PROVIDER)
        .where('subject', '=', subject)
        .execute();
      return { ok: true, moderatorId: identity.moderator_id };
    }
    const updated = await this.db
      .updateTable('moderator_identities')
      .set({ failed_attempts: sql`failed_attempts + 1` })
      .where('provider', '=', LOCAL_PROVIDER)
      .where('subject', '=', subject)
      .returning(['failed_attempts'])
      .executeTakeFirst();
    await audit(this.db, {
      actor: source ? `login:${source}` : 'anonymous',
      tenantId: null,
      action: 'moderator.login_failed',
      subjectType: 'moderator',
      subjectId: identity.moderator_id,
      after: { failed_attempts: updated?.failed_attempts },
    });
    return { ok: false, reason: 'invalid' };
  }

  private async setQueues(db: Queryable, moderatorId: string, queues: readonly string[]): Promise<void> {
    const wanted = [...new Set(queues)];
    if (wanted.length > 0) {
      const known = await db
        .selectFrom('review_queues')
        .select('queue_id')
        .where('queue_id', 'in', wanted)
        .execute();
      const missing = wanted.filter((q) => !known.some((k) => k.queue_id === q));
      if (missing.length > 0) throw new ApiError(400, 'QUEUE_NOT_FOUND', `no queue ${missing.join(', ')}`);
    }
    await db.deleteFrom('queue_members').where('moderator_id', '=', moderatorId).execute();
    if (wanted.length > 0) {
      await db
        .insertInto('queue_members')
        .values(wanted.map((queue_id) => ({ queue_id, moderator_id: moderatorId })))
        .execute();
    }
  }

  private async view(db: Queryable, moderatorId: string): Promise<ModeratorView | undefined> {
    const row = await db
      .selectFrom('moderators as m')
      .select([
        'm.moderator_id',
        'm.username',
        'm.display_name',
        'm.role',
        'm.disabled_at',
        'm.created_at',
        (eb) =>
          eb
            .fn<string[]>('array', [
              eb
                .selectFrom('queue_members as q')
                .select('q.queue_id')
                .whereRef('q.moderator_id', '=', 'm.moderator_id')
                .orderBy('q.queue_id'),
            ])
            .as('queues'),
      ])
      .where('m.moderator_id', '=', moderatorId)
      .executeTakeFirst();
    return (
      row && {
        moderator_id: row.moderator_id,
        username: row.username,
        display_name: row.display_name,
        role: row.role,
        queues: row.queues,
        disabled: row.disabled_at !== null,
        created_at: row.created_at.toISOString(),
      }
    );
  }
}
