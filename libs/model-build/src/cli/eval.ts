/**
 * `npm run eval [-- --split dev|test] [--json] [--routed] [--ocr] [--data <dir>] [--show-flagged]`:
 * evaluates the built bundle (.models/vigil-base, or $VIGIL_BUNDLE_DIR) on the seed corpus' test split and
 * prints the model card's tables (per category, per case type and language, alt-text rates; `--routed`
 * runs only the routed path, no cost comparison); then OCR error rates on rendered memes per language and
 * how often the OCR gate opens on the corpus' frames (`--ocr`: those alone); then, given the public text data sets (`--data <dir>` or $VIGIL_TEXT_DATA), the
 * text classifier's section on held-out templates (see text-model/evaluate-text.ts; `--text-only`: that
 * alone).
 *
 * `npm run eval -- --captions [--data <dir>]`: only the caption-only table: seed corpus captions, the probe sets
 * and (with the data) a sample of the public text test split, as posts through the classifier and through
 * the text classifier alone, with the share the default policy acts on (eval/caption-fusion.ts).
 *
 * `npm run eval -- --probes <file.jsonl|seed> [--floor <x>] [--show-misses]`: only the hand-written probe
 * set's figures at the serving gate (`seed`: the seed corpus' captions, by split and kind; see
 * text-model/probes.ts). `--text-weights <weights.json>` scores another text classifier than the bundle's
 * in the text section and the probes.
 */
import { existsSync } from 'node:fs';
import type { TextClassifierFile } from '@vigil/model';
import { join, resolve } from 'node:path';
import { SPLITS, type Split } from '../corpus/corpus';
import { evaluateCaptionFusion, formatCaptionFusionReport } from '../eval/caption-fusion';
import { evaluateBundle, formatReport } from '../eval/evaluate';
import { evaluateOcr, formatOcrReport } from '../eval/ocr-eval';
import { evaluateOcrGate, formatOcrGateReport } from '../eval/ocr-gate';
import { readTextClassifierWeights } from '../experts/text-classifier';
import { loadTextCorpus } from '../text-data';
import { embedTexts } from '../text-model/embeddings';
import { evaluateTextClassifier, formatTextReport } from '../text-model/evaluate-text';
import { evaluateProbes, formatProbeReport, readProbes, seedCorpusProbes } from '../text-model/probes';
import { DEFAULT_TEXT_TRAIN_OPTIONS } from '../text-model/train-text';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const bundleDir = resolve(process.env.VIGIL_BUNDLE_DIR ?? `${ROOT}/.models/vigil-base`);
const args = process.argv.slice(2);
const splitArg = args[args.indexOf('--split') + 1];
const split: Split =
  args.includes('--split') && SPLITS.includes(splitArg as Split) ? (splitArg as Split) : 'test';

const textData = args.includes('--data') ? args[args.indexOf('--data') + 1] : process.env.VIGIL_TEXT_DATA;

/** The text section, or one line saying why it is missing. */
async function textSection(): Promise<string> {
  if (!textData || !existsSync(textData))
    return 'text: skipped (pass --data <dir> or set VIGIL_TEXT_DATA to the public text data sets)';
  const file = textWeights();
  const corpus = await loadTextCorpus({ dataDir: textData });
  const embeddings = file.embeddingDim
    ? await embedTexts(
        corpus.map((c) => c.text),
        bundleDir,
        resolve(ROOT, '.data/text-embeddings'),
      )
    : undefined;
  const report = evaluateTextClassifier(
    file,
    corpus,
    { ...DEFAULT_TEXT_TRAIN_OPTIONS, embeddings },
    embeddings,
  );
  return args.includes('--json') ? JSON.stringify(report, null, 2) : formatTextReport(report);
}

/**
 * The text classifier scored: `--text-weights <file>`, else the bundle's, else the committed weights.
 * @throws Error naming the file when `--text-weights` names a missing one.
 */
function textWeights(): TextClassifierFile {
  if (args.includes('--text-weights'))
    return readTextClassifierWeights(args[args.indexOf('--text-weights') + 1]);
  const bundled = join(bundleDir, 'text-classifier', 'weights.json');
  return readTextClassifierWeights(existsSync(bundled) ? bundled : undefined);
}

/** Prints why the run failed and exits 1. */
function fail(error: Error): never {
  console.error(`eval: failed: ${error.stack ?? error.message}`);
  process.exit(1);
}

/** The probe section: `--probes <file>` scored at the serving gate. */
async function probeSection(path: string): Promise<string> {
  const file = textWeights();
  const probes = path === 'seed' ? seedCorpusProbes() : readProbes(path);
  const embeddings = file.embeddingDim
    ? await embedTexts(
        probes.map((p) => p.text),
        bundleDir,
        resolve(ROOT, '.data/text-embeddings'),
      )
    : undefined;
  const floor = args.includes('--floor') ? Number(args[args.indexOf('--floor') + 1]) : undefined;
  return formatProbeReport(evaluateProbes(file, probes, embeddings, floor), args.includes('--show-misses'));
}

/** What fusion adds on captions alone (`--captions`; the public text test split with `--data`). */
async function captionSection(): Promise<string> {
  const text = textData && existsSync(textData) ? await loadTextCorpus({ dataDir: textData }) : [];
  const probeDir = resolve(ROOT, 'libs/model-build/data/probes');
  return formatCaptionFusionReport(await evaluateCaptionFusion(bundleDir, probeDir, text));
}

const started = Date.now();
if (args.includes('--probes'))
  probeSection(args[args.indexOf('--probes') + 1]!)
    .then((text) => console.log(text))
    .catch(fail);
else if (args.includes('--captions'))
  captionSection()
    .then((text) => console.log(text))
    .catch(fail);
else if (args.includes('--text-only'))
  textSection()
    .then((text) => console.log(text))
    .catch(fail);
else runAll();

function runAll(): void {
  const session = { provider: 'cpu' } as const;
  const classification = args.includes('--ocr')
    ? Promise.resolve()
    : evaluateBundle(bundleDir, split, { session }, undefined, args.includes('--routed')).then((report) => {
        console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
        if (args.includes('--show-flagged'))
          console.log(
            `\nFlagged negatives:\n${report.flaggedNegatives.map((l) => `- ${l}`).join('\n')}\n` +
              `\nMemes whose alt-text does not quote their text:\n${report.altText.unquoted.map((l) => `- ${l}`).join('\n')}`,
          );
        console.log(`\neval: ${report.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      });
  classification
    .then(() => evaluateOcr(bundleDir, session))
    .then(async (ocr) => {
      console.log(`\n${args.includes('--json') ? JSON.stringify(ocr, null, 2) : formatOcrReport(ocr)}`);
      const gate = await evaluateOcrGate();
      console.log(`\n${args.includes('--json') ? JSON.stringify(gate, null, 2) : formatOcrGateReport(gate)}`);
      if (!args.includes('--ocr')) console.log(`\n${await textSection()}`);
      console.log(`\neval: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    })
    .catch(fail);
}
