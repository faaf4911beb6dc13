/**
 * A skeleton as SMT constraints: one boolean per path (exactly one per thread), a 64-bit
 * bit-vector per value read, one boolean per possible read-from edge, an integer timestamp per
 * write for coherence, and the primitive sets and relations of the model as formula matrices.
 */
import type { Arith, Bool } from 'z3-solver';
import type { Observable } from '../../litmus/ast.js';
import { addressOf, type Expr } from '../../semantics/expr.js';
import { condTerm, exprTerm, type BV } from './bitvec.js';
import { DEP_KINDS, sameInstruction, type MemEvent, type Skeleton } from '../../semantics/skeleton.js';
import { TooLarge, formulas, type F, type Formulas, type FRel, type FSet, type SmtExecution } from './algebra.js';
import type { Z3 } from './z3.js';

type B = Bool<'bpf-herd'>;
type Int = Arith<'bpf-herd'>;

export interface Encoding extends SmtExecution {
  /** Formula work the current eager check may still do (see TooLarge). */
  budget: number;
  F: Formulas;
  constraints: B[];
  pathVars: (B | undefined)[][]; // per thread, per path (undefined when the thread has one path)
  rfVars: { w: number; r: number; v: B }[];
  /** Coherence between two writes that may share a location. */
  coPairs: { a: number; b: number; f: B }[];
  readValue: Map<number, BV>;
  /** Coherence timestamp of each write (0 for the initial writes). */
  stamp: Map<number, Int>;
  /** The address an event accesses, as a term (constant for most events). */
  address(e: MemEvent): BV;
  observable(o: Observable): BV;
}

