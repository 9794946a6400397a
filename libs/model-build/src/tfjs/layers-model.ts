import { float, OnnxGraph } from '../onnx';
import { ConversionError, UnsupportedOpError } from './errors';
import { convKernelToOnnx, depthwiseKernelToOnnx, foldBatchNorm, tfPadsToOnnx } from './kernels';
import type { NamedTensor } from './weights';

/**
 * Converts a Keras functional model saved by TensorFlow.js (`modelTopology.model_config`, Keras 2.x
 * `channels_last`) into ONNX. The ONNX input keeps the Keras layout `[batch, H, W, C]`; inside, 4-D
 * tensors are NCHW (one Transpose after the input, which onnxruntime folds into the first Conv).
 *
 * Layers: InputLayer, Conv2D, DepthwiseConv2D (bias, activation; a BatchNormalization that is the
 * conv's only consumer is folded into its weights), BatchNormalization (otherwise an ONNX node with
 * Keras' epsilon), ReLU (max_value → Clip, negative_slope → LeakyRelu), LeakyReLU, Activation, Add,
 * Concatenate, ZeroPadding2D, AveragePooling2D / MaxPooling2D (valid/same), GlobalAveragePooling2D,
 * Flatten (keeps Keras' NHWC order), Dense, Dropout (identity), Softmax. Anything else throws
 * UnsupportedOpError naming the layer class. The mapping traps (NHWC, depthwise channel order, Keras
 * epsilon 1e-3, ReLU6 as Clip) are held by test/converter.test.ts and test/parity.test.ts.
 */

interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, unknown][][];
}

interface KerasModelConfig {
  class_name: string;
  config: {
    layers: KerasLayer[];
    input_layers: [string, number, number][];
    output_layers: [string, number, number][];
  };
}

/** What to convert and how to name the ONNX graph's ends. */
export interface LayersConversionOptions {
  /** Graph name. */
  readonly name: string;
  /** ONNX name of the input (default `input`). */
  readonly inputName?: string;
  /** ONNX name of the model's (single) output. */
  readonly outputName: string;
  /** Extra outputs taken from inner layers, e.g. `{ layer: 'flatten_1', name: 'embedding' }`. */
  readonly extraOutputs?: readonly { layer: string; name: string }[];
}

interface Value {
  name: string;
  /** Rank and spatial dims when known (NCHW inside). */
  rank: number;
  dims: (number | 'batch')[];
}

function weight(weights: Map<string, NamedTensor>, layer: string, part: string): Float32Array | undefined {
  const t = weights.get(`${layer}/${part}`);
  if (t && t.dtype !== 'float32') throw new ConversionError(`${layer}/${part} is not float32`);
  return t?.data as Float32Array | undefined;
}

function requireWeight(weights: Map<string, NamedTensor>, layer: string, part: string): NamedTensor {
  const t = weights.get(`${layer}/${part}`);
  if (!t) throw new ConversionError(`weight ${layer}/${part} is missing`);
  return t;
}

function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
}

/** Output size of a conv/pool along one axis (TF semantics). */
function outSize(size: number, k: number, s: number, padding: string): number {
  return padding === 'same' ? Math.ceil(size / s) : Math.floor((size - k) / s) + 1;
}

/**
 * Converts a Keras layers model (tfjs `modelTopology`) with its decoded weights to ONNX bytes.
 * @throws UnsupportedOpError for layers outside the list above; ConversionError for missing weights
 *   or configurations the mapping does not cover (dilations, channels_first, several inputs).
 */
