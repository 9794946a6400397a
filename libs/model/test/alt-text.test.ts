import { describe, expect, it } from 'vitest';
import { ALT_TEXT_MAX_LENGTH, composeAltText, countPhrase, type AltTextInput } from '../src';

const person = (score = 0.8) => ({ label: 'person', score });
const long =
  'Everything must go this weekend only at the big warehouse clearance sale with prices slashed on every single item';

const cases: { name: string; input: AltTextInput; text: string; decorative?: boolean }[] = [
  {
    name: 'counts and names subjects',
    input: { objects: [person(), person(0.7), { label: 'dog', score: 0.9 }] },
    text: 'Photo of two people and a dog',
  },
  {
    name: 'says illustration',
    input: { drawing: 0.8, objects: [{ label: 'cat', score: 0.6 }] },
    text: 'Illustration of a cat',
  },
  {
    name: 'uses "an" before vowels',
    input: { objects: [{ label: 'elephant', score: 0.9 }] },
    text: 'Photo of an elephant',
  },
  {
    name: 'ignores weak detections',
    input: { objects: [person(), { label: 'toilet', score: 0.2 }] },
    text: 'Photo of a person',
  },
  {
    name: 'quotes legible text',
    input: {
      objects: [person()],
      ocr: [
        { text: ' SALE ', confidence: 0.95 },
        { text: '50% off', confidence: 0.9 },
      ],
    },
    text: 'Photo of a person with the text "SALE 50% off"',
  },
  {
    name: 'skips illegible text',
    input: { objects: [person()], ocr: [{ text: 'x1l', confidence: 0.3 }] },
    text: 'Photo of a person',
  },
  {
    name: 'text only',
    input: { ocr: [{ text: 'Region-based segmentation', confidence: 0.98 }] },
    text: 'Photo with the text "Region-based segmentation"',
  },
  {
    name: 'neutral when graphic, no quoted text',
    input: {
      objects: [person(), person()],
      ocr: [{ text: 'gore', confidence: 0.99 }],
      flagged: { graphic: true },
    },
    text: 'Photo flagged as possibly graphic; contains two people',
  },
  {
    name: 'neutral when sexual, nothing detected',
    input: { flagged: { sexual: true } },
    text: 'Photo flagged as possibly sexual content',
  },
  {
    name: 'decorative when nothing is recognised',
    input: { objects: [{ label: 'kite', score: 0.1 }] },
    text: '',
    decorative: true,
  },
  {
    name: 'caption replaces the template and loses "image of"',
    input: { caption: { text: 'image of a man riding a horse.', confidence: 0.7 }, objects: [person()] },
    text: 'A man riding a horse',
  },
  {
    // The detector on the skimage coins photo: clocks and bowls between 0.43 and 0.54.
    name: 'a short true description rather than a long wrong one',
    input: {
      objects: [
        ...Array.from({ length: 11 }, (_, i) => ({ label: 'clock', score: 0.54 - i * 0.01 })),
        ...Array.from({ length: 6 }, (_, i) => ({ label: 'bowl', score: 0.48 - i * 0.01 })),
      ],
    },
    text: 'Photo',
  },
  {
    name: 'names at most two kinds of subject',
    input: {
      objects: [person(), { label: 'dog', score: 0.9 }, { label: 'car', score: 0.7 }],
      ocr: [{ text: 'WALKIES', confidence: 0.55 }],
    },
    text: 'Photo of a dog and a person with the text "WALKIES"',
  },
  {
    name: 'ten and more as digits',
    input: { objects: Array.from({ length: 12 }, () => ({ label: 'car', score: 0.6 })) },
    text: 'Photo of 12 cars',
  },
  {
    name: 'irregular plurals',
    input: {
      objects: [
        { label: 'knife', score: 0.7 },
        { label: 'knife', score: 0.65 },
      ],
    },
    text: 'Photo of two knives',
  },
  {
    name: 'says video for a video',
    input: { medium: 'video', objects: [person(), { label: 'horse', score: 0.7 }] },
    text: 'Video of a person and a horse',
  },
  {
    name: 'says animated for a GIF',
    input: { medium: 'gif', drawing: 0.9, ocr: [{ text: 'hello', confidence: 0.9 }] },
    text: 'Animated illustration with the text "hello"',
  },
];

describe('composeAltText', () => {
  it.each(cases)('$name', ({ input, text, decorative }) => {
    const alt = composeAltText(input);
    expect(alt.text).toBe(text);
    expect(alt.decorative).toBe(decorative ?? false);
    expect(alt.confidence).toBeGreaterThanOrEqual(0);
    expect(alt.confidence).toBeLessThanOrEqual(1);
  });

  it('keeps long text within 125 characters, shortening the quote not the subjects', () => {
    const alt = composeAltText({
      objects: [person(), { label: 'dog', score: 0.9 }],
      ocr: [{ text: long, confidence: 0.9 }],
    });
    expect(alt.text.length).toBeLessThanOrEqual(ALT_TEXT_MAX_LENGTH);
    expect(alt.text).toMatch(/^Photo of a dog and a person with the text "Everything must go .*…"$/);
  });

  it('never starts with "image of" or "picture of"', () => {
    for (const caption of ['Picture of a cat', 'an image of two dogs', 'Image showing a bus']) {
      expect(composeAltText({ caption: { text: caption, confidence: 0.6 } }).text).not.toMatch(
        /^(an? )?(image|picture)/i,
      );
    }
  });

  it('counts in words', () => {
    expect(countPhrase('person', 1)).toBe('a person');
    expect(countPhrase('scissors', 1)).toBe('a pair of scissors');
    expect(countPhrase('sheep', 3)).toBe('three sheep');
  });
});
