import type { OnnxGraph } from '../../onnx';
import { UnsupportedOpError } from '../errors';
import type { NamedTensor } from '../weights';
import type { KerasLayer, Value } from './keras';

/**
 * Converts one Keras layer given its inputs' values. Returns its output, or undefined when the layer
 * produced nothing of its own (a BatchNormalization already folded into the conv before it).
 */
export type LayerConverter = (cx: LayersContext, layer: KerasLayer, ins: Value[]) => Value | undefined;

/**
 * The state of one layers-model conversion that layer converters share: the ONNX graph, the weights,
 * who consumes each layer (to fold a conv's only BatchNormalization), the converted values and the
 * Keras activations.
 */
export class LayersContext {
  readonly consumers = new Map<string, string[]>();
  readonly byName: Map<string, KerasLayer>;
  /** BatchNormalization layers folded into the conv before them. */
  readonly folded = new Set<string>();
  /** Converted layer outputs by layer name. */
  readonly values = new Map<string, Value>();

  constructor(
    readonly g: OnnxGraph,
    layers: readonly KerasLayer[],
    readonly weights: Map<string, NamedTensor>,
  ) {
    for (const layer of layers)
      for (const inbound of layer.inbound_nodes.flat())
        this.consumers.set(inbound[0], [...(this.consumers.get(inbound[0]) ?? []), layer.name]);
    this.byName = new Map(layers.map((l) => [l.name, l]));
  }

  /** A Keras `activation` (config string) applied to `v`; linear or none returns `v`. */
  activation(v: Value, kind: unknown, hint: string): Value {
    const g = this.g;
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
  }
}
