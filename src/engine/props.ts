/** The litmus condition language over final states, shared by the engines and the reports. */
import type { Cond, Observable, Value } from '../litmus/ast.js';
import { MASK64, addressOf } from '../semantics/expr.js';

export const observableKey = (o: Observable): string => (o.kind === 'reg' ? `${o.thread}:${o.reg}` : `[${o.loc}]`);

/** A litmus value as the engines' 64-bit integer (addresses as in src/semantics/expr.ts). */
export function valueBits(v: Value, locations: readonly string[]): bigint {
  if (v.kind === 'int') return v.value & MASK64;
  return addressOf(locations.indexOf(v.loc));
}

/** Every observable a condition mentions. */
export function observablesIn(c: Cond | undefined, into: Observable[] = []): Observable[] {
  if (!c) return into;
  switch (c.k) {
    case 'atom': into.push(c.lhs); break;
    case 'not': observablesIn(c.c, into); break;
    case 'and': case 'or': case 'implies': observablesIn(c.a, into); observablesIn(c.b, into); break;
    default: break;
  }
  return into;
}

/** Evaluate a condition; `lookup` gives the final value of an observable. */
export function holds(c: Cond, lookup: (o: Observable) => bigint, locations: readonly string[]): boolean {
  switch (c.k) {
    case 'true': return true;
    case 'false': return false;
    case 'atom': return lookup(c.lhs) === valueBits(c.rhs, locations);
    case 'not': return !holds(c.c, lookup, locations);
    case 'and': return holds(c.a, lookup, locations) && holds(c.b, lookup, locations);
    case 'or': return holds(c.a, lookup, locations) || holds(c.b, lookup, locations);
    case 'implies': return !holds(c.a, lookup, locations) || holds(c.b, lookup, locations);
  }
}

/** A lookup over a state given as values aligned with `observables`. */
export function stateLookup(observables: readonly Observable[], values: readonly bigint[]): (o: Observable) => bigint {
  const index = new Map(observables.map((o, i) => [observableKey(o), i]));
  return (o) => {
    const i = index.get(observableKey(o));
    if (i === undefined) throw new Error(`internal: observable ${observableKey(o)} not in the state`);
    return values[i]!;
  };
}
