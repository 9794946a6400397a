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
import { parseArgs } from 'node:util';
import { ConfigError } from '@vigil/platform/config';
import { loadPolicyFile, PolicyInvalidError, PolicyReplay, formatReplayReport } from '@vigil/policy';
import { createApiToken, listApiTokens, revokeApiToken, SCOPES, type Scope } from '../api/api-tokens';
import { MODERATOR_ROLES, ModeratorStore } from '../auth/moderators';
import { generatePassword } from '../auth/passwords';
import type { ModeratorRole } from '../database/tables';
import { readFile } from 'node:fs/promises';
import { migrateToLatest } from '../database/database';
import { HashBankStore, SIGNAL_TYPES, type SignalType } from '../hash-banks/bank-store';
import { storedReplayItems } from '../verdicts/replay-source';
import { EndpointStore } from '../webhooks/endpoint-store';
import { cliDatabase as database, cliWebhookSecretBox } from './cli-config';

const USAGE = `usage:
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password from stdin (--password-stdin) or a generated one, and whether to print it. */
async function passwordInput(fromStdin: boolean | undefined): Promise<{ password: string; show: boolean }> {
  return fromStdin
    ? { password: await readStdin(), show: false }
    : { password: generatePassword(), show: true };
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
  if (positionals[0] === 'bank') return bankCommand(positionals.slice(1), values);
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
  if (command === 'token list') {
    const { db } = database();
    try {
      for (const t of await listApiTokens(db, values.tenant)) {
        const state = t.revoked_at ? `revoked ${t.revoked_at}` : `last used ${t.last_used_at ?? 'never'}`;
        console.log(`${t.token_id}  ${t.tenant_id}  ${t.name}  [${t.scopes.join(',')}]  ${state}`);
      }
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'token revoke') {
    const id = positionals[2];
    if (!id) throw new Error('token revoke needs the token id (see token list)');
    const { db } = database();
    try {
      if (!(await revokeApiToken(db, { tokenId: id, actor: 'cli' }))) throw new Error(`no API token ${id}`);
      console.log(`token ${id} revoked`);
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'webhook-secrets reseal') {
    const box = cliWebhookSecretBox();
    if (!box.encrypts) throw new Error('set WEBHOOK_SECRET_KEYS (the new key first) to reseal');
    const { db } = database();
    try {
      console.log(`re-sealed ${await new EndpointStore(db, box).resealSecrets('cli')} webhook secrets`);
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'moderator create') {
    if (!values.username) throw new Error('--username is required');
    const role = values.role as ModeratorRole;
    if (!(MODERATOR_ROLES as readonly string[]).includes(role)) {
      throw new Error(`--role must be one of ${MODERATOR_ROLES.join(', ')}`);
    }
    const { password, show } = await passwordInput(values['password-stdin']);
    const { db } = database();
    try {
      const created = await new ModeratorStore(db).create({
        username: values.username,
        displayName: values.name,
        role,
        password,
        queues: values.queues?.split(',').filter(Boolean),
        actor: 'cli',
      });
      console.log(
        `moderator ${created.username} (${created.role}, queues: ${created.queues.join(', ') || 'none'}) id ${created.moderator_id}`,
      );
      if (show) console.log(`password, shown once:\n${password}`);
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'moderator password') {
    if (!values.username) throw new Error('--username is required');
    const { password, show } = await passwordInput(values['password-stdin']);
    const { db } = database();
    try {
      const store = new ModeratorStore(db);
      const found = await store.findByUsername(values.username);
      if (!found) throw new Error(`no moderator ${values.username}`);
      await store.update(found.moderator_id, { password }, 'cli');
      console.log(`new password set for ${found.username}; their sessions ended`);
      if (show) console.log(`password, shown once:\n${password}`);
    } finally {
      await db.destroy();
    }
    return 0;
  }
  if (command === 'moderator list') {
    const { db } = database();
    try {
      for (const m of await new ModeratorStore(db).list()) {
        console.log(
          `${m.username}\t${m.role}\t${m.disabled ? 'disabled' : 'active'}\t${m.queues.join(',') || '-'}\t${m.display_name}`,
        );
      }
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

/** `bank …` commands (hash banks; see the header). */
async function bankCommand(
  args: string[],
  values: {
    bank?: string;
    name?: string;
    signal?: string;
    action?: string;
    source?: string;
    description?: string;
    'owner-tenant'?: string;
    hashes?: string;
    ids?: string;
  },
): Promise<number> {
  const [sub, ...files] = args;
  const { db } = database();
  const store = new HashBankStore(db);
  try {
    if (sub === 'create') {
      if (!values.name || !values.signal || !values.action)
        throw new Error('--name, --signal and --action are required');
      const bank = await store.createBank({
        name: values.name,
        signalType: values.signal as SignalType,
        action: values.action,
        source: values.source,
        description: values.description,
        ownerTenant: values['owner-tenant'],
        actor: 'cli',
      });
      console.log(`bank ${bank.name} (${bank.signal_type}, action ${bank.action}) id ${bank.bank_id}`);
      return 0;
    }
    if (sub === 'list') {
      for (const b of await store.listBanks())
        console.log(
          `${b.name}\t${b.signal_type}\t${b.action}\t${b.enabled ? 'enabled' : 'disabled'}\t${b.active_hashes} active\t${b.disabled_hashes} disabled\t${b.source || '-'}`,
        );
      return 0;
    }
    if (!values.bank) throw new Error('--bank is required');
    if (sub === 'import') {
      if (files.length === 0) throw new Error('name at least one file');
      for (const file of files) {
        const r = await store.importFile(values.bank, await readFile(file, 'utf8'), {
          fileName: file,
          actor: 'cli',
        });
        console.log(
          `${file}: ${r.read} read, ${r.added} added, ${r.existing} already there, ${r.rejected.length} rejected`,
        );
        for (const x of r.rejected.slice(0, 20)) console.log(`  line ${x.line}: ${x.reason}`);
        if (r.rejected.length > 20) console.log(`  … ${r.rejected.length - 20} more`);
      }
      return 0;
    }
    if (sub === 'remove') {
      const split = (v?: string) => v?.split(',').filter(Boolean) ?? [];
      const n = await store.removeHashes(
        values.bank,
        { hashes: split(values.hashes), hashIds: split(values.ids) },
        'cli',
      );
      console.log(`${n} removed from ${values.bank}`);
      return 0;
    }
    if (sub === 'enable' || sub === 'disable') {
      const bank = await store.updateBank(values.bank, { enabled: sub === 'enable' }, 'cli');
      console.log(`bank ${bank.name} ${bank.enabled ? 'enabled' : 'disabled'}`);
      return 0;
    }
    console.error(USAGE);
    return 64;
  } finally {
    await db.destroy();
  }
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
