import { MODERATOR_ROLES, ModeratorStore } from '../auth/moderators';
import { generatePassword } from '../auth/passwords';
import type { ModeratorRole } from '../database/tables';
import type { CliValues } from './cli-args';
import { cliDatabase as database } from './cli-config';

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

/** `moderator create --username U --role R [--name N] [--queues a,b] [--password-stdin]`. */
export async function createModerator(values: CliValues): Promise<number> {
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

/** `moderator password --username U [--password-stdin]`: a new password; ends the account's sessions. */
export async function setModeratorPassword(values: CliValues): Promise<number> {
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

/** `moderator list`: accounts, roles, state and queues. */
export async function listModerators(): Promise<number> {
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
