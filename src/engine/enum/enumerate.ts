/**
 * The explicit engine: every path combination, every read-from choice, every coherence order,
 * each candidate checked by evaluating the model over bit matrices. Choices that violate
 * sequential consistency per location are pruned while enumerating when the model requires it.
 */
import type { Model } from '../../cat/ir.js';
import type { Observable } from '../../litmus/ast.js';
import { evalCond, evalExpr, locationAt, type Expr } from '../../semantics/expr.js';
import { sameInstruction, type MemEvent, type Skeleton, type ThreadPath } from '../../semantics/skeleton.js';
import { ModelEvaluator } from '../evaluate.js';
import type { Execution, FinalState, Outcome, Query } from '../outcome.js';
import { holds, stateLookup } from '../props.js';
import { bitAlgebra, type BitExecution } from './algebra.js';
import { BitRel, BitSet } from './bits.js';
import { requiresUniproc } from '../uniproc.js';

class ValueCycle extends Error {}

export function decideEnum(skel: Skeleton, model: Model, q: Query): Outcome {
  const deadline = q.timeoutMs === undefined ? Infinity : Date.now() + q.timeoutMs;
  const prune = requiresUniproc(model);
  const states = new Map<string, FinalState>();
  const flags = new Set<string>();
  let witness: Execution | undefined;
  let someSatisfies = false, someViolates = false;
  let ticks = 0;

  for (const combo of pathCombinations(skel)) {
    const world = new Combination(skel, combo, model, prune);
    for (const cand of world.candidates()) {
      if ((++ticks & 255) === 0 && Date.now() > deadline) {
        return { states: [...states.values()], flags: [...flags], engine: 'enum', unknown: `timeout after ${q.timeoutMs} ms` };
      }
      const verdict = world.check(cand);
      if (!verdict.allowed) continue;
      for (const f of verdict.flags) flags.add(f);
      const values = q.observables.map((o) => world.finalValue(o, cand));
      const lookup = stateLookup(q.observables, values);
      if (q.filter && !holds(q.filter, lookup, skel.locations)) continue;
      const sat = holds(q.prop, lookup, skel.locations);
      if (sat) { someSatisfies = true; witness ??= world.execution(cand); } else someViolates = true;
      const key = values.join(',');
      const st = states.get(key);
      if (st) st.executions! += 1;
      else states.set(key, { values, executions: 1 });
    }
  }
  const out: Outcome = { states: [...states.values()], flags: [...flags], engine: 'enum', someSatisfies, someViolates };
  if (witness) out.witness = witness;
  return out;
}

function* pathCombinations(skel: Skeleton): Generator<ThreadPath[]> {
  const threads = skel.threads.map((t) => t.paths);
  if (threads.some((p) => p.length === 0)) return;
  const idx = threads.map(() => 0);
  for (;;) {
    yield threads.map((p, t) => p[idx[t]!]!);
    let t = 0;
    while (t < idx.length && ++idx[t]! === threads[t]!.length) idx[t++] = 0;
    if (t === idx.length) return;
  }
}

/** A candidate: the write each read reads from, and per location the coherence order (local ids). */
interface Candidate {
  rf: Int32Array; // per local event: local write it reads from, or -1
  co: number[][]; // per location: local writes in coherence order (initial write first)
  reads: Map<number, bigint>; // skeleton event id -> value read
  locOf: Int32Array; // per local event: concrete location (-1 for fences)
}

/** One choice of path per thread: its events, static relations, and the candidates over them. */
class Combination {
  private readonly ev: MemEvent[]; // local index -> event
  private readonly local = new Map<number, number>(); // skeleton id -> local index
  private readonly base: BitExecution;
  private staticVals: ReturnType<ModelEvaluator<BitSet, BitRel>['staticValues']> | undefined;
  private readonly symbolic: boolean;

  constructor(
    private readonly skel: Skeleton,
    private readonly combo: ThreadPath[],
    private readonly model: Model,
    private readonly prune: boolean,
  ) {
    const ids = [...skel.events.filter((e) => e.thread < 0).map((e) => e.id), ...combo.flatMap((p) => p.events)];
    this.ev = ids.map((id) => skel.events[id]!);
    ids.forEach((id, i) => this.local.set(id, i));
    this.symbolic = this.ev.some((e) => (e.read || e.write) && e.addr.k !== 'const');
    this.base = this.staticExecution();
  }

