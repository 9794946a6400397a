/** Writes the published JSON Schemas to libs/contracts/schemas/ (run: npm run schemas -w @vigil/contracts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedJsonSchemas } from '../src/json-schemas';

for (const [file, schema] of Object.entries(publishedJsonSchemas())) {
  writeFileSync(join(__dirname, '..', 'schemas', file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${file}`);
}
