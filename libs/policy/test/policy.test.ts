import type { Action, CategoryId } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import {
  evaluatePolicy,
  formatReplayReport,
  loadDefaultPolicy,
  parsePolicy,
  PolicyInvalidError,
  PolicySet,
  replayPolicy,
  type PolicyInput,
} from '../src';

const policy = parsePolicy(
  `
id: test
version: '7'
categories:
  sexual:
    - { action: remove, min_score: 0.9 }
    - { action: blur, min_score: 0.6 }
  profanity:
    - { action: label, min_score: 0.7 }
  spam:
    - { id: spam.custom, action: review, min_score: 0.5 }
languages:
  de:
    categories:
      profanity: [{ action: label, min_score: 0.85 }]
  pt-BR:
    categories:
      profanity: [{ action: blur, min_score: 0.5 }]
uncovered:
  action: label
  categories: { sexual/minors: review, spam: allow }
errors:
  on_status_error: review
  on_codes: { MEDIA_CORRUPT: review }
  on_other: allow
hash_match:
  bank_actions: { remove: remove }
  banks: { internal-allow: allow }
  otherwise: review
`,
  'test.yaml',
);

const base: PolicyInput = { status: 'ok', errors: [], scores: [], not_covered: [], hash_matches: [] };
const scores = (...s: [CategoryId, number][]) => s.map(([category, score]) => ({ category, score }));

/** [name, input change, expected [action, rule, score?, threshold?] list, strongest first]. */
const cases: [string, Partial<PolicyInput>, [Action, string, number?, number?][]][] = [
  ['nothing crosses: default allow', { scores: scores(['sexual', 0.2]) }, [['allow', 'default.allow']]],
  [
    'exactly at the blur threshold fires',
    { scores: scores(['sexual', 0.6]) },
    [['blur', 'sexual.blur', 0.6, 0.6]],
  ],
  ['just below the blur threshold', { scores: scores(['sexual', 0.5999]) }, [['allow', 'default.allow']]],
  [
    'exactly at remove: only the highest crossed threshold fires',
    { scores: scores(['sexual', 0.9]) },
    [['remove', 'sexual.remove', 0.9, 0.9]],
  ],
  ['score 1.0', { scores: scores(['sexual', 1]) }, [['remove', 'sexual.remove', 1, 0.9]]],
  ['a category without rules never acts', { scores: scores(['hate', 0.99]) }, [['allow', 'default.allow']]],
  ['custom rule id', { scores: scores(['spam', 0.5]) }, [['review', 'spam.custom', 0.5, 0.5]]],
  [
    'several categories: strongest first',
    { scores: scores(['profanity', 0.75], ['sexual', 0.95]) },
    [
      ['remove', 'sexual.remove', 0.95, 0.9],
      ['label', 'profanity.label', 0.75, 0.7],
    ],
  ],
  [
    'language override raises the threshold (de)',
    { lang: 'de', scores: scores(['profanity', 0.8]) },
    [['allow', 'default.allow']],
  ],
  [
    'language override at its boundary (de-AT falls back to de)',
    { lang: 'de-AT', scores: scores(['profanity', 0.85]) },
    [['label', 'profanity.label@de', 0.85, 0.85]],
  ],
  [
    'language override matches the full tag case-insensitively',
    { lang: 'pt-br', scores: scores(['profanity', 0.5]) },
    [['blur', 'profanity.blur@pt-BR', 0.5, 0.5]],
  ],
  [
    'other languages keep the base rules',
    { lang: 'pt', scores: scores(['profanity', 0.7]) },
    [['label', 'profanity.label', 0.7, 0.7]],
  ],
  [
    'uncovered categories: per-category rule, else the default, allow dropped',
    { not_covered: ['sexual/minors', 'violence', 'spam'] },
    [
      ['review', 'uncovered.review'],
      ['label', 'uncovered.label'],
    ],
  ],
  [
    'status error',
    { status: 'error', errors: [{ code: 'BUNDLE_UNAVAILABLE' }] },
    [['review', 'error.review']],
  ],
  [
    'partial error with its own code',
    { errors: [{ code: 'MEDIA_CORRUPT' }, { code: 'MEDIA_CORRUPT' }], scores: scores(['sexual', 0.1]) },
    [['review', 'error.MEDIA_CORRUPT.review']],
  ],
  [
    'partial error on_other allow leaves the scores to decide',
    { errors: [{ code: 'MEDIA_FETCH_TIMEOUT' }], scores: scores(['sexual', 0.7]) },
    [['blur', 'sexual.blur', 0.7, 0.6]],
  ],
  [
    'hash match in a bank asking for removal',
    { hash_matches: [{ bank: 'ncmec', bank_action: 'remove' }] },
    [['remove', 'hash_match.remove']],
  ],
  [
    'hash match in an unlisted bank and action',
    { hash_matches: [{ bank: 'x', bank_action: 'escalate' }] },
    [['review', 'hash_match.review']],
  ],
  [
    'bank rule wins over bank action',
    { hash_matches: [{ bank: 'internal-allow', bank_action: 'remove' }] },
    [['allow', 'default.allow']],
  ],
];

