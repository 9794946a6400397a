import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database/database';
import type { ModeratorRole } from '../database/tables';

/** The moderator behind a dashboard request. */
export interface ModeratorPrincipal {
  readonly moderatorId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: ModeratorRole;
  /** Queues this moderator works in: every queue for admins, memberships otherwise. */
  readonly queues: readonly string[];
  /** Hex SHA-256 of the session cookie. */
  readonly sessionHash: string;
}

export interface SessionSettings {
  /** Absolute lifetime from login, ms. */
  readonly ttlMs: number;
  /** Ends after this long without a request, ms. */
  readonly idleMs: number;
}

function hashSession(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `last_seen_at` is written at most this often per session, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side moderator sessions in PostgreSQL. The cookie holds 256 random bits; only their SHA-256 is
 * stored, so a database read does not yield usable sessions. A session records the identity provider
 * it came from (`local` now; an OIDC login would create the same row with its issuer), ends at
 * `expires_at`, after `idleMs` without use, on logout, or when the account is disabled.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly settings: SessionSettings,
  ) {}

  /** Opens a session; returns the cookie value (shown once) and its expiry. */
  async create(
    moderatorId: string,
    provider: string,
    client: { userAgent?: string; ip?: string },
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.settings.ttlMs);
    await this.db
      .insertInto('moderator_sessions')
      .values({
        session_hash: hashSession(token),
        moderator_id: moderatorId,
        provider,
        expires_at: expiresAt,
        user_agent: client.userAgent?.slice(0, 512) ?? null,
        ip: client.ip ?? null,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The principal of a live session, or undefined (unknown, expired, idle, revoked, account disabled). */
  async resolve(token: string): Promise<ModeratorPrincipal | undefined> {
    const sessionHash = hashSession(token);
    const row = await this.db
      .selectFrom('moderator_sessions as s')
      .innerJoin('moderators as m', 'm.moderator_id', 's.moderator_id')
      .select([
        's.moderator_id',
        's.last_seen_at',
        'm.username',
        'm.display_name',
        'm.role',
        (eb) =>
          eb
            .fn<string[]>('array', [
              eb
                .selectFrom('review_queues as q')
                .select('q.queue_id')
                .where((w) =>
                  w.or([
                    w(sql.ref('m.role'), '=', 'admin'),
                    w.exists(
                      w
                        .selectFrom('queue_members as qm')
                        .select('qm.queue_id')
                        .whereRef('qm.queue_id', '=', 'q.queue_id')
                        .whereRef('qm.moderator_id', '=', 'm.moderator_id'),
                    ),
                  ]),
                )
                .orderBy('q.queue_id'),
            ])
            .as('queues'),
      ])
      .where('s.session_hash', '=', sessionHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', new Date())
      .where('s.last_seen_at', '>', new Date(Date.now() - this.settings.idleMs))
      .where('m.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.db
        .updateTable('moderator_sessions')
        .set({ last_seen_at: new Date() })
        .where('session_hash', '=', sessionHash)
        .execute();
    }
    return {
      moderatorId: row.moderator_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      queues: row.queues,
      sessionHash,
    };
  }

  /** Ends one session (logout). */
  /**
   * Ends a session. With `releaseClaims`, the moderator's claimed review tasks go back to their queues
   * in the same transaction (a logout must not leave tasks held for the claim lease).
   */
  async revoke(sessionHash: string, options: { releaseClaims?: boolean } = {}): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const session = await trx
        .updateTable('moderator_sessions')
        .set({ revoked_at: new Date() })
        .where('session_hash', '=', sessionHash)
        .returning('moderator_id')
        .executeTakeFirst();
      if (!session || !options.releaseClaims) return;
      await trx
        .updateTable('review_tasks')
        .set({ status: 'open', claimed_by: null, claim_expires_at: null, claimed_at: null })
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', session.moderator_id)
        .execute();
    });
  }
}
