import { onnx } from 'onnx-proto';

/**
 * A minimal ONNX graph writer for the fusion model (onnx-proto's generated protobuf classes): float32 and
 * int64 initialisers, nodes with int/float/string/ints attributes, typed graph inputs and outputs.
 * Output is deterministic (no timestamps, fixed field order). Kept small on purpose; the image experts'
 * converter brings a fuller builder.
 */
export type AttributeValue = number | string | readonly number[] | { readonly float: number };

export interface ValueSpec {
  readonly name: string;
  /** Dimensions; strings name dynamic axes. */
  readonly shape: readonly (number | string)[];
  readonly dtype?: 'float32' | 'int64';
}

const DTYPE = { float32: onnx.TensorProto.DataType.FLOAT, int64: onnx.TensorProto.DataType.INT64 } as const;

function valueInfo(v: ValueSpec): onnx.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: DTYPE[v.dtype ?? 'float32'],
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: [...(value as number[])] };
  return { name, type: T.FLOAT, f: (value as { float: number }).float };
}

export class OnnxGraph {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  /** Adds a float32 constant; returns its name. */
  float(name: string, data: Float32Array, dims: readonly number[]): string {
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: DTYPE.float32,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(),
    });
    return name;
  }

  /** Adds an int64 constant; returns its name. */
  int64(name: string, data: readonly number[], dims: readonly number[] = [data.length]): string {
    const arr = BigInt64Array.from(data.map((v) => BigInt(v)));
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: DTYPE.int64,
      rawData: new Uint8Array(arr.buffer),
    });
    return name;
  }

  /**
   * Adds a node; returns its output names (`outputs` count, auto-named from `op` unless given).
   * @param domain `''` for the default ai.onnx domain, `com.microsoft` for contrib operators.
   */
  node(
    op: string,
    inputs: readonly string[],
    attrs: Readonly<Record<string, AttributeValue>> = {},
    outputs: number | readonly string[] = 1,
    domain = '',
  ): string[] {
    const outs =
      typeof outputs === 'number'
        ? Array.from(
            { length: outputs },
            (_, i) => `${op.toLowerCase()}_${this.counter}${outputs > 1 ? `_${i}` : ''}`,
          )
        : [...outputs];
    this.nodes.push({
      name: `${op}_${this.counter++}`,
      opType: op,
      domain,
      input: [...inputs],
      output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** One-output node. */
  op(
    op: string,
    inputs: readonly string[],
    attrs: Readonly<Record<string, AttributeValue>> = {},
    output?: string,
    domain = '',
  ): string {
    return this.node(op, inputs, attrs, output ? [output] : 1, domain)[0]!;
  }

  /** Serialises the model (IR 8, ai.onnx opset 17, com.microsoft opset 1). */
  toBytes(inputs: readonly ValueSpec[], outputs: readonly ValueSpec[], docString: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'vigil-model-build',
      producerVersion: '1',
      docString,
      opsetImport: [
        { domain: '', version: 17 },
        { domain: 'com.microsoft', version: 1 },
      ],
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: inputs.map(valueInfo),
        output: outputs.map(valueInfo),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
