import { readFileSync } from 'node:fs';
import { CATEGORY_IDS, type CategoryId } from '@vigil/contracts';
import { TEXT_CLASSIFIER_FLOOR, TextClassifier, type TextClassifierFile } from '@vigil/model';
import { z } from 'zod';
import { POSITIVE_SEVERITY, loadCorpus } from '../corpus/corpus';

/**
 * One hand-written probe: a text as a post would carry it, with the categories it belongs to (empty:
 * harmless). Probe sets are written without sight of the generators and never trained on, so they measure
 * phrasings and registers the corpus does not have (`libs/model-build/data/probes/`).
 */
export const TextProbeSchema = z.object({
  id: z.string().min(1),
  lang: z.string().min(2),
  text: z.string().min(1),
  labels: z.array(z.enum(CATEGORY_IDS)),
  kind: z.string().min(1),
});
export type TextProbe = z.infer<typeof TextProbeSchema>;

/** Reads a probe set (JSON lines). @throws ZodError naming the line's problem; Error on duplicate ids. */
export function readProbes(path: string): TextProbe[] {
  const probes = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => TextProbeSchema.parse(JSON.parse(l)));
  const ids = new Set(probes.map((p) => p.id));
  if (ids.size !== probes.length) throw new Error(`${path}: duplicate probe ids`);
  return probes;
}

/**
 * The captions of Vigil's hand-written seed corpus (`libs/model-build/data/corpus`, no generated cases) as
 * probes: the text classifier never trains on them. Labels are the categories at severity ≥
 * `POSITIVE_SEVERITY`; `kind` is `seed:<split>:<positive|hard_negative|benign>`. Cases whose harm is only in
 * an image's text or in caption × image are left out (the caption alone is not harmful).
 */
export function seedCorpusProbes(): TextProbe[] {
  return loadCorpus(undefined, false)
    .filter(
      (r) =>
        r.text.trim() !== '' &&
        (r.harm_in === undefined || ['caption', 'both'].includes(r.harm_in) || r.kind !== 'positive'),
    )
    .map((r) => ({
      id: r.id,
      lang: r.lang,
      text: r.text,
      labels: Object.entries(r.labels).flatMap(([k, v]) => (v >= POSITIVE_SEVERITY ? [k as CategoryId] : [])),
      kind: `seed:${r.split}:${r.kind}`,
    }));
}

/** What the serving path reports for one probe. */
export interface ProbeOutcome {
  readonly probe: TextProbe;
  /** Categories whose score reached the serving gate, with the score. */
  readonly flagged: readonly [CategoryId, number][];
}

/** Recall and false-positive figures of a probe set, overall and per language. */
export interface ProbeReport {
  readonly gate: string;
  readonly outcomes: readonly ProbeOutcome[];
  /** Per language ('all' first): harmful probes, of them flagged for anything, flagged for a labelled category; harmless probes, of them flagged. */
  readonly byLang: readonly {
    lang: string;
    harmful: number;
    anyFlag: number;
    rightFlag: number;
    harmless: number;
    falseFlags: number;
  }[];
  /** Per probe kind: probes, flagged for anything, flagged for a labelled category. */
  readonly byKind: readonly { kind: string; probes: number; anyFlag: number; rightFlag: number }[];
  /** Per category: probes labelled with it, and how many reached its gate. */
  readonly byCategory: readonly {
    category: CategoryId;
    positives: number;
    caught: number;
    falseFlags: number;
  }[];
}

/**
 * Scores probes as the serving `text-classifier` expert does: calibrated scores, each category reported
 * only from max(`floor`, its dev threshold) up (`TEXT_CLASSIFIER_FLOOR` by default), which the default
 * policy turns into a non-allow action (except German profanity from 0.7 to 0.85: its `de` rules label from 0.85).
 * @param embeddings one sentence embedding per probe text (raw text → `[embeddingDim]`), when the file reads them.
 * @throws RangeError when `floor` is not in 0..1.
 */
