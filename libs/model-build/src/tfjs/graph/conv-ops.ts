import { convKernelToOnnx, depthwiseKernelToOnnx } from '../kernels';
import { padAttrs, spatial, type GraphContext, type OpConverter } from './context';
import { attrInts, attrString, attrStrings, type TfNode } from './nodes';

/**
 * Conv2D and DepthwiseConv2dNative, plain or fused (`fused_ops`: BiasAdd, FusedBatchNorm folded into a
 * per-channel Mul + Add, Prelu, then activations). NHWC inputs go through Transpose → Conv → Transpose.
 */
function convertConv(cx: GraphContext, node: TfNode, depthwise: boolean, fusedOps: string[]): void {
  const g = cx.g;
  const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
  const format = attrString(node.attr?.data_format) ?? 'NHWC';
  const kernel = cx.constant(inputs[1]!, `${node.op} filter`);
  const mapped = depthwise
    ? depthwiseKernelToOnnx(kernel.data as Float32Array, kernel.shape)
    : { ...convKernelToOnnx(kernel.data as Float32Array, kernel.shape), group: 1 };
  const dil = spatial(attrInts(node.attr?.dilations), format);
  const strides = spatial(attrInts(node.attr?.strides), format);
  let x = cx.value(inputs[0]!);
  if (format === 'NHWC') x = cx.toNchw(x, node.name);
  const convInputs = [x, g.constant(`${node.name}/W`, mapped.data, mapped.dims)];
  let rest = fusedOps;
  let argIndex = 2;
  if (rest[0] === 'BiasAdd') {
    const bias = cx.constant(inputs[argIndex++]!, 'bias');
    convInputs.push(g.constant(`${node.name}/B`, bias.data as Float32Array, [bias.data.length]));
    rest = rest.slice(1);
  }
  let y = g.op(
    'Conv',
    convInputs,
    {
      kernel_shape: [mapped.dims[2]!, mapped.dims[3]!],
      strides,
      dilations: dil,
      group: mapped.group,
      ...padAttrs(node, format),
    },
    `${node.name}/conv`,
  );
  if (rest[0] === 'FusedBatchNorm') {
    const [scale, offset, mean, variance] = [0, 1, 2, 3].map((i) =>
      cx.constant(inputs[argIndex + i]!, 'batch norm'),
    );
    argIndex += 4;
    const eps = node.attr?.epsilon?.f ?? 1e-3;
    const n = mean!.data.length;
    const shape = [1, n, 1, 1];
    const k = new Float32Array(n);
    const b = new Float32Array(n);
    for (let c = 0; c < n; c++) {
      k[c] = scale!.data[c]! / Math.sqrt(variance!.data[c]! + eps);
      b[c] = offset!.data[c]! - mean!.data[c]! * k[c]!;
    }
    y = g.op('Add', [
      g.op('Mul', [y, g.constant(`${node.name}/bn_k`, k, shape)]),
      g.constant(`${node.name}/bn_b`, b, shape),
    ]);
    rest = rest.slice(1);
  }
  for (const op of rest) {
    if (op === 'Prelu') {
      const alpha = cx.constant(inputs[argIndex++]!, 'prelu alpha');
      y = g.op('PRelu', [
        y,
        g.constant(`${node.name}/alpha`, alpha.data as Float32Array, [alpha.data.length, 1, 1]),
      ]);
    } else {
      y = cx.activation(y, op, node);
    }
  }
  cx.setValue(node, format === 'NHWC' ? cx.toNhwc(y, node.name) : y);
}

const matMul: OpConverter = (cx, node, inputs, a) => {
  const ta = a.transpose_a?.b ?? false;
  const tb = a.transpose_b?.b ?? false;
  const ins = [cx.value(inputs[0]!), cx.value(inputs[1]!)];
  const fused = attrStrings(a.fused_ops);
  let rest = fused;
  if (fused[0] === 'BiasAdd') {
    ins.push(cx.value(inputs[2]!));
    rest = fused.slice(1);
  }
  let y = cx.g.op('Gemm', ins, { transA: ta ? 1 : 0, transB: tb ? 1 : 0 }, node.name);
  for (const op of rest) y = cx.activation(y, op, node);
  cx.setValue(node, y);
};

/** FusedBatchNorm(V3) with constant statistics, as a per-channel Mul + Add. */
const batchNorm: OpConverter = (cx, node, inputs, a) => {
  const g = cx.g;
  const format = attrString(a.data_format) ?? 'NHWC';
  const [scale, offset, mean, variance] = [1, 2, 3, 4].map((i) => cx.constant(inputs[i]!, 'batch norm'));
  const eps = a.epsilon?.f ?? 1e-3;
  const n = mean!.data.length;
  const k = new Float32Array(n);
  const b = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    k[c] = scale!.data[c]! / Math.sqrt(variance!.data[c]! + eps);
    b[c] = offset!.data[c]! - mean!.data[c]! * k[c]!;
  }
  const shape = format === 'NCHW' ? [1, n, 1, 1] : [n];
  const scaled = g.op('Mul', [cx.value(inputs[0]!), g.constant(`${node.name}/k`, k, shape)]);
  cx.setValue(node, g.op('Add', [scaled, g.constant(`${node.name}/b`, b, shape)], {}, node.name));
};

/** Convolutions, matrix products, bias and batch normalisation. */
export const CONV_OPS: Record<string, OpConverter> = {
  Conv2D: (cx, node) => convertConv(cx, node, false, []),
  DepthwiseConv2dNative: (cx, node) => convertConv(cx, node, true, []),
  _FusedConv2D: (cx, node, _inputs, a) => convertConv(cx, node, false, attrStrings(a.fused_ops)),
  FusedDepthwiseConv2dNative: (cx, node, _inputs, a) => convertConv(cx, node, true, attrStrings(a.fused_ops)),
  MatMul: matMul,
  _FusedMatMul: matMul,
  BiasAdd: (cx, node, inputs, a) => {
    const g = cx.g;
    const format = attrString(a.data_format) ?? 'NHWC';
    let bias = cx.value(inputs[1]!);
    if (format === 'NCHW') bias = g.op('Unsqueeze', [bias, g.int64s('axes12', [1, 2])]);
    cx.setValue(node, g.op('Add', [cx.value(inputs[0]!), bias], {}, node.name));
  },
  FusedBatchNorm: batchNorm,
  FusedBatchNormV3: batchNorm,
};
