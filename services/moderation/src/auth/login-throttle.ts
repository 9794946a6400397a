import pLimit from 'p-limit';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../http/api-error';

/** Limits of the login endpoint (moderation config `LOGIN_*`). */
export interface LoginThrottleLimits {
  /** Failed logins for one username from one source within `windowMs` before that pair is refused. */
  readonly failuresPerUserSource: number;
  /** Failed logins from one source (any username) within `windowMs` before the source is refused. */
  readonly failuresPerSource: number;
  /** Window over which failures count, ms; each failure decays after it (fixed window per key). */
  readonly windowMs: number;
  /** Password hashes (scrypt, 128 MiB each) running at once in this process. */
  readonly hashConcurrency: number;
  /** Logins waiting for a hash slot; beyond it a login is refused at once with 503 AUTH_BUSY. */
  readonly hashQueue: number;
}

/** Answer for every refused login, known, unknown or disabled username alike (no account enumeration). */
function refused(res: RateLimiterRes): ApiError {
  const error = new ApiError(429, 'AUTH_LOGIN_LOCKED', 'too many failed logins; try again later');
  return Object.assign(error, { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });
}

/**
 * Guards the password login before any hashing, following the OWASP Authentication Cheat Sheet
 * ("Login Throttling"): failures are counted per (username, source) and per source, never per account
 * alone, so nobody can lock a moderator out from elsewhere by typing wrong passwords; counts decay after
 * `windowMs`; a refused login does no scrypt work; at most `hashConcurrency` hashes run at once, with a
 * bounded queue (an unknown-username flood cannot exhaust memory).
 *
 * Counters live in this process (rate-limiter-flexible's memory store): with N replicas behind a load
 * balancer an attacker gets at most N times the budget. Source = the client address Nest sees (`req.ip`).
 */
export class LoginThrottle {
  private readonly perUserSource: RateLimiterMemory;
  private readonly perSource: RateLimiterMemory;
  private readonly hashes: pLimit.Limit;

  constructor(private readonly limits: LoginThrottleLimits) {
    const duration = Math.max(1, Math.ceil(limits.windowMs / 1000));
    this.perUserSource = new RateLimiterMemory({
      keyPrefix: 'login-user-source',
      points: limits.failuresPerUserSource,
      duration,
    });
    this.perSource = new RateLimiterMemory({
      keyPrefix: 'login-source',
      points: limits.failuresPerSource,
      duration,
    });
    this.hashes = pLimit(limits.hashConcurrency);
  }

  /** Password hashes running now (for tests and the `vigil_login_hashes_active` view of load). */
  get activeHashes(): number {
    return this.hashes.activeCount;
  }

  /** @throws ApiError 429 AUTH_LOGIN_LOCKED when the source or the (username, source) pair is out of budget. */
  async check(username: string, source: string): Promise<void> {
    const [pair, whole] = await Promise.all([
      this.perUserSource.get(pairKey(username, source)),
      this.perSource.get(source),
    ]);
    // A record past its window reads msBeforeNext ≤ 0 until its timer deletes it: expired, not refused.
    for (const res of [pair, whole]) {
      if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) throw refused(res);
    }
  }

  /** Counts one failed login against the pair and the source. */
  async failed(username: string, source: string): Promise<void> {
    await Promise.all([
      this.perUserSource.penalty(pairKey(username, source), 1),
      this.perSource.penalty(source, 1),
    ]);
  }

  /** A successful login clears the pair's count (the source's count decays on its own). */
  async succeeded(username: string, source: string): Promise<void> {
    await this.perUserSource.delete(pairKey(username, source));
  }

  /**
   * Runs one password hash inside the concurrency bound.
   * @throws ApiError 503 AUTH_BUSY when `hashQueue` logins already wait for a slot.
   */
  hash<T>(work: () => Promise<T>): Promise<T> {
    if (this.hashes.pendingCount >= this.limits.hashQueue) {
      return Promise.reject(new ApiError(503, 'AUTH_BUSY', 'too many logins at once; try again shortly'));
    }
    return this.hashes(work);
  }
}

function pairKey(username: string, source: string): string {
  return JSON.stringify([username, source]);
}
