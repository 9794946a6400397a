import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@vigil/platform';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/http/openapi';
import { envSchema } from '../src/config';
import { ModerationModule } from '../src/moderation.module';
import { loadPolicies } from '../src/policies';

/** The committed document the dashboard generates its client types from. */
const DOCUMENT = join(__dirname, '..', 'openapi.json');

describe('OpenAPI document', () => {
  it('openapi.json is the document the controllers produce (UPDATE_OPENAPI=1 rewrites it)', async () => {
    const config = parseConfig(envSchema, {
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      MODERATION_ROLES: 'api',
      LOG_LEVEL: 'silent',
    });
    // Created, never initialised: nothing connects to the database or the broker.
    const app = await NestFactory.create(ModerationModule.forRoot(config, loadPolicies(config)), {
      logger: false,
    });
    const document = JSON.parse(JSON.stringify(openApiDocument(app))) as Record<string, unknown>;
    await app.close();
    if (process.env.UPDATE_OPENAPI) writeFileSync(DOCUMENT, `${JSON.stringify(document, null, 2)}\n`);
    expect(JSON.parse(readFileSync(DOCUMENT, 'utf8'))).toEqual(document);
    // Schemas register when their module loads: a `$ref` to one nobody imported points at nothing.
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs.length).toBeGreaterThan(0);
    expect([...new Set(refs)].filter((name) => !(name in schemas))).toEqual([]);
  });
});
