import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypes, GENERATED } from '../scripts/api-types-source.mjs';

describe('client types', () => {
  it('src/api/schema.gen.ts is what openapi-typescript makes from the committed OpenAPI document', async () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(await apiTypes());
  });
});
