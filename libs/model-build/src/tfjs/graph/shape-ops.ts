import { ConversionError } from '../errors';
import type { OpConverter } from './context';
import { attrInts, sizeOf, type Constant } from './nodes';

/** ConcatV2: 1-D constants are folded (shape arithmetic); anything else is an ONNX Concat. */
const concat: OpConverter = (cx, node, inputs) => {
  const axis = cx.constant(inputs[inputs.length - 1]!, 'concat axis').data[0]!;
  const parts = inputs.slice(0, -1);
  const refsIn = parts.map((p) => cx.resolve(p));
  if (
    refsIn.every((r) => r.kind === 'const') &&
    refsIn.every((r) => (r as { value: Constant }).value.shape.length === 1)
  ) {
    const vals = refsIn.flatMap((r) => [...(r as { value: Constant }).value.data]);
    cx.setConst(node, { shape: [vals.length], data: Int32Array.from(vals), dtype: 'int32' });
    return;
  }
  cx.setValue(
    node,
    cx.g.op(
      'Concat',
      parts.map((p) => cx.value(p)),
      { axis },
      node.name,
    ),
  );
};

/** Reshape to a constant target; with `dynamicBatch`, a leading 1 copies the input's batch (0). */
const reshape: OpConverter = (cx, node, inputs) => {
  const shape = [...cx.constant(inputs[1]!, 'reshape target').data];
  const src = cx.resolve(inputs[0]!);
  if (src.kind === 'const') {
    cx.setConst(node, {
      ...src.value,
      shape: shape.map((d) => (d < 0 ? sizeOf(src.value.shape) / -sizeOf(shape) : d)),
    });
    return;
  }
  if (cx.options.dynamicBatch && shape[0] === 1) shape[0] = 0;
  cx.setValue(node, cx.g.op('Reshape', [src.name, cx.g.int64s(`${node.name}/shape`, shape)], {}, node.name));
};

/** Split (equal parts) and SplitV (constant sizes, no -1). */
const split: OpConverter = (cx, node, inputs, a) => {
  const count = Number(a.num_split?.i ?? 1);
  const x = node.op === 'Split' ? inputs[1]! : inputs[0]!;
  const axis = cx.constant(node.op === 'Split' ? inputs[0]! : inputs[2]!, 'split axis').data[0]!;
  const ins = [cx.value(x)];
  const attrs: Record<string, number> = { axis };
  if (node.op === 'SplitV') {
    const sizes = [...cx.constant(inputs[1]!, 'split sizes').data];
    if (sizes.some((s) => s < 0))
      throw new ConversionError(`${node.name}: SplitV with -1 sizes is not supported`);
    ins.push(cx.g.int64s(`${node.name}/split`, sizes));
  } else {
    attrs.num_outputs = count;
  }
  const outs = cx.g.node('Split', ins, attrs, { outputs: count, name: node.name });
  outs.forEach((o, i) => cx.setValue(node, o, i));
};

/** Cast to int (ONNX int64) or float; folded on constants. */
const cast: OpConverter = (cx, node, inputs, a) => {
  const src = cx.resolve(inputs[0]!);
  const to = a.DstT?.type ?? '';
  const intTarget = /INT/.test(to);
  if (src.kind === 'const') {
    const data = intTarget ? Int32Array.from(src.value.data, Math.trunc) : Float32Array.from(src.value.data);
    cx.setConst(node, { shape: src.value.shape, data, dtype: intTarget ? 'int32' : 'float32' });
    return;
  }
  cx.setValue(node, cx.g.op('Cast', [src.name], { to: intTarget ? 7 : 1 }, node.name));
};

/** SparseToDense with constant inputs only, folded in JS. */
const sparseToDense: OpConverter = (cx, node, inputs) => {
  const [indices, outShape, values, fill] = inputs.map((i) => cx.constant(i, 'SparseToDense input'));
  const shape = [...outShape!.data];
  const data = new Int32Array(sizeOf(shape)).fill(fill!.data[0] ?? 0);
  const rank = shape.length;
  const count = indices!.shape[0] ?? 0;
  for (let i = 0; i < count; i++) {
    let flat = 0;
    for (let d = 0; d < rank; d++) flat = flat * shape[d]! + indices!.data[i * rank + d]!;
    data[flat] = values!.data.length === 1 ? values!.data[0]! : values!.data[i]!;
  }
  cx.setConst(node, { shape, data, dtype: 'int32' });
};

/** Concatenation, reshapes, axis changes, splits and casts. */
export const SHAPE_OPS: Record<string, OpConverter> = {
  ConcatV2: concat,
  Reshape: reshape,
  Transpose: (cx, node, inputs) => {
    const perm = [...cx.constant(inputs[1]!, 'permutation').data];
    cx.setValue(node, cx.g.op('Transpose', [cx.value(inputs[0]!)], { perm }, node.name));
  },
  Squeeze: (cx, node, inputs, a) => {
    const axes = attrInts(a.squeeze_dims ?? a.axis);
    const ins = [cx.value(inputs[0]!)];
    if (axes.length) ins.push(cx.g.int64s(`${node.name}/axes`, axes));
    cx.setValue(node, cx.g.op('Squeeze', ins, {}, node.name));
  },
  ExpandDims: (cx, node, inputs) => {
    const axis = cx.constant(inputs[1]!, 'axis').data[0]!;
    cx.setValue(
      node,
      cx.g.op('Unsqueeze', [cx.value(inputs[0]!), cx.g.int64s(`${node.name}/axes`, [axis])], {}, node.name),
    );
  },
  Split: split,
  SplitV: split,
  Cast: cast,
  SparseToDense: sparseToDense,
};
