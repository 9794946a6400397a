import { float, OnnxGraph } from '../onnx';
import { ConversionError, UnsupportedOpError } from './errors';
import { convKernelToOnnx, depthwiseKernelToOnnx, tfPadsToOnnx } from './kernels';
import type { NamedTensor } from './weights';

/**
 * Converts a TensorFlow.js graph model (`format: graph-model`, a TF GraphDef as JSON) into ONNX.
 * TF semantics are kept op by op: an NHWC Conv2D becomes Transpose → Conv → Transpose, and
 * onnxruntime's optimiser removes the transpose pairs. Constant sub-graphs (shape arithmetic such as
 * SparseToDense + AddV2 feeding a Reshape) are folded in JS.
 *
 * Ops: Placeholder, Const, Identity, Conv2D, DepthwiseConv2dNative, _FusedConv2D and
 * FusedDepthwiseConv2dNative (BiasAdd, Relu, Relu6, LeakyRelu, Elu, Sigmoid, FusedBatchNorm), MatMul,
 * _FusedMatMul, BiasAdd, Add, AddV2, Sub, Mul, RealDiv, Maximum, Minimum, Relu, Relu6, LeakyRelu, Elu,
 * Sigmoid, Tanh, Exp, Sqrt, Rsqrt, Square, Neg, Softmax, FusedBatchNorm(V3), Pad, PadV2, MaxPool, AvgPool,
 * Mean, ConcatV2, Reshape, Transpose, Squeeze, ExpandDims, Split, SplitV, ResizeBilinear,
 * ResizeNearestNeighbor, Cast, SparseToDense (constant only). Anything else throws UnsupportedOpError
 * naming the op. The mapping traps (pad order, SAME_UPPER, resize modes, int64 shapes) are held by
 * test/converter.test.ts and by the TensorFlow.js ↔ onnxruntime parity test (test/parity.test.ts).
 */

interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

interface TfAttr {
  i?: string | number;
  f?: number;
  b?: boolean;
  s?: string;
  type?: string;
  list?: { i?: (string | number)[]; s?: string[]; f?: number[] };
  shape?: { dim?: { size?: string | number }[] };
  tensor?: unknown;
}

/** A graph output to expose: the TF tensor (`Identity_2:0` or `Identity_2`), its ONNX name and shape. */
export interface GraphOutputSpec {
  readonly tf: string;
  readonly name: string;
  readonly shape: readonly (number | string)[];
}

export interface GraphConversionOptions {
  readonly name: string;
  /** ONNX input name for each Placeholder (TF name → ONNX name); default: the TF name. */
  readonly inputNames?: Readonly<Record<string, string>>;
  readonly outputs: readonly GraphOutputSpec[];
  /**
   * Makes axis 0 dynamic (`batch`): the Placeholder's first dimension becomes `batch`, and constant
   * Reshape targets whose first entry is 1 copy the input's first dimension instead (ONNX Reshape 0).
   * The parity test checks that a batch gives the same rows as single images.
   */
  readonly dynamicBatch?: boolean;
}

/** A folded constant: values in JS (int or float), with a TF shape. */
interface Constant {
  readonly shape: number[];
  readonly data: Float32Array | Int32Array;
  readonly dtype: 'float32' | 'int32';
}

type Ref = { kind: 'const'; value: Constant } | { kind: 'value'; name: string };

const attrString = (a: TfAttr | undefined): string | undefined =>
  a?.s === undefined ? undefined : Buffer.from(a.s, 'base64').toString('utf8');
const attrInts = (a: TfAttr | undefined): number[] => (a?.list?.i ?? []).map(Number);
const attrStrings = (a: TfAttr | undefined): string[] =>
  (a?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Elementwise on constants with scalar or equal-shape broadcasting (enough for shape arithmetic). */
function foldBinary(a: Constant, b: Constant, f: (x: number, y: number) => number): Constant {
  const n = Math.max(a.data.length, b.data.length);
  if (a.data.length !== n && a.data.length !== 1)
    throw new ConversionError('cannot fold constants of different shapes');
  if (b.data.length !== n && b.data.length !== 1)
    throw new ConversionError('cannot fold constants of different shapes');
  const isInt = a.dtype === 'int32' && b.dtype === 'int32';
  const data = isInt ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++)
    data[i] = f(a.data[a.data.length === 1 ? 0 : i]!, b.data[b.data.length === 1 ? 0 : i]!);
  return { shape: a.data.length === n ? a.shape : b.shape, data, dtype: isInt ? 'int32' : 'float32' };
}

