import { performance } from 'node:perf_hooks';
import type { Attribution, ErrorDetail, Modality } from '@vigil/contracts';
import { isItemFailure } from '../experts/contract';
import type { FusionExpert } from '../experts/fusion';
import { withInterplay } from '../fusion/interplay';
import { FUSION_MODALITIES, type FusionSpec } from '../fusion/spec';
import { frameModality, type ClassifyBatch, type PendingToken } from './batch';

/** Fused scores of one request: `[C]` calibrated 0..1 in `spec.categories` order, attribution per category. */
export interface Fused {
  readonly scores: Float32Array;
  readonly attribution: Attribution[][];
  /** The modalities of the request's fusion tokens (`['caption']`: fusion read the caption alone). */
  readonly modalities: readonly Modality[];
}

/**
 * The batch's fusion tokens: caption, image-text and audio tokens in the order they were made, then
 * frame tokens in a stable order (request, medium, frame), each with its caption × image cross features.
 */
export function fusionTokens(batch: ClassifyBatch, spec: FusionSpec): PendingToken[] {
  const tokens = [...batch.tokens.values()];
  for (const [key, row] of [...batch.frameTokens].sort(([a], [b]) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )) {
    // `${request}|${media}|${frame}`; a media id may itself contain `|`.
    const i = Number(key.slice(0, key.indexOf('|')));
    const mediaId = key.slice(key.indexOf('|') + 1, key.lastIndexOf('|'));
    const frame = Number(key.slice(key.lastIndexOf('|') + 1));
    const m = batch.requests[i]!.media.find((x) => x.media_id === mediaId)!;
    tokens.push({
      request: i,
      modality: frameModality(m),
      // Caption × image cross features (fusion/interplay.ts) when the spec has that token source.
      features: withInterplay(
        spec,
        row,
        batch.requests[i]!.text.caption,
        !!batch.mediaLines.get(`${i}|${mediaId}`)?.length,
      ),
      media_id: mediaId,
      timestamp_ms: m.frames[frame]!.timestamp_ms,
    });
  }
  return tokens;
}

interface Row {
  request: number;
  members: number[];
  without?: { modality: Modality; token?: number };
}

/**
 * Stage 3, fuse: one fusion call for the requests whose tokens it is given (the classifier passes one
 * request's tokens per call, so a post's scores never depend on its batch-mates). Rows per request: all
 * its tokens; then for each modality present (when more than one) all tokens but that modality's; then,
 * inside a modality with several tokens, all tokens but one. Attribution weight of a modality = its score drop, normalised
 * over modalities; its token is the one whose removal drops the score most.
 * @returns fused scores by request index (requests without tokens have none), the call's ms, and the
 *   error when the fusion call failed (then no request has scores).
 */
export async function fuse(
  fusion: FusionExpert,
  requestCount: number,
  tokens: readonly PendingToken[],
): Promise<{ results: Map<number, Fused>; ms: number; error?: ErrorDetail }> {
  const t0 = performance.now();
  const results = new Map<number, Fused>();
  if (tokens.length === 0) return { results, ms: 0 };
  const { spec } = fusion;
  const F = spec.featureDim;
  const M = FUSION_MODALITIES.length;
  const C = spec.categories.length;
  const N = tokens.length;
  const rows: Row[] = [];
  for (let i = 0; i < requestCount; i++) {
    const own = tokens.map((t, n) => ({ t, n })).filter(({ t }) => t.request === i);
    if (own.length === 0) continue;
    rows.push({ request: i, members: own.map(({ n }) => n) });
    const modalities = [...new Set(own.map(({ t }) => t.modality))];
    for (const m of modalities) {
      const inM = own.filter(({ t }) => t.modality === m);
      if (modalities.length > 1)
        rows.push({
          request: i,
          members: own.filter(({ t }) => t.modality !== m).map(({ n }) => n),
          without: { modality: m },
        });
      if (inM.length > 1)
        for (const { n } of inM)
          rows.push({
            request: i,
            members: own.filter((x) => x.n !== n).map((x) => x.n),
            without: { modality: m, token: n },
          });
    }
  }
  const features = new Float32Array(N * F);
  const modality = new Float32Array(N * M);
  tokens.forEach((t, n) => {
    features.set(t.features, n * F);
    modality[n * M + FUSION_MODALITIES.indexOf(t.modality)] = 1;
  });
  const pool = new Float32Array(rows.length * N);
  rows.forEach((r, b) => r.members.forEach((n) => (pool[b * N + n] = 1)));
  let scoresOut: Float32Array;
  try {
    const [out] = await fusion.run([{ tokens: N, rows: rows.length, features, modality, pool }], 'tokens');
    if (!out || isItemFailure(out) || !out.fused)
      throw new Error(out && isItemFailure(out) ? out.failed : 'fusion: no output');
    scoresOut = out.fused.scores;
  } catch (error) {
    return {
      results,
      ms: performance.now() - t0,
      error: { code: 'EXPERT_FAILED', message: (error as Error).message },
    };
  }
  const score = (b: number, c: number) => scoresOut[b * C + c]!;
  rows.forEach((r, b) => {
    if (r.without) return;
    const scores = scoresOut.slice(b * C, (b + 1) * C);
    const own = rows.map((x, j) => ({ x, j })).filter(({ x }) => x.request === r.request && x.without);
    const attribution: Attribution[][] = [];
    for (let c = 0; c < C; c++) {
      const full = score(b, c);
      const present = [...new Set(r.members.map((n) => tokens[n]!.modality))];
      const drops = present.map((m) => {
        const row = own.find(({ x }) => x.without!.modality === m && x.without!.token === undefined);
        return { m, drop: row ? Math.max(0, full - score(row.j, c)) : full };
      });
      const total = drops.reduce((a, d) => a + d.drop, 0);
      attribution.push(
        drops
          .filter((d) => d.drop > 0 && total > 0)
          .map((d) => {
            const candidates = own.filter(
              ({ x }) => x.without!.modality === d.m && x.without!.token !== undefined,
            );
            const top = candidates.sort((p, q) => score(p.j, c) - score(q.j, c))[0];
            const n = top ? top.x.without!.token! : r.members.find((k) => tokens[k]!.modality === d.m)!;
            const t = tokens[n]!;
            return {
              modality: d.m,
              ...(t.media_id ? { media_id: t.media_id } : {}),
              ...(t.timestamp_ms !== undefined ? { timestamp_ms: t.timestamp_ms } : {}),
              ...(t.text && d.m === 'image_text' ? { text: t.text.slice(0, 500) } : {}),
              weight: Math.round((d.drop / total) * 1e4) / 1e4,
            };
          })
          .sort((p, q) => q.weight - p.weight),
      );
    }
    const modalities = [...new Set(r.members.map((n) => tokens[n]!.modality))];
    results.set(r.request, { scores, attribution, modalities });
  });
  return { results, ms: performance.now() - t0 };
}
