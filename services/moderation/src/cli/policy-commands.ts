import { loadPolicyFile, PolicyReplay, formatReplayReport } from '@vigil/policy';
import { storedReplayItems } from '../verdicts/replay-source';
import type { CliValues } from './cli-args';
import { cliDatabase as database } from './cli-config';

/** `policy check FILE…`: validates policy documents (throws PolicyInvalidError on the first bad one). */
export function checkPolicies(files: readonly string[]): number {
  for (const file of files) {
    const doc = loadPolicyFile(file);
    console.log(
      `${file}: ok (${doc.id}@${doc.version}${doc.tenants ? `, tenants ${doc.tenants.join(', ')}` : ', default'})`,
    );
  }
  return 0;
}

/** `policy replay --policy FILE [--tenant T] [--days N]`: what a policy would do to stored posts. */
export async function replayPolicy(values: CliValues): Promise<number> {
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
