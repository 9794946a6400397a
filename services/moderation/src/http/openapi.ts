import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { publishedJsonSchemas } from '@vigil/contracts';
import { z } from 'zod';
import { requestSchemas, responseSchemas } from './openapi-registry';
import { SESSION_COOKIE } from './session-cookie';

/** The registry's schemas as OpenAPI 3.0 components, referring to each other by `#/components/schemas/…`. */
function componentsOf(registry: typeof requestSchemas, io: 'input' | 'output'): Record<string, object> {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io,
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $id: _id, ...schema }]) => [id, schema as object]),
  );
}

/**
 * Builds the OpenAPI document from the controllers (@nestjs/swagger), adds VerdictV1 from the
 * published JSON Schema, so the API documents exactly the contract platforms validate against, and the
 * request and response shapes registered from zod schemas (openapi-registry.ts).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Vigil moderation API')
    .setDescription(
      'For platforms: verdict lookup, webhook endpoint management, appeals and user reports; authenticate ' +
        'with a per-tenant API token (`Authorization: Bearer vgl_…`). For the review dashboard: queues, ' +
        `claims and decisions under /review; authenticate with the \`${SESSION_COOKIE}\` session cookie from ` +
        '`POST /review/session` and send `x-vigil-csrf: 1` with every request that changes something.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const {
    $id: _id,
    $schema: _schema,
    ...verdict
  } = publishedJsonSchemas()['verdict.v1.schema.json'] as Record<string, unknown>;
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...componentsOf(requestSchemas, 'input'),
      ...componentsOf(responseSchemas, 'output'),
      VerdictV1: verdict,
    },
  };
  return document;
}

/** Serves the OpenAPI UI at `/docs` and the document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => openApiDocument(app));
}
