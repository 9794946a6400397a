import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * Express's `trust proxy` setting from `HTTP_TRUST_PROXY`, so `req.ip` (the source the login throttle
 * counts per) is the client behind a reverse proxy, not the proxy. Empty = off (the socket address);
 * `true`; a hop count (`1`); or Express's names and CIDRs (`loopback`, `10.0.0.0/8, uniquelocal`).
 * Source: https://expressjs.com/en/guide/behind-proxies.html. Trust only proxies you run: a client can
 * write any X-Forwarded-For it likes.
 */
export function setupTrustProxy(app: INestApplication, setting: string): void {
  const value = setting.trim();
  if (!value) return;
  const parsed = value === 'true' ? true : /^\d+$/.test(value) ? Number(value) : value;
  (app as NestExpressApplication).set('trust proxy', parsed);
}