  private staticExecution(): BitExecution {
    const n = this.ev.length;
    const all = new BitSet(n);
    const sets = new Map<string, BitSet>();
    const set = (name: string) => { let s = sets.get(name); if (!s) sets.set(name, (s = new BitSet(n))); return s; };
    for (const name of ['R', 'W', 'M', 'F', 'IW', ...this.skel.tagNames]) set(name);
    this.ev.forEach((e, i) => {
      all.add(i);
      if (e.read) set('R').add(i);
      if (e.write) set('W').add(i);
      if (e.read || e.write) set('M').add(i);
      if (e.fence) set('F').add(i);
      if (e.thread < 0) set('IW').add(i);
      for (const t of e.tags) set(t).add(i);
    });
    const rels = new Map<string, BitRel>();
    const rel = (name: string) => { let r = rels.get(name); if (!r) rels.set(name, (r = new BitRel(n))); return r; };
    for (const name of ['po', 'int', 'ext', 'id', 'rmw', 'amo', 'addr', 'data', 'ctrl', 'loc']) rel(name);
    for (let i = 0; i < n; i++) {
      const a = this.ev[i]!;
      for (let j = 0; j < n; j++) {
        const b = this.ev[j]!;
        const sameThread = i === j || (a.thread >= 0 && a.thread === b.thread);
        if (sameThread) rel('int').add(i, j); else rel('ext').add(i, j);
        if (a.thread >= 0 && a.thread === b.thread && a.seq < b.seq) rel('po').add(i, j);
      }
      rel('id').add(i, i);
    }
    for (const p of this.combo) {
      for (const k of ['addr', 'data', 'ctrl'] as const) for (const [x, y] of p.deps[k]) rel(k).add(this.local.get(x)!, this.local.get(y)!);
      for (const [x, y] of p.rmw) rel('rmw').add(this.local.get(x)!, this.local.get(y)!);
      for (const [x, y] of p.amo) rel('amo').add(this.local.get(x)!, this.local.get(y)!);
    }
    if (!this.symbolic) {
      const locOf = this.ev.map((e) => (e.read || e.write ? e.mayLocs[0]! : -1));
      this.fillLoc(rel('loc'), Int32Array.from(locOf));
    }
    return { n, all, sets, rels };
  }

  private fillLoc(r: BitRel, locOf: Int32Array): void {
    for (let i = 0; i < this.ev.length; i++) {
      if (locOf[i]! < 0) continue;
      for (let j = 0; j < this.ev.length; j++) if (locOf[j] === locOf[i]) r.add(i, j);
    }
  }

  *candidates(): Generator<Candidate> {
    const n = this.ev.length;
    const reads = this.ev.flatMap((e, i) => (e.read ? [i] : []));
    const writes = this.ev.flatMap((e, i) => (e.write ? [i] : []));
    const po = this.base.rels.get('po')!;
    const options = reads.map((r) => writes.filter((w) =>
      !sameInstruction(this.ev[r]!, this.ev[w]!) && this.ev[w]!.mayLocs.some((l) => this.ev[r]!.mayLocs.includes(l)) &&
      !(this.prune && po.has(r, w))));
    if (options.some((o) => o.length === 0)) return;
    const choice = reads.map(() => 0);
    for (;;) {
      const rf = new Int32Array(n).fill(-1);
      reads.forEach((r, k) => { rf[r] = options[k]![choice[k]!]!; });
      const resolved = this.resolve(rf);
      if (resolved) yield* this.coherenceOrders(rf, resolved.reads, resolved.locOf);
      let k = 0;
      while (k < choice.length && ++choice[k]! === options[k]!.length) choice[k++] = 0;
      if (k === choice.length) return;
    }
  }

  /** Values read and locations accessed under a read-from choice; undefined if it is inconsistent. */
  private resolve(rf: Int32Array): { reads: Map<number, bigint>; locOf: Int32Array } | undefined {
    const reads = new Map<number, bigint>();
    const inProgress = new Set<number>();
    const value = (id: number): bigint => {
      const known = reads.get(id);
      if (known !== undefined) return known;
      if (inProgress.has(id)) throw new ValueCycle();
      inProgress.add(id);
      const w = this.ev[rf[this.local.get(id)!]!]!;
      const v = evalExpr(w.wval!, value);
      inProgress.delete(id);
      reads.set(id, v);
      return v;
    };
    try {
      for (const e of this.ev) if (e.read) value(e.id);
      for (const p of this.combo) if (!p.guard.every((c) => evalCond(c, value))) return undefined;
      const locOf = new Int32Array(this.ev.length).fill(-1);
      for (let i = 0; i < this.ev.length; i++) {
        const e = this.ev[i]!;
        if (!(e.read || e.write)) continue;
        const loc = this.concreteLoc(e, value);
        if (loc === undefined) return undefined; // an access outside every location: herd7 drops the execution too
        locOf[i] = loc;
      }
      for (let i = 0; i < this.ev.length; i++) if (rf[i]! >= 0 && locOf[rf[i]!] !== locOf[i]) return undefined;
      return { reads, locOf };
    } catch (e) {
      if (e instanceof ValueCycle) return undefined; // a value that depends on itself: out of thin air
      throw e;
    }
  }

  private concreteLoc(e: MemEvent, value: (id: number) => bigint): number | undefined {
    if (e.mayLocs.length === 1 && e.addr.k === 'const') return e.mayLocs[0]!;
    return locationAt(evalExpr(e.addr, value), this.skel.locations.length);
  }