describe('evaluatePolicy', () => {
  it.each(cases)('%s', (_name, change, expected) => {
    const decision = evaluatePolicy(policy, { ...base, ...change });
    expect(decision.policy).toEqual({ id: 'test', version: '7' });
    expect(
      decision.actions.map((a) => [a.action, a.rule, a.score, a.threshold].filter((v) => v !== undefined)),
    ).toEqual(expected);
  });

  it('names the category or signal of each action', () => {
    const { actions } = evaluatePolicy(policy, {
      ...base,
      scores: scores(['sexual', 0.95]),
      hash_matches: [{ bank: 'b', bank_action: 'remove' }],
      not_covered: ['violence'],
    });
    expect(actions.map((a) => a.category)).toEqual(['sexual', 'hash_match', 'violence']);
  });

  it('names every bank behind a hash_match action, one action per distinct action', () => {
    const { actions } = evaluatePolicy(policy, {
      ...base,
      hash_matches: [
        { bank: 'ncmec', bank_action: 'remove' },
        { bank: 'stopncii', bank_action: 'remove' },
        { bank: 'ncmec', bank_action: 'remove' },
        { bank: 'partner', bank_action: 'review' },
      ],
    });
    expect(actions).toEqual([
      { action: 'remove', rule: 'hash_match.remove', category: 'hash_match', banks: ['ncmec', 'stopncii'] },
      { action: 'review', rule: 'hash_match.review', category: 'hash_match', banks: ['partner'] },
    ]);
  });
});

