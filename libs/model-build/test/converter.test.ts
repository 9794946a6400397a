import { ort } from '@vigil/model';
import { describe, expect, it } from 'vitest';
import {
  convertGraphModel,
  convertLayersModel,
  decodeOnnxModel,
  decodeWeights,
  float,
  halfToFloat,
  OnnxGraph,
  tfPadsToOnnx,
  UnsupportedOpError,
  type NamedTensor,
} from '../src';

const run = async (bytes: Uint8Array, feeds: Record<string, ort.Tensor>) => {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run(feeds);
  await session.release();
  return out;
};

describe('OnnxGraph', () => {
  it('builds a model onnxruntime runs, deterministically', async () => {
    const build = () => {
      const g = new OnnxGraph('tiny');
      const x = g.input('x', 'float32', ['batch', 2]);
      const w = g.constant('w', Float32Array.from([1, 2, 3, 4]), [2, 2]);
      const y = g.op('MatMul', [x, w]);
      g.output(g.op('LeakyRelu', [y], { alpha: float(0.5) }), 'float32', ['batch', 2], 'y');
      return g.encode();
    };
    const bytes = build();
    expect(Buffer.from(build()).equals(Buffer.from(bytes))).toBe(true);
    const out = await run(bytes, { x: new ort.Tensor('float32', Float32Array.from([1, -1]), [1, 2]) });
    expect([...(out.y!.data as Float32Array)]).toEqual([-1, -1]);
    expect(decodeOnnxModel(bytes).graph!.node!.map((n) => n.opType)).toEqual([
      'MatMul',
      'LeakyRelu',
      'Identity',
    ]);
  });
});

describe('tfjs conversion', () => {
  it('decodes float16 and uint8-quantised weights', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBeCloseTo(5.96e-8, 10);
    const bytes = Uint8Array.from([0x00, 0x3c, 0, 255]);
    const w = decodeWeights(
      [
        { name: 'h', shape: [1], dtype: 'float32', quantization: { dtype: 'float16' } },
        { name: 'q', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 0.01 } },
      ],
      bytes,
    );
    expect([...w.get('h')!.data]).toEqual([1]);
    expect(w.get('q')!.data[1]).toBeCloseTo(1.55, 5);
  });

  it('orders pads as ONNX wants (all befores, then all afters)', () => {
    expect(
      tfPadsToOnnx([
        [0, 0],
        [0, 0],
        [0, 1],
        [2, 3],
      ]),
    ).toEqual([0, 0, 0, 2, 0, 0, 1, 3]);
  });

  it('fails with the op name on an unsupported graph op', () => {
    const topology = {
      node: [
        { name: 'x', op: 'Placeholder', attr: { shape: { shape: { dim: [{ size: '1' }] } } } },
        { name: 'c', op: 'Cumsum', input: ['x'] },
      ],
    };
    expect(() =>
      convertGraphModel(topology, new Map(), { name: 't', outputs: [{ tf: 'c', name: 'y', shape: [1] }] }),
    ).toThrow(UnsupportedOpError);
    expect(() =>
      convertGraphModel(topology, new Map(), { name: 't', outputs: [{ tf: 'c', name: 'y', shape: [1] }] }),
    ).toThrow(/"Cumsum"/);
  });

  it('fails with the layer class on an unsupported Keras layer', () => {
    const topology = {
      model_config: {
        class_name: 'Model',
        config: {
          layers: [
            {
              name: 'in',
              class_name: 'InputLayer',
              config: { batch_input_shape: [null, 4, 3] },
              inbound_nodes: [],
            },
            { name: 'lstm', class_name: 'LSTM', config: {}, inbound_nodes: [[['in', 0, 0, {}]]] },
          ],
          input_layers: [['in', 0, 0]],
          output_layers: [['lstm', 0, 0]],
        },
      },
    };
    expect(() => convertLayersModel(topology, new Map(), { name: 't', outputName: 'y' })).toThrow(
      /unsupported op "LSTM"/,
    );
  });

  it('converts an NHWC graph conv with SAME padding, bias and Relu6 exactly', async () => {
    // 1×3×3×1 input, 2×2 kernel of ones, bias −1, SAME, stride 1 → sums of 2×2 windows (zero-padded at the end).
    const weights = new Map<string, NamedTensor>([
      ['k', { name: 'k', shape: [2, 2, 1, 1], dtype: 'float32', data: Float32Array.from([1, 1, 1, 1]) }],
      ['b', { name: 'b', shape: [1], dtype: 'float32', data: Float32Array.from([-1]) }],
    ]);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const topology = {
      node: [
        {
          name: 'x',
          op: 'Placeholder',
          attr: { shape: { shape: { dim: [{ size: '1' }, { size: '3' }, { size: '3' }, { size: '1' }] } } },
        },
        { name: 'k', op: 'Const' },
        { name: 'b', op: 'Const' },
        {
          name: 'conv',
          op: '_FusedConv2D',
          input: ['x', 'k', 'b'],
          attr: {
            padding: { s: b64('SAME') },
            strides: { list: { i: ['1', '1', '1', '1'] } },
            fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu6')] } },
          },
        },
      ],
    };
    const bytes = convertGraphModel(topology, weights, {
      name: 't',
      outputs: [{ tf: 'conv', name: 'y', shape: [1, 3, 3, 1] }],
    });
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const out = await run(bytes, { x: new ort.Tensor('float32', x, [1, 3, 3, 1]) });
    // window sums: [12,16,9],[24,28,15],[15,17,9] → −1 → clip 0..6
    expect([...(out.y!.data as Float32Array)]).toEqual(
      [6, 6, 6, 6, 6, 6, 6, 6, 6].map((v, i) => Math.min(v, [11, 15, 8, 23, 27, 14, 14, 16, 8][i]!)),
    );
  });
});
