/**
 * Operator commands for the moderation service (reads the same environment as the service, validated
 * by its fields (cli-config.ts): DATABASE_URL, DATABASE_SCHEMA, DATABASE_CONNECT_TIMEOUT,
 * DATABASE_STATEMENT_TIMEOUT, WEBHOOK_SECRET_KEYS; only what each command needs). A missing or malformed
 * variable exits with status 78 and its name.
 *
 *   migrate                                   apply pending migrations
 *   token create --tenant T [--name N] [--scopes verdicts:read,webhooks:manage]
 *                                             create a per-tenant API token (printed once)
 *   policy replay --policy FILE [--tenant T] [--days N]
 *                                             run a policy over stored scores of the last N days (default 7)
 *                                             and print how many posts each action would hit
 *   policy check FILE…                        validate policy documents
 *   moderator create --username U --role viewer|moderator|admin [--name N] [--queues a,b] [--password-stdin]
 *                                             create a dashboard account; without --password-stdin a random
 *                                             password is generated and printed once
 *   moderator password --username U [--password-stdin]
 *                                             set a new password (ends the account's sessions)
 *   moderator list                            accounts, roles and queues
 *   bank create --name N --signal pdq|vpdq --action remove|review|… [--source S] [--description D] [--owner-tenant T]
 *                                             create a hash bank
 *   bank import --bank N FILE…                add a hash list or CSV (pdq), or vPDQ feature files (vpdq,
 *                                             one video each); prints added / existing / rejected lines
 *   bank remove --bank N [--hashes h,h] [--ids 1,2]
 *                                             remove entries
 *   bank enable|disable --bank N              switch a bank on or off
 *   bank list                                 banks with their entry counts
 */
import { ConfigError } from '@vigil/platform/config';
import { PolicyInvalidError } from '@vigil/policy';
import { migrateToLatest } from '../database/database';
import { bankCommand } from './bank-commands';
import { parseCli, USAGE, type CliValues } from './cli-args';
import { cliDatabase as database } from './cli-config';
import { createToken, listTokens, resealWebhookSecrets, revokeToken } from './credential-commands';
import { createModerator, listModerators, setModeratorPassword } from './moderator-commands';
import { checkPolicies, replayPolicy } from './policy-commands';

/** Two-word commands: the words → the command, given the options and the words after the command. */
const COMMANDS: Record<string, (values: CliValues, rest: string[]) => Promise<number> | number> = {
  'policy check': (_values, rest) => checkPolicies(rest),
  'policy replay': (values) => replayPolicy(values),
  'token create': (values) => createToken(values),
  'token list': (values) => listTokens(values),
  'token revoke': (_values, rest) => revokeToken(rest[0]),
  'webhook-secrets reseal': () => resealWebhookSecrets(),
  'moderator create': (values) => createModerator(values),
  'moderator password': (values) => setModeratorPassword(values),
  'moderator list': () => listModerators(),
};

/** `migrate`: applies pending migrations to DATABASE_SCHEMA. */
async function migrate(): Promise<number> {
  const { db, schema } = database();
  try {
    const applied = await migrateToLatest(db, schema);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } finally {
    await db.destroy();
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  if (positionals[0] === 'bank') return bankCommand(positionals.slice(1), values);
  if (positionals[0] === 'migrate') return migrate();
  const command = positionals.slice(0, 2).join(' ');
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (run) return run(values, positionals.slice(2));
  console.error(USAGE);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof PolicyInvalidError ? error.message : `moderation: ${(error as Error).message}`,
    );
    // 65 EX_DATAERR (a policy document), 78 EX_CONFIG (the environment, as the service at boot).
    process.exit(error instanceof PolicyInvalidError ? 65 : error instanceof ConfigError ? 78 : 1);
  },
);
