/**
 * Binary classification metrics for one category: scores 0..1 against 0/1 labels.
 * AUPRC is average precision (the step-wise area under the precision–recall curve, as scikit-learn's
 * `average_precision_score`); ECE is the expected calibration error over 10 equal-width bins
 * (Naeini et al. 2015; Guo et al. 2017).
 */
export interface BinaryMetrics {
  readonly positives: number;
  readonly negatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly auprc: number;
  /** False positives / negatives at the threshold. */
  readonly fpr: number;
  readonly ece: number;
}

export function averagePrecision(scores: readonly number[], labels: readonly number[]): number {
  const positives = labels.filter((l) => l > 0.5).length;
  if (positives === 0) return NaN;
  const order = scores.map((s, i) => ({ s, l: labels[i]! > 0.5 })).sort((a, b) => b.s - a.s);
  let tp = 0;
  let ap = 0;
  for (let i = 0; i < order.length; i++) {
    if (order[i]!.l) {
      tp++;
      // Ties count once, at the end of their group (scikit-learn semantics).
      ap += tp / (i + 1);
    }
  }
  return ap / positives;
}

export function expectedCalibrationError(
  scores: readonly number[],
  labels: readonly number[],
  bins = 10,
): number {
  if (scores.length === 0) return NaN;
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  scores.forEach((s, i) => {
    const b = Math.min(bins - 1, Math.floor(s * bins));
    count[b]!++;
    conf[b]! += s;
    acc[b]! += labels[i]! > 0.5 ? 1 : 0;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(acc[b]! - conf[b]!) / scores.length;
  return ece;
}

export function binaryMetrics(
  scores: readonly number[],
  labels: readonly number[],
  threshold: number,
): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  scores.forEach((s, i) => {
    const y = labels[i]! > 0.5;
    const p = s >= threshold;
    if (p && y) tp++;
    else if (p && !y) fp++;
    else if (!p && y) fn++;
    else tn++;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    positives: tp + fn,
    negatives: fp + tn,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    auprc: averagePrecision(scores, labels),
    fpr: fp + tn > 0 ? fp / (fp + tn) : 0,
    ece: expectedCalibrationError(scores, labels),
  };
}

/**
 * Temperature scaling for one category (Guo et al. 2017): the T > 0 minimising the binary
 * cross-entropy of sigmoid(logit / T) on dev data, by golden-section search on log T in [0.25, 10]
 * (bounded: on a small, separable dev set the optimum runs to T → 0, an over-confident model).
 */
export function fitTemperature(logits: readonly number[], labels: readonly number[]): number {
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let sum = 0;
    logits.forEach((z0, i) => {
      const z = z0 / t;
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (labels[i]! > 0.5 ? z : 0);
    });
    return sum;
  };
  let a = Math.log(0.25);
  let b = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  for (let i = 0; i < 80; i++) {
    if (nll(c) < nll(d)) b = d;
    else a = c;
    c = b - phi * (b - a);
    d = a + phi * (b - a);
  }
  return Math.exp((a + b) / 2);
}
