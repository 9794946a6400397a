/**
 * Platt scaling (Platt 1999, with the Lin–Lin–Weng 2007 numerically stable Newton iteration): the a, b
 * minimising the cross-entropy of sigmoid(a × logit + b) against the smoothed targets
 * (N+ + 1)/(N+ + 2) and 1/(N− + 2), optionally with case weights (N± then weighted counts). Without both
 * classes it returns the identity (a = 1, b = 0).
 */
export function fitPlatt(
  logits: readonly number[],
  labels: readonly number[],
  weights: readonly number[] = labels.map(() => 1),
): { a: number; b: number } {
  const nPos = labels.reduce((s, y, i) => s + (y > 0.5 ? weights[i]! : 0), 0);
  const nNeg = weights.reduce((s, w) => s + w, 0) - nPos;
  if (nPos === 0 || nNeg === 0) return { a: 1, b: 0 };
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = labels.map((y) => (y > 0.5 ? hi : lo));
  // Parametrised as p = 1 / (1 + exp(A f + B)); returned as a = −A, b = −B.
  let A = 0;
  let B = Math.log((nNeg + 1) / (nPos + 1));
  const sigma = 1e-12;
  const fval = (a: number, b: number): number =>
    logits.reduce((s, f, i) => {
      const z = f * a + b;
      const l = z >= 0 ? t[i]! * z + Math.log1p(Math.exp(-z)) : (t[i]! - 1) * z + Math.log1p(Math.exp(z));
      return s + weights[i]! * l;
    }, 0);
  let fv = fval(A, B);
  for (let it = 0; it < 100; it++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    logits.forEach((f, i) => {
      const z = f * A + B;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const w = weights[i]!;
      const d2 = w * p * q;
      h11 += f * f * d2;
      h22 += d2;
      h21 += f * d2;
      const d1 = w * (t[i]! - p);
      g1 += f * d1;
      g2 += d1;
    });
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = fval(nA, nB);
      if (nf < fv + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        fv = nf;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a: -A, b: -B };
}

/**
 * The decision threshold on calibrated scores: the lowest score s such that the cases scoring ≥ s have
 * precision ≥ `target` (the most recall at that precision); when no cut reaches it, the cut of best F1.
 * Returned halfway between the chosen case's score and the next lower one, so that equal scores fall
 * on the same side. Optional case weights count in precision and recall. With no positive case it returns 0.5.
 */
export function thresholdForPrecision(
  scores: readonly number[],
  labels: readonly number[],
  target: number,
  weights: readonly number[] = labels.map(() => 1),
): number {
  const order = scores.map((s, i) => ({ s, y: labels[i]! > 0.5, w: weights[i]! })).sort((a, b) => b.s - a.s);
  const positives = order.reduce((a, o) => a + (o.y ? o.w : 0), 0);
  if (positives === 0) return 0.5;
  let tp = 0;
  let all = 0;
  let best = { k: -1, recall: -1 };
  let bestF1 = { k: 0, f1: -1 };
  for (let k = 0; k < order.length; k++) {
    if (order[k]!.y) tp += order[k]!.w;
    all += order[k]!.w;
    if (k + 1 < order.length && order[k + 1]!.s === order[k]!.s) continue;
    const precision = tp / all;
    const recall = tp / positives;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    if (precision >= target && recall > best.recall) best = { k, recall };
    if (f1 > bestF1.f1) bestF1 = { k, f1 };
  }
  const k = best.k >= 0 ? best.k : bestF1.k;
  const next = order[k + 1]?.s ?? 0;
  return (order[k]!.s + next) / 2;
}
