import { OnnxGraph } from '../onnx';
import { ConversionError } from './errors';
import { GraphContext, type OpConverter } from './graph/context';
import { CONV_OPS } from './graph/conv-ops';
import { ELEMENTWISE_OPS } from './graph/elementwise-ops';
import type { GraphConversionOptions } from './graph/options';
import { SHAPE_OPS } from './graph/shape-ops';
import { SPATIAL_OPS } from './graph/spatial-ops';
import type { TfNode } from './graph/nodes';
import type { NamedTensor } from './weights';

export type { GraphConversionOptions, GraphOutputSpec } from './graph/options';

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
 *
 * The op converters live in graph/ by kind (conv, elementwise, spatial, shape); graph/context.ts holds
 * the conversion state they share.
 */

/** The graph's sources: inputs (Placeholder), weights (Const) and pass-throughs. */
const SOURCE_OPS: Record<string, OpConverter> = {
  Placeholder: (cx, node, _inputs, a) => {
    const dims = (a.shape?.shape?.dim ?? []).map((d, i) => {
      const size = Number(d.size ?? -1);
      if (i === 0 && cx.options.dynamicBatch) return 'batch';
      return size < 0 ? (i === 0 ? 'batch' : `d${i}`) : size;
    });
    cx.setValue(node, cx.g.input(cx.options.inputNames?.[node.name] ?? node.name, 'float32', dims));
  },
  Const: (cx, node) => {
    const w = cx.weights.get(node.name);
    if (!w) throw new ConversionError(`constant ${node.name} has no weights`);
    cx.setConst(node, { shape: w.shape, data: w.data, dtype: w.dtype });
  },
  Identity: (cx, node, inputs) => cx.alias(node, inputs[0]!),
  StopGradient: (cx, node, inputs) => cx.alias(node, inputs[0]!),
};

/** Every op the converter covers (the list above), by TF op name. */
const OPS: ReadonlyMap<string, OpConverter> = new Map(
  Object.entries({ ...SOURCE_OPS, ...CONV_OPS, ...ELEMENTWISE_OPS, ...SPATIAL_OPS, ...SHAPE_OPS }),
);

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
  const cx = new GraphContext(g, nodes, weights, options, OPS);
  for (const out of options.outputs) {
    const r = cx.resolve(out.tf);
    if (r.kind !== 'value') throw new ConversionError(`output ${out.tf} is a constant`);
    g.output(r.name, 'float32', out.shape, out.name);
  }
  return g.encode({
    docString: 'converted from a TensorFlow.js graph model by @vigil/model-build (tfjs → ONNX)',
  });
}
