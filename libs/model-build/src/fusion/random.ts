import { weightShapes, type FusionSpec, type FusionWeights, type WeightName } from '@vigil/model';

/** mulberry32: a small seeded 32-bit PRNG (Tommy Ettinger), uniform in [0, 1). Deterministic per seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples from a uniform source (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * Fresh fusion parameters: weights ~ N(0, 1/fan_in) (LeCun normal), biases 0, temperatures 1.
 * Deterministic for a seed.
 */
export function initialWeights(spec: FusionSpec, seed: number): FusionWeights {
  const normal = gaussian(mulberry32(seed));
  const shapes = weightShapes(spec);
  const fanIn: Partial<Record<WeightName, number>> = {
    wp: spec.featureDim,
    emb: 1,
    wr: spec.dModel,
    fc1: spec.dModel,
    fc2: spec.inter,
    ws1: spec.dModel,
    ws2: spec.sharedInter,
    wo: 2 * spec.dModel,
  };
  const out: Partial<FusionWeights> = {};
  for (const [name, shape] of Object.entries(shapes) as [WeightName, number[]][]) {
    const arr = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const fan = fanIn[name];
    if (name === 'temperature') arr.fill(1);
    else if (fan !== undefined) {
      const std = name === 'emb' ? 0.1 : 1 / Math.sqrt(fan);
      for (let i = 0; i < arr.length; i++) arr[i] = normal() * std;
    }
    out[name] = arr;
  }
  return out as FusionWeights;
}
