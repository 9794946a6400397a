import { ConversionError } from '../errors';

/** A node of a TF GraphDef as tfjs saves it (JSON). */
export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

/** A node attribute: one of the AttrValue fields (strings base64, int64s as strings). */
export interface TfAttr {
  i?: string | number;
  f?: number;
  b?: boolean;
  s?: string;
  type?: string;
  list?: { i?: (string | number)[]; s?: string[]; f?: number[] };
  shape?: { dim?: { size?: string | number }[] };
  tensor?: unknown;
}

/** A folded constant: values in JS (int or float), with a TF shape. */
export interface Constant {
  readonly shape: number[];
  readonly data: Float32Array | Int32Array;
  readonly dtype: 'float32' | 'int32';
}

/** What a TF tensor became: a constant folded in JS, or an ONNX value. */
export type Ref = { kind: 'const'; value: Constant } | { kind: 'value'; name: string };

export const attrString = (a: TfAttr | undefined): string | undefined =>
  a?.s === undefined ? undefined : Buffer.from(a.s, 'base64').toString('utf8');
export const attrInts = (a: TfAttr | undefined): number[] => (a?.list?.i ?? []).map(Number);
export const attrStrings = (a: TfAttr | undefined): string[] =>
  (a?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Elementwise on constants with scalar or equal-shape broadcasting (enough for shape arithmetic). */
export function foldBinary(a: Constant, b: Constant, f: (x: number, y: number) => number): Constant {
  const n = Math.max(a.data.length, b.data.length);
  if (a.data.length !== n && a.data.length !== 1)
    throw new ConversionError('cannot fold constants of different shapes');
  if (b.data.length !== n && b.data.length !== 1)
    throw new ConversionError('cannot fold constants of different shapes');
  const isInt = a.dtype === 'int32' && b.dtype === 'int32';
  const data = isInt ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++)
    data[i] = f(a.data[a.data.length === 1 ? 0 : i]!, b.data[b.data.length === 1 ? 0 : i]!);
  return { shape: a.data.length === n ? a.shape : b.shape, data, dtype: isInt ? 'int32' : 'float32' };
}
