import { float } from '../../onnx';
import { ConversionError } from '../errors';
import type { LayerConverter } from './context';

/** Activation layers, plus Dropout (the identity at inference). */
export const ACTIVATION_LAYERS: Record<string, LayerConverter> = {
  /** ReLU: max_value → Clip, negative_slope → LeakyRelu (not both; no threshold). */
  ReLU: ({ g }, layer, ins) => {
    const c = layer.config;
    const x = ins[0]!;
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
    return { ...x, name };
  },
  LeakyReLU: ({ g }, layer, ins) => ({
    ...ins[0]!,
    name: g.op('LeakyRelu', [ins[0]!.name], { alpha: float(Number(layer.config.alpha ?? 0.3)) }, layer.name),
  }),
  Activation: (cx, layer, ins) => cx.activation(ins[0]!, layer.config.activation, layer.name),
  Softmax: (cx, layer, ins) => cx.activation(ins[0]!, 'softmax', layer.name),
  Dropout: (_cx, _layer, ins) => ins[0]!,
};