  private *coherenceOrders(rf: Int32Array, reads: Map<number, bigint>, locOf: Int32Array): Generator<Candidate> {
    const perLoc = this.skel.locations.map((_, l) => {
      const ws = this.ev.flatMap((e, i) => (e.write && e.thread >= 0 && locOf[i] === l ? [i] : []));
      const po = this.base.rels.get('po')!;
      return orders(ws, this.prune ? (a, b) => po.has(a, b) : () => false).map((o) => [l, ...o]);
    });
    if (perLoc.some((o) => o.length === 0)) return;
    const choice = perLoc.map(() => 0);
    for (;;) {
      yield { rf, co: perLoc.map((o, l) => o[choice[l]!]!), reads, locOf };
      let l = 0;
      while (l < choice.length && ++choice[l]! === perLoc[l]!.length) choice[l++] = 0;
      if (l === choice.length) return;
    }
  }

  /** Is the candidate allowed by the model? Flags raised by it. */
  check(c: Candidate): { allowed: boolean; flags: string[] } {
    const x = this.dynamicExecution(c);
    const ev = new ModelEvaluator(this.model, bitAlgebra(x), this.staticVals);
    const flags: string[] = [];
    let allowed = true;
    for (const chk of this.model.checks) {
      const v = ev.get(chk.node);
      let ok: boolean;
      if (chk.kind === 'empty') ok = v instanceof BitSet ? [...v].length === 0 : (v as BitRel).isEmpty();
      else if (chk.kind === 'irreflexive') ok = (v as BitRel).isIrreflexive();
      else ok = (v as BitRel).findCycle() === undefined;
      if (chk.negated) ok = !ok;
      if (chk.flag) { if (!ok) flags.push(chk.name); continue; }
      if (!ok) { allowed = false; break; }
    }
    this.staticVals = ev.staticValues();
    return { allowed, flags: allowed ? flags : [] };
  }

  private dynamicExecution(c: Candidate): BitExecution {
    const n = this.ev.length;
    const rf = new BitRel(n);
    for (let i = 0; i < n; i++) if (c.rf[i]! >= 0) rf.add(c.rf[i]!, i);
    const co = new BitRel(n);
    const fw = new BitSet(n);
    for (const chain of c.co) {
      // chain[0] is the initial write (local index = location index)
      for (let a = 0; a < chain.length; a++) for (let b = a + 1; b < chain.length; b++) co.add(chain[a]!, chain[b]!);
      fw.add(chain[chain.length - 1]!);
    }
    const rels = new Map(this.base.rels);
    rels.set('rf', rf);
    rels.set('co', co);
    if (this.symbolic) {
      const loc = new BitRel(n);
      this.fillLoc(loc, c.locOf);
      rels.set('loc', loc);
    }
    const sets = new Map(this.base.sets);
    sets.set('FW', fw);
    return { n, all: this.base.all, sets, rels };
  }

  finalValue(o: Observable, c: Candidate): bigint {
    const read = (id: number) => c.reads.get(id)!;
    if (o.kind === 'reg') {
      const path = this.combo.find((p) => p.thread === o.thread);
      const e: Expr | undefined = path?.regs.get(o.reg);
      return e ? evalExpr(e, read) : 0n;
    }
    const l = this.skel.locations.indexOf(o.loc);
    const order = c.co[l]!;
    const last = this.ev[order[order.length - 1]!]!;
    return evalExpr(last.wval!, read);
  }

  execution(c: Candidate): Execution {
    const id = (i: number) => this.ev[i]!.id;
    const rf: [number, number][] = [];
    c.rf.forEach((w, r) => { if (w >= 0) rf.push([id(w), id(r)]); });
    const co: [number, number][] = [];
    for (const order of c.co) for (let k = 1; k < order.length; k++) co.push([id(order[k - 1]!), id(order[k]!)]);
    return { events: this.ev.map((e) => e.id), rf, co, values: new Map(c.reads), paths: this.combo.map((p) => p.index) };
  }
}

/** Every total order of `items` that puts a before b whenever `mustPrecede(a, b)`. */
function orders(items: number[], mustPrecede: (a: number, b: number) => boolean): number[][] {
  const out: number[][] = [];
  const used = new Array<boolean>(items.length).fill(false);
  const cur: number[] = [];
  const go = (): void => {
    if (cur.length === items.length) { out.push(cur.slice()); return; }
    for (let i = 0; i < items.length; i++) {
      if (used[i]) continue;
      // i may come next only if nothing still unplaced must precede it
      if (items.some((b, k) => !used[k] && k !== i && mustPrecede(b, items[i]!))) continue;
      used[i] = true; cur.push(items[i]!);
      go();
      used[i] = false; cur.pop();
    }
  };
  go();
  return out;
}

