import { float } from '../../onnx';
import { ConversionError } from '../errors';
import { convKernelToOnnx, depthwiseKernelToOnnx, foldBatchNorm } from '../kernels';
import type { LayerConverter } from './context';
import { outSize, pair, requireWeight, weight, type Value } from './keras';

/**
 * Conv2D and DepthwiseConv2D (bias, activation). A BatchNormalization that is the conv's only consumer
 * is folded into its weights: the conv's output then also stands for that layer.
 */
const conv: LayerConverter = (cx, layer, ins) => {
  const { g, weights, consumers, byName, folded } = cx;
  const c = layer.config;
  const x = ins[0]!;
  if (pair(c.dilation_rate ?? 1).some((d) => d !== 1))
    throw new ConversionError(`${layer.name}: dilations are not supported`);
  const depthwise = layer.class_name === 'DepthwiseConv2D';
  const kernel = requireWeight(weights, layer.name, depthwise ? 'depthwise_kernel' : 'kernel');
  const mapped = depthwise
    ? depthwiseKernelToOnnx(kernel.data as Float32Array, kernel.shape)
    : { ...convKernelToOnnx(kernel.data as Float32Array, kernel.shape), group: 1 };
  let bias = c.use_bias ? weight(weights, layer.name, 'bias') : undefined;
  let outName = layer.name;
  const next = consumers.get(layer.name) ?? [];
  const bnLayer = next.length === 1 ? byName.get(next[0]!) : undefined;
  const linear = c.activation === undefined || c.activation === 'linear';
  if (bnLayer?.class_name === 'BatchNormalization' && linear) {
    const bc = bnLayer.config;
    bias = foldBatchNorm(mapped.data, bias, {
      gamma: bc.scale === false ? undefined : weight(weights, bnLayer.name, 'gamma'),
      beta: bc.center === false ? undefined : weight(weights, bnLayer.name, 'beta'),
      mean: requireWeight(weights, bnLayer.name, 'moving_mean').data as Float32Array,
      variance: requireWeight(weights, bnLayer.name, 'moving_variance').data as Float32Array,
      epsilon: Number(bc.epsilon ?? 1e-3),
    });
    folded.add(bnLayer.name);
    outName = bnLayer.name;
  }
  const [kh, kw] = pair(c.kernel_size);
  const [sh, sw] = pair(c.strides ?? 1);
  const padding = String(c.padding);
  const inputs = [g.constant(`${layer.name}/W`, mapped.data, mapped.dims)];
  if (bias) inputs.push(g.constant(`${layer.name}/B`, bias, [bias.length]));
  const convName = g.op(
    'Conv',
    [x.name, ...inputs],
    {
      kernel_shape: [kh, kw],
      strides: [sh, sw],
      group: mapped.group,
      ...(padding === 'same' ? { auto_pad: 'SAME_UPPER' } : {}),
    },
    outName,
  );
  const [, , h, w] = x.dims;
  const dims: Value['dims'] = [
    x.dims[0]!,
    mapped.dims[0]!,
    typeof h === 'number' ? outSize(h, kh, sh, padding) : 'batch',
    typeof w === 'number' ? outSize(w, kw, sw, padding) : 'batch',
  ];
  const out = cx.activation({ name: convName, rank: 4, dims }, c.activation, `${layer.name}/act`);
  if (folded.has(outName)) cx.values.set(outName, out);
  return out;
};

/** BatchNormalization not folded into a conv: an ONNX node with Keras' epsilon. */
const batchNormalization: LayerConverter = (cx, layer, ins) => {
  const { g, weights } = cx;
  const c = layer.config;
  const x = ins[0]!;
  if (cx.folded.has(layer.name)) return undefined;
  const n = x.dims[1] as number;
  const ones = new Float32Array(n).fill(1);
  const gamma = c.scale === false ? ones : requireWeight(weights, layer.name, 'gamma').data;
  const beta = c.center === false ? new Float32Array(n) : requireWeight(weights, layer.name, 'beta').data;
  return {
    ...x,
    name: g.op(
      'BatchNormalization',
      [
        x.name,
        g.constant(`${layer.name}/gamma`, gamma as Float32Array, [n]),
        g.constant(`${layer.name}/beta`, beta as Float32Array, [n]),
        g.constant(
          `${layer.name}/mean`,
          requireWeight(weights, layer.name, 'moving_mean').data as Float32Array,
          [n],
        ),
        g.constant(
          `${layer.name}/var`,
          requireWeight(weights, layer.name, 'moving_variance').data as Float32Array,
          [n],
        ),
      ],
      { epsilon: float(Number(c.epsilon ?? 1e-3)) },
      layer.name,
    ),
  };
};

/** Dense on a rank-2 input: Gemm with the Keras kernel as is, then the activation. */
const dense: LayerConverter = (cx, layer, ins) => {
  const { g, weights } = cx;
  const c = layer.config;
  const x = ins[0]!;
  const kernel = requireWeight(weights, layer.name, 'kernel');
  const [inF, units] = kernel.shape as [number, number];
  const inputs = [x.name, g.constant(`${layer.name}/W`, kernel.data as Float32Array, [inF, units])];
  const bias = c.use_bias === false ? undefined : weight(weights, layer.name, 'bias');
  if (bias) inputs.push(g.constant(`${layer.name}/B`, bias, [units]));
  if (x.rank !== 2)
    throw new ConversionError(`${layer.name}: Dense on rank-${x.rank} input is not supported`);
  const gemm = g.op('Gemm', inputs, {}, layer.name);
  return cx.activation({ name: gemm, rank: 2, dims: [x.dims[0]!, units] }, c.activation, `${layer.name}/act`);
};

/** Layers with weights: convolutions, batch normalisation, dense. */
export const CONV_LAYERS: Record<string, LayerConverter> = {
  Conv2D: conv,
  DepthwiseConv2D: conv,
  BatchNormalization: batchNormalization,
  Dense: dense,
};
