import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders of src/ are layered by responsibility and import only downward (http and workers at the
 * bottom; database, audit, webhooks, auth, verdicts, review, then hash-banks, media, api and cli on top;
 * the root files wire them together). This scans every relative import and fails on any cycle between
 * folders, so a new upward import is caught here rather than in review.
 */
const SRC = join(__dirname, '..', 'src');
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** Top-level folder of a path under src/, or undefined for the root files (main.ts, config.ts, …). */
function folderOf(path: string): string | undefined {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** folder → folders it imports (each edge with one file that makes it, for the failure message). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const from = folderOf(join(SRC, file));
    if (!from) continue;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const [, spec] of readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)) {
      const to = folderOf(resolve(SRC, dirname(file), spec!));
      if (to && to !== from && !edges.has(to)) edges.set(to, `${file} imports ${spec}`);
    }
  }
  return graph;
}

/** One cycle of the graph as a folder path (first folder repeated at the end), or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('src folders', () => {
  it('sees the imports between folders', () => {
    const graph = folderGraph();
    expect(graph.get('review')?.has('http')).toBe(true);
    expect(graph.get('api')?.has('review')).toBe(true);
  });

  it('import each other in one direction only (no cycle between folders)', () => {
    const graph = folderGraph();
    const cycle = findCycle(graph);
    const explain = cycle
      ?.slice(1)
      .map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)?.get(to)})`)
      .join('\n');
    expect(explain, 'folder import cycle').toBeUndefined();
  });
});
