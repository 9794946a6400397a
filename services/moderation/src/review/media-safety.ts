import { SENSITIVE_MEDIA_CATEGORIES } from '@vigil/contracts';

const VISUAL_KINDS = new Set(['image', 'gif', 'video']);
const VISUAL_MODALITIES = new Set(['image', 'video_frames', 'image_text']);

interface ScoreLike {
  readonly category: string;
  readonly score: number;
  readonly severity: number;
  readonly attribution: readonly { modality: string; media_id?: string }[];
}

/**
 * Whether the dashboard shows a medium blurred and greyscale until the moderator reveals it, and why.
 * Moderator-safety default (blur and greyscale lowered the emotional impact on moderators without
 * hurting accuracy in Karunakaran & Ramakrishnan, "Testing Stylistic Interventions to Reduce Emotional
 * Impact of Content Moderation Workers", HCOMP 2019): any visual medium that scored severity ≥ 1 in a sensitive category
 * (`sexual`, `sexual/minors`, `violence/graphic`) attributed to it or to the visual channel as a whole,
 * that was not assessed for one of them (coverage), or whose task is about one of them. Audio is never
 * blurred (the dashboard offers a mute instead).
 */
export function mediaSensitivity(
  medium: { media_id: string; kind: string },
  scores: readonly ScoreLike[],
  notCovered: readonly string[],
  taskCategories: readonly string[],
): { blur: boolean; reasons: string[] } {
  if (!VISUAL_KINDS.has(medium.kind)) return { blur: false, reasons: [] };
  const reasons: string[] = [];
  for (const category of SENSITIVE_MEDIA_CATEGORIES) {
    const score = scores.find((s) => s.category === category);
    const onThisMedium = score?.attribution.some(
      (a) =>
        a.media_id === medium.media_id || (a.media_id === undefined && VISUAL_MODALITIES.has(a.modality)),
    );
    if (score && score.severity >= 1 && onThisMedium) reasons.push(`${category} ${score.score.toFixed(2)}`);
    else if (notCovered.includes(category)) reasons.push(`${category} not assessed`);
    else if (taskCategories.includes(category)) reasons.push(`task is about ${category}`);
  }
  return { blur: reasons.length > 0, reasons };
}