export function convertLayersModel(
  topology: unknown,
  weights: Map<string, NamedTensor>,
  options: LayersConversionOptions,
): Uint8Array {
  const modelConfig = (topology as { model_config?: KerasModelConfig }).model_config;
  if (!modelConfig || !Array.isArray(modelConfig.config?.layers)) {
    throw new ConversionError('not a Keras functional model (model_config.config.layers missing)');
  }
  const { layers, input_layers: inputLayers, output_layers: outputLayers } = modelConfig.config;
  if (inputLayers.length !== 1 || outputLayers.length !== 1) {
    throw new ConversionError('only single-input, single-output models are supported');
  }
  const g = new OnnxGraph(options.name);
  const values = new Map<string, Value>();
  const consumers = new Map<string, string[]>();
  for (const layer of layers)
    for (const inbound of layer.inbound_nodes.flat())
      consumers.set(inbound[0], [...(consumers.get(inbound[0]) ?? []), layer.name]);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const folded = new Set<string>();

  const activation = (v: Value, kind: unknown, hint: string): Value => {
    switch (kind) {
      case undefined:
      case null:
      case 'linear':
        return v;
      case 'relu':
        return { ...v, name: g.op('Relu', [v.name], {}, hint) };
      case 'relu6':
        return { ...v, name: g.op('Clip', [v.name, g.scalar('zero', 0), g.scalar('six', 6)], {}, hint) };
      case 'sigmoid':
        return { ...v, name: g.op('Sigmoid', [v.name], {}, hint) };
      case 'tanh':
        return { ...v, name: g.op('Tanh', [v.name], {}, hint) };
      case 'softmax':
        return { ...v, name: g.op('Softmax', [v.name], { axis: v.rank === 4 ? 1 : -1 }, hint) };
      default:
        throw new UnsupportedOpError(`activation:${String(kind)}`, hint);
    }
  };

  for (const layer of layers) {
    const c = layer.config;
    const ins = layer.inbound_nodes.flat().map((n) => {
      const v = values.get(n[0]);
      if (!v) throw new ConversionError(`layer ${layer.name} reads ${n[0]}, which is not converted yet`);
      return v;
    });
    const x = ins[0]!;
    let out: Value;
    if (c.data_format && c.data_format !== 'channels_last') {
      throw new ConversionError(`${layer.name}: data_format ${String(c.data_format)} is not supported`);
    }
    switch (layer.class_name) {
      case 'InputLayer': {
        const shape = c.batch_input_shape as (number | null)[];
        const dims = shape.map((d, i) => (i === 0 || d === null ? 'batch' : d)) as (number | 'batch')[];
        const input = g.input(
          options.inputName ?? 'input',
          'float32',
          dims.map((d, i) => (d === 'batch' ? (i === 0 ? 'batch' : `d${i}`) : d)),
        );
        if (shape.length === 4) {
          out = {
            name: g.op('Transpose', [input], { perm: [0, 3, 1, 2] }, 'to_nchw'),
            rank: 4,
            dims: [dims[0]!, dims[3]!, dims[1]!, dims[2]!],
          };
        } else {
          out = { name: input, rank: shape.length, dims };
        }
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
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
        const conv = g.op(
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
        out = activation({ name: conv, rank: 4, dims }, c.activation, `${layer.name}/act`);
        if (folded.has(outName)) {
          values.set(layer.name, out);
          values.set(outName, out);
          continue;
        }
        break;
      }
      case 'BatchNormalization': {
        if (folded.has(layer.name)) continue;
        const n = x.dims[1] as number;
        const ones = new Float32Array(n).fill(1);
        const gamma = c.scale === false ? ones : requireWeight(weights, layer.name, 'gamma').data;
        const beta =
          c.center === false ? new Float32Array(n) : requireWeight(weights, layer.name, 'beta').data;
        out = {
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
        break;
      }
      case 'ReLU': {
        const max = typeof c.max_value === 'number' ? c.max_value : undefined;
        const slope = Number(c.negative_slope ?? 0);
        const threshold = Number(c.threshold ?? 0);
        if (threshold !== 0 || (slope !== 0 && max !== undefined)) {
          throw new ConversionError(`${layer.name}: ReLU with threshold or slope+max_value is not supported`);
        }
        const name =
          max !== undefined
            ? g.op('Clip', [x.name, g.scalar('zero', 0), g.scalar(`max${max}`, max)], {}, layer.name)
            : slope !== 0
              ? g.op('LeakyRelu', [x.name], { alpha: float(slope) }, layer.name)
              : g.op('Relu', [x.name], {}, layer.name);
        out = { ...x, name };
        break;
      }
      case 'LeakyReLU':
        out = {
          ...x,
          name: g.op('LeakyRelu', [x.name], { alpha: float(Number(c.alpha ?? 0.3)) }, layer.name),
        };
        break;
      case 'Activation':
        out = activation(x, c.activation, layer.name);
        break;
      case 'Softmax':
        out = activation(x, 'softmax', layer.name);
        break;
      case 'Dropout':
        out = x;
        break;
      case 'Add': {
        let acc = x.name;
        for (const other of ins.slice(1)) acc = g.op('Add', [acc, other.name], {}, layer.name);
        out = { ...x, name: acc };
        break;
      }
      case 'Concatenate': {
        const axis = Number(c.axis ?? -1);
        const onnxAxis = x.rank === 4 ? [0, 2, 3, 1][axis < 0 ? axis + 4 : axis]! : axis;
        const dims = [...x.dims];
        if (x.rank === 4) dims[onnxAxis] = ins.reduce((s, v) => s + (v.dims[onnxAxis] as number), 0);
        out = {
          name: g.op(
            'Concat',
            ins.map((v) => v.name),
            { axis: onnxAxis },
            layer.name,
          ),
          rank: x.rank,
          dims,
        };
        break;
      }
      case 'ZeroPadding2D': {
        const p = c.padding as unknown;
        const [[t, b], [l, r]] =
          Array.isArray(p) && Array.isArray(p[0])
            ? (p as [[number, number], [number, number]])
            : [pair(p), pair(p)];
        const pads = g.int64s(
          `${layer.name}/pads`,
          tfPadsToOnnx([
            [0, 0],
            [0, 0],
            [t, b],
            [l, r],
          ]),
        );
        const [n, ch, h, w] = x.dims;
        out = {
          name: g.op('Pad', [x.name, pads], { mode: 'constant' }, layer.name),
          rank: 4,
          dims: [n!, ch!, typeof h === 'number' ? h + t + b : h!, typeof w === 'number' ? w + l + r : w!],
        };
        break;
      }
      case 'AveragePooling2D':
      case 'MaxPooling2D': {
        const [kh, kw] = pair(c.pool_size);
        const [sh, sw] = pair(c.strides ?? c.pool_size);
        const padding = String(c.padding);
        const avg = layer.class_name === 'AveragePooling2D';
        const name = g.op(
          avg ? 'AveragePool' : 'MaxPool',
          [x.name],
          {
            kernel_shape: [kh, kw],
            strides: [sh, sw],
            ...(padding === 'same' ? { auto_pad: 'SAME_UPPER' } : {}),
            ...(avg ? { count_include_pad: 0 } : {}),
          },
          layer.name,
        );
        const [n, ch, h, w] = x.dims;
        out = {
          name,
          rank: 4,
          dims: [
            n!,
            ch!,
            typeof h === 'number' ? outSize(h, kh, sh, padding) : h!,
            typeof w === 'number' ? outSize(w, kw, sw, padding) : w!,
          ],
        };
        break;
      }
      case 'GlobalAveragePooling2D': {
        const pooled = g.op('GlobalAveragePool', [x.name], {}, `${layer.name}/pool`);
        out = {
          name: g.op('Flatten', [pooled], { axis: 1 }, layer.name),
          rank: 2,
          dims: [x.dims[0]!, x.dims[1]!],
        };
        break;
      }
      case 'Flatten': {
        if (x.rank !== 4) {
          out = {
            name: g.op('Flatten', [x.name], { axis: 1 }, layer.name),
            rank: 2,
            dims: [x.dims[0]!, 'batch'],
          };
          break;
        }
        const [n, ch, h, w] = x.dims as [number | 'batch', number, number, number];
        const nhwc = g.op('Transpose', [x.name], { perm: [0, 2, 3, 1] }, `${layer.name}/nhwc`);
        out = { name: g.op('Flatten', [nhwc], { axis: 1 }, layer.name), rank: 2, dims: [n, ch * h * w] };
        break;
      }
      case 'Dense': {
        const kernel = requireWeight(weights, layer.name, 'kernel');
        const [inF, units] = kernel.shape as [number, number];
        const inputs = [x.name, g.constant(`${layer.name}/W`, kernel.data as Float32Array, [inF, units])];
        const bias = c.use_bias === false ? undefined : weight(weights, layer.name, 'bias');
        if (bias) inputs.push(g.constant(`${layer.name}/B`, bias, [units]));
        if (x.rank !== 2)
          throw new ConversionError(`${layer.name}: Dense on rank-${x.rank} input is not supported`);
        const gemm = g.op('Gemm', inputs, {}, layer.name);
        out = activation(
          { name: gemm, rank: 2, dims: [x.dims[0]!, units] },
          c.activation,
          `${layer.name}/act`,
        );
        break;
      }
      default:
        throw new UnsupportedOpError(layer.class_name, layer.name);
    }
    values.set(layer.name, out);
  }

  const final = values.get(outputLayers[0]![0]);
  if (!final) throw new ConversionError(`output layer ${outputLayers[0]![0]} was not converted`);
  const shapeOf = (v: Value): (number | string)[] =>
    v.dims.map((d, i) => (d === 'batch' ? (i === 0 ? 'batch' : `d${i}`) : d));
  g.output(final.name, 'float32', shapeOf(final), options.outputName);
  for (const extra of options.extraOutputs ?? []) {
    const v = values.get(extra.layer);
    if (!v) throw new ConversionError(`extra output layer ${extra.layer} does not exist`);
    g.output(v.name, 'float32', shapeOf(v), extra.name);
  }
  return g.encode({ docString: `converted from a Keras layers model by @vigil/model-build (tfjs → ONNX)` });
}
