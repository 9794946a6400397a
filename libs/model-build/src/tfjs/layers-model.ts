import { OnnxGraph } from '../onnx';
import { ConversionError, UnsupportedOpError } from './errors';
import { ACTIVATION_LAYERS } from './layers/activation-layers';
import { LayersContext, type LayerConverter } from './layers/context';
import { CONV_LAYERS } from './layers/conv-layers';
import type { KerasModelConfig, Value } from './layers/keras';
import { MERGE_LAYERS } from './layers/merge-layers';
import { SPATIAL_LAYERS } from './layers/spatial-layers';
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
 *
 * The layer converters live in layers/ by kind (conv, activation, merge, spatial); layers/context.ts
 * holds the conversion state they share.
 */

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

/** The model input: `[batch, H, W, C]` as given; a 4-D input is transposed to NCHW once. */
function inputLayer(g: OnnxGraph, config: Record<string, unknown>, options: LayersConversionOptions): Value {
  const shape = config.batch_input_shape as (number | null)[];
  const dims = shape.map((d, i) => (i === 0 || d === null ? 'batch' : d)) as (number | 'batch')[];
  const input = g.input(
    options.inputName ?? 'input',
    'float32',
    dims.map((d, i) => (d === 'batch' ? (i === 0 ? 'batch' : `d${i}`) : d)),
  );
  if (shape.length === 4) {
    return {
      name: g.op('Transpose', [input], { perm: [0, 3, 1, 2] }, 'to_nchw'),
      rank: 4,
      dims: [dims[0]!, dims[3]!, dims[1]!, dims[2]!],
    };
  }
  return { name: input, rank: shape.length, dims };
}

/** Every layer class the converter covers except InputLayer, by Keras class name. */
const LAYERS: ReadonlyMap<string, LayerConverter> = new Map(
  Object.entries({ ...CONV_LAYERS, ...ACTIVATION_LAYERS, ...MERGE_LAYERS, ...SPATIAL_LAYERS }),
);

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
  const cx = new LayersContext(g, layers, weights);
  const values = cx.values;

  for (const layer of layers) {
    const c = layer.config;
    const ins = layer.inbound_nodes.flat().map((n) => {
      const v = values.get(n[0]);
      if (!v) throw new ConversionError(`layer ${layer.name} reads ${n[0]}, which is not converted yet`);
      return v;
    });
    if (c.data_format && c.data_format !== 'channels_last') {
      throw new ConversionError(`${layer.name}: data_format ${String(c.data_format)} is not supported`);
    }
    let out: Value | undefined;
    if (layer.class_name === 'InputLayer') {
      out = inputLayer(g, c, options);
    } else {
      const convert = LAYERS.get(layer.class_name);
      if (!convert) throw new UnsupportedOpError(layer.class_name, layer.name);
      out = convert(cx, layer, ins);
    }
    if (out) values.set(layer.name, out);
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