describe('policy documents', () => {
  it('ships a valid default policy that removes on a hash-bank removal match', () => {
    const def = loadDefaultPolicy();
    expect(def.id).toBe('default');
    expect(def.tenants).toBeUndefined();
    const d = evaluatePolicy(def, { ...base, hash_matches: [{ bank: 'stopncii', bank_action: 'remove' }] });
    expect(d.actions[0]).toMatchObject({ action: 'remove', rule: 'hash_match.remove', banks: ['stopncii'] });
    // The sexual ladder: age_restrict from 0.5, blur from 0.75, remove from 0.92.
    const ladder = [0.49, 0.5, 0.74, 0.75, 0.91, 0.92].map(
      (score) => evaluatePolicy(def, { ...base, scores: scores(['sexual', score]) }).actions[0]?.rule,
    );
    expect(ladder).toEqual([
      'default.allow',
      'sexual.age_restrict',
      'sexual.age_restrict',
      'sexual.blur',
      'sexual.blur',
      'sexual.remove',
    ]);
    expect(evaluatePolicy(def, { ...base, status: 'error', errors: [] }).actions[0]?.action).toBe('review');
  });

  it('fails closed: a medium the experts could not read sends a benign-scoring post to review', () => {
    const def = loadDefaultPolicy();
    for (const code of ['MEDIA_TOO_MANY_PIXELS', 'MEDIA_UNSUPPORTED_TYPE', 'MEDIA_TOO_LONG'] as const) {
      const d = evaluatePolicy(def, {
        ...base,
        errors: [{ code }],
        scores: scores(['hate', 0.01], ['sexual', 0.02]),
      });
      expect(d.actions[0]).toMatchObject({ action: 'review', rule: 'error.other.review', category: 'error' });
    }
    // A document without an errors block gets the same fail-closed defaults.
    expect(parsePolicy(`id: bare\nversion: '1'\ncategories: {}\n`).errors).toEqual({
      on_status_error: 'review',
      on_codes: {},
      on_other: 'review',
    });
  });

  it('reads JSON as well as YAML', () => {
    const doc = parsePolicy(
      JSON.stringify({ id: 'j', version: '1', categories: { spam: [{ action: 'label', min_score: 0.5 }] } }),
    );
    expect(doc.uncovered).toEqual({ action: 'allow', categories: {} });
    expect(doc.hash_match.bank_actions).toEqual({ remove: 'remove', review: 'review' });
  });

  it.each([
    [
      'threshold above 1',
      "id: a\nversion: '1'\ncategories: { spam: [{ action: label, min_score: 1.5 }] }",
      'categories.spam.0.min_score',
    ],
    ['unknown category', "id: a\nversion: '1'\ncategories: { gore: [] }", 'Unrecognized key: "gore"'],
    [
      'unknown action',
      "id: a\nversion: '1'\ncategories: { spam: [{ action: ban, min_score: 0.5 }] }",
      'action',
    ],
    [
      'allow as a threshold rule',
      "id: a\nversion: '1'\ncategories: { spam: [{ action: allow, min_score: 0.5 }] }",
      'action',
    ],
    [
      'two rules with one action',
      "id: a\nversion: '1'\ncategories: { spam: [{ action: label, min_score: 0.5 }, { action: label, min_score: 0.6 }] }",
      'one rule per action',
    ],
    ['unknown field', "id: a\nversion: '1'\ncategories: {}\nthreshold: 3", 'threshold'],
    ['missing version', 'id: a\ncategories: {}', 'version'],
    ['not YAML', 'id: [a', 'policy'],
  ])('rejects %s with a typed error', (_name, text, fragment) => {
    expect(() => parsePolicy(text, 'bad.yaml')).toThrow(PolicyInvalidError);
    expect(() => parsePolicy(text, 'bad.yaml')).toThrow(fragment);
  });
});

describe('PolicySet', () => {
  const doc = (id: string, tenants?: string[]) =>
    parsePolicy(JSON.stringify({ id, version: '1', categories: {}, ...(tenants ? { tenants } : {}) }));

  it('picks the tenant document, else the default, else the shipped default', () => {
    const set = new PolicySet([doc('acme-strict', ['acme']), doc('house')]);
    expect(set.forTenant('acme').id).toBe('acme-strict');
    expect(set.forTenant('other').id).toBe('house');
    expect(new PolicySet([doc('acme-strict', ['acme'])]).forTenant('other').id).toBe('default');
  });

  it('refuses two documents for one tenant and two defaults', () => {
    expect(() => new PolicySet([doc('a', ['acme']), doc('b', ['acme'])])).toThrow(/claimed by a and b/);
    expect(() => new PolicySet([doc('a'), doc('b')])).toThrow(PolicyInvalidError);
  });
});

describe('replayPolicy', () => {
  it('counts posts per action for the candidate and the current decisions', () => {
    const report = replayPolicy(policy, [
      { ...base, scores: scores(['sexual', 0.95]), current: ['blur'] },
      { ...base, scores: scores(['sexual', 0.7], ['profanity', 0.9]), current: ['blur', 'label'] },
      { ...base, scores: scores(['sexual', 0.1]), current: ['allow'] },
    ]);
    expect(report.posts).toBe(3);
    expect(report.candidate).toMatchObject({ remove: 1, blur: 1, label: 1, allow: 1 });
    expect(report.current).toMatchObject({ remove: 0, blur: 2, label: 1, allow: 1 });
    expect(report.strongest.candidate).toMatchObject({ remove: 1, blur: 1, allow: 1 });
    expect(report.changed).toBe(1);
    expect(formatReplayReport(report)).toContain('strongest action changes for 1 of 3');
  });
});
