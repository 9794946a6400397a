import { sql } from 'kysely';
import { request, type Dispatcher } from 'undici';
import type { Db } from '../database/database';
import { disableEndpoint } from './endpoint-store';
import { nextRetryDelay } from './retry-schedule';
import { signWebhook } from './webhook-signer';
import { WebhookSecretBox } from './secret-box';

const PLAINTEXT = WebhookSecretBox.plaintext();

export interface DispatcherSettings {
  /** A 2xx must arrive within this time, ms (Standard Webhooks / Svix: 15 000). */
  readonly timeoutMs: number;
  /** Delays before attempts 1, 2, …, ms; its length is the number of attempts. */
  readonly schedule: readonly number[];
  /** Fractional random spread of retry delays (0.2 = ±20 %). */
  readonly jitter: number;
  /** An endpoint failing without success for this long is disabled, ms (5 days). */
  readonly disableAfterMs: number;
  /** Deliveries this instance sends at once, all endpoints together. */
  readonly maxInFlight: number;
  /** Opens stored signing secrets (WEBHOOK_SECRET_KEYS); plain-text secrets without it. */
  readonly secretBox?: WebhookSecretBox;
}

/** What happened to one attempt (for logs, metrics and tests). */
export interface AttemptOutcome {
  readonly deliveryId: string;
  readonly endpointId: string;
  readonly messageId: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** `succeeded`, `retry` (another attempt is scheduled) or `failed` (schedule exhausted). */
  readonly result: 'succeeded' | 'retry' | 'failed';
  /** Set when this attempt disabled the endpoint. */
  readonly disabledEndpoint?: string;
}

interface ClaimedDelivery {
  delivery_id: string;
  message_id: string;
  endpoint_id: string;
  url: string;
  payload: string;
  attempts: number;
  /** The endpoint's valid secrets at claim time, newest first. */
  secrets: string[];
}

