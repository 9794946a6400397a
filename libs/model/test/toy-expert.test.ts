/**
 * The expert contract from the outside: a toy expert written in this file is registered (one module,
 * one manifest entry) and its output shows in the classifier's result, without touching @vigil/model.
 * docs/writing-an-expert.md walks through the same steps.
 */
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceResultSchema, readBundleManifest, type ExpertEntry } from '@vigil/contracts';
import { loadExperts, VigilClassifier, type Expert, type ExpertModule } from '../src';
import { BUNDLE_DIR } from './bundle';
import { request } from './requests';

/** Marker a tenant's own keyword list looks for (the toy's whole "model"). */
const MARKER = 'toy-marker';

/**
 * A caption expert for a category the fusion model does not inform (`sexual/minors` in vigil-base), as
 * a tenant's own classifier would be: 0.9 when the caption holds the marker, else 0.05. Counts its calls.
 */
const calls: number[] = [];
const toyModule: ExpertModule = {
  runner: 'toy-keywords',
  core: false,
  load: ({ entry }): Promise<Expert> =>
    Promise.resolve({
      name: entry.name,
      modality: 'caption',
      reads: ['caption'],
      emits: { categories: entry.informs, features: 0 },
      cost: { tier: 'screen', msPerItem: 0.01 },
      run(captions) {
        calls.push(captions.length);
        return Promise.resolve(
          (captions as readonly string[]).map((c) => ({
            scores: { 'sexual/minors': c.includes(MARKER) ? 0.9 : 0.05 },
          })),
        );
      },
    }),
};

/** Its bundle manifest entry (no files: nothing to load). */
const toyEntry: ExpertEntry = {
  name: 'keywords',
  modality: 'caption',
  runner: 'toy-keywords',
  files: {},
  inputs: [],
  outputs: [],
  informs: ['sexual/minors'],
  params: {},
  provenance: [],
};

describe('a toy expert registered from a test file', () => {
  let dir: string;
  let withToy: VigilClassifier;
  let plain: VigilClassifier;
  beforeAll(async () => {
    // The real bundle with one more manifest entry: its files linked, its manifest extended.
    dir = mkdtempSync(join(tmpdir(), 'vigil-toy-bundle-'));
    for (const f of readdirSync(BUNDLE_DIR))
      if (f !== 'manifest.json') symlinkSync(join(BUNDLE_DIR, f), join(dir, f));
    const manifest = readBundleManifest(BUNDLE_DIR);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifest, experts: [...manifest.experts, toyEntry] }),
    );
    const { experts } = await loadExperts(
      readBundleManifest(dir),
      dir,
      { provider: 'cpu' },
      {
        modules: [toyModule],
      },
    );
    expect(experts.map((e) => e.name)).toEqual(['keywords']);
    withToy = await VigilClassifier.load(dir, { session: { provider: 'cpu' }, experts });
    plain = await VigilClassifier.load(BUNDLE_DIR, { session: { provider: 'cpu' } });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is routed by its declaration, runs once per batch, and its score is the result score', async () => {
    const requests = [request('flagged', `look at this ${MARKER} now`), request('benign', 'a quiet walk')];
    const results = await withToy.classify(requests);
    expect(calls).toEqual([2]);
    for (const r of results) expect(() => InferenceResultSchema.parse(r)).not.toThrow();
    const [flagged, benign] = results;
    expect(flagged!.experts.find((e) => e.expert === 'keywords')).toMatchObject({ ran: true, batch_size: 2 });
    expect(flagged!.scores.find((s) => s.category === 'sexual/minors')).toEqual({
      category: 'sexual/minors',
      score: 0.9,
      severity: 3,
      attribution: [{ modality: 'caption', weight: 1 }],
    });
    expect(benign!.scores.find((s) => s.category === 'sexual/minors')).toMatchObject({
      score: 0.05,
      severity: 0,
    });
    // A caption-only post: the toy assessed the one channel present, so the category is now covered.
    expect(flagged!.coverage.covered).toContain('sexual/minors');
  });

  it('leaves what fusion scores unchanged', async () => {
    const req = request('same', `look at this ${MARKER} now`);
    const [a] = await withToy.classify([req]);
    const [b] = await plain.classify([req]);
    const fusionScores = (r: typeof a) => r!.scores.filter((s) => s.category !== 'sexual/minors');
    expect(fusionScores(a)).toEqual(fusionScores(b));
    expect(b!.scores.some((s) => s.category === 'sexual/minors')).toBe(false);
    expect(b!.coverage.not_covered).toContain('sexual/minors');
  });
});
