import { ConversionError } from '../errors';
import type { NamedTensor } from '../weights';

/** One layer of a Keras functional model config, with the layers it reads (`inbound_nodes`). */
export interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, unknown][][];
}

/** `modelTopology.model_config` of a Keras functional model. */
export interface KerasModelConfig {
  class_name: string;
  config: {
    layers: KerasLayer[];
    input_layers: [string, number, number][];
    output_layers: [string, number, number][];
  };
}

/** A converted layer output: its ONNX value name and what is known of its shape. */
export interface Value {
  name: string;
  /** Rank and spatial dims when known (NCHW inside). */
  rank: number;
  dims: (number | 'batch')[];
}

export function weight(
  weights: Map<string, NamedTensor>,
  layer: string,
  part: string,
): Float32Array | undefined {
  const t = weights.get(`${layer}/${part}`);
  if (t && t.dtype !== 'float32') throw new ConversionError(`${layer}/${part} is not float32`);
  return t?.data as Float32Array | undefined;
}

export function requireWeight(weights: Map<string, NamedTensor>, layer: string, part: string): NamedTensor {
  const t = weights.get(`${layer}/${part}`);
  if (!t) throw new ConversionError(`weight ${layer}/${part} is missing`);
  return t;
}

export function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
}

/** Output size of a conv/pool along one axis (TF semantics). */
export function outSize(size: number, k: number, s: number, padding: string): number {
  return padding === 'same' ? Math.ceil(size / s) : Math.floor((size - k) / s) + 1;
}
