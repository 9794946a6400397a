/**
 * Decodes TensorFlow.js weight files (`weightsManifest` + the concatenated shard bytes) into named
 * tensors. Format: https://www.tensorflow.org/js/guide/save_load (weights manifest) and tfjs-core
 * `io/io_utils.ts` `decodeWeights`: entries are laid out back to back in manifest order, each taking
 * prod(shape) × bytes of its stored dtype; quantised entries store `q`, value = q × scale + min
 * (uint8/uint16) or an IEEE half (float16).
 */

/** One entry of a tfjs `weightsManifest[].weights`. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; min?: number; scale?: number };
}

/** A tfjs model JSON (`model.json`): layers models have a Keras topology, graph models a GraphDef. */
export interface TfjsModelJson {
  format?: string;
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
  signature?: unknown;
}

/** A decoded tensor: float32 or int32 values, row-major, with its TF shape. */
export interface NamedTensor {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Float32Array | Int32Array;
}

/** Thrown when weight bytes do not match their manifest. */
export class TfjsWeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TfjsWeightsError';
  }
}

/** IEEE 754 half → number (subnormals, ±inf, NaN). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * Decodes every weight of a manifest.
 * @param specs all manifest entries, in manifest order (concatenate `weightsManifest[].weights`).
 * @param bytes the shard files concatenated in manifest order.
 * @throws TfjsWeightsError on unsupported dtypes or when the entries do not end exactly at the end of `bytes`.
 */
export function decodeWeights(specs: readonly TfjsWeightSpec[], bytes: Uint8Array): Map<string, NamedTensor> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, NamedTensor>();
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const q = spec.quantization;
    if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
      throw new TfjsWeightsError(`weight ${spec.name}: dtype ${spec.dtype} is not supported`);
    }
    const data = spec.dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
    if (!q) {
      for (let i = 0; i < count; i++) {
        data[i] =
          spec.dtype === 'int32'
            ? view.getInt32(offset + 4 * i, true)
            : view.getFloat32(offset + 4 * i, true);
      }
      offset += 4 * count;
    } else if (q.dtype === 'float16') {
      for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(offset + 2 * i, true));
      offset += 2 * count;
    } else {
      const width = q.dtype === 'uint8' ? 1 : 2;
      const scale = q.scale ?? 1;
      const min = q.min ?? 0;
      for (let i = 0; i < count; i++) {
        const v = width === 1 ? view.getUint8(offset + i) : view.getUint16(offset + 2 * i, true);
        data[i] = v * scale + min;
      }
      offset += width * count;
    }
    out.set(spec.name, { name: spec.name, shape: spec.shape, dtype: spec.dtype, data });
  }
  if (offset !== bytes.byteLength) {
    throw new TfjsWeightsError(`weights end at byte ${offset}, the shards hold ${bytes.byteLength}`);
  }
  return out;
}