/**
 * Converts a tfjs graph model to ONNX bytes.
 * @param topology `modelTopology` of the model JSON (`{ node: [...] }`).
 * @param weights decoded weights (see `decodeWeights`), keyed by Const node name.
 * @throws UnsupportedOpError naming the first op outside the list; ConversionError for malformed graphs.
 */
export function convertGraphModel(
  topology: unknown,
  weights: Map<string, NamedTensor>,
  options: GraphConversionOptions,
): Uint8Array {
  const nodes = (topology as { node?: TfNode[] }).node;
  if (!Array.isArray(nodes)) throw new ConversionError('not a graph model (modelTopology.node missing)');
  const g = new OnnxGraph(options.name);
  const refs = new Map<string, Ref>();
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const initializers = new Map<string, string>();
  const zeroF = () => g.scalar('zero', 0);

  const key = (input: string): string => (input.includes(':') ? input : `${input}:0`);
  const visiting = new Set<string>();

  /** Resolves a TF tensor name to a constant or an ONNX value, converting its producer first. */
  const resolve = (input: string): Ref => {
    const k = key(input);
    const found = refs.get(k);
    if (found) return found;
    const nodeName = k.slice(0, k.lastIndexOf(':'));
    const node = byName.get(nodeName);
    if (!node) throw new ConversionError(`tensor ${input} has no producer`);
    if (visiting.has(nodeName)) throw new ConversionError(`cycle at ${nodeName}`);
    visiting.add(nodeName);
    convert(node);
    visiting.delete(nodeName);
    const ref = refs.get(k);
    if (!ref) throw new ConversionError(`node ${nodeName} did not produce ${k}`);
    return ref;
  };

  const constant = (input: string, what: string): Constant => {
    const r = resolve(input);
    if (r.kind !== 'const') throw new ConversionError(`${what} must be a constant (${input})`);
    return r.value;
  };

  /** ONNX value name for a TF tensor; float constants become initializers (cached). */
  const value = (input: string): string => {
    const r = resolve(input);
    if (r.kind === 'value') return r.name;
    const k = key(input);
    let name = initializers.get(k);
    if (!name) {
      name =
        r.value.dtype === 'float32'
          ? g.constant(k, r.value.data as Float32Array, r.value.shape)
          : g.constant(
              k,
              BigInt64Array.from(r.value.data, (v) => BigInt(v)),
              r.value.shape,
              'int64',
            );
      initializers.set(k, name);
    }
    return name;
  };

  const setValue = (node: TfNode, name: string, index = 0) =>
    refs.set(`${node.name}:${index}`, { kind: 'value', name });
  const setConst = (node: TfNode, c: Constant) => refs.set(`${node.name}:0`, { kind: 'const', value: c });

  const toNchw = (x: string, hint: string) => g.op('Transpose', [x], { perm: [0, 3, 1, 2] }, `${hint}/nchw`);
  const toNhwc = (x: string, hint: string) => g.op('Transpose', [x], { perm: [0, 2, 3, 1] }, `${hint}/nhwc`);

  const activation = (x: string, op: string, node: TfNode): string => {
    switch (op) {
      case 'Relu':
        return g.op('Relu', [x], {}, `${node.name}/relu`);
      case 'Relu6':
        return g.op('Clip', [x, zeroF(), g.scalar('six', 6)], {}, `${node.name}/relu6`);
      case 'LeakyRelu':
        return g.op(
          'LeakyRelu',
          [x],
          { alpha: float(node.attr?.leakyrelu_alpha?.f ?? node.attr?.alpha?.f ?? 0.2) },
          `${node.name}/leaky`,
        );
      case 'Elu':
        return g.op('Elu', [x], { alpha: float(1) }, `${node.name}/elu`);
      case 'Sigmoid':
        return g.op('Sigmoid', [x], {}, `${node.name}/sigmoid`);
      case 'Tanh':
        return g.op('Tanh', [x], {}, `${node.name}/tanh`);
      default:
        throw new UnsupportedOpError(`${node.op}+${op}`, node.name);
    }
  };

  /** 2-D pooling/conv geometry from TF attrs for the given data format. */
  const spatial = (list: number[], format: string): [number, number] =>
    format === 'NCHW' ? [list[2] ?? 1, list[3] ?? 1] : [list[1] ?? 1, list[2] ?? 1];

  const padAttrs = (node: TfNode, format: string): Record<string, number[] | string> => {
    const padding = attrString(node.attr?.padding) ?? 'VALID';
    if (padding === 'SAME') return { auto_pad: 'SAME_UPPER' };
    if (padding === 'EXPLICIT') {
      const p = attrInts(node.attr?.explicit_paddings);
      const pairs =
        format === 'NCHW'
          ? [
              [p[4]!, p[5]!],
              [p[6]!, p[7]!],
            ]
          : [
              [p[2]!, p[3]!],
              [p[4]!, p[5]!],
            ];
      return { pads: tfPadsToOnnx(pairs as [number, number][]) };
    }
    return {};
  };

  const convertConv = (node: TfNode, depthwise: boolean, fusedOps: string[]) => {
    const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
    const format = attrString(node.attr?.data_format) ?? 'NHWC';
    const kernel = constant(inputs[1]!, `${node.op} filter`);
    const mapped = depthwise
      ? depthwiseKernelToOnnx(kernel.data as Float32Array, kernel.shape)
      : { ...convKernelToOnnx(kernel.data as Float32Array, kernel.shape), group: 1 };
    const dil = spatial(attrInts(node.attr?.dilations), format);
    const strides = spatial(attrInts(node.attr?.strides), format);
    let x = value(inputs[0]!);
    if (format === 'NHWC') x = toNchw(x, node.name);
    const convInputs = [x, g.constant(`${node.name}/W`, mapped.data, mapped.dims)];
    let rest = fusedOps;
    let argIndex = 2;
    if (rest[0] === 'BiasAdd') {
      const bias = constant(inputs[argIndex++]!, 'bias');
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
        constant(inputs[argIndex + i]!, 'batch norm'),
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
        const alpha = constant(inputs[argIndex++]!, 'prelu alpha');
        y = g.op('PRelu', [
          y,
          g.constant(`${node.name}/alpha`, alpha.data as Float32Array, [alpha.data.length, 1, 1]),
        ]);
      } else {
        y = activation(y, op, node);
      }
    }
    setValue(node, format === 'NHWC' ? toNhwc(y, node.name) : y);
  };

  const binary: Record<string, [string, (a: number, b: number) => number]> = {
    Add: ['Add', (a, b) => a + b],
    AddV2: ['Add', (a, b) => a + b],
    Sub: ['Sub', (a, b) => a - b],
    Mul: ['Mul', (a, b) => a * b],
    RealDiv: ['Div', (a, b) => a / b],
    Maximum: ['Max', Math.max],
    Minimum: ['Min', Math.min],
  };
  const unary: Record<string, string> = {
    Sigmoid: 'Sigmoid',
    Tanh: 'Tanh',
    Exp: 'Exp',
    Sqrt: 'Sqrt',
    Neg: 'Neg',
    Relu: 'Relu',
    Abs: 'Abs',
    Log: 'Log',
  };

  function convert(node: TfNode): void {
    const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
    const a = node.attr ?? {};
    switch (node.op) {
      case 'Placeholder': {
        const dims = (a.shape?.shape?.dim ?? []).map((d, i) => {
          const size = Number(d.size ?? -1);
          if (i === 0 && options.dynamicBatch) return 'batch';
          return size < 0 ? (i === 0 ? 'batch' : `d${i}`) : size;
        });
        setValue(node, g.input(options.inputNames?.[node.name] ?? node.name, 'float32', dims));
        return;
      }
      case 'Const': {
        const w = weights.get(node.name);
        if (!w) throw new ConversionError(`constant ${node.name} has no weights`);
        setConst(node, { shape: w.shape, data: w.data, dtype: w.dtype });
        return;
      }
      case 'Identity':
      case 'StopGradient':
        refs.set(`${node.name}:0`, resolve(inputs[0]!));
        return;
      case 'Conv2D':
      case 'DepthwiseConv2dNative':
        convertConv(node, node.op !== 'Conv2D', []);
        return;
      case '_FusedConv2D':
      case 'FusedDepthwiseConv2dNative':
        convertConv(node, node.op !== '_FusedConv2D', attrStrings(a.fused_ops));
        return;
      case 'MatMul':
      case '_FusedMatMul': {
        const ta = a.transpose_a?.b ?? false;
        const tb = a.transpose_b?.b ?? false;
        const ins = [value(inputs[0]!), value(inputs[1]!)];
        const fused = attrStrings(a.fused_ops);
        let rest = fused;
        if (fused[0] === 'BiasAdd') {
          ins.push(value(inputs[2]!));
          rest = fused.slice(1);
        }
        let y = g.op('Gemm', ins, { transA: ta ? 1 : 0, transB: tb ? 1 : 0 }, node.name);
        for (const op of rest) y = activation(y, op, node);
        setValue(node, y);
        return;
      }
      case 'BiasAdd': {
        const format = attrString(a.data_format) ?? 'NHWC';
        let bias = value(inputs[1]!);
        if (format === 'NCHW') bias = g.op('Unsqueeze', [bias, g.int64s('axes12', [1, 2])]);
        setValue(node, g.op('Add', [value(inputs[0]!), bias], {}, node.name));
        return;
      }
      case 'Add':
      case 'AddV2':
      case 'Sub':
      case 'Mul':
      case 'RealDiv':
      case 'Maximum':
      case 'Minimum': {
        const [onnxOp, f] = binary[node.op]!;
        const l = resolve(inputs[0]!);
        const r = resolve(inputs[1]!);
        if (l.kind === 'const' && r.kind === 'const') setConst(node, foldBinary(l.value, r.value, f));
        else setValue(node, g.op(onnxOp, [value(inputs[0]!), value(inputs[1]!)], {}, node.name));
        return;
      }
      case 'Relu6':
        setValue(node, g.op('Clip', [value(inputs[0]!), zeroF(), g.scalar('six', 6)], {}, node.name));
        return;
      case 'LeakyRelu':
        setValue(
          node,
          g.op('LeakyRelu', [value(inputs[0]!)], { alpha: float(a.alpha?.f ?? 0.2) }, node.name),
        );
        return;
      case 'Elu':
        setValue(node, g.op('Elu', [value(inputs[0]!)], { alpha: float(1) }, node.name));
        return;
      case 'Rsqrt':
        setValue(node, g.op('Reciprocal', [g.op('Sqrt', [value(inputs[0]!)])], {}, node.name));
        return;
      case 'Square': {
        const x = value(inputs[0]!);
        setValue(node, g.op('Mul', [x, x], {}, node.name));
        return;
      }
      case 'Softmax':
        setValue(node, g.op('Softmax', [value(inputs[0]!)], { axis: -1 }, node.name));
        return;
      case 'FusedBatchNorm':
      case 'FusedBatchNormV3': {
        const format = attrString(a.data_format) ?? 'NHWC';
        const [scale, offset, mean, variance] = [1, 2, 3, 4].map((i) => constant(inputs[i]!, 'batch norm'));
        const eps = a.epsilon?.f ?? 1e-3;
        const n = mean!.data.length;
        const k = new Float32Array(n);
        const b = new Float32Array(n);
        for (let c = 0; c < n; c++) {
          k[c] = scale!.data[c]! / Math.sqrt(variance!.data[c]! + eps);
          b[c] = offset!.data[c]! - mean!.data[c]! * k[c]!;
        }
        const shape = format === 'NCHW' ? [1, n, 1, 1] : [n];
        const scaled = g.op('Mul', [value(inputs[0]!), g.constant(`${node.name}/k`, k, shape)]);
        setValue(node, g.op('Add', [scaled, g.constant(`${node.name}/b`, b, shape)], {}, node.name));
        return;
      }
      case 'Pad':
      case 'PadV2':
      case 'MirrorPad': {
        const p = constant(inputs[1]!, 'paddings');
        const pairs: [number, number][] = [];
        for (let i = 0; i < p.data.length; i += 2) pairs.push([p.data[i]!, p.data[i + 1]!]);
        const ins = [value(inputs[0]!), g.int64s(`${node.name}/pads`, tfPadsToOnnx(pairs))];
        if (node.op === 'PadV2') ins.push(value(inputs[2]!));
        const mode =
          node.op === 'MirrorPad' ? (attrString(a.mode) === 'SYMMETRIC' ? 'edge' : 'reflect') : 'constant';
        if (node.op === 'MirrorPad' && attrString(a.mode) === 'SYMMETRIC')
          throw new UnsupportedOpError('MirrorPad:SYMMETRIC', node.name);
        setValue(node, g.op('Pad', ins, { mode }, node.name));
        return;
      }
      case 'MaxPool':
      case 'AvgPool': {
        const format = attrString(a.data_format) ?? 'NHWC';
        let x = value(inputs[0]!);
        if (format === 'NHWC') x = toNchw(x, node.name);
        const avg = node.op === 'AvgPool';
        let y = g.op(
          avg ? 'AveragePool' : 'MaxPool',
          [x],
          {
            kernel_shape: spatial(attrInts(a.ksize), format),
            strides: spatial(attrInts(a.strides), format),
            ...padAttrs(node, format),
            ...(avg ? { count_include_pad: 0 } : {}),
          },
          `${node.name}/pool`,
        );
        if (format === 'NHWC') y = toNhwc(y, node.name);
        setValue(node, y);
        return;
      }
      case 'Mean': {
        const axes = constant(inputs[1]!, 'reduction axes');
        setValue(
          node,
          g.op(
            'ReduceMean',
            [value(inputs[0]!), g.int64s(`${node.name}/axes`, [...axes.data])],
            { keepdims: a.keep_dims?.b ? 1 : 0 },
            node.name,
          ),
        );
        return;
      }
      case 'ConcatV2': {
        const axis = constant(inputs[inputs.length - 1]!, 'concat axis').data[0]!;
        const parts = inputs.slice(0, -1);
        const refsIn = parts.map(resolve);
        if (
          refsIn.every((r) => r.kind === 'const') &&
          refsIn.every((r) => (r as { value: Constant }).value.shape.length === 1)
        ) {
          const vals = refsIn.flatMap((r) => [...(r as { value: Constant }).value.data]);
          setConst(node, { shape: [vals.length], data: Int32Array.from(vals), dtype: 'int32' });
          return;
        }
        setValue(node, g.op('Concat', parts.map(value), { axis }, node.name));
        return;
      }
      case 'Reshape': {
        const shape = [...constant(inputs[1]!, 'reshape target').data];
        const src = resolve(inputs[0]!);
        if (src.kind === 'const') {
          setConst(node, {
            ...src.value,
            shape: shape.map((d) => (d < 0 ? sizeOf(src.value.shape) / -sizeOf(shape) : d)),
          });
          return;
        }
        if (options.dynamicBatch && shape[0] === 1) shape[0] = 0;
        setValue(node, g.op('Reshape', [src.name, g.int64s(`${node.name}/shape`, shape)], {}, node.name));
        return;
      }
      case 'Transpose': {
        const perm = [...constant(inputs[1]!, 'permutation').data];
        setValue(node, g.op('Transpose', [value(inputs[0]!)], { perm }, node.name));
        return;
      }
      case 'Squeeze': {
        const axes = attrInts(a.squeeze_dims ?? a.axis);
        const ins = [value(inputs[0]!)];
        if (axes.length) ins.push(g.int64s(`${node.name}/axes`, axes));
        setValue(node, g.op('Squeeze', ins, {}, node.name));
        return;
      }
      case 'ExpandDims': {
        const axis = constant(inputs[1]!, 'axis').data[0]!;
        setValue(
          node,
          g.op('Unsqueeze', [value(inputs[0]!), g.int64s(`${node.name}/axes`, [axis])], {}, node.name),
        );
        return;
      }
      case 'Split':
      case 'SplitV': {
        const count = Number(a.num_split?.i ?? 1);
        const x = node.op === 'Split' ? inputs[1]! : inputs[0]!;
        const axis = constant(node.op === 'Split' ? inputs[0]! : inputs[2]!, 'split axis').data[0]!;
        const ins = [value(x)];
        const attrs: Record<string, number> = { axis };
        if (node.op === 'SplitV') {
          const sizes = [...constant(inputs[1]!, 'split sizes').data];
          if (sizes.some((s) => s < 0))
            throw new ConversionError(`${node.name}: SplitV with -1 sizes is not supported`);
          ins.push(g.int64s(`${node.name}/split`, sizes));
        } else {
          attrs.num_outputs = count;
        }
        const outs = g.node('Split', ins, attrs, { outputs: count, name: node.name });
        outs.forEach((o, i) => setValue(node, o, i));
        return;
      }
      case 'ResizeBilinear':
      case 'ResizeNearestNeighbor': {
        const size = [...constant(inputs[1]!, 'resize size').data];
        const x = toNchw(value(inputs[0]!), node.name);
        const shape = g.op('Shape', [x]);
        const nc = g.op('Slice', [shape, g.int64s('s0', [0]), g.int64s('s2', [2])]);
        const sizes = g.op('Concat', [nc, g.int64s(`${node.name}/hw`, size)], { axis: 0 });
        const align = a.align_corners?.b ?? false;
        const half = a.half_pixel_centers?.b ?? false;
        const bilinear = node.op === 'ResizeBilinear';
        const mode = align
          ? 'align_corners'
          : half
            ? bilinear
              ? 'half_pixel'
              : 'tf_half_pixel_for_nn'
            : 'asymmetric';
        const y = g.op(
          'Resize',
          [x, '', '', sizes],
          {
            mode: bilinear ? 'linear' : 'nearest',
            coordinate_transformation_mode: mode,
            ...(bilinear ? {} : { nearest_mode: align ? 'round_prefer_ceil' : 'floor' }),
          },
          `${node.name}/resize`,
        );
        setValue(node, toNhwc(y, node.name));
        return;
      }
      case 'Cast': {
        const src = resolve(inputs[0]!);
        const to = a.DstT?.type ?? '';
        const intTarget = /INT/.test(to);
        if (src.kind === 'const') {
          const data = intTarget
            ? Int32Array.from(src.value.data, Math.trunc)
            : Float32Array.from(src.value.data);
          setConst(node, { shape: src.value.shape, data, dtype: intTarget ? 'int32' : 'float32' });
          return;
        }
        setValue(node, g.op('Cast', [src.name], { to: intTarget ? 7 : 1 }, node.name));
        return;
      }
      case 'SparseToDense': {
        const [indices, outShape, values, fill] = inputs.map((i) => constant(i, 'SparseToDense input'));
        const shape = [...outShape!.data];
        const data = new Int32Array(sizeOf(shape)).fill(fill!.data[0] ?? 0);
        const rank = shape.length;
        const count = indices!.shape[0] ?? 0;
        for (let i = 0; i < count; i++) {
          let flat = 0;
          for (let d = 0; d < rank; d++) flat = flat * shape[d]! + indices!.data[i * rank + d]!;
          data[flat] = values!.data.length === 1 ? values!.data[0]! : values!.data[i]!;
        }
        setConst(node, { shape, data, dtype: 'int32' });
        return;
      }
      default:
        if (unary[node.op]) {
          setValue(node, g.op(unary[node.op]!, [value(inputs[0]!)], {}, node.name));
          return;
        }
        throw new UnsupportedOpError(node.op, node.name);
    }
  }

  for (const out of options.outputs) {
    const r = resolve(out.tf);
    if (r.kind !== 'value') throw new ConversionError(`output ${out.tf} is a constant`);
    g.output(r.name, 'float32', out.shape, out.name);
  }
  return g.encode({
    docString: 'converted from a TensorFlow.js graph model by @vigil/model-build (tfjs → ONNX)',
  });
}
