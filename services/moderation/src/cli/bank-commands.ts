import { readFile } from 'node:fs/promises';
import { HashBankStore } from '../hash-banks/bank-store';
import type { SignalType } from '../hash-banks/bank-types';
import { USAGE, type CliValues } from './cli-args';
import { cliDatabase as database } from './cli-config';

/** `bank …` commands (hash banks; see the header of moderation-cli.ts). */
export async function bankCommand(args: string[], values: CliValues): Promise<number> {
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
