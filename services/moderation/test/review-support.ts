/** A running moderation app with the review API, and an HTTP client that logs moderators in. */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@vigil/platform';
import { envSchema, type ModerationConfig } from '../src/config';
import { ModeratorStore } from '../src/auth/moderators';
import type { ModeratorRole } from '../src/database/tables';
import type { Db } from '../src/database/database';
import { ModerationModule } from '../src/moderation.module';
import { loadPolicies } from '../src/policies';
import { setupBodyLimits } from '../src/http/body-limits';
import { setupOpenApi } from '../src/http/openapi';
import { setupTrustProxy } from '../src/http/trust-proxy';
import { DATABASE_URL, TEST_REQUEST_BINDING_KEYS } from './support';

/** Starts the moderation service in-process on a random port with `env` on top of test defaults. */
export async function startModeration(
  env: Record<string, string>,
): Promise<{ app: INestApplication; baseUrl: string; config: ModerationConfig }> {
  const config = parseConfig(envSchema, {
    KAFKA_BROKERS: '127.0.0.1:9092',
    DATABASE_URL,
    SESSION_COOKIE_SECURE: 'false',
    REQUEST_BINDING_KEYS: TEST_REQUEST_BINDING_KEYS,
    HTTP_PORT: '1',
    LOG_LEVEL: 'error',
    ...env,
  });
  const app = await NestFactory.create(ModerationModule.forRoot(config, loadPolicies(config)), {
    logger: ['error'],
  });
  app.enableShutdownHooks();
  setupBodyLimits(app);
  setupTrustProxy(app, config.HTTP_TRUST_PROXY);
  setupOpenApi(app);
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'), config };
}

/** A logged-in dashboard user: `call` sends the session cookie and the CSRF header. */
export interface Session {
  readonly moderatorId: string;
  readonly cookie: string;
  call(path: string, init?: { method?: string; body?: unknown; csrf?: boolean }): Promise<Response>;
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

export const PASSWORD = 'correct horse battery staple';

/** Creates an account (through the store, as the CLI does) and logs it in over HTTP. */
export async function moderatorSession(
  db: Db,
  baseUrl: string,
  account: { username: string; role: ModeratorRole; queues?: string[] },
): Promise<Session> {
  const created = await new ModeratorStore(db).create({ ...account, password: PASSWORD, actor: 'test' });
  return login(baseUrl, account.username, created.moderator_id);
}

export async function login(baseUrl: string, username: string, moderatorId: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/review/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-vigil-csrf': '1' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('vigil_session='))!
    .split(';')[0]!;
  const call: Session['call'] = (path, init = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.csrf === false ? {} : { 'x-vigil-csrf': '1' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return {
    moderatorId,
    cookie,
    call,
    json: async <T>(path: string, init?: { method?: string; body?: unknown }) => {
      const res = await call(path, init);
      if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}
