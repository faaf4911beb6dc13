/**
 * The relations of an execution that a reader can see, as edges between events: po, rf, co, fr,
 * the dependencies, rmw and amo. The graph draws them; the text of a witness follows a violated
 * axiom's cycle along them (a step the model derives, such as hb across threads, becomes the
 * shortest chain of such edges between its ends).
 */
import type { Execution } from '../engine/outcome.js';
import { DEP_KINDS, type Skeleton } from '../semantics/skeleton.js';

export type EdgeKind = 'po' | 'rf' | 'co' | 'fr' | 'addr' | 'data' | 'ctrl' | 'pick' | 'pick-addr' | 'rmw' | 'amo';

export interface Edge { from: number; to: number; kind: EdgeKind }

/** Every visible relation of the execution. */
export function relationEdges(skel: Skeleton, x: Execution): Edge[] {
  const edges: Edge[] = [];
  const paths = skel.threads.map((t) => t.paths[x.paths[t.id] ?? 0]!);
  for (const p of paths) {
    const atomic = new Set([...p.rmw, ...p.amo].map(([a, b]) => `${a},${b}`));
    p.events.forEach((id, i) => {
      const next = p.events[i + 1];
      // the read and write of one instruction are not in po: their rmw edge links them instead
      if (next !== undefined && !atomic.has(`${id},${next}`) && skel.events[id]!.seq !== skel.events[next]!.seq) edges.push({ from: id, to: next, kind: 'po' });
    });
    for (const k of DEP_KINDS) for (const [a, b] of p.deps[k]) edges.push({ from: a, to: b, kind: k });
    const amo = new Set(p.amo.map(([a, b]) => `${a},${b}`));
    for (const [a, b] of p.rmw) if (!amo.has(`${a},${b}`)) edges.push({ from: a, to: b, kind: 'rmw' });
    for (const [a, b] of p.amo) edges.push({ from: a, to: b, kind: 'amo' });
  }
  for (const [w, r] of x.rf) edges.push({ from: w, to: r, kind: 'rf' });
  // an initial write is coherence-first: its co edges say nothing and would cross the picture
  for (const [a, b] of x.co) if (skel.events[a]!.thread >= 0) edges.push({ from: a, to: b, kind: 'co' });
  for (const [r, w] of frPairs(x)) edges.push({ from: r, to: w, kind: 'fr' });
  return edges;
}

/** The shortest path of edges from a to b; undefined if there is none. */
export function shortestChain(edges: Edge[], a: number, b: number): Edge[] | undefined {
  const via = new Map<number, Edge | null>([[a, null]]);
  const queue = [a];
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const e of edges) {
      if (e.from !== n || via.has(e.to)) continue;
      via.set(e.to, e);
      if (e.to === b) {
        const steps: Edge[] = [];
        for (let s = via.get(b); s; s = via.get(s.from)) steps.unshift(s);
        return steps;
      }
      queue.push(e.to);
    }
  }
  return undefined;
}

/** fr to the first write coherence-after the one read (the later ones follow by co). */
function frPairs(x: Execution): [number, number][] {
  const next = new Map(x.co);
  const out: [number, number][] = [];
  for (const [w, r] of x.rf) {
    let after = next.get(w);
    if (after === r) after = next.get(r); // an atomic's own write is not after what it read from
    if (after !== undefined) out.push([r, after]);
  }
  return out;
}

/** What relates two events of a cycle when no edge does: po, co or fr if one does; else undefined (a derived order). */
export function relationName(skel: Skeleton, x: Execution, a: number, b: number): string | undefined {
  const ea = skel.events[a]!, eb = skel.events[b]!;
  if (ea.thread === eb.thread && ea.thread >= 0 && ea.seq < eb.seq) return 'po';
  const coAfter = (w: number, v: number) => {
    const next = new Map(x.co);
    for (let c = next.get(w); c !== undefined; c = next.get(c)) if (c === v) return true;
    return false;
  };
  if (ea.write && eb.write && coAfter(a, b)) return 'co';
  const source = x.rf.find(([, r]) => r === a)?.[0];
  if (ea.read && eb.write && source !== undefined && coAfter(source, b)) return 'fr';
  return undefined;
}

/**
 * Steps of the model's (a cycle's, or an offending pair) along visible edges: a step that is an
 * edge stays one, a derived one becomes the shortest chain of edges between its ends, or, when
 * none joins them, a step of its own named po, co or fr if one of those holds, else `derived`.
 */
export function visibleSteps(skel: Skeleton, x: Execution, steps: readonly [number, number][]): { from: number; to: number; kind: string }[] {
  const edges = relationEdges(skel, x);
  return steps.flatMap(([a, b]) => {
    const direct = edges.find((e) => e.from === a && e.to === b);
    return (direct ? [direct] : shortestChain(edges, a, b)) ?? [{ from: a, to: b, kind: relationName(skel, x, a, b) ?? 'derived' }];
  });
}
