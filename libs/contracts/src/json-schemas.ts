import { z } from 'zod';
import { AuthorActionLiftedV1Schema, AuthorActionV1Schema } from './authors';
import { PostV1Schema } from './post';
import { VerdictV1Schema } from './verdict';

/**
 * The JSON Schemas published for platforms (draft 2020-12, generated from the zod schemas).
 * `npm run schemas -w @vigil/contracts` writes them to `libs/contracts/schemas/`; a test keeps the
 * committed files equal to what the code generates.
 */
export function publishedJsonSchemas(): Record<string, object> {
  return {
    'post.v1.schema.json': {
      $id: 'https://vigil.dev/schemas/post.v1.schema.json',
      title: 'PostV1',
      ...z.toJSONSchema(PostV1Schema, { io: 'input' }),
    },
    'verdict.v1.schema.json': {
      $id: 'https://vigil.dev/schemas/verdict.v1.schema.json',
      title: 'VerdictV1',
      ...z.toJSONSchema(VerdictV1Schema, { io: 'output' }),
    },
    'author-action.v1.schema.json': {
      $id: 'https://vigil.dev/schemas/author-action.v1.schema.json',
      title: 'AuthorActionV1',
      ...z.toJSONSchema(AuthorActionV1Schema, { io: 'output' }),
    },
    'author-action-lifted.v1.schema.json': {
      $id: 'https://vigil.dev/schemas/author-action-lifted.v1.schema.json',
      title: 'AuthorActionLiftedV1',
      ...z.toJSONSchema(AuthorActionLiftedV1Schema, { io: 'output' }),
    },
  };
}
