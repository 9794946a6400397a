/**
 * Weight layout conversions shared by the layers and graph converters. TensorFlow stores conv kernels
 * as [kh, kw, cin, cout] and depthwise kernels as [kh, kw, C, multiplier]; ONNX Conv wants
 * [cout, cin/group, kh, kw], with depthwise output channel c·multiplier + m
 * (tf.nn.depthwise_conv2d documentation; ONNX Conv operator).
 */

/** [kh, kw, cin, cout] → [cout, cin, kh, kw]. */
export function convKernelToOnnx(
  data: Float32Array,
  shape: readonly number[],
): { data: Float32Array; dims: number[] } {
  const [kh, kw, cin, cout] = shape as [number, number, number, number];
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + y) * kw + x] = data[((y * kw + x) * cin + i) * cout + o]!;
  return { data: out, dims: [cout, cin, kh, kw] };
}

/** [kh, kw, C, mult] → [C·mult, 1, kh, kw] (group = C). */
export function depthwiseKernelToOnnx(
  data: Float32Array,
  shape: readonly number[],
): { data: Float32Array; dims: number[]; group: number } {
  const [kh, kw, c, mult] = shape as [number, number, number, number];
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let ch = 0; ch < c; ch++)
        for (let m = 0; m < mult; m++)
          out[((ch * mult + m) * kh + y) * kw + x] = data[((y * kw + x) * c + ch) * mult + m]!;
  return { data: out, dims: [c * mult, 1, kh, kw], group: c };
}

/**
 * Folds an inference-mode batch normalisation into the preceding convolution (in place):
 * w' = w · γ/√(σ²+ε) per output channel, b' = (b − μ) · γ/√(σ²+ε) + β.
 * @param weight ONNX layout [cout, …]. @returns the new bias.
 */
export function foldBatchNorm(
  weight: Float32Array,
  bias: Float32Array | undefined,
  bn: {
    gamma?: Float32Array;
    beta?: Float32Array;
    mean: Float32Array;
    variance: Float32Array;
    epsilon: number;
  },
): Float32Array {
  const cout = bn.mean.length;
  const per = weight.length / cout;
  const newBias = new Float32Array(cout);
  for (let o = 0; o < cout; o++) {
    const k = (bn.gamma ? bn.gamma[o]! : 1) / Math.sqrt(bn.variance[o]! + bn.epsilon);
    for (let i = 0; i < per; i++) weight[o * per + i]! *= k;
    newBias[o] = ((bias ? bias[o]! : 0) - bn.mean[o]!) * k + (bn.beta ? bn.beta[o]! : 0);
  }
  return newBias;
}

/** TF explicit paddings [[b0,a0],[b1,a1],…] → ONNX pads [b0,b1,…,a0,a1,…]. */
export function tfPadsToOnnx(pairs: readonly (readonly [number, number])[]): number[] {
  return [...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])];
}
