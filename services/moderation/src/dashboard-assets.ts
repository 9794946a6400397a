import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where the dashboard is served. */
export const DASHBOARD_PATH = '/dashboard';

/**
 * Content Security Policy of the dashboard's pages: scripts and styles from this origin only, media from
 * this origin or blob: URLs (the item view loads media with fetch), no framing (clickjacking).
 */
export const DASHBOARD_CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; " +
  "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** The built dashboard (`services/dashboard/dist`) beside this service in the repository and the image. */
export function defaultDashboardDir(): string {
  return resolve(__dirname, '..', '..', 'dashboard', 'dist');
}

interface Req {
  readonly method: string;
  readonly path: string;
}
interface Res {
  setHeader(name: string, value: string): void;
  type(type: string): Res;
  send(body: string): void;
}

/**
 * Serves the dashboard's static files at /dashboard/ (hashed assets cached for a year, index.html never
 * cached, unknown paths answered with index.html for client-side routing) and redirects / there.
 * @returns false when `dir` holds no build (the API still runs; the dashboard is simply absent).
 */
export function serveDashboard(app: INestApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const html = readFileSync(index, 'utf8');
  const express = app as NestExpressApplication;
  const security = (res: Res) => {
    res.setHeader('content-security-policy', DASHBOARD_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
  };
  express.useStaticAssets(dir, {
    prefix: `${DASHBOARD_PATH}/`,
    index: false,
    setHeaders: (res, path) => {
      security(res as unknown as Res);
      res.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((req: Req, res: Res, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/') {
      (res as unknown as { redirect(url: string): void }).redirect(`${DASHBOARD_PATH}/`);
      return;
    }
    if (req.path !== DASHBOARD_PATH && !req.path.startsWith(`${DASHBOARD_PATH}/`)) return next();
    if (req.path.startsWith(`${DASHBOARD_PATH}/assets/`)) return next(); // a missing asset is a 404
    security(res);
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(html);
  });
  return true;
}
