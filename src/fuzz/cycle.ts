/**
 * diy7's relaxation vocabulary, for BPF: a cycle of edges names a litmus test whose condition
 * witnesses that cycle. Edges:
 *   PodXY PosXY          program order to a different / the same location (X, Y in R W)
 *   DpAddrdY DpAddrsY    address dependency from a read, to a different / the same location
 *   DpDatadW DpDatasW    data dependency to a write
 *   DpCtrldY DpCtrlsY    control dependency
 *   FencedXY FencesXY    program order with the BPF full-barrier idiom between (a fetch-add on
 *                        a private location)
 *   Rfe Rfi Coe Coi Fre Fri   communication, external (another thread) or internal
 * An edge may end with two annotation letters, for its source and its target access:
 *   P plain, A acquire (a read), L release (a write), F fetch atomic (a read: fetch_or of 0),
 *   X non-fetch atomic (a write: lock add), S xchg (a write), C successful cmpxchg (a write)
 * e.g. `PodWRLA` is a release write followed by an acquire read of another location.
 */

export type Dir = 'R' | 'W';
export type Annotation = 'P' | 'A' | 'L' | 'F' | 'X' | 'S' | 'C';

export interface Edge {
  name: string;
  kind: 'po' | 'fenced' | 'addr' | 'data' | 'ctrl' | 'rf' | 'co' | 'fr';
  external: boolean; // leaves the thread
  sameLoc: boolean;
  src: Dir;
  dst: Dir;
  srcAnn?: Annotation;
  dstAnn?: Annotation;
}

const ANNOTATIONS: Record<Annotation, Dir | 'RW'> = { P: 'RW', A: 'R', L: 'W', F: 'R', X: 'W', S: 'W', C: 'W' };

export class CycleError extends Error {}

export function parseEdge(name: string): Edge {
  const m = /^(?:(Po|Fence)([ds])([RW])([RW])|Dp(Addr|Data|Ctrl)([ds])([RW])|(Rf|Co|Fr)([ei]))([PALFXSC]{2})?$/.exec(name);
  if (!m) throw new CycleError(`unknown edge '${name}' (expected e.g. PodWR, PosRR, DpAddrdW, DpDatadW, DpCtrldW, FencedWR, Rfe, Fri, Coe, with an optional annotation pair like LA)`);
  let e: Edge;
  if (m[1]) {
    e = { name, kind: m[1] === 'Po' ? 'po' : 'fenced', external: false, sameLoc: m[2] === 's', src: m[3] as Dir, dst: m[4] as Dir };
  } else if (m[5]) {
    const kind = m[5].toLowerCase() as 'addr' | 'data' | 'ctrl';
    if (kind === 'data' && m[7] !== 'W') throw new CycleError(`'${name}': a data dependency goes to a write`);
    e = { name, kind, external: false, sameLoc: m[6] === 's', src: 'R', dst: m[7] as Dir };
  } else {
    const kind = m[8]!.toLowerCase() as 'rf' | 'co' | 'fr';
    const ends: Record<string, [Dir, Dir]> = { rf: ['W', 'R'], co: ['W', 'W'], fr: ['R', 'W'] };
    e = { name, kind, external: m[9] === 'e', sameLoc: true, src: ends[kind]![0], dst: ends[kind]![1] };
  }
  if (m[10]) {
    const [s, d] = [m[10][0] as Annotation, m[10][1] as Annotation];
    for (const [a, dir] of [[s, e.src], [d, e.dst]] as const) {
      if (ANNOTATIONS[a] !== 'RW' && ANNOTATIONS[a] !== dir) throw new CycleError(`'${name}': annotation ${a} does not apply to a ${dir === 'R' ? 'read' : 'write'}`);
    }
    if (s !== 'P') e.srcAnn = s;
    if (d !== 'P') e.dstAnn = d;
  }
  return e;
}

export function parseCycle(text: string): Edge[] {
  const edges = text.trim().split(/\s+/).filter(Boolean).map(parseEdge);
  if (edges.length < 2) throw new CycleError('a cycle needs at least two edges');
  edges.forEach((e, i) => {
    const next = edges[(i + 1) % edges.length]!;
    if (e.dst !== next.src) throw new CycleError(`'${e.name}' ends on a ${e.dst === 'R' ? 'read' : 'write'} but '${next.name}' starts from a ${next.src === 'R' ? 'read' : 'write'}`);
    if (e.dstAnn && next.srcAnn && e.dstAnn !== next.srcAnn) throw new CycleError(`'${e.name}' and '${next.name}' annotate the same access differently`);
  });
  const externals = edges.filter((e) => e.external).length;
  if (externals < 2) throw new CycleError('a cycle needs at least two external edges (two threads)');
  if (edges.every((e) => e.sameLoc)) throw new CycleError('a cycle needs at least two locations (one of its edges must change location)');
  return edges;
}