/**
 * Sends webhook deliveries per the Standard Webhooks spec and the Svix retry schedule.
 *
 * Claims: one short transaction locks due endpoints (`FOR UPDATE SKIP LOCKED`), then leases at most
 * `max_concurrency − in-flight` due deliveries of each (again `SKIP LOCKED`). Holding the endpoint row
 * while counting makes the per-endpoint limit exact across dispatcher instances, so a slow receiver
 * holds only its own slots. The lease (timeout + 5 s) hands a delivery to another instance if this one
 * dies mid-request; the attempt was already counted at claim time.
 *
 * Attempts run outside any transaction (HTTP through the SSRF-guarded undici agent, cut at
 * `timeoutMs`); the outcome is written afterwards: success ends the delivery, failure schedules the next
 * attempt (with jitter) or fails it when the schedule is exhausted. 410 Gone disables the endpoint at
 * once; an endpoint failing for `disableAfterMs` is disabled; both are audited.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly agent: Dispatcher,
    private readonly settings: DispatcherSettings,
    private readonly onAttempt: (outcome: AttemptOutcome) => void = () => {},
    private readonly onSettled: () => void = () => {},
    /** An attempt whose outcome could not be recorded (database down…); its lease expires and it is retried. */
    private readonly onError: (error: unknown) => void = () => {},
    private readonly random: () => number = Math.random,
  ) {}

  /** Deliveries being sent by this instance now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Claims due deliveries within the instance and per-endpoint limits and starts sending them
   * (without waiting for the responses).
   * @returns how many were started.
   */
  async dispatchDue(): Promise<number> {
    const capacity = this.settings.maxInFlight - this.inFlight.size;
    if (capacity <= 0) return 0;
    const claimed = await this.claim(capacity);
    for (const delivery of claimed) {
      const running: Promise<void> = this.attempt(delivery)
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.inFlight.delete(running);
          this.onSettled();
        });
      this.inFlight.add(running);
    }
    return claimed.length;
  }

  /** Resolves when every attempt started so far has been recorded. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const leaseMs = this.settings.timeoutMs + 5000;
    return this.db.transaction().execute(async (trx) => {
      // Endpoints with due work, the longest-waiting first (fair when there are more than 100).
      const endpoints = await sql<{ endpoint_id: string }>`
        SELECT e.endpoint_id FROM webhook_endpoints e
        CROSS JOIN LATERAL (
          SELECT min(d.next_attempt_at) AS due FROM webhook_deliveries d
          WHERE d.endpoint_id = e.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= now()
            AND (d.lease_until IS NULL OR d.lease_until <= now())) oldest
        WHERE e.disabled_at IS NULL AND oldest.due IS NOT NULL
        ORDER BY oldest.due
        LIMIT 100
        FOR UPDATE OF e SKIP LOCKED`.execute(trx);
      if (endpoints.rows.length === 0) return [];
      // A new statement: its snapshot sees every lease committed by whoever held these endpoints before.
      const claimed = await sql<ClaimedDelivery>`
        WITH picked AS (
          SELECT d.delivery_id, d.next_attempt_at
          FROM webhook_endpoints e
          CROSS JOIN LATERAL (
            SELECT x.delivery_id, x.next_attempt_at FROM webhook_deliveries x
            WHERE x.endpoint_id = e.endpoint_id AND x.status = 'pending' AND x.next_attempt_at <= now()
              AND (x.lease_until IS NULL OR x.lease_until <= now())
            ORDER BY x.next_attempt_at, x.delivery_id
            LIMIT GREATEST(e.max_concurrency - (
              SELECT count(*) FROM webhook_deliveries y
              WHERE y.endpoint_id = e.endpoint_id AND y.status = 'pending' AND y.lease_until > now()), 0)
            FOR UPDATE SKIP LOCKED
          ) d
          WHERE e.endpoint_id = ANY(${endpoints.rows.map((r) => r.endpoint_id)}::text[])
          ORDER BY d.next_attempt_at
          LIMIT ${limit}
        )
        UPDATE webhook_deliveries w
        SET attempts = w.attempts + 1, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
        FROM picked, webhook_endpoints e
        WHERE w.delivery_id = picked.delivery_id AND e.endpoint_id = w.endpoint_id
        RETURNING w.delivery_id, w.message_id, w.endpoint_id, e.url, w.payload, w.attempts,
          ARRAY(SELECT s.secret FROM webhook_secrets s
                WHERE s.endpoint_id = w.endpoint_id AND (s.expires_at IS NULL OR s.expires_at > now())
                ORDER BY s.secret_id DESC) AS secrets`.execute(trx);
      return claimed.rows;
    });
  }

  private get secretBox(): WebhookSecretBox {
    return this.settings.secretBox ?? PLAINTEXT;
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const started = new Date();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await request(d.url, {
        method: 'POST',
        dispatcher: this.agent,
        body: d.payload,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Vigil-Webhooks/1',
          ...signWebhook(
            d.message_id,
            d.payload,
            d.secrets.map((stored) => this.secretBox.open(stored, d.endpoint_id)),
            started,
          ),
        },
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
      });
      statusCode = res.statusCode;
      await res.body.dump({ limit: 64 * 1024 });
    } catch (cause) {
      const e = cause as Error;
      error =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? `no response within ${this.settings.timeoutMs} ms`
          : `${(e as { code?: string }).code ?? e.name}: ${e.message}`.slice(0, 1000);
    }
    const ok = error === null && statusCode !== null && statusCode >= 200 && statusCode < 300;
    if (!ok && error === null) error = `HTTP ${statusCode}`;
    const durationMs = Date.now() - started.getTime();
    const outcome = await this.record(d, { ok, statusCode, error, started, durationMs });
    this.onAttempt(outcome);
  }

  private async record(
    d: ClaimedDelivery,
    a: { ok: boolean; statusCode: number | null; error: string | null; started: Date; durationMs: number },
  ): Promise<AttemptOutcome> {
    const base = {
      deliveryId: d.delivery_id,
      endpointId: d.endpoint_id,
      messageId: d.message_id,
      attempt: d.attempts,
      ok: a.ok,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    };
    if (a.ok) {
      // The common case in one statement (one round trip, one commit).
      await sql`
        WITH attempt AS (
          INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code)
          VALUES (${d.delivery_id}, ${d.attempts}, ${a.started}, ${a.durationMs}, ${a.statusCode})
          ON CONFLICT DO NOTHING),
        delivery AS (
          UPDATE webhook_deliveries
          SET status = 'succeeded', finished_at = now(), lease_until = NULL, last_status = ${a.statusCode},
            last_error = NULL
          WHERE delivery_id = ${d.delivery_id})
        UPDATE webhook_endpoints SET failing_since = NULL
        WHERE endpoint_id = ${d.endpoint_id} AND failing_since IS NOT NULL`.execute(this.db);
      return { ...base, result: 'succeeded' };
    }
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: d.delivery_id,
          attempt: d.attempts,
          started_at: a.started,
          duration_ms: a.durationMs,
          status_code: a.statusCode,
          error: a.error,
        })
        .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
        .execute();
      const delay = nextRetryDelay(this.settings.schedule, d.attempts, this.settings.jitter, this.random);
      await trx
        .updateTable('webhook_deliveries')
        .set({
          lease_until: null,
          last_status: a.statusCode,
          last_error: a.error,
          ...(delay === null
            ? { status: 'failed' as const, finished_at: sql`now()` }
            : { next_attempt_at: new Date(Date.now() + delay) }),
        })
        .where('delivery_id', '=', d.delivery_id)
        .execute();
      const endpoint = await trx
        .updateTable('webhook_endpoints')
        .set({ failing_since: sql`coalesce(failing_since, ${a.started})` })
        .where('endpoint_id', '=', d.endpoint_id)
        .returning('failing_since')
        .executeTakeFirst();
      let disabledEndpoint: string | undefined;
      if (a.statusCode === 410) {
        disabledEndpoint = 'receiver answered 410 Gone';
      } else if (
        endpoint?.failing_since &&
        Date.now() - endpoint.failing_since.getTime() >= this.settings.disableAfterMs
      ) {
        disabledEndpoint = `failing since ${endpoint.failing_since.toISOString()}`;
      }
      if (disabledEndpoint) await disableEndpoint(trx, d.endpoint_id, disabledEndpoint);
      return {
        ...base,
        result: delay === null ? 'failed' : 'retry',
        ...(disabledEndpoint ? { disabledEndpoint } : {}),
      };
    });
  }
}
