/**
 * The moderation taxonomy: every category Vigil scores, defined once, with stable ids.
 * Names follow OpenAI's moderation categories where they overlap (`sexual/minors`, `self-harm/intent`…)
 * and Azure Content Safety's practice of a severity scale per category (hate, sexual, violence, self-harm at severity 0–7).
 * Ids never change meaning; new ones are only added.
 */

/** Severity 0 (none) .. 3 (high), shared by every category. Azure uses 0–7; Vigil folds it to four steps. */
export const SEVERITY_LEVELS = [
  { level: 0, label: 'none', description: 'No content of this kind.' },
  { level: 1, label: 'low', description: 'Mild or ambiguous; context (news, education, fiction) likely.' },
  { level: 2, label: 'medium', description: 'Clear instance; likely against most policies.' },
  { level: 3, label: 'high', description: 'Explicit, targeted or dangerous; act quickly.' },
] as const;

export type SeverityLevel = (typeof SEVERITY_LEVELS)[number]['level'];

export const CATEGORY_IDS = [
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
  'hate',
  'harassment',
  'harassment/threatening',
  'self-harm',
  'self-harm/intent',
  'illicit/drugs',
  'illicit/weapons',
  'spam',
  'profanity',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export interface CategoryDefinition {
  readonly id: CategoryId;
  /** What the category covers, for policy writers and moderators. */
  readonly description: string;
  /** What each severity step means for this category (index = level 0..3). */
  readonly severities: readonly [string, string, string, string];
}

export const TAXONOMY: Readonly<Record<CategoryId, CategoryDefinition>> = {
  sexual: {
    id: 'sexual',
    description: 'Sexual content: nudity, sexual acts, sexually explicit text or solicitation.',
    severities: [
      'none',
      'suggestive (swimwear, innuendo)',
      'nudity or explicit description',
      'explicit sexual activity',
    ],
  },
  'sexual/minors': {
    id: 'sexual/minors',
    description:
      'Any sexual content involving or directed at people under 18. Always escalated; never auto-allowed.',
    severities: ['none', 'ambiguous age with sexual context', 'sexualised minor', 'sexual abuse material'],
  },
  violence: {
    id: 'violence',
    description: 'Depictions, threats or glorification of physical violence against people or animals.',
    severities: [
      'none',
      'fictional or sports violence',
      'real violence described or shown',
      'incitement or celebration',
    ],
  },
  'violence/graphic': {
    id: 'violence/graphic',
    description: 'Gore: injury, death, blood or mutilation shown or described in graphic detail.',
    severities: [
      'none',
      'blood or injury, not detailed',
      'graphic injury',
      'extreme gore, mutilation, death',
    ],
  },
  hate: {
    id: 'hate',
    description:
      'Attacks or dehumanisation based on protected attributes (race, religion, gender, orientation, disability…).',
    severities: [
      'none',
      'stereotype or insensitive joke',
      'slur or demeaning generalisation',
      'dehumanisation or call to exclude',
    ],
  },
  harassment: {
    id: 'harassment',
    description: 'Insults, bullying or intimidation aimed at an individual.',
    severities: ['none', 'rude or mocking', 'targeted insult or bullying', 'sustained or severe abuse'],
  },
  'harassment/threatening': {
    id: 'harassment/threatening',
    description: 'Harassment that includes a threat of harm to the target.',
    severities: [
      'none',
      'veiled or conditional threat',
      'explicit threat',
      'credible threat with means or plan',
    ],
  },
  'self-harm': {
    id: 'self-harm',
    description:
      'Content that depicts or encourages self-harm, suicide or eating disorders (recovery and support content scores low).',
    severities: [
      'none',
      'discussion or recovery',
      'depiction or encouragement',
      'instructions or glorification',
    ],
  },
  'self-harm/intent': {
    id: 'self-harm/intent',
    description: 'The author expresses intent to harm themselves now or soon.',
    severities: ['none', 'ambiguous distress', 'stated intent', 'imminent intent with plan'],
  },
  'illicit/drugs': {
    id: 'illicit/drugs',
    description: 'Sale, promotion or instructions for illegal drugs (harm-reduction information scores low).',
    severities: ['none', 'mention or harm reduction', 'promotion or use', 'sale or synthesis instructions'],
  },
  'illicit/weapons': {
    id: 'illicit/weapons',
    description: 'Sale or manufacture of weapons, or weapons shown in a threatening context.',
    severities: [
      'none',
      'weapon shown in neutral context',
      'weapon with threat or glorification',
      'sale or manufacture',
    ],
  },
  spam: {
    id: 'spam',
    description: 'Unsolicited commercial content, scams, phishing, engagement bait and repetitive promotion.',
    severities: ['none', 'self-promotion', 'bulk promotion or bait', 'scam or phishing'],
  },
  profanity: {
    id: 'profanity',
    description: 'Swearing and vulgar language not aimed at anyone.',
    severities: ['none', 'mild', 'strong', 'extreme or repeated'],
  },
};

/** Modalities a category score can be attributed to (which part of the post drove it). */
export const MODALITIES = ['caption', 'image_text', 'image', 'video_frames', 'audio'] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * Maps a calibrated score (0..1) to a severity level with the default cut points 0.2 / 0.5 / 0.8.
 * Policies act on scores; severity is for people reading verdicts and queues.
 */
export function severityOf(score: number): SeverityLevel {
  if (score >= 0.8) return 3;
  if (score >= 0.5) return 2;
  if (score >= 0.2) return 1;
  return 0;
}
