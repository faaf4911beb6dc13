/**
 * Which locations each event may access. Most addresses are constants after folding; the others
 * (a pointer read from memory) get a value-set analysis: a read may return the initial value or
 * any value a write to one of its locations may store, iterated to a fixpoint. Sets that grow too
 * large become "any location", which is still sound: it only adds candidate rf/co edges.
 */
import { fail } from '../diag.js';
import { addressOf, applyBin, applyUn, locationAt, type Expr } from './expr.js';
import type { MemEvent } from './skeleton.js';

const MAX_VALUES = 64;
type ValueSet = Set<bigint> | 'any';

export function resolveLocations(events: MemEvent[], locations: string[]): void {
  const access = events.filter((e) => (e.read || e.write) && e.thread >= 0);
  for (const e of access) {
    if (e.addr.k !== 'const') continue;
    e.mayLocs = [constantLocation(e, e.addr.v, locations)];
  }
  const symbolic = access.filter((e) => e.addr.k !== 'const');
  if (symbolic.length === 0) return;

  const all = locations.map((_, i) => i);
  const readValues = new Map<number, ValueSet>();
  const valuesOf = (x: Expr): ValueSet => evalSet(x, (ev) => readValues.get(ev) ?? new Set());
  const locsOf = (e: MemEvent): number[] => {
    if (e.thread < 0 || e.addr.k === 'const') return [...e.mayLocs];
    const vs = valuesOf(e.addr);
    if (vs === 'any') { e.strayAddress = true; return all; }
    const locs = [...vs].flatMap((v) => { const l = locationAt(v, locations.length); return l === undefined ? [] : [l]; });
    if (locs.length < vs.size) e.strayAddress = true;
    return locs;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of symbolic) e.mayLocs = locsOf(e);
    for (const r of events) {
      if (!r.read) continue;
      const next = valuesReadBy(r, events, valuesOf);
      const prev = readValues.get(r.id);
      if (!sameSet(prev, next)) { readValues.set(r.id, next); changed = true; }
    }
  }
}

function constantLocation(e: MemEvent, addr: bigint, locations: string[]): number {
  const loc = locationAt(addr, locations.length);
  if (loc !== undefined) return loc;
  // an address just past a location is an offset from it
  for (let i = 0; i < locations.length; i++) {
    const off = addr - addressOf(i);
    if (off > -4096n && off < 4096n) {
      fail(e.instr?.pos, `access at offset ${off} from location '${locations[i]}': mixed-size and offset accesses are not supported`);
    }
  }
  fail(e.instr?.pos, `access to address ${addr}, which is not a location: mixed-size and offset accesses are not supported`);
}

function valuesReadBy(r: MemEvent, events: MemEvent[], valuesOf: (x: Expr) => ValueSet): ValueSet {
  const out = new Set<bigint>();
  for (const w of events) {
    if (!w.write || !w.mayLocs.some((l) => r.mayLocs.includes(l))) continue;
    const vs = valuesOf(w.wval!);
    if (vs === 'any') return 'any';
    for (const v of vs) out.add(v);
    if (out.size > MAX_VALUES) return 'any';
  }
  return out;
}

function sameSet(a: ValueSet | undefined, b: ValueSet): boolean {
  if (a === undefined) return false;
  if (a === 'any' || b === 'any') return a === b;
  return a.size === b.size && [...a].every((v) => b.has(v));
}

function evalSet(x: Expr, reads: (ev: number) => ValueSet): ValueSet {
  const cross = (as: ValueSet, bs: ValueSet, f: (a: bigint, b: bigint) => bigint): ValueSet => {
    if (as === 'any' || bs === 'any' || as.size * bs.size > MAX_VALUES * MAX_VALUES) return 'any';
    const out = new Set<bigint>();
    for (const a of as) for (const b of bs) out.add(f(a, b));
    return out.size > MAX_VALUES ? 'any' : out;
  };
  switch (x.k) {
    case 'const': return new Set([x.v]);
    case 'read': return reads(x.ev);
    case 'bin': return cross(evalSet(x.a, reads), evalSet(x.b, reads), (a, b) => applyBin(x.op, a, b));
    case 'un': {
      const s = evalSet(x.a, reads);
      return s === 'any' ? s : new Set([...s].map((v) => applyUn(x.op, v)));
    }
    case 'ite': {
      // the condition is ignored: both arms are possible values
      const a = evalSet(x.a, reads), b = evalSet(x.b, reads);
      if (a === 'any' || b === 'any') return 'any';
      const out = new Set([...a, ...b]);
      return out.size > MAX_VALUES ? 'any' : out;
    }
  }
}
