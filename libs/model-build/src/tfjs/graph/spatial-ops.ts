import { UnsupportedOpError } from '../errors';
import { tfPadsToOnnx } from '../kernels';
import { padAttrs, spatial, type OpConverter } from './context';
import { attrInts, attrString } from './nodes';

/** Pad, PadV2 (constant) and MirrorPad (REFLECT; SYMMETRIC throws). */
const pad: OpConverter = (cx, node, inputs, a) => {
  const g = cx.g;
  const p = cx.constant(inputs[1]!, 'paddings');
  const pairs: [number, number][] = [];
  for (let i = 0; i < p.data.length; i += 2) pairs.push([p.data[i]!, p.data[i + 1]!]);
  const ins = [cx.value(inputs[0]!), g.int64s(`${node.name}/pads`, tfPadsToOnnx(pairs))];
  if (node.op === 'PadV2') ins.push(cx.value(inputs[2]!));
  const mode =
    node.op === 'MirrorPad' ? (attrString(a.mode) === 'SYMMETRIC' ? 'edge' : 'reflect') : 'constant';
  if (node.op === 'MirrorPad' && attrString(a.mode) === 'SYMMETRIC')
    throw new UnsupportedOpError('MirrorPad:SYMMETRIC', node.name);
  cx.setValue(node, g.op('Pad', ins, { mode }, node.name));
};

/** MaxPool and AvgPool (padding excluded from the average, as in TF). */
const pool: OpConverter = (cx, node, inputs, a) => {
  const format = attrString(a.data_format) ?? 'NHWC';
  let x = cx.value(inputs[0]!);
  if (format === 'NHWC') x = cx.toNchw(x, node.name);
  const avg = node.op === 'AvgPool';
  let y = cx.g.op(
    avg ? 'AveragePool' : 'MaxPool',
    [x],
    {
      kernel_shape: spatial(attrInts(a.ksize), format),
      strides: spatial(attrInts(a.strides), format),
      ...padAttrs(node, format),
      ...(avg ? { count_include_pad: 0 } : {}),
    },
    `${node.name}/pool`,
  );
  if (format === 'NHWC') y = cx.toNhwc(y, node.name);
  cx.setValue(node, y);
};

/** ResizeBilinear and ResizeNearestNeighbor to a constant size, TF's coordinate modes kept. */
const resize: OpConverter = (cx, node, inputs, a) => {
  const g = cx.g;
  const size = [...cx.constant(inputs[1]!, 'resize size').data];
  const x = cx.toNchw(cx.value(inputs[0]!), node.name);
  const shape = g.op('Shape', [x]);
  const nc = g.op('Slice', [shape, g.int64s('s0', [0]), g.int64s('s2', [2])]);
  const sizes = g.op('Concat', [nc, g.int64s(`${node.name}/hw`, size)], { axis: 0 });
  const align = a.align_corners?.b ?? false;
  const half = a.half_pixel_centers?.b ?? false;
  const bilinear = node.op === 'ResizeBilinear';
  const mode = align
    ? 'align_corners'
    : half
      ? bilinear
        ? 'half_pixel'
        : 'tf_half_pixel_for_nn'
      : 'asymmetric';
  const y = g.op(
    'Resize',
    [x, '', '', sizes],
    {
      mode: bilinear ? 'linear' : 'nearest',
      coordinate_transformation_mode: mode,
      ...(bilinear ? {} : { nearest_mode: align ? 'round_prefer_ceil' : 'floor' }),
    },
    `${node.name}/resize`,
  );
  cx.setValue(node, cx.toNhwc(y, node.name));
};

/** Padding, pooling, spatial means and resizing. */
export const SPATIAL_OPS: Record<string, OpConverter> = {
  Pad: pad,
  PadV2: pad,
  MirrorPad: pad,
  MaxPool: pool,
  AvgPool: pool,
  Mean: (cx, node, inputs, a) => {
    const axes = cx.constant(inputs[1]!, 'reduction axes');
    cx.setValue(
      node,
      cx.g.op(
        'ReduceMean',
        [cx.value(inputs[0]!), cx.g.int64s(`${node.name}/axes`, [...axes.data])],
        { keepdims: a.keep_dims?.b ? 1 : 0 },
        node.name,
      ),
    );
  },
  ResizeBilinear: resize,
  ResizeNearestNeighbor: resize,
};
