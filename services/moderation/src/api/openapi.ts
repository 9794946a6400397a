import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { publishedJsonSchemas } from '@vigil/contracts';

/**
 * Builds the OpenAPI document from the controllers (@nestjs/swagger) and adds VerdictV1 from the
 * published JSON Schema, so the API documents exactly the contract platforms validate against.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Vigil moderation API')
    .setDescription(
      'Verdict lookup for platforms that missed a delivery, and webhook endpoint management. ' +
        'Authenticate with a per-tenant API token: `Authorization: Bearer vgl_…`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const {
    $id: _id,
    $schema: _schema,
    ...verdict
  } = publishedJsonSchemas()['verdict.v1.schema.json'] as Record<string, unknown>;
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, VerdictV1: verdict },
  };
  return document;
}

/** Serves the OpenAPI UI at `/docs` and the document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => openApiDocument(app));
}
