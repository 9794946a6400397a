/**
 * `npm run models:train`: trains the fusion mixture-of-experts on the committed seed corpus and writes
 * the committed weights (libs/model-build/data/fusion/weights.json), then rebuilds the bundle.
 * Steps: build every expert, with an untrained fusion of the training spec, into .models/vigil-features →
 * features for every corpus case (the generated caption × image pairs included) through the classifier
 * itself (routed; dense too for cases with media, as extra training examples, since routing decides which
 * image experts fill a frame token), cached in .data/fusion-features → photo augmentation and the
 * synthetic image-signal examples (../fusion/augment.ts: nsfw → sexual, weak weapon cue) → seeded Adam
 * training with the load-balancing loss (model selection on dev loss) → per-category temperature scaling
 * on dev → weights file → `models:build`. `npm run models:train -- --no-dense` leaves out the dense
 * features (OCR on every frame of every training medium: most of the time on a busy machine).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CategoryId } from '@vigil/contracts';
import { encodeWeights, fusionForward, type FusionWeightsFile } from '@vigil/model';
import { buildBundle } from '../bundle';
import { loadCorpus } from '../corpus/corpus';
import { expectedCalibrationError, fitTemperature } from '../eval/metrics';
import { FEATURE_EXPERTS, IMAGE_EXPERTS, VIGIL_BASE_EXPERTS } from '../experts';
import { FUSION_WEIGHTS_PATH, fusionExpertFrom } from '../experts/fusion';
import { defaultFusionSpec } from '../fusion/default-spec';
import { imageSignalExamples } from '../fusion/augment';
import { cachedExamples } from '../fusion/feature-cache';
import { augmentWithPhotos, corpusExamples, loadFeatureClassifier, photoTokens } from '../fusion/features';
import { initialWeights } from '../fusion/random';
import { DEFAULT_TRAIN_OPTIONS, packExamples, trainFusion, type TrainExample } from '../fusion/train';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<void> {
  const t0 = Date.now();
  const featuresDir = resolve(ROOT, '.models/vigil-features');
  const spec = defaultFusionSpec();
  const options = DEFAULT_TRAIN_OPTIONS;
  const untrained: FusionWeightsFile = {
    format: 'vigil-fusion-weights/1',
    spec,
    weights: encodeWeights(initialWeights(spec, options.seed)),
    thresholds: {},
    trained: [],
    training: {},
  };
  await buildBundle({
    name: 'vigil-features',
    outDir: featuresDir,
    builders: [...FEATURE_EXPERTS, ...IMAGE_EXPERTS, fusionExpertFrom(() => untrained)],
    log: () => {},
  });
  const corpus = loadCorpus();
  const classifier = await loadFeatureClassifier(featuresDir);
  // Feature cache key: the feature bundle, the classifier code that builds tokens, and the cases.
  const modelSrc = resolve(ROOT, 'libs/model/src');
  const code = [
    'classifier.ts',
    'fusion/interplay.ts',
    'router.ts',
    ...readdirSync(join(modelSrc, 'classify')).map((f) => `classify/${f}`),
  ]
    .sort()
    .map((f) => readFileSync(join(modelSrc, f), 'utf8'));
  const cacheDir = resolve(ROOT, '.data/fusion-features');
  const cached = (what: string, records: readonly object[], compute: () => Promise<TrainExample[]>) =>
    cachedExamples(cacheDir, [what, classifier.manifest.version, ...code, JSON.stringify(records)], compute);
  const examples = await cached('routed', corpus, () => corpusExamples(spec, corpus, classifier, 'routed'));
  // A routed case whose harm is only in image text that routing left unread (the OCR gate stayed shut)
  // has no evidence of its labels: training on it would teach fusion that plain photos are harmful.
  const unread = (i: number) =>
    corpus[i]!.harm_in === 'image_text' && !examples[i]!.tokens.some((t) => t.modality === 'image_text');
  const bySplit = (s: string) =>
    examples.filter((_, i) => corpus[i]!.split === s && !(s === 'train' && unread(i)));
  // Dense features of training cases with media: the frame tokens routing leaves partly empty, full.
  const withMedia = corpus.filter((r) => r.split === 'train' && (r.image || r.video || r.audio));
  const routedById = new Map(examples.map((e) => [e.id, e]));
  const same = (a: TrainExample, b: TrainExample) =>
    a.tokens.length === b.tokens.length &&
    a.tokens.every((t, k) => t.features.every((v, j) => v === b.tokens[k]!.features[j]));
  // `--no-dense` (a machine too busy for OCR on every frame) trains on the routed features only.
  const denseFeatures = process.argv.includes('--no-dense')
    ? []
    : await cached('dense', withMedia, () => corpusExamples(spec, withMedia, classifier, 'dense'));
  const dense = denseFeatures
    .filter((e) => !same(e, routedById.get(e.id)!))
    .map((e) => ({ ...e, id: `${e.id}+dense` }));
  const photos = [...new Set(corpus.flatMap((r) => (r.image ? [r.image.photo] : [])))].sort();
  const photoExamples = await cached(
    'photos',
    photos.map((p) => ({ p })),
    async () =>
      (await photoTokens(spec, classifier, photos)).map((t, i) => ({
        id: `photo-${i}`,
        tokens: [t],
        targets: new Float32Array(spec.categories.length),
        mask: new Float32Array(spec.categories.length),
      })),
  );
  const photoTokenList = photoExamples.map((e) => e.tokens[0]!);
  const textOf = new Map(corpus.map((r) => [r.id, r.text]));
  const trainCases = bySplit('train');
  const captionOnly = (e: TrainExample) =>
    e.tokens.length > 0 && e.tokens.every((t) => t.modality === 'caption');
  const threatIndex = spec.categories.indexOf('harassment/threatening');
  const withText = (e: TrainExample) => ({ example: e, text: textOf.get(e.id) ?? '' });
  const train = [
    ...augmentWithPhotos(
      spec,
      [...trainCases, ...dense],
      photoTokenList,
      0.3,
      20261129,
      (id) => textOf.get(id) ?? '',
    ),
    ...imageSignalExamples(
      spec,
      photoTokenList,
      trainCases.filter((e) => captionOnly(e) && e.targets.every((t) => t === 0)).map(withText),
      trainCases.filter((e) => captionOnly(e) && e.targets[threatIndex]! > 0.5).map(withText),
      20261207,
    ),
  ];
  const dev = bySplit('dev');
  console.log(
    `train: ${corpus.length} cases (train ${train.length} with ${dense.length} dense, dev ${dev.length}), features in ${Date.now() - t0} ms`,
  );
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
