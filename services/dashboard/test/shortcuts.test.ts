import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../src/api/client';
import { formatDuration, formatSla } from '../src/format';
import {
  COMMAND_KEYS,
  DECISION_KEYS,
  interpretKey,
  isTyping,
  QUEUE_KEYS,
  queueCommand,
} from '../src/shortcuts';

const catalogue: Catalogue = {
  decisions: [
    { decision: 'approve', reasons: [{ code: 'no_violation', label: 'No violation' }] },
    {
      decision: 'remove',
      reasons: [
        { code: 'hate', label: 'Hate speech', category: 'hate' },
        { code: 'harassment', label: 'Harassment', category: 'harassment' },
      ],
    },
    { decision: 'age_restrict', reasons: [] },
    { decision: 'escalate', reasons: [{ code: 'needs_senior_review', label: 'Senior' }] },
  ],
  categories: [],
  sources: ['model', 'appeal', 'report'],
  sensitive_categories: ['sexual'],
};
const plain = { ctrl: false, meta: false, alt: false };

describe('keyboard decisions', () => {
  it('decides in two keystrokes: decision key, then reason number', () => {
    expect(interpretKey('r', plain, null, catalogue)).toEqual({ type: 'choose', decision: 'remove' });
    expect(interpretKey('2', plain, 'remove', catalogue)).toEqual({
      type: 'decide',
      decision: 'remove',
      reasonCode: 'harassment',
    });
    expect(interpretKey('a', plain, null, catalogue)).toEqual({ type: 'choose', decision: 'approve' });
    expect(interpretKey('1', plain, 'approve', catalogue)).toMatchObject({ reasonCode: 'no_violation' });
  });

  it('ignores numbers without a chosen decision or beyond the reasons, and cancels with Escape', () => {
    expect(interpretKey('1', plain, null, catalogue)).toEqual({ type: 'none' });
    expect(interpretKey('3', plain, 'remove', catalogue)).toEqual({ type: 'none' });
    expect(interpretKey('Escape', plain, 'remove', catalogue)).toEqual({ type: 'cancel' });
    expect(interpretKey('Escape', plain, null, catalogue)).toEqual({ type: 'none' });
  });

  it('maps commands and leaves modifier combinations to the browser', () => {
    expect(interpretKey('n', plain, null, catalogue)).toEqual({ type: 'command', command: 'next' });
    expect(interpretKey('v', plain, null, catalogue)).toEqual({ type: 'command', command: 'reveal' });
    expect(interpretKey('?', plain, null, catalogue)).toEqual({ type: 'command', command: 'help' });
    expect(interpretKey('r', { ...plain, ctrl: true }, null, catalogue)).toEqual({ type: 'none' });
    expect(interpretKey('ArrowLeft', plain, null, catalogue)).toEqual({ type: 'none' });
  });

  it('knows when keys type text', () => {
    expect(isTyping({ tagName: 'TEXTAREA', isContentEditable: false } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    const input = (type: string) =>
      ({ tagName: 'INPUT', type, isContentEditable: false }) as unknown as EventTarget;
    expect(isTyping(input('text'))).toBe(true);
    expect(isTyping(input('checkbox'))).toBe(false);
    expect(isTyping(input('radio'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe('queue page keys', () => {
  it('select (a task or its group), move and decide in bulk; N starts reviewing as in the item view', () => {
    expect(queueCommand('x', plain)).toBe('select');
    expect(queueCommand('s', plain)).toBe('group');
    expect(queueCommand('j', plain)).toBe('down');
    expect(queueCommand('k', plain)).toBe('up');
    expect(queueCommand('d', plain)).toBe('decide');
    expect(queueCommand('n', plain)).toBe('start');
    expect(queueCommand('x', { ...plain, ctrl: true })).toBeNull();
    expect(queueCommand('r', plain)).toBeNull();
  });

  it('clash with no key of the item view that means something else, nor with U (undo, on every page)', () => {
    const itemKeys = new Map<string, string>([
      ...Object.entries(DECISION_KEYS),
      ...Object.entries(COMMAND_KEYS),
      ['u', 'undo'],
    ]);
    const clashes = Object.entries(QUEUE_KEYS).filter(
      ([key, command]) => itemKeys.has(key) && !(key === 'n' || (key === '?' && command === 'help')),
    );
    expect(clashes).toEqual([]);
  });
});

describe('formatting', () => {
  it('writes durations and SLA state for people', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(3 * 3_600_000 + 12 * 60_000)).toBe('3 h 12 min');
    expect(formatDuration(52 * 3_600_000)).toBe('2 d 4 h');
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatSla('2026-01-01T13:00:00Z', now)).toBe('due in 1 h');
    expect(formatSla('2026-01-01T11:40:00Z', now)).toBe('overdue by 20 min');
  });
});
