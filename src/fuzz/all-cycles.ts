/**
 * Every cycle up to N edges over a vocabulary, up to rotation, as diy7's `-all` mode would make
 * them: threads are separated by communication edges and hold at most one program-order edge,
 * each cycle is kept once (its smallest rotation), and invalid ones (one location, values a read
 * cannot have) are dropped.
 */
import { CycleError, parseEdge, type Annotation, type Edge } from './cycle.js';
import { cycleTest, type CycleTest } from './cycle-test.js';
import type { FenceIdiom } from './arb-cycle.js';

/** The BPF vocabulary: program order, dependencies, the fence idiom, external communication. */
export const BASE_EDGES = [
  'PodWW', 'PodWR', 'PodRW', 'PodRR',
  'DpAddrdR', 'DpAddrdW', 'DpDatadW', 'DpCtrldR', 'DpCtrldW',
  'FencedWW', 'FencedWR', 'FencedRW', 'FencedRR',
  'Rfe', 'Fre', 'Coe',
];

/**
 * The base vocabulary with annotated variants: each edge also with the given annotation letters
 * (A acquire, F fetch atomic on reads; L release, X non-fetch atomic, S xchg, C cmpxchg on writes)
 * at its ends. Internal edges come first: a cycle is enumerated from its smallest edge, which must
 * be internal to start a thread.
 */
export function vocabularyWith(letters: readonly Annotation[], base: readonly string[] = BASE_EDGES): string[] {
  const out = new Set(base);
  for (const name of base) {
    const e = parseEdge(name);
    const choices = (d: 'R' | 'W') => ['P', ...letters.filter((l) => (d === 'R' ? 'AF' : 'LXSC').includes(l))];
    for (const s of choices(e.src)) for (const d of choices(e.dst)) if (s !== 'P' || d !== 'P') out.add(`${name}${s}${d}`);
  }
  return [...out].sort((a, b) => Number(parseEdge(a).external) - Number(parseEdge(b).external));
}

export interface AllCyclesOptions {
  maxEdges: number;
  maxThreads?: number;
  minEdges?: number;
  vocabulary?: readonly string[];
  /** The full-barrier idiom of Fenced edges (default fetch_add). */
  fence?: FenceIdiom;
}

/**
 * The most tests `bpf-herd gen --all` and `jit --exhaustive` make unless told otherwise: with
 * annotations the count grows as (letters + 1) to the number of accesses, and six letters at five
 * edges make millions.
 */
export const DEFAULT_CYCLE_LIMIT = 100_000;

/** allCycles, refusing (before going past it) to make more than `limit` tests. */
export function* boundedCycles(opts: AllCyclesOptions, limit: number): Generator<CycleTest> {
  let n = 0;
  for (const t of allCycles(opts)) {
    if (++n > limit) throw new CycleError(`more than ${limit} cycles up to ${opts.maxEdges} edges: lower the edges or the annotations, or raise --limit`);
    yield t;
  }
}

export function* allCycles(opts: AllCyclesOptions): Generator<CycleTest> {
  const vocab = (opts.vocabulary ?? BASE_EDGES).map(parseEdge).sort((a, b) => Number(a.external) - Number(b.external));
  const maxThreads = opts.maxThreads ?? opts.maxEdges;
  const seen = new Set<string>();
  const path: number[] = [];
  function* extend(): Generator<CycleTest> {
    const k = path.length;
    if (k >= (opts.minEdges ?? 2) && closes()) {
      const t = testOf();
      if (t && !seen.has(t.name)) { seen.add(t.name); yield t; }
    }
    if (k === opts.maxEdges) return;
    for (let i = 0; i < vocab.length; i++) {
      const e = vocab[i]!;
      if (k > 0) {
        const prev = vocab[path[k - 1]!]!;
        if (prev.dst !== e.src) continue;
        if (!prev.external && !e.external) continue; // one program-order edge per thread
        if (prev.dstAnn && e.srcAnn && prev.dstAnn !== e.srcAnn) continue;
      } else if (e.external) continue; // a cycle starts with its smallest edge, an internal one
      if (k > 0 && i < path[0]!) continue; // the first edge is the smallest: one rotation of each cycle
      if (e.external && externals() + 1 > maxThreads) continue;
      path.push(i);
      yield* extend();
      path.pop();
    }
  }
  const externals = () => path.filter((i) => vocab[i]!.external).length;
  const closes = () => {
    const first = vocab[path[0]!]!, last = vocab[path[path.length - 1]!]!;
    return last.dst === first.src && !(!last.external && !first.external) && externals() >= 2 &&
      !(last.dstAnn && first.srcAnn && last.dstAnn !== first.srcAnn) && isSmallestRotation(path);
  };
  const testOf = (): CycleTest | undefined => {
    try {
      return cycleTest(path.map((i) => vocab[i]!.name).join(' '), opts.fence);
    } catch (e) {
      if (e instanceof CycleError) return undefined;
      throw e;
    }
  };
  yield* extend();
}

function isSmallestRotation(p: number[]): boolean {
  for (let r = 1; r < p.length; r++) {
    for (let i = 0; i < p.length; i++) {
      const a = p[(r + i) % p.length]!, b = p[i]!;
      if (a < b) return false;
      if (a > b) break;
    }
  }
  return true;
}

