/**
 * Operator commands for the moderation service (reads the same environment as the service:
 * DATABASE_URL, DATABASE_SCHEMA; only what each command needs).
 *
 *   migrate                                   apply pending migrations
 *   token create --tenant T [--name N] [--scopes verdicts:read,webhooks:manage]
 *                                             create a per-tenant API token (printed once)
 *   policy replay --policy FILE [--tenant T] [--days N]
 *                                             run a policy over stored scores of the last N days (default 7)
 *                                             and print how many posts each action would hit
 *   policy check FILE…                        validate policy documents
 */
import { parseArgs } from 'node:util';
import { loadPolicyFile, PolicyInvalidError, PolicyReplay, formatReplayReport } from '@vigil/policy';
import { createApiToken, SCOPES, type Scope } from '../api/api-tokens';
import { createDatabase, migrateToLatest, type Db } from '../database/database';
import { storedReplayItems } from '../verdicts/replay-source';

const USAGE = `usage:
  moderation migrate
  moderation token create --tenant T [--name N] [--scopes ${SCOPES.join(',')}]
  moderation policy replay --policy FILE [--tenant T] [--days N]
  moderation policy check FILE...`;

function database(): { db: Db; schema: string } {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const schema = process.env.DATABASE_SCHEMA || 'public';
  return { db: createDatabase({ url, schema, poolSize: 2 }), schema };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      policy: { type: 'string' },
      days: { type: 'string' },
    },
  });
  const command = positionals.slice(0, 2).join(' ');
  if (command === 'policy check') {
    for (const file of positionals.slice(2)) {
      const doc = loadPolicyFile(file);
      console.log(
        `${file}: ok (${doc.id}@${doc.version}${doc.tenants ? `, tenants ${doc.tenants.join(', ')}` : ', default'})`,
      );
    }
    return 0;
  }
  if (positionals[0] === 'migrate') {
    const { db, schema } = database();
    try {
      const applied = await migrateToLatest(db, schema);
      console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'token create') {
    if (!values.tenant) throw new Error('--tenant is required');
    const scopes = (values.scopes ?? SCOPES.join(',')).split(',') as Scope[];
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new Error(`unknown scopes: ${unknown.join(', ')}`);
    const { db } = database();
    try {
      const { token, tokenId } = await createApiToken(db, {
        tenantId: values.tenant,
        name: values.name ?? 'cli',
        scopes,
        actor: 'cli',
      });
      console.log(`token ${tokenId} for ${values.tenant} (${scopes.join(', ')}); shown once:\n${token}`);
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'policy replay') {
    if (!values.policy) throw new Error('--policy FILE is required');
    const policy = loadPolicyFile(values.policy);
    const days = Number(values.days ?? 7);
    if (!(days > 0)) throw new Error('--days must be a positive number');
    const { db } = database();
    try {
      const replay = new PolicyReplay(policy);
      const since = new Date(Date.now() - days * 86_400_000);
      for await (const item of storedReplayItems(db, { since, tenantId: values.tenant })) replay.add(item);
      console.log(
        `${values.tenant ? `tenant ${values.tenant}, ` : ''}posts stored since ${since.toISOString()}`,
      );
      console.log(formatReplayReport(replay.report()));
    } finally {
      await db.destroy();
    }
    return 0;
  }
  console.error(USAGE);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof PolicyInvalidError ? error.message : `moderation: ${(error as Error).message}`,
    );
    process.exit(error instanceof PolicyInvalidError ? 65 : 1);
  },
);