export function evaluateProbes(
  file: TextClassifierFile,
  probes: readonly TextProbe[],
  embeddings?: ReadonlyMap<string, Float32Array>,
  floor = TEXT_CLASSIFIER_FLOOR,
): ProbeReport {
  if (!(floor >= 0 && floor <= 1)) throw new RangeError(`the floor must be in 0..1, got ${floor}`);
  const classifier = new TextClassifier(file);
  const cats = classifier.categories;
  const gates = cats.map((_, c) => Math.max(floor, file.thresholds[c] ?? floor));
  const texts = probes.map((p) => p.text);
  const scores = classifier.score(
    texts,
    file.embeddingDim ? texts.map((t) => embeddings!.get(t)!) : undefined,
  );
  const outcomes = probes.map((probe, i) => ({
    probe,
    flagged: cats.flatMap((k, c) =>
      scores[i]![c]! >= gates[c]! ? [[k, scores[i]![c]!] as [CategoryId, number]] : [],
    ),
  }));
  const langs = ['all', ...new Set(probes.map((p) => p.lang))];
  const byLang = langs.map((lang) => {
    const own = outcomes.filter((o) => lang === 'all' || o.probe.lang === lang);
    const harmful = own.filter((o) => o.probe.labels.length > 0);
    const harmless = own.filter((o) => o.probe.labels.length === 0);
    return {
      lang,
      harmful: harmful.length,
      anyFlag: harmful.filter((o) => o.flagged.length > 0).length,
      rightFlag: harmful.filter((o) => o.flagged.some(([k]) => o.probe.labels.includes(k))).length,
      harmless: harmless.length,
      falseFlags: harmless.filter((o) => o.flagged.length > 0).length,
    };
  });
  const byCategory = cats.map((category) => ({
    category,
    positives: outcomes.filter((o) => o.probe.labels.includes(category)).length,
    caught: outcomes.filter(
      (o) => o.probe.labels.includes(category) && o.flagged.some(([k]) => k === category),
    ).length,
    falseFlags: outcomes.filter(
      (o) => !o.probe.labels.includes(category) && o.flagged.some(([k]) => k === category),
    ).length,
  }));
  const byKind = [...new Set(probes.map((p) => p.kind))].sort().map((kind) => {
    const own = outcomes.filter((o) => o.probe.kind === kind);
    return {
      kind,
      probes: own.length,
      anyFlag: own.filter((o) => o.flagged.length > 0).length,
      rightFlag: own.filter((o) => o.flagged.some(([k]) => o.probe.labels.includes(k))).length,
    };
  });
  return { gate: `max(${floor}, dev threshold)`, outcomes, byLang, byKind, byCategory };
}

/** The probe section as `npm run eval -- --probes <file>` prints it; `misses` adds one line per wrong probe. */
export function formatProbeReport(r: ProbeReport, misses = false): string {
  const pc = (n: number, d: number) =>
    d
      ? `${String(n).padStart(3)}/${String(d).padEnd(3)} ${((100 * n) / d).toFixed(0).padStart(3)}%`
      : '      –    ';
  const lines = [
    `Text probes: ${r.outcomes.length} texts the text classifier never trained on, serving gate ${r.gate}`,
    '',
    'lang   harmful flagged (any)   flagged (right category)   harmless flagged',
    ...r.byLang.map(
      (l) =>
        `${l.lang.padEnd(5)}  ${pc(l.anyFlag, l.harmful).padEnd(22)}  ${pc(l.rightFlag, l.harmful).padEnd(25)}  ${pc(l.falseFlags, l.harmless)}`,
    ),
    '',
    'category                 caught / positives   false flags',
    ...r.byCategory
      .filter((c) => c.positives > 0 || c.falseFlags > 0)
      .map((c) => `${c.category.padEnd(24)} ${pc(c.caught, c.positives).padEnd(20)} ${c.falseFlags}`),
  ];
  if (r.byKind.length <= 12)
    lines.push(
      '',
      'kind                           flagged (any)   flagged (right category)',
      ...r.byKind.map(
        (k) => `${k.kind.padEnd(30)} ${pc(k.anyFlag, k.probes).padEnd(15)} ${pc(k.rightFlag, k.probes)}`,
      ),
    );
  if (misses) {
    lines.push('', 'Wrong probes (expected → reported):');
    for (const o of r.outcomes) {
      const right = o.probe.labels.length
        ? o.flagged.some(([k]) => o.probe.labels.includes(k))
        : o.flagged.length === 0;
      if (!right)
        lines.push(
          `- ${o.probe.id} [${o.probe.labels.join(',') || 'harmless'}] → [${o.flagged.map(([k, s]) => `${k} ${s.toFixed(2)}`).join(', ')}] ${JSON.stringify(o.probe.text)}`,
        );
    }
  }
  return lines.join('\n');
}
