import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Largest JSON request body, bytes: a hash-bank import (up to 4 MB of file text, 10,000 hashes). */
export const JSON_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Raises the JSON body limit from Express's 100 kB to {@link JSON_BODY_LIMIT} (larger bodies get 413).
 * Call before the app listens.
 */
export function setupBodyLimits(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: JSON_BODY_LIMIT });
}
