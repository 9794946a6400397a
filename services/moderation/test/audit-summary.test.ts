import { describe, expect, it } from 'vitest';
import { auditSummary, shortDuration } from '../src/review/audit-summary';

describe('auditSummary', () => {
  it('says what happened in a line, from the entry before/after', () => {
    expect(auditSummary('review.decided', {}, { decision: 'remove', reason_code: 'hate', note: null })).toBe(
      'remove (hate)',
    );
    expect(
      auditSummary('review.decided', {}, { decision: 'approve', reason_code: 'no_violation', bulk_id: 'b' }),
    ).toBe('approve (no_violation) [bulk]');
    expect(
      auditSummary(
        'review.escalated',
        {},
        { decision: 'escalate', reason_code: 'legal_review', escalation_level: 2 },
      ),
    ).toBe('escalate (legal_review) → level 2');
    expect(auditSummary('review.undone', { decision: 'remove' }, { task_status: 'claimed' })).toBe(
      'undo remove',
    );
    expect(
      auditSummary('author.warn', null, { kind: 'warn', reason_code: 'harassment', note: 'x'.repeat(100) }),
    ).toBe(`warn (harassment) — “${'x'.repeat(79)}…”`);
    expect(auditSummary('author.suspend', null, { kind: 'suspend', reason_code: 'ban_evasion' })).toBe(
      'suspend (ban_evasion)',
    );
    expect(
      auditSummary(
        'author.lifted',
        { kind: 'mute' },
        { kind: 'mute', reason_code: 'appeal_granted', note: null },
      ),
    ).toBe('lift mute (appeal_granted)');
    expect(
      auditSummary(
        'moderator.updated',
        { role: 'moderator', display_name: 'Mia', disabled: false, queues: ['a'] },
        { role: 'admin', display_name: 'Mia', disabled: true, queues: ['a', 'b'] },
      ),
    ).toBe('role moderator → admin, disabled, queues: a, b');
    expect(auditSummary('moderator.created', null, { username: 'mia', role: 'viewer' })).toBe('mia (viewer)');
    expect(auditSummary('api_token.revoked', null, null)).toBeNull();
    expect(auditSummary('review.decided', 'not json object', [1])).toBe('decided');
  });

  it('writes durations short', () => {
    expect(shortDuration(86_400)).toBe('1d');
    expect(shortDuration(5400)).toBe('1h 30m');
    expect(shortDuration(30)).toBe('30s');
  });
});