export function encode(ctx: Z3, skel: Skeleton, pruneUniproc: boolean): Encoding {
  const F_ = formulas(ctx);
  const constraints: B[] = [];
  const assert = (f: B) => constraints.push(f);
  const events = skel.events;
  const n = events.length;
  let fresh = 0;
  const bv = (v: bigint): BV => ctx.BitVec.val(v, 64);

  // ---- paths and execution
  const pathVars = skel.threads.map((t) =>
    t.paths.map((_, i) => (t.paths.length > 1 ? ctx.Bool.const(`path_${t.id}_${i}`) : undefined)));
  skel.threads.forEach((t, ti) => {
    const vs = pathVars[ti]!.filter((v): v is B => v !== undefined);
    if (t.paths.length === 0) assert(ctx.Bool.val(false));
    if (vs.length > 1) exactlyOne(ctx, vs).forEach(assert);
  });
  const exec: F[] = events.map((e) => (e.thread < 0 ? true : pathVars[e.thread]![e.path] ?? true));

  // ---- values
  const readValue = new Map<number, BV>();
  for (const e of events) if (e.read) readValue.set(e.id, ctx.BitVec.const(`v${e.id}`, 64) as BV);
  const term = (x: Expr): BV => exprTerm(ctx, x, readValue);
  skel.threads.forEach((t, ti) => t.paths.forEach((p, pi) => {
    if (p.guard.length === 0) return;
    const g = ctx.And(...p.guard.map((c) => condTerm(ctx, c, readValue)));
    const pv = pathVars[ti]![pi];
    assert(pv ? ctx.Implies(pv, g) : g);
  }));

  // ---- locations: constant for most events, a term when the address depends on values read
  const addrTerm = new Map<number, BV>();
  const sameLoc = (a: MemEvent, b: MemEvent): F | undefined => {
    if (!a.mayLocs.some((l) => b.mayLocs.includes(l))) return undefined;
    if (a.mayLocs.length === 1 && b.mayLocs.length === 1 && a.addr.k === 'const' && b.addr.k === 'const') return true;
    const at = (e: MemEvent) => {
      let t = addrTerm.get(e.id);
      if (!t) addrTerm.set(e.id, (t = term(e.addr)));
      return t;
    };
    return at(a).eq(at(b));
  };
  for (const e of events) {
    if (e.thread < 0 || !(e.read || e.write) || e.addr.k === 'const') continue;
    const at = term(e.addr);
    const valid = ctx.Or(...e.mayLocs.map((l) => at.eq(bv(addressOf(l)))), ctx.Bool.val(false));
    assert(exec[e.id] === true ? valid : ctx.Implies(exec[e.id] as B, valid));
  }

  const sameThreadPo = (a: MemEvent, b: MemEvent) => a.thread >= 0 && a.thread === b.thread && a.path === b.path && a.seq < b.seq;

  // ---- read-from
  const writes = events.filter((e) => e.write);
  const rfVars: Encoding['rfVars'] = [];
  const rf: FRel = new Map();
  for (const r of events) {
    if (!r.read) continue;
    const options: B[] = [];
    for (const w of writes) {
      if (sameInstruction(w, r) || (w.thread === r.thread && w.path !== r.path && w.thread >= 0)) continue;
      if (pruneUniproc && sameThreadPo(r, w)) continue;
      const loc = sameLoc(w, r);
      if (loc === undefined) continue;
      const v = ctx.Bool.const(`rf_${w.id}_${r.id}`);
      rfVars.push({ w: w.id, r: r.id, v });
      options.push(v);
      const conds: B[] = [readValue.get(r.id)!.eq(term(w.wval!))];
      if (exec[w.id] !== true) conds.push(exec[w.id] as B);
      if (exec[r.id] !== true) conds.push(exec[r.id] as B);
      if (loc !== true) conds.push(loc);
      assert(ctx.Implies(v, ctx.And(...conds)));
      let row = rf.get(w.id);
      if (!row) rf.set(w.id, (row = new Map()));
      row.set(r.id, v);
    }
    for (const clause of exactlyOne(ctx, options)) assert(exec[r.id] === true ? clause : ctx.Implies(exec[r.id] as B, clause));
  }

  // ---- coherence: timestamps, the initial write first
  const stamp = new Map<number, Int>();
  for (const w of writes) {
    const s = w.thread < 0 ? ctx.Int.val(0) : ctx.Int.const(`c${w.id}`);
    stamp.set(w.id, s);
    if (w.thread >= 0) assert(s.ge(1));
  }
  const co: FRel = new Map();
  const coPairs: Encoding['coPairs'] = [];
  for (const a of writes) {
    for (const b of writes) {
      if (a.id >= b.id || (a.thread === b.thread && a.thread >= 0 && a.path !== b.path)) continue;
      if (a.thread < 0 && b.thread < 0) continue;
      const loc = sameLoc(a, b);
      if (loc === undefined) continue;
      const both: B[] = [];
      if (exec[a.id] !== true) both.push(exec[a.id] as B);
      if (exec[b.id] !== true) both.push(exec[b.id] as B);
      if (loc !== true) both.push(loc);
      const guard = (f: B) => (both.length === 0 ? f : ctx.And(...both, f));
      const sa = stamp.get(a.id)!, sb = stamp.get(b.id)!;
      if (a.thread >= 0 && b.thread >= 0) assert(both.length === 0 ? sa.neq(sb) : ctx.Implies(ctx.And(...both), sa.neq(sb)));
      if (pruneUniproc && (sameThreadPo(a, b) || sameThreadPo(b, a))) {
        const [x, y] = sameThreadPo(a, b) ? [sa, sb] : [sb, sa];
        assert(both.length === 0 ? x.lt(y) : ctx.Implies(ctx.And(...both), x.lt(y)));
      }
      if (a.thread < 0) {
        // the initial write is coherence-before every write of its location
        put(co, a.id, b.id, both.length === 0 ? true : ctx.And(...both));
        continue;
      }
      const ab = guard(sa.lt(sb)), ba = guard(sb.lt(sa));
      coPairs.push({ a: a.id, b: b.id, f: ab });
      put(co, a.id, b.id, ab);
      put(co, b.id, a.id, ba);
    }
  }
  const isLast = new Map<number, B>();
  for (const w of writes) {
    const later = [...(co.get(w.id)?.values() ?? [])].map((f) => F_.not(f));
    if (later.some((f) => f === undefined)) { isLast.set(w.id, ctx.Bool.val(false)); continue; }
    const conds = [...later] as F[];
    if (exec[w.id] !== true) conds.push(exec[w.id] as B);
    isLast.set(w.id, conds.length === 0 ? ctx.Bool.val(true) : ctx.And(...(conds as B[])));
  }

  // ---- primitive sets and relations
  const sets = new Map<string, FSet>();
  const addTo = (name: string, i: number) => { let s = sets.get(name); if (!s) sets.set(name, (s = new Map())); s.set(i, exec[i]!); };
  for (const name of ['R', 'W', 'M', 'F', 'IW', ...skel.tagNames]) sets.set(name, new Map());
  for (const e of events) {
    if (e.read) addTo('R', e.id);
    if (e.write) addTo('W', e.id);
    if (e.read || e.write) addTo('M', e.id);
    if (e.fence) addTo('F', e.id);
    if (e.thread < 0) addTo('IW', e.id);
    for (const t of e.tags) addTo(t, e.id);
  }
  sets.set('FW', new Map(writes.map((w) => [w.id, isLast.get(w.id)!])));

  const rels = new Map<string, FRel>();
  for (const name of ['po', 'int', 'ext', 'id', 'loc', 'rmw', 'amo', ...DEP_KINDS]) rels.set(name, new Map());
  const both = (a: number, b: number) => F_.and(exec[a]!, exec[b]!);
  for (const a of events) {
    put(rels.get('id')!, a.id, a.id, exec[a.id]!);
    for (const b of events) {
      const sameThread = a.thread >= 0 && a.thread === b.thread;
      if (sameThread && a.path !== b.path) continue; // never in one execution
      if (sameThread || a.id === b.id) put(rels.get('int')!, a.id, b.id, exec[a.id]!);
      else put(rels.get('ext')!, a.id, b.id, both(a.id, b.id));
      if (sameThreadPo(a, b)) put(rels.get('po')!, a.id, b.id, exec[a.id]!);
      if ((a.read || a.write) && (b.read || b.write)) {
        const l = sameLoc(a, b);
        if (l !== undefined) put(rels.get('loc')!, a.id, b.id, F_.and(both(a.id, b.id), l));
      }
    }
  }
  for (const t of skel.threads) {
    for (const p of t.paths) {
      const f: F = pathVars[t.id]![p.index] ?? true;
      for (const k of DEP_KINDS) for (const [a, b] of p.deps[k]) put(rels.get(k)!, a, b, f);
      for (const [a, b] of p.rmw) put(rels.get('rmw')!, a, b, f);
      for (const [a, b] of p.amo) put(rels.get('amo')!, a, b, f);
    }
  }
  rels.set('rf', rf);
  rels.set('co', co);

  // ---- final values
  const finalMem = skel.locations.map((_, l) => {
    const v = ctx.BitVec.const(`final_${l}`, 64) as BV;
    for (const w of writes) {
      if (!w.mayLocs.includes(l)) continue;
      const here: B[] = [isLast.get(w.id)!];
      if (w.thread >= 0 && (w.mayLocs.length > 1 || w.addr.k !== 'const')) here.push(term(w.addr).eq(bv(addressOf(l))));
      assert(ctx.Implies(ctx.And(...here), v.eq(term(w.wval!))));
    }
    return v;
  });
  const observable = (o: Observable): BV => {
    if (o.kind === 'loc') return finalMem[skel.locations.indexOf(o.loc)]!;
    const t = skel.threads.find((th) => th.id === o.thread)!;
    const zero = bv(0n);
    const vals = t.paths.map((p) => { const e = p.regs.get(o.reg); return e ? term(e) : zero; });
    let acc = vals[vals.length - 1] ?? zero;
    for (let i = vals.length - 2; i >= 0; i--) acc = ctx.If(pathVars[t.id]![i]!, vals[i]!, acc) as BV;
    return acc;
  };

  return {
    n, exec, sets, rels, F: F_, constraints, pathVars, rfVars, coPairs, readValue, stamp, observable,
    address: (e) => term(e.addr),
    define(f, hint) {
      if (f === true) return f;
      const v = ctx.Bool.const(`${hint}${fresh++}`);
      assert(ctx.Eq(v, f));
      return v;
    },
    spend(work) {
      this.budget -= work;
      if (this.budget < 0) throw new TooLarge();
    },
    budget: Infinity,
    fresh: (hint) => ctx.Bool.const(`${hint}${fresh++}`),
    freshInt: (hint) => ctx.Int.const(`${hint}${fresh++}`),
    assert,
  };
}

/**
 * At least one and no two, as clauses (Z3's pseudo-boolean constraint ran out of memory here):
 * pairwise for a few, a sequential counter for many.
 */
function exactlyOne(ctx: Z3, vs: B[]): B[] {
  if (vs.length === 0) return [ctx.Bool.val(false)];
  if (vs.length === 1) return [vs[0]!];
  const clauses: B[] = [ctx.Or(...vs)];
  if (vs.length <= 8) {
    for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) clauses.push(ctx.Or(ctx.Not(vs[i]!), ctx.Not(vs[j]!)));
  } else {
    // s_i: some of v_0..v_i holds; v_i excludes s_(i-1)
    let prev = vs[0]!;
    for (let i = 1; i < vs.length; i++) {
      const s = ctx.Bool.const(`amo${amoCounter++}`);
      clauses.push(ctx.Implies(prev, s), ctx.Implies(vs[i]!, s), ctx.Implies(vs[i]!, ctx.Not(prev)));
      prev = s;
    }
  }
  return clauses;
}

let amoCounter = 0;

function put(r: FRel, i: number, j: number, f: F): void {
  let row = r.get(i);
  if (!row) r.set(i, (row = new Map()));
  row.set(j, f);
}
