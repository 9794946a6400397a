/**
 * Greedy CTC decoding (Graves et al., ICML 2006; PaddleOCR `CTCLabelDecode`): per time step take the
 * most probable class, collapse repeats, drop the blank (class 0). Confidence is the mean probability
 * of the kept steps (PaddleOCR's definition); 0 for an empty result.
 * @param probs `[steps, classes]` softmax output of one line, row-major.
 * @param charset class i ≥ 1 decodes to `charset[i - 1]`.
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  steps: number,
  classes: number,
  charset: readonly string[],
): { text: string; confidence: number } {
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[row + c]! > probs[row + best]!) best = c;
    if (best !== 0 && best !== previous) {
      text += charset[best - 1] ?? '';
      sum += probs[row + best]!;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept ? sum / kept : 0 };
}
