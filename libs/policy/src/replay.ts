import { ACTIONS, type Action } from '@vigil/contracts';
import { evaluatePolicy, strongestAction, type PolicyInput } from './evaluate';
import type { PolicyDocument } from './schema';

/** One stored post revision for replay: its policy input and the actions it got when it was decided. */
export interface ReplayItem extends PolicyInput {
  readonly current: readonly Action[];
}

/** What a policy would have done to a set of posts, compared to what was done. */
export interface ReplayReport {
  readonly policy: { readonly id: string; readonly version: string };
  readonly posts: number;
  /** Posts where each action would appear among the actions (a post counts once per action). */
  readonly candidate: Record<Action, number>;
  /** The same count for the actions the posts actually got. */
  readonly current: Record<Action, number>;
  /** Posts by their strongest action, candidate and current. */
  readonly strongest: {
    readonly candidate: Record<Action, number>;
    readonly current: Record<Action, number>;
  };
  /** Posts whose strongest action would change. */
  readonly changed: number;
}

const zeroes = (): Record<Action, number> =>
  Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;

/**
 * Runs a policy over stored scores one post at a time (for streams too large to hold) and counts how
 * many posts each action would hit, beside the actions they actually got, so a policy change can be
 * sized before it is switched on.
 */
export class PolicyReplay {
  private readonly candidate = zeroes();
  private readonly current = zeroes();
  private readonly strongest = { candidate: zeroes(), current: zeroes() };
  private posts = 0;
  private changed = 0;

  constructor(private readonly policy: PolicyDocument) {}

  add(item: ReplayItem): void {
    this.posts += 1;
    const decided = evaluatePolicy(this.policy, item).actions;
    for (const a of new Set(decided.map((d) => d.action))) this.candidate[a] += 1;
    for (const a of new Set(item.current)) this.current[a] += 1;
    const next = strongestAction(decided);
    const before = strongestAction(item.current.map((action) => ({ action })));
    this.strongest.candidate[next] += 1;
    this.strongest.current[before] += 1;
    if (next !== before) this.changed += 1;
  }

  report(): ReplayReport {
    return {
      policy: { id: this.policy.id, version: this.policy.version },
      posts: this.posts,
      candidate: { ...this.candidate },
      current: { ...this.current },
      strongest: { candidate: { ...this.strongest.candidate }, current: { ...this.strongest.current } },
      changed: this.changed,
    };
  }
}

/** `PolicyReplay` over an in-memory list. */
export function replayPolicy(policy: PolicyDocument, items: Iterable<ReplayItem>): ReplayReport {
  const replay = new PolicyReplay(policy);
  for (const item of items) replay.add(item);
  return replay.report();
}

/** The report as an aligned text table (one row per action), for the replay command. */
export function formatReplayReport(report: ReplayReport): string {
  const rows = [
    ['action', 'would hit', 'hits now', 'strongest (would)', 'strongest (now)'],
    ...ACTIONS.map((a) => [
      a,
      String(report.candidate[a]),
      String(report.current[a]),
      String(report.strongest.candidate[a]),
      String(report.strongest.current[a]),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
  return [
    `policy ${report.policy.id}@${report.policy.version} over ${report.posts} post revisions`,
    ...lines,
    `strongest action changes for ${report.changed} of ${report.posts}`,
  ].join('\n');
}
