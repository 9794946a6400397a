import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundleManifest, type InferenceRequest, type InferenceResult } from '@vigil/contracts';
import { loadExperts, VigilClassifier, type Expert } from '@vigil/model';
import { evaluatePolicy, loadDefaultPolicy, policyInputFromResult } from '@vigil/policy';
import { loadCorpus } from '../corpus/corpus';
import { requestFor } from '../corpus/media';
import type { TextCase } from '../text-data';
import { mulberry32 } from '../fusion/random';

/** One caption-only post of a probe set: harmful (some category labelled), hard negative, or harmless. */
interface CaptionCase {
  readonly set: string;
  readonly text: string;
  readonly lang: string;
  readonly kind: 'harmful' | 'harmless' | 'hard_negative';
}

/** Shares of a set's posts the default policy acts on (any action but allow). */
export interface CaptionSetFigures {
  readonly set: string;
  readonly counts: Record<CaptionCase['kind'], number>;
  /** Post as the classifier scores it (fusion and the text classifier together). */
  readonly post: Record<CaptionCase['kind'], number>;
  /** The text classifier's scores alone. */
  readonly text: Record<CaptionCase['kind'], number>;
}

/**
 * Caption-only posts of the seed corpus (by split), the hand-written probe sets, and, given the public text
 * corpus, a seeded sample of its test split (500 harmful, 500 hard negatives, 300 other harmless).
 */
async function captionCases(probeDir: string, text: readonly TextCase[]): Promise<CaptionCase[]> {
  const cases: CaptionCase[] = [];
  for (const r of loadCorpus())
    if (!r.image && !r.video && !r.audio && r.text.trim()) {
      const harmful = Object.values(r.labels).some((v) => (v ?? 0) >= 2);
      const kind = harmful ? 'harmful' : r.kind === 'hard_negative' ? 'hard_negative' : 'harmless';
      cases.push({ set: `seed ${r.split}`, text: r.text, lang: r.lang, kind });
    }
  for (const file of ['text-probes.jsonl', 'text-probes-b.jsonl'])
    for (const line of readFileSync(join(probeDir, file), 'utf8').split('\n').filter(Boolean)) {
      const p = JSON.parse(line) as { text: string; lang: string; labels: string[] };
      const kind = p.labels.length > 0 ? 'harmful' : 'harmless';
      cases.push({ set: file.replace('.jsonl', ''), text: p.text, lang: p.lang, kind });
    }
  const rand = mulberry32(20261208);
  const sample = (xs: readonly TextCase[], n: number) =>
    xs
      .map((c) => ({ c, r: rand() }))
      .sort((a, b) => a.r - b.r)
      .slice(0, n)
      .map(({ c }) => c);
  const test = text.filter((c) => c.split === 'test');
  const harmful = (c: TextCase) => Object.values(c.labels).includes(1);
  const groups: [CaptionCase['kind'], TextCase[], number][] = [
    ['harmful', test.filter(harmful), 500],
    ['hard_negative', test.filter((c) => c.hardNegative), 500],
    ['harmless', test.filter((c) => !c.hardNegative && !harmful(c)), 300],
  ];
  for (const [kind, list, n] of groups)
    for (const c of sample(list, n))
      cases.push({ set: 'public text test', text: c.text, lang: c.lang, kind });
  return cases;
}

/**
 * What fusion adds on captions alone: every caption-only case (seed corpus splits, probe sets A and B, a
 * sample of the public text test split when `text` holds it) through the bundle's classifier as a post,
 * and through the text classifier expert alone; per set and kind, the share the default policy acts on.
 * @param probeDir folder of the probe files (libs/model-build/data/probes).
 * @throws what loading the bundle throws.
 */
export async function evaluateCaptionFusion(
  bundleDir: string,
  probeDir: string,
  text: readonly TextCase[],
): Promise<CaptionSetFigures[]> {
  const manifest = readBundleManifest(bundleDir);
  const session = { provider: 'cpu' as const, intraOpThreads: 1 };
  const experts = (await loadExperts(manifest, bundleDir, session, { which: 'all' })).experts;
  const textClassifier: Expert | undefined = experts.find((e) => e.name === 'text-classifier');
  if (!textClassifier) throw new Error('the bundle has no text-classifier expert');
  const classifier = await VigilClassifier.load(bundleDir, {
    session,
    experts: (await loadExperts(manifest, bundleDir, session)).experts,
  });
  const cases = await captionCases(probeDir, text);
  const requests: InferenceRequest[] = [];
  for (const [i, c] of cases.entries())
    requests.push(
      await requestFor(
        {
          id: `caption-${i}`,
          lang: c.lang,
          block: 'benign',
          kind: 'benign',
          text: c.text,
          labels: {},
          split: 'test',
        },
        [],
      ),
    );
  const results: InferenceResult[] = [];
  for (let s = 0; s < requests.length; s += 16)
    results.push(...(await classifier.classify(requests.slice(s, s + 16), 'routed')));
  const textScores: Partial<Record<string, number>>[] = [];
  for (let s = 0; s < cases.length; s += 64)
    for (const out of await textClassifier.run(
      cases.slice(s, s + 64).map((c) => c.text),
      'caption',
    ))
      textScores.push('scores' in out && out.scores ? out.scores : {});
  const policy = loadDefaultPolicy();
  const acted = (r: InferenceResult) =>
    evaluatePolicy(policy, policyInputFromResult(r)).actions.some((a) => a.action !== 'allow');
  const postActed = results.map(acted);
  const textActed = results.map((r, i) =>
    acted({ ...r, scores: r.scores.map((s) => ({ ...s, score: textScores[i]![s.category] ?? 0 })) }),
  );
  const sets = [...new Set(cases.map((c) => c.set))];
  const kinds = ['harmful', 'harmless', 'hard_negative'] as const;
  return sets.map((set) => {
    const idx = cases.flatMap((c, i) => (c.set === set ? [i] : []));
    const of = (flags: boolean[]) =>
      Object.fromEntries(
        kinds.map((k) => {
          const mine = idx.filter((i) => cases[i]!.kind === k);
          return [k, mine.length ? mine.filter((i) => flags[i]).length / mine.length : NaN];
        }),
      ) as Record<CaptionCase['kind'], number>;
    const counts = Object.fromEntries(
      kinds.map((k) => [k, idx.filter((i) => cases[i]!.kind === k).length]),
    ) as Record<CaptionCase['kind'], number>;
    return { set, counts, post: of(postActed), text: of(textActed) };
  });
}

/** The table `npm run eval -- --captions` prints. */
export function formatCaptionFusionReport(figures: readonly CaptionSetFigures[]): string {
  const pct = (x: number) => (Number.isNaN(x) ? '–' : `${Math.round(x * 100)}%`);
  const cell = (f: CaptionSetFigures, k: keyof CaptionSetFigures['counts']) =>
    f.counts[k] ? `${pct(f.post[k])} / ${pct(f.text[k])} (${f.counts[k]})` : '–';
  return [
    'Caption-only posts the default policy acts on: the post as classified / the text classifier alone (posts)',
    '| set | harmful | harmless | hard negatives |',
    '|---|---:|---:|---:|',
    ...figures.map(
      (f) => `| ${f.set} | ${cell(f, 'harmful')} | ${cell(f, 'harmless')} | ${cell(f, 'hard_negative')} |`,
    ),
  ].join('\n');
}