// ---------------------------------------------------------------- the test of a cycle

export interface CycleEvent {
  dir: Dir;
  ann: Annotation;
  loc: number;
  thread: number;
  /** The internal edge that leads to this event from the previous one of its thread. */
  via?: Edge;
  value?: number; // a write's value
  reads?: number; // the value a read must see for the cycle
}

/**
 * The events of a cycle, thread by thread: the cycle is rotated to start on a thread's first
 * event, each external edge starts a new thread, each location change moves to a new location.
 */
/** The cycle rotated to start on a thread's first access (after an external edge). */
export function rotated(edges: Edge[]): Edge[] {
  const start = edges.findIndex((e) => e.external) + 1;
  return [...edges.slice(start), ...edges.slice(0, start)];
}

/** The accesses of a cycle, thread by thread, in the order of `rotated(edges)`. */
export function eventsOf(edges: Edge[]): CycleEvent[][] {
  const rot = rotated(edges);
  const n = rot.length;
  // locations: event i and i+1 share one exactly when edge i is a same-location edge
  const parent = rot.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  rot.forEach((e, i) => { if (e.sameLoc) parent[find(i)] = find((i + 1) % n); });
  rot.forEach((e, i) => {
    if (!e.sameLoc && find(i) === find((i + 1) % n)) throw new CycleError(`'${e.name}' must change location, but the rest of the cycle keeps it`);
  });
  const locOf = new Map<number, number>();
  const threads: CycleEvent[][] = [[]];
  const events: CycleEvent[] = [];
  rot.forEach((e, i) => {
    const prev = rot[(i + n - 1) % n]!;
    const root = find(i);
    if (!locOf.has(root)) locOf.set(root, locOf.size);
    const ev: CycleEvent = { dir: e.src, ann: e.srcAnn ?? prev.dstAnn ?? 'P', loc: locOf.get(root)!, thread: threads.length - 1 };
    if (!prev.external && i > 0) ev.via = prev;
    threads[threads.length - 1]!.push(ev);
    events.push(ev);
    if (e.external && i < n - 1) threads.push([]);
  });
  assignValues(rot, events);
  return threads;
}

/** Writes of a location get 1, 2, ... in coherence order; reads get the value the cycle makes them read. */
function assignValues(rot: Edge[], events: CycleEvent[]): void {
  const n = rot.length;
  const at = (i: number) => events[(i + n) % n]!;
  // coherence order per location: a Co edge orders its writes; a read's Fr target comes after the read's source
  const before = new Map<CycleEvent, Set<CycleEvent>>();
  const order = (a: CycleEvent, b: CycleEvent) => { let s = before.get(b); if (!s) before.set(b, (s = new Set())); s.add(a); };
  rot.forEach((e, i) => {
    if (e.kind === 'co') order(at(i), at(i + 1));
    if (e.kind === 'fr') {
      const rfIn = rot[(i - 1 + n) % n]!;
      if (rfIn.kind === 'rf') order(at(i - 1), at(i + 1));
    }
  });
  const byLoc = new Map<number, CycleEvent[]>();
  for (const ev of events) if (ev.dir === 'W') { const l = byLoc.get(ev.loc) ?? []; l.push(ev); byLoc.set(ev.loc, l); }
  for (const ws of byLoc.values()) {
    // a topological order, ties broken by position in the cycle
    const placed: CycleEvent[] = [];
    while (placed.length < ws.length) {
      const next = ws.find((w) => !placed.includes(w) && [...(before.get(w) ?? [])].every((p) => placed.includes(p) || !ws.includes(p)));
      if (!next) throw new CycleError('the cycle orders the writes of a location in a circle');
      placed.push(next);
    }
    placed.forEach((w, k) => { w.value = k + 1; });
  }
  rot.forEach((e, i) => {
    if (e.kind === 'rf') at(i + 1).reads = at(i).value!;
    if (e.kind === 'fr') {
      const target = at(i + 1);
      const ws = byLoc.get(target.loc)!;
      const prev = ws.find((w) => w.value === target.value! - 1);
      const r = at(i);
      if (r.reads === undefined) r.reads = prev ? prev.value! : 0;
      else if (prev ? prev.value! !== r.reads : r.reads !== 0) r.reads = -1; // contradictory: marked below
    }
  });
  for (const ev of events) if (ev.reads === -1) throw new CycleError('the cycle asks a read for two different values');
}
