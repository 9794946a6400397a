import type { RawImage } from '@vigil/contracts';
import { ExpertConfigError, isStrings } from '../expert';
import { ObjectsRunner, type Detection } from '../runners/objects';
import type { Expert, ExpertModule } from './contract';
import { asFrame } from './frame-input';

/**
 * Width of the `objects` fusion token source: per label group of the manifest (`params.fusion_groups`,
 * six groups: person, weapon, drink, animal, vehicle, food) the highest detection score, then
 * min(people, 5) / 5 and min(detections, 10) / 10.
 */
export const OBJECTS_FEATURE_DIM = 8;

/** The `objects` token features of one frame's detections (see OBJECTS_FEATURE_DIM). */
export function objectFeatures(
  groups: readonly (readonly string[])[],
  detections: readonly Detection[],
): Float32Array {
  const best = groups.map((g) =>
    Math.max(0, ...detections.filter((d) => g.includes(d.label)).map((d) => d.score)),
  );
  const people = detections.filter((d) => d.label === 'person').length;
  return Float32Array.from([...best, Math.min(people, 5) / 5, Math.min(detections.length, 10) / 10]);
}

/**
 * `objects` (runner `objects-nanodet`): the NanoDet object detector (see `ObjectsRunner`). Per frame:
 * token features and the detections alt-text names. Costly: the router runs it on uncertain media
 * and, for alt-text, on frame 0.
 */
export const objectsModule: ExpertModule = {
  runner: 'objects-nanodet',
  core: false,
  async load({ entry, bundleDir, session }): Promise<Expert> {
    const groups = Object.values((entry.params.fusion_groups ?? {}) as Record<string, unknown>);
    if (!groups.every(isStrings) || groups.length + 2 !== OBJECTS_FEATURE_DIM)
      throw new ExpertConfigError(entry.name, 'parameter fusion_groups must hold six label lists');
    const runner = await ObjectsRunner.create(entry, bundleDir, session);
    return {
      name: entry.name,
      modality: 'image',
      reads: ['frame'],
      variant: entry.preprocess!.resize,
      emits: { categories: entry.informs, features: OBJECTS_FEATURE_DIM },
      cost: { tier: 'escalation', msPerItem: 60 },
      async run(frames) {
        const out = await runner.run((frames as readonly RawImage[]).map((f) => asFrame(entry, f)));
        return out.map((detections) => ({
          features: objectFeatures(groups, detections),
          alt: { objects: detections.map(({ label, score }) => ({ label, score })) },
          seen: { objects: detections.map(({ label, score, box }) => ({ label, score, box })) },
        }));
      },
      release: () => runner.release(),
    };
  },
};
