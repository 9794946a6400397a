import { onnx } from 'onnx-proto';

/**
 * A small builder for ONNX models: add inputs, constant initializers and nodes, mark outputs, encode.
 * It writes the ONNX protobuf schema of `onnx-proto` 8.0.1 (onnx 1.10, IR version 8) with the default
 * opset 18, which onnxruntime-node 1.30 loads. Encoding is deterministic: the same calls give the same
 * bytes (no timestamps, initializers in insertion order).
 *
 * Value names are plain strings; `node()` returns the names of the node's outputs, so graphs read as
 * data flow:
 * ```ts
 * const g = new OnnxGraph('tiny');
 * const x = g.input('x', 'float32', ['batch', 4]);
 * const w = g.constant('w', new Float32Array(8), [4, 2]);
 * const [y] = g.node('MatMul', [x, w]);
 * g.output(g.node('Softmax', [y!], { axis: -1 })[0]!, 'float32', ['batch', 2], 'probabilities');
 * const bytes = g.encode();
 * ```
 * Operator semantics: https://onnx.ai/onnx/operators/ (the opset given to the constructor).
 */

/** Element types the builder can declare for inputs, outputs and initializers. */
export type OnnxDType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'int8' | 'bool';

/** Data accepted for initializers; `number[]` is stored as the declared dtype. */
export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | number[];

/** A dimension: a fixed size, or a name for a dynamic axis (`batch`, `height`). */
export type Dim = number | string;

/** Forces a FLOAT attribute even when the value is a whole number (`alpha: float(1)`). */
export interface FloatAttr {
  readonly kind: 'float';
  readonly value: number | readonly number[];
}

/** Attribute values: whole numbers → INT(S), other numbers → FLOAT(S), strings → STRING, `float()` to force. */
export type AttrValue = number | readonly number[] | string | FloatAttr;

/** Marks a number (or list) as a FLOAT attribute. */
export function float(value: number | readonly number[]): FloatAttr {
  return { kind: 'float', value };
}

const DTYPE_CODES: Record<OnnxDType, onnx.TensorProto.DataType> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  uint8: onnx.TensorProto.DataType.UINT8,
  int8: onnx.TensorProto.DataType.INT8,
  bool: onnx.TensorProto.DataType.BOOL,
};

/** Thrown for misuse of the builder (duplicate names, data that does not fit its dims). */
export class OnnxGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxGraphError';
  }
}

function toBytes(data: TensorData, dtype: OnnxDType, count: number): Uint8Array {
  let typed: ArrayBufferView;
  if (Array.isArray(data)) {
    switch (dtype) {
      case 'float32':
        typed = Float32Array.from(data);
        break;
      case 'int64':
        typed = BigInt64Array.from(data, (v) => BigInt(Math.trunc(v)));
        break;
      case 'int32':
        typed = Int32Array.from(data);
        break;
      case 'uint8':
      case 'bool':
        typed = Uint8Array.from(data);
        break;
      case 'int8':
        typed = Int8Array.from(data);
        break;
      default:
        throw new OnnxGraphError(`number[] initializers cannot be ${dtype}; pass a typed array`);
    }
  } else {
    typed = data;
  }
  const elementBytes = { float32: 4, float16: 2, int64: 8, int32: 4, uint8: 1, int8: 1, bool: 1 }[dtype];
  if (typed.byteLength !== count * elementBytes) {
    throw new OnnxGraphError(
      `initializer holds ${typed.byteLength} bytes, dims need ${count} × ${elementBytes}`,
    );
  }
  // Copy: protobufjs keeps a reference, and callers may reuse their arrays.
  return new Uint8Array(typed.buffer.slice(typed.byteOffset, typed.byteOffset + typed.byteLength));
}

function attribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  }
  if ('kind' in value) {
    return typeof value.value === 'number'
      ? { name, type: T.FLOAT, f: value.value }
      : { name, type: T.FLOATS, floats: [...value.value] };
  }
  return value.every((v) => Number.isInteger(v))
    ? { name, type: T.INTS, ints: [...value] }
    : { name, type: T.FLOATS, floats: [...value] };
}

