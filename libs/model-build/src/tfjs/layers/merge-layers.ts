import type { LayerConverter } from './context';

/** Layers that combine several inputs: Add and Concatenate (Keras axes mapped to NCHW). */
export const MERGE_LAYERS: Record<string, LayerConverter> = {
  Add: ({ g }, layer, ins) => {
    const x = ins[0]!;
    let acc = x.name;
    for (const other of ins.slice(1)) acc = g.op('Add', [acc, other.name], {}, layer.name);
    return { ...x, name: acc };
  },
  Concatenate: ({ g }, layer, ins) => {
    const x = ins[0]!;
    const axis = Number(layer.config.axis ?? -1);
    const onnxAxis = x.rank === 4 ? [0, 2, 3, 1][axis < 0 ? axis + 4 : axis]! : axis;
    const dims = [...x.dims];
    if (x.rank === 4) dims[onnxAxis] = ins.reduce((s, v) => s + (v.dims[onnxAxis] as number), 0);
    return {
      name: g.op(
        'Concat',
        ins.map((v) => v.name),
        { axis: onnxAxis },
        layer.name,
      ),
      rank: x.rank,
      dims,
    };
  },
};
