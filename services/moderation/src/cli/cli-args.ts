import { parseArgs } from 'node:util';
import { SCOPES } from '../api/api-tokens';
import { MODERATOR_ROLES } from '../auth/moderators';
import { SIGNAL_TYPES } from '../hash-banks/bank-types';

export const USAGE = `usage:
  moderation migrate
  moderation token create --tenant T [--name N] [--scopes ${SCOPES.join(',')}]
  moderation token list [--tenant T]
  moderation token revoke ID
  moderation webhook-secrets reseal        seal every webhook secret with WEBHOOK_SECRET_KEYS' first key
  moderation policy replay --policy FILE [--tenant T] [--days N]
  moderation policy check FILE...
  moderation moderator create --username U --role ${MODERATOR_ROLES.join('|')} [--name N] [--queues a,b] [--password-stdin]
  moderation moderator password --username U [--password-stdin]
  moderation moderator list
  moderation bank create --name N --signal ${SIGNAL_TYPES.join('|')} --action A [--source S] [--description D] [--owner-tenant T]
  moderation bank import --bank N FILE...
  moderation bank remove --bank N [--hashes h,h] [--ids 1,2]
  moderation bank enable|disable --bank N
  moderation bank list`;

/** The command line: the command words (positionals) and every option any command takes. */
export function parseCli(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      policy: { type: 'string' },
      days: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      queues: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      bank: { type: 'string' },
      signal: { type: 'string' },
      action: { type: 'string' },
      source: { type: 'string' },
      description: { type: 'string' },
      'owner-tenant': { type: 'string' },
      hashes: { type: 'string' },
      ids: { type: 'string' },
    },
  });
}

/** The parsed options (`--tenant` → `tenant`, …). */
export type CliValues = ReturnType<typeof parseCli>['values'];
