import { float, type OnnxGraph } from '../../onnx';
import { ConversionError, UnsupportedOpError } from '../errors';
import { tfPadsToOnnx } from '../kernels';
import type { NamedTensor } from '../weights';
import type { GraphConversionOptions } from './options';
import { attrInts, attrString, type Constant, type Ref, type TfAttr, type TfNode } from './nodes';

/**
 * Converts one TF node: reads its inputs through the context and records what it produces
 * (`setValue` / `setConst`). `inputs` are the node's data inputs (control inputs `^x` dropped).
 */
export type OpConverter = (
  cx: GraphContext,
  node: TfNode,
  inputs: string[],
  attr: Record<string, TfAttr>,
) => void;

/**
 * The state of one graph conversion: the ONNX graph being built, what each TF tensor became, and the
 * helpers op converters share (tensor lookup, layout transposes, fused activations, padding attrs).
 * Nodes are converted on demand, producers first, starting from the requested outputs.
 */
export class GraphContext {
  private readonly refs = new Map<string, Ref>();
  private readonly byName: Map<string, TfNode>;
  private readonly initializers = new Map<string, string>();
  private readonly visiting = new Set<string>();

  constructor(
    readonly g: OnnxGraph,
    nodes: readonly TfNode[],
    readonly weights: Map<string, NamedTensor>,
    readonly options: GraphConversionOptions,
    private readonly ops: ReadonlyMap<string, OpConverter>,
  ) {
    this.byName = new Map(nodes.map((n) => [n.name, n]));
  }

  zero(): string {
    return this.g.scalar('zero', 0);
  }

  /** Resolves a TF tensor name to a constant or an ONNX value, converting its producer first. */
  resolve(input: string): Ref {
    const k = key(input);
    const found = this.refs.get(k);
    if (found) return found;
    const nodeName = k.slice(0, k.lastIndexOf(':'));
    const node = this.byName.get(nodeName);
    if (!node) throw new ConversionError(`tensor ${input} has no producer`);
    if (this.visiting.has(nodeName)) throw new ConversionError(`cycle at ${nodeName}`);
    this.visiting.add(nodeName);
    this.convert(node);
    this.visiting.delete(nodeName);
    const ref = this.refs.get(k);
    if (!ref) throw new ConversionError(`node ${nodeName} did not produce ${k}`);
    return ref;
  }

  constant(input: string, what: string): Constant {
    const r = this.resolve(input);
    if (r.kind !== 'const') throw new ConversionError(`${what} must be a constant (${input})`);
    return r.value;
  }

  /** ONNX value name for a TF tensor; float constants become initializers (cached). */
  value(input: string): string {
    const r = this.resolve(input);
    if (r.kind === 'value') return r.name;
    const k = key(input);
    let name = this.initializers.get(k);
    if (!name) {
      name =
        r.value.dtype === 'float32'
          ? this.g.constant(k, r.value.data as Float32Array, r.value.shape)
          : this.g.constant(
              k,
              BigInt64Array.from(r.value.data, (v) => BigInt(v)),
              r.value.shape,
              'int64',
            );
      this.initializers.set(k, name);
    }
    return name;
  }

  setValue(node: TfNode, name: string, index = 0): void {
    this.refs.set(`${node.name}:${index}`, { kind: 'value', name });
  }

  setConst(node: TfNode, c: Constant): void {
    this.refs.set(`${node.name}:0`, { kind: 'const', value: c });
  }

  /** Makes the node's output 0 the same tensor as `input` (Identity and the like). */
  alias(node: TfNode, input: string): void {
    this.refs.set(`${node.name}:0`, this.resolve(input));
  }

  toNchw(x: string, hint: string): string {
    return this.g.op('Transpose', [x], { perm: [0, 3, 1, 2] }, `${hint}/nchw`);
  }

  toNhwc(x: string, hint: string): string {
    return this.g.op('Transpose', [x], { perm: [0, 2, 3, 1] }, `${hint}/nhwc`);
  }

  /** A fused activation (`fused_ops` after Conv or MatMul) applied to `x`. */
  activation(x: string, op: string, node: TfNode): string {
    const g = this.g;
    switch (op) {
      case 'Relu':
        return g.op('Relu', [x], {}, `${node.name}/relu`);
      case 'Relu6':
        return g.op('Clip', [x, this.zero(), g.scalar('six', 6)], {}, `${node.name}/relu6`);
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
  }

  private convert(node: TfNode): void {
    const inputs = (node.input ?? []).filter((i) => !i.startsWith('^'));
    const op = this.ops.get(node.op);
    if (!op) throw new UnsupportedOpError(node.op, node.name);
    op(this, node, inputs, node.attr ?? {});
  }
}

/** A TF tensor name with its output index (`x` → `x:0`). */
const key = (input: string): string => (input.includes(':') ? input : `${input}:0`);

/** 2-D pooling/conv geometry from TF attrs for the given data format. */
export const spatial = (list: number[], format: string): [number, number] =>
  format === 'NCHW' ? [list[2] ?? 1, list[3] ?? 1] : [list[1] ?? 1, list[2] ?? 1];

/** ONNX padding attributes (`auto_pad` or `pads`) for a conv or pool node's TF `padding`. */
export const padAttrs = (node: TfNode, format: string): Record<string, number[] | string> => {
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
