import type { CategoryId } from '@vigil/contracts';
import type { EvalReport } from './report';

const f = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

/** The eval report as Markdown tables (what `npm run eval` prints and the README shows). */
export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    `Evaluation of ${r.bundle} on the ${r.split} split (${r.cases} cases), routed path, default thresholds`,
  );
  lines.push('');
  lines.push('| category | positives | threshold | precision | recall | F1 | AUPRC | FPR | ECE |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [c, m] of Object.entries(r.routed.perCategory))
    lines.push(
      `| ${c} | ${m.positives} | ${f(r.thresholds[c as CategoryId] ?? 0.5)} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.auprc)} | ${f(m.fpr)} | ${f(m.ece)} |`,
    );
  lines.push('');
  if (r.routedOnly) lines.push('(routed path only: no dense path, no cost comparison)');
  else lines.push(...costTables(r));
  lines.push('');
  lines.push(
    `Per language (macro F1, routed): ${Object.entries(r.perLanguage)
      .map(([l, v]) => `${l} ${f(v.macroF1)} (${v.cases})`)
      .join(', ')}`,
  );
  lines.push(
    `Multimodal cases (positives caught / positives): ${
      Object.entries(r.multimodal)
        .map(([k, v]) => `${k} ${v.caught}/${v.positives} of ${v.cases}`)
        .join(', ') || 'none'
    }`,
  );
  lines.push('');
  lines.push(formatCaseTypes(r));
  lines.push(
    `Not covered (posts): ${
      Object.entries(r.notCovered)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  return lines.join('\n');
}

/** Macro figures and cost of the routed and dense paths, all posts and images only; per-expert cost. */
function costTables(r: EvalReport): string[] {
  const lines: string[] = [];
  lines.push('| posts | path | macro F1 | macro AUPRC | expert invocations | expert + fusion ms |');
  lines.push('|---|---|---:|---:|---:|---:|');
  for (const [posts, routed, dense] of [
    [`all (${r.cases})`, r.routed, r.dense],
    [`images only (${r.imagesOnly.cases})`, r.imagesOnly.routed, r.imagesOnly.dense],
  ] as const) {
    for (const [name, m] of [
      ['routed', routed],
      ['dense', dense],
    ] as const)
      lines.push(
        `| ${posts} | ${name} | ${f(m.macroF1)} | ${f(m.macroAuprc)} | ${m.invocations} | ${m.ms.toFixed(0)} |`,
      );
    lines.push(
      `| ${posts} | routed / dense | | | ${f(routed.invocations / Math.max(dense.invocations, 1))} | ${f(routed.ms / Math.max(dense.ms, 1e-9))} |`,
    );
  }
  lines.push('');
  lines.push('| expert | routed items | dense items | routed ms | dense ms |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const name of [...new Set([...Object.keys(r.routed.perExpert), ...Object.keys(r.dense.perExpert)])]) {
    const a = r.routed.perExpert[name] ?? { items: 0, ms: 0 };
    const b = r.dense.perExpert[name] ?? { items: 0, ms: 0 };
    lines.push(`| ${name} | ${a.items} | ${b.items} | ${a.ms.toFixed(0)} | ${b.ms.toFixed(0)} |`);
  }
  return lines;
}

const pct = (n: number, d: number) => (d ? `${n}/${d} (${((100 * n) / d).toFixed(0)} %)` : '–');

/** The per-case-type table, the benign flag rates and the alt-text rates. */
export function formatCaseTypes(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    'Per case type and language (post level, routed: caught = a positive category at its threshold; flagged = any category)',
  );
  lines.push('');
  lines.push(
    '| case type | language | posts | positives | precision | recall | F1 | AUPRC | negatives flagged |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [type, byLang] of Object.entries(r.caseTypes))
    for (const [lang, m] of Object.entries(byLang))
      lines.push(
        `| ${type} | ${lang} | ${m.posts} | ${m.positives} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.auprc)} | ${f(m.flaggedNegatives)} |`,
      );
  lines.push('');
  lines.push(
    `Benign posts flagged: ${pct(r.benign.flagged, r.benign.posts)}; with an image or video: ${pct(r.benign.withMediaFlagged, r.benign.withMedia)}`,
  );
  const a = r.altText;
  lines.push(
    `Alt-text: names the main subject ${pct(a.subjectNamed, a.subjectPosts)} of images with a nameable subject; names an object not in the photo ${pct(a.wrongObject, a.images)} of images; quotes the meme text ${pct(a.quoted, a.memes)} of memes (${pct(a.quotedIgnoringSpaces, a.memes)} ignoring spaces and punctuation)`,
  );
  return lines.join('\n');
}