function valueInfo(name: string, dtype: OnnxDType, shape: readonly Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DTYPE_CODES[dtype],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** An ONNX graph under construction. See the module docstring for an example. */
export class OnnxGraph {
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly names = new Set<string>();
  private readonly domains = new Map<string, number>();
  private counter = 0;

  /**
   * @param name graph name (stored in the model).
   * @param opset default-domain opset version; 18 by default.
   */
  constructor(
    readonly name: string,
    readonly opset = 18,
  ) {}

  /** A value name not used yet, derived from `hint` (`conv` → `conv`, `conv_1`, …). */
  uniqueName(hint: string): string {
    let candidate = hint;
    while (this.names.has(candidate)) candidate = `${hint}_${++this.counter}`;
    this.names.add(candidate);
    return candidate;
  }

  /** Declares a graph input and returns its name. @throws OnnxGraphError when the name is taken. */
  input(name: string, dtype: OnnxDType, shape: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /**
   * Adds a constant (initializer) and returns its name (made unique from `hint`).
   * @param dims its shape; `[]` for a scalar. The data must hold exactly prod(dims) elements.
   * @param dtype element type; default from the array (`Float32Array` → float32, `Int32Array` → int32,
   *   `BigInt64Array` → int64, `Uint8Array` → uint8, `Int8Array` → int8, `number[]` → float32).
   */
  constant(hint: string, data: TensorData, dims: readonly number[], dtype?: OnnxDType): string {
    const type =
      dtype ??
      (data instanceof Int32Array
        ? 'int32'
        : data instanceof BigInt64Array
          ? 'int64'
          : data instanceof Uint8Array
            ? 'uint8'
            : data instanceof Int8Array
              ? 'int8'
              : 'float32');
    const name = this.uniqueName(hint);
    const count = dims.reduce((a, b) => a * b, 1);
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: DTYPE_CODES[type],
      rawData: toBytes(data, type, count),
    });
    return name;
  }

  /** An int64 1-D constant (shapes, pads, axes, sizes). */
  int64s(hint: string, values: readonly number[]): string {
    return this.constant(hint, [...values], [values.length], 'int64');
  }

  /** A float32 scalar constant (Clip bounds, Pow exponents). */
  scalar(hint: string, value: number): string {
    return this.constant(hint, [value], [], 'float32');
  }

  /**
   * Adds a node and returns its output names.
   * @param inputs value names; `''` for an omitted optional input.
   * @param options.outputs how many outputs (named from `name`), or their explicit names; default 1.
   * @param options.name node name (unique), default from the op type.
   * @param options.domain operator domain, e.g. `com.microsoft`; its opset is recorded as 1.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    options: { outputs?: number | readonly string[]; name?: string; domain?: string } = {},
  ): string[] {
    const name = this.uniqueName(options.name ?? opType.toLowerCase());
    const outputs =
      typeof options.outputs === 'object'
        ? options.outputs.map((o) => (this.claim(o), o))
        : Array.from({ length: options.outputs ?? 1 }, (_, i) =>
            i === 0 ? name : this.uniqueName(`${name}:${i}`),
          );
    if (options.domain && !this.domains.has(options.domain)) this.domains.set(options.domain, 1);
    this.nodes.push({
      name,
      opType,
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      ...(options.domain ? { domain: options.domain } : {}),
    });
    return outputs;
  }

  /** Single-output shorthand for `node()`. */
  op(
    opType: string,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    name?: string,
  ): string {
    return this.node(opType, inputs, attrs, name ? { name } : {})[0]!;
  }

  /**
   * Marks `value` as a graph output, renamed to `as` through an Identity when given.
   * @returns the output's name.
   */
  output(value: string, dtype: OnnxDType, shape: readonly Dim[], as?: string): string {
    const name = as && as !== value ? this.node('Identity', [value], {}, { outputs: [as] })[0]! : value;
    this.outputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  /** Number of nodes so far. */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** Encodes the model (ModelProto bytes). `docString` and `metadata` are stored in the model. */
  encode(options: { docString?: string; metadata?: Record<string, string> } = {}): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: onnx.Version.IR_VERSION,
      producerName: 'vigil-model-build',
      producerVersion: '1',
      docString: options.docString ?? '',
      opsetImport: [
        { domain: '', version: this.opset },
        ...[...this.domains].map(([domain, version]) => ({ domain, version })),
      ],
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.name,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new OnnxGraphError(`value name "${name}" is already used`);
    this.names.add(name);
  }
}

/** Decodes ONNX bytes (for tests and tools that inspect a built model). */
export function decodeOnnxModel(bytes: Uint8Array): onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
