import { FUSION_MODALITIES, groupMask, type FusionSpec, type FusionWeights } from '@vigil/model';
import { OnnxGraph } from './onnx-graph';

/** Which mixture-of-experts implementation the graph uses. */
export type MoeVariant = 'contrib' | 'plain';

/**
 * Builds the fusion ONNX graph (see `fusionForward` in @vigil/model for the maths, which both variants
 * reproduce).
 * - `contrib`: one `com.microsoft::MoE` node (inputs `input[N, d]`, `router_probs[N, E]` = router
 *   logits, `fc1_experts_weights[E, I, d]`, `fc1_experts_bias[E, I]`, `fc2_experts_weights[E, d, I]`,
 *   `fc2_experts_bias[E, d]`; `k`, `activation_type=relu`, `normalize_routing_weights=1`).
 *   Weights are output × input: the older transposed layout passes shape checks and is silently wrong.
 * - `plain`: the same with standard operators (Softmax, TopK, Gather of expert weights, batched MatMul),
 *   for runtimes without the contrib operator.
 * Graph inputs: `features [tokens, F]`, `modality [tokens, M]` one-hot, `pool [rows, tokens]` 0/1.
 * Outputs: `logits [rows, C]`, `scores [rows, C]` (calibrated: sigmoid(logits / temperature)),
 * `router_logits [tokens, E]`.
 */
export function buildFusionGraph(spec: FusionSpec, w: FusionWeights, variant: MoeVariant): Uint8Array {
  const g = new OnnxGraph(`vigil_fusion_${variant}`);
  const { featureDim: F, dModel: d, experts: E, inter: I, sharedInter: Is, k } = spec;
  const M = FUSION_MODALITIES.length;
  const C = spec.categories.length;
  const c = (name: keyof FusionWeights, dims: number[]): string => g.float(name, w[name], dims);

  const proj = g.op('MatMul', ['features', c('wp', [F, d])]);
  const embed = g.op('MatMul', ['modality', c('emb', [M, d])]);
  const h0 = g.op('Add', [g.op('Add', [proj, embed]), c('bp', [d])], {}, 'h0');
  const mask = g.op('MatMul', ['modality', g.float('group_mask', groupMask(spec), [M, E])]);
  const router = g.op(
    'Add',
    [g.op('Add', [g.op('MatMul', [h0, c('wr', [d, E])]), c('br', [E])]), mask],
    {},
    'router_logits',
  );

  let moe: string;
  if (variant === 'contrib') {
    moe = g.op(
      'MoE',
      [h0, router, c('fc1', [E, I, d]), c('b1', [E, I]), c('fc2', [E, d, I]), c('b2', [E, d])],
      { k, activation_type: 'relu', normalize_routing_weights: 1 },
      'moe',
      'com.microsoft',
    );
  } else {
    const probs = g.op('Softmax', [router], { axis: -1 });
    const [vals, idx] = g.node('TopK', [probs, g.int64('k', [k])], { axis: -1, largest: 1, sorted: 1 }, 2);
    const gates = g.op('Div', [
      vals!,
      g.op('ReduceSum', [vals!, g.int64('axis_last', [-1])], { keepdims: 1 }),
    ]);
    const w1 = g.op('Gather', [c('fc1', [E, I, d]), idx!], { axis: 0 }); // [N, k, I, d]
    const x4 = g.op('Unsqueeze', [h0, g.int64('axes_1_3', [1, 3])]); // [N, 1, d, 1]
    const z1 = g.op('Add', [
      g.op('Squeeze', [g.op('MatMul', [w1, x4]), g.int64('axis_3', [3])]),
      g.op('Gather', [c('b1', [E, I]), idx!], { axis: 0 }),
    ]); // [N, k, I]
    const a1 = g.op('Unsqueeze', [g.op('Relu', [z1]), 'axis_3']); // [N, k, I, 1]
    const w2 = g.op('Gather', [c('fc2', [E, d, I]), idx!], { axis: 0 }); // [N, k, d, I]
    const z2 = g.op('Add', [
      g.op('Squeeze', [g.op('MatMul', [w2, a1]), 'axis_3']),
      g.op('Gather', [c('b2', [E, d]), idx!], { axis: 0 }),
    ]); // [N, k, d]
    const weighted = g.op('Mul', [z2, g.op('Unsqueeze', [gates, g.int64('axis_2', [2])])]);
    moe = g.op('ReduceSum', [weighted, g.int64('axis_1', [1])], { keepdims: 0 }, 'moe');
  }

  const sharedHidden = g.op('Relu', [g.op('Add', [g.op('MatMul', [h0, c('ws1', [d, Is])]), c('bs1', [Is])])]);
  const shared = g.op('Add', [g.op('MatMul', [sharedHidden, c('ws2', [Is, d])]), c('bs2', [d])]);
  const h = g.op('Add', [g.op('Add', [h0, moe]), shared], {}, 'h');

  const one = g.float('one', Float32Array.of(1), []);
  const rowsum = g.op('ReduceSum', ['pool', g.int64('axis_1b', [1])], { keepdims: 1 }); // [B, 1]
  const mean = g.op('MatMul', [g.op('Div', ['pool', g.op('Max', [rowsum, one])]), h]);
  const poolMask = g.op('Mul', [
    g.op('Sub', [g.op('Unsqueeze', ['pool', g.int64('axis_2b', [2])]), one]),
    g.float('big', Float32Array.of(1e4), []),
  ]); // [B, N, 1]: 0 inside, −1e4 outside
  const masked = g.op('Add', [g.op('Unsqueeze', [h, g.int64('axis_0', [0])]), poolMask]); // [B, N, d]
  const max = g.op('Mul', [
    g.op('ReduceMax', [masked], { axes: [1], keepdims: 0 }),
    g.op('Min', [rowsum, one]),
  ]);
  const pooled = g.op('Concat', [mean, max], { axis: 1 });
  const logits = g.op('Add', [g.op('MatMul', [pooled, c('wo', [2 * d, C])]), c('bo', [C])], {}, 'logits');
  g.op('Sigmoid', [g.op('Div', [logits, c('temperature', [C])])], {}, 'scores');

  return g.toBytes(
    [
      { name: 'features', shape: ['tokens', F] },
      { name: 'modality', shape: ['tokens', M] },
      { name: 'pool', shape: ['rows', 'tokens'] },
    ],
    [
      { name: 'logits', shape: ['rows', C] },
      { name: 'scores', shape: ['rows', C] },
      { name: 'router_logits', shape: ['tokens', E] },
    ],
    `Vigil fusion mixture-of-experts (${variant}); categories: ${spec.categories.join(', ')}`,
  );
}
