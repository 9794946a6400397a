import { tfPadsToOnnx } from '../kernels';
import type { LayerConverter } from './context';
import { outSize, pair } from './keras';

const zeroPadding: LayerConverter = ({ g }, layer, ins) => {
  const x = ins[0]!;
  const p = layer.config.padding as unknown;
  const [[t, b], [l, r]] =
    Array.isArray(p) && Array.isArray(p[0])
      ? (p as [[number, number], [number, number]])
      : [pair(p), pair(p)];
  const pads = g.int64s(
    `${layer.name}/pads`,
    tfPadsToOnnx([
      [0, 0],
      [0, 0],
      [t, b],
      [l, r],
    ]),
  );
  const [n, ch, h, w] = x.dims;
  return {
    name: g.op('Pad', [x.name, pads], { mode: 'constant' }, layer.name),
    rank: 4,
    dims: [n!, ch!, typeof h === 'number' ? h + t + b : h!, typeof w === 'number' ? w + l + r : w!],
  };
};

/** AveragePooling2D / MaxPooling2D, valid or same (padding excluded from the average). */
const pooling: LayerConverter = ({ g }, layer, ins) => {
  const c = layer.config;
  const x = ins[0]!;
  const [kh, kw] = pair(c.pool_size);
  const [sh, sw] = pair(c.strides ?? c.pool_size);
  const padding = String(c.padding);
  const avg = layer.class_name === 'AveragePooling2D';
  const name = g.op(
    avg ? 'AveragePool' : 'MaxPool',
    [x.name],
    {
      kernel_shape: [kh, kw],
      strides: [sh, sw],
      ...(padding === 'same' ? { auto_pad: 'SAME_UPPER' } : {}),
      ...(avg ? { count_include_pad: 0 } : {}),
    },
    layer.name,
  );
  const [n, ch, h, w] = x.dims;
  return {
    name,
    rank: 4,
    dims: [
      n!,
      ch!,
      typeof h === 'number' ? outSize(h, kh, sh, padding) : h!,
      typeof w === 'number' ? outSize(w, kw, sw, padding) : w!,
    ],
  };
};

/** Flatten; a 4-D input goes back to NHWC first, so the features keep Keras' order. */
const flatten: LayerConverter = ({ g }, layer, ins) => {
  const x = ins[0]!;
  if (x.rank !== 4) {
    return {
      name: g.op('Flatten', [x.name], { axis: 1 }, layer.name),
      rank: 2,
      dims: [x.dims[0]!, 'batch'],
    };
  }
  const [n, ch, h, w] = x.dims as [number | 'batch', number, number, number];
  const nhwc = g.op('Transpose', [x.name], { perm: [0, 2, 3, 1] }, `${layer.name}/nhwc`);
  return { name: g.op('Flatten', [nhwc], { axis: 1 }, layer.name), rank: 2, dims: [n, ch * h * w] };
};

/** Padding, pooling and flattening of NCHW feature maps. */
export const SPATIAL_LAYERS: Record<string, LayerConverter> = {
  ZeroPadding2D: zeroPadding,
  AveragePooling2D: pooling,
  MaxPooling2D: pooling,
  GlobalAveragePooling2D: ({ g }, layer, ins) => {
    const x = ins[0]!;
    const pooled = g.op('GlobalAveragePool', [x.name], {}, `${layer.name}/pool`);
    return {
      name: g.op('Flatten', [pooled], { axis: 1 }, layer.name),
      rank: 2,
      dims: [x.dims[0]!, x.dims[1]!],
    };
  },
  Flatten: flatten,
};
