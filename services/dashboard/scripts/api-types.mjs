// Generates src/api/schema.gen.ts (the review API's types) from the moderation service's committed
// OpenAPI document with openapi-typescript. Run after `npm run openapi -w @vigil/moderation`.
import { writeFileSync } from 'node:fs';
import { apiTypes, GENERATED } from './api-types-source.mjs';

writeFileSync(GENERATED, await apiTypes());
console.log(`wrote ${GENERATED}`);
