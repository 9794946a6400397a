/**
 * `npm run models:train`: trains the fusion mixture-of-experts on the committed seed corpus and writes
 * the committed weights (libs/model-build/data/fusion/weights.json), then rebuilds the bundle.
 * Steps: build the feature experts into .models/vigil-features → features for every corpus case →
 * seeded Adam training with the load-balancing loss (model selection on dev loss) → per-category
 * temperature scaling on dev → weights file → `models:build`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CategoryId } from '@vigil/contracts';
import { encodeWeights, fusionForward, type FusionWeightsFile } from '@vigil/model';
import { buildBundle } from '../bundle';
import { loadCorpus } from '../corpus/corpus';
import { expectedCalibrationError, fitTemperature } from '../eval/metrics';
import { FEATURE_EXPERTS, VIGIL_BASE_EXPERTS } from '../experts';
import { FUSION_WEIGHTS_PATH } from '../experts/fusion';
import { defaultFusionSpec } from '../fusion/default-spec';
import { augmentWithPhotos, corpusExamples, loadFeatureExperts, photoTokens } from '../fusion/features';
import { DEFAULT_TRAIN_OPTIONS, packExamples, trainFusion } from '../fusion/train';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<void> {
  const t0 = Date.now();
  const featuresDir = resolve(ROOT, '.models/vigil-features');
  await buildBundle({
    name: 'vigil-features',
    outDir: featuresDir,
    builders: FEATURE_EXPERTS,
    log: () => {},
  });
  const spec = defaultFusionSpec();
  const corpus = loadCorpus();
  const experts = await loadFeatureExperts(featuresDir);
  const examples = await corpusExamples(spec, corpus, experts);
  const bySplit = (s: string) => examples.filter((_, i) => corpus[i]!.split === s);
  const train = augmentWithPhotos(spec, bySplit('train'), await photoTokens(spec), 0.3, 20261129);
  const dev = bySplit('dev');
  console.log(
    `train: ${corpus.length} cases (train ${train.length}, dev ${dev.length}), features in ${Date.now() - t0} ms`,
  );
  const options = DEFAULT_TRAIN_OPTIONS;
  const report = trainFusion(spec, train, dev, options, (l) => console.log(l));
  const w = report.weights;

  // Temperature scaling per category on dev.
  const C = spec.categories.length;
  const trace = fusionForward(spec, w, packExamples(spec, dev));
  const calibration: Record<string, { temperature: number; ece_before: number; ece_after: number }> = {};
  for (let c = 0; c < C; c++) {
    const logits = dev.map((_, b) => trace.logits[b * C + c]!);
    const labels = dev.map((e) => e.targets[c]!);
    const t = labels.some((l) => l > 0.5) ? fitTemperature(logits, labels) : 1;
    w.temperature[c] = t;
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    calibration[spec.categories[c]!] = {
      temperature: Math.round(t * 1e4) / 1e4,
      ece_before: Math.round(expectedCalibrationError(logits.map(sig), labels) * 1e4) / 1e4,
      ece_after:
        Math.round(
          expectedCalibrationError(
            logits.map((z) => sig(z / t)),
            labels,
          ) * 1e4,
        ) / 1e4,
    };
  }
  const trained = spec.categories.filter((c, i) => train.some((e) => e.targets[i]! > 0.5)) as CategoryId[];
  const file: FusionWeightsFile = {
    format: 'vigil-fusion-weights/1',
    spec,
    weights: encodeWeights(w),
    thresholds: Object.fromEntries(trained.map((c) => [c, 0.5])),
    trained,
    training: {
      options,
      best_epoch: report.bestEpoch,
      final: report.history[report.history.length - 1],
      cases: { train: train.length, dev: dev.length },
      calibration,
    },
  };
  mkdirSync(dirname(FUSION_WEIGHTS_PATH), { recursive: true });
  writeFileSync(FUSION_WEIGHTS_PATH, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`train: best epoch ${report.bestEpoch}; wrote ${FUSION_WEIGHTS_PATH}`);
  const manifest = await buildBundle({
    name: 'vigil-base',
    outDir: resolve(ROOT, '.models/vigil-base'),
    builders: VIGIL_BASE_EXPERTS,
    log: () => {},
  });
  console.log(`train: rebuilt ${manifest.name}@${manifest.version} in ${Date.now() - t0} ms total`);
}

main().catch((error: Error) => {
  console.error(`train: failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
