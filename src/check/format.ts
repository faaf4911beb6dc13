/** How herd7 prints values, states and conditions. */
import type { Cond, Observable, Value } from '../litmus/ast.js';
import { locationAt, signed64 } from '../semantics/expr.js';

/** A final value: the location's name when it is an address, else a signed decimal. */
export function formatValue(v: bigint, locations: readonly string[]): string {
  const loc = locationAt(v, locations.length);
  return loc !== undefined ? locations[loc]! : signed64(v).toString();
}

export function formatObservable(o: Observable): string {
  return o.kind === 'reg' ? `${o.thread}:${o.reg}` : `[${o.loc}]`;
}

/**
 * herd7's order of final states: value by value in observable order, numbers (signed) before
 * addresses, addresses by location name. So `[x]=2;` comes before `[x]=10;`.
 */
export function compareStates(a: readonly bigint[], b: readonly bigint[], locations: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i]!, b[i]!, locations);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareValues(a: bigint, b: bigint, locations: readonly string[]): number {
  const la = locationAt(a, locations.length), lb = locationAt(b, locations.length);
  if (la !== undefined || lb !== undefined) {
    if (la === undefined) return -1;
    if (lb === undefined) return 1;
    return locations[la]! < locations[lb]! ? -1 : locations[la]! > locations[lb]! ? 1 : 0;
  }
  const sa = signed64(a), sb = signed64(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** `1:r3=0; 1:r4=1; [x]=2;` */
export function formatState(observables: readonly Observable[], values: readonly bigint[], locations: readonly string[]): string {
  return observables.map((o, i) => `${formatObservable(o)}=${formatValue(values[i]!, locations)};`).join(' ');
}

function formatLitmusValue(v: Value): string {
  return v.kind === 'int' ? v.value.toString() : v.loc;
}

/** herd7's spelling: `/\` binds tighter than `\/`, negation is `not (...)`. */
export function formatCond(c: Cond): string {
  const level = (x: Cond) => (x.k === 'or' || x.k === 'implies' ? 1 : x.k === 'and' ? 2 : 3);
  const wrap = (x: Cond, min: number) => (level(x) < min ? `(${formatCond(x)})` : formatCond(x));
  switch (c.k) {
    case 'true': return 'true';
    case 'false': return 'false';
    case 'atom': return `${formatObservable(c.lhs)}=${formatLitmusValue(c.rhs)}`;
    case 'not': return `not (${formatCond(c.c)})`;
    case 'and': return `${wrap(c.a, 2)} /\\ ${wrap(c.b, 2)}`;
    case 'or': return `${wrap(c.a, 1)} \\/ ${wrap(c.b, 1)}`;
    case 'implies': return `${wrap(c.a, 2)} => ${wrap(c.b, 1)}`;
  }
}
