import { resizeKey, type ExpertEntry, type RawImage } from '@vigil/contracts';
import type { FrameInput } from '../image';

/** A variant image as the frame the image runners read (boxes and lines come back in variant pixels). */
export function asFrame(entry: ExpertEntry, image: RawImage): FrameInput {
  return {
    width: image.width,
    height: image.height,
    variants: { [resizeKey(entry.preprocess!.resize)]: image },
  };
}
