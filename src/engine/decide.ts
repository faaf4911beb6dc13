/**
 * Pick an engine for a test and run it. `auto` takes the explicit engine when the number of
 * candidate executions is small (it is exact and fast there, and needs no solver start-up), and
 * the SMT engine otherwise.
 */
import type { Model } from '../cat/ir.js';
import type { Skeleton } from '../semantics/skeleton.js';
import { decideEnum } from './enum/enumerate.js';
import type { Outcome, Query } from './outcome.js';

export type EngineChoice = 'auto' | 'enum' | 'smt';

/** Above this many candidates (paths x rf x co), `auto` hands the test to the solver. */
export const ENUM_LIMIT = 50_000;

export async function decide(skel: Skeleton, model: Model, q: Query, engine: EngineChoice): Promise<Outcome> {
  const choice = engine === 'auto' ? (estimateCandidates(skel) <= ENUM_LIMIT ? 'enum' : 'smt') : engine;
  if (choice === 'enum') return decideEnum(skel, model, q);
  const { decideSmt } = await import('./smt/smt.js');
  return decideSmt(skel, model, q);
}

/** An upper bound on candidate executions: per path combination, rf choices times coherence orders. */
export function estimateCandidates(skel: Skeleton): number {
  let total = 0;
  const combos = skel.threads.reduce((n, t) => n * Math.max(1, t.paths.length), 1);
  if (combos > ENUM_LIMIT) return Infinity;
  // bound each thread by its largest path: reads and writes per location
  const writesPerLoc = skel.locations.map(() => 1);
  const readLocs: (readonly number[])[] = [];
  for (const t of skel.threads) {
    const perLoc = skel.locations.map(() => 0);
    for (const p of t.paths) {
      const here = skel.locations.map(() => 0);
      for (const id of p.events) {
        const e = skel.events[id]!;
        if (e.write) for (const l of e.mayLocs) here[l]!++;
      }
      here.forEach((n, l) => { perLoc[l] = Math.max(perLoc[l]!, n); });
      for (const id of p.events) if (skel.events[id]!.read) readLocs.push(skel.events[id]!.mayLocs);
    }
    perLoc.forEach((n, l) => { writesPerLoc[l]! += n; });
  }
  let rf = 1;
  for (const locs of readLocs) {
    rf *= locs.reduce((n, l) => n + writesPerLoc[l]!, 0);
    if (rf > ENUM_LIMIT) return Infinity;
  }
  let co = 1;
  for (const w of writesPerLoc) for (let k = 2; k < w; k++) co *= k; // (w-1)! orders after the initial write
  total = combos * rf * co;
  return total;
}
