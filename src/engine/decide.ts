/**
 * Pick an engine for a test and run it. `auto` takes the explicit engine unless the number of
 * candidate executions is large: listing every state visits every allowed execution whichever
 * engine does it, and the explicit engine prunes paths and coherence orders as it goes, so it
 * stays the better choice up to millions of candidates; a verdict alone is one or two solver
 * questions, so the solver takes over much earlier.
 */
import type { Model } from '../cat/ir.js';
import type { Skeleton } from '../semantics/skeleton.js';
import { decideEnum } from './enum/enumerate.js';
import type { Outcome, Query } from './outcome.js';

export type EngineChoice = 'auto' | 'enum' | 'smt';

/** Above this many candidates (paths x rf x co), `auto` hands the test to the solver. */
export const ENUM_LIMIT = { states: 2_000_000, verdict: 10_000 };

export async function decide(skel: Skeleton, model: Model, q: Query, engine: EngineChoice): Promise<Outcome> {
  const limit = q.verdictOnly ? ENUM_LIMIT.verdict : ENUM_LIMIT.states;
  // one thread has no concurrency to search: its paths are the candidates, which enum walks directly
  const choice = engine !== 'auto' ? engine : skel.threads.length <= 1 || estimateCandidates(skel, limit) <= limit ? 'enum' : 'smt';
  try {
    if (choice === 'enum') return decideEnum(skel, model, q);
    const { decideSmt } = await import('./smt/smt.js');
    return await decideSmt(skel, model, q);
  } catch (e) {
    if (outOfMemory(e)) return { states: [], flags: [], engine: choice, unknown: 'out of memory' };
    throw e;
  }
}

/**
 * A failed allocation that the engines survive to report: a JavaScript array or buffer too large,
 * or Z3's WebAssembly heap exhausted (Emscripten aborts with OOM). The test has no answer then:
 * Unknown. (A JavaScript heap that runs out kills its worker instead: see cli/pool.ts.)
 */
export function outOfMemory(e: unknown): boolean {
  if (e instanceof RangeError) return /allocation failed|Invalid (typed )?array length/i.test(e.message);
  return e instanceof Error && /\bOOM\b|out of memory|Cannot enlarge memory/i.test(e.message);
}

/**
 * An upper bound on candidate executions: for each thread, the sum over its paths of the product
 * of the read-from choices of the path's reads; times the coherence orders of the writes.
 */
export function estimateCandidates(skel: Skeleton, limit = ENUM_LIMIT.states): number {
  // writes that may be at a location in one execution: the initial one, plus each thread's most
  const writesAt = skel.locations.map(() => 1);
  for (const t of skel.threads) {
    const most = skel.locations.map(() => 0);
    for (const p of t.paths) {
      const here = skel.locations.map(() => 0);
      for (const id of p.events) { const e = skel.events[id]!; if (e.write) for (const l of e.mayLocs) here[l]!++; }
      here.forEach((n, l) => { most[l] = Math.max(most[l]!, n); });
    }
    most.forEach((n, l) => { writesAt[l]! += n; });
  }
  let total = 1;
  for (const t of skel.threads) {
    let sum = 0;
    for (const p of t.paths) {
      // a read never takes a write of its own thread that comes after it in program order
      // (that breaks coherence in every model), so those writes are not choices
      const laterWrites = skel.locations.map(() => 0);
      let prod = 1;
      for (const id of [...p.events].reverse()) {
        const e = skel.events[id]!;
        if (e.write && e.mayLocs.length === 1) laterWrites[e.mayLocs[0]!]!++;
        if (e.read) prod *= Math.max(1, e.mayLocs.reduce((n, l) => n + writesAt[l]! - laterWrites[l]!, 0));
      }
      sum += prod;
    }
    total *= sum;
    if (total > limit) return Infinity;
  }
  // coherence: the writes of one location after its initial write, in any order
  for (const w of writesAt) for (let k = 2; k < w; k++) { total *= k; if (total > limit) return Infinity; }
  return total;
}
