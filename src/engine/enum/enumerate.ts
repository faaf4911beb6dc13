/**
 * The explicit engine: every path combination, every read-from choice, every coherence order,
 * each candidate checked by evaluating the model over bit matrices. Choices that violate
 * sequential consistency per location are pruned while enumerating when the model requires it.
 */
import type { Check, Model } from '../../cat/ir.js';
import type { Observable } from '../../litmus/ast.js';
import { evalCond, evalExpr, locationAt, type Cond, type Expr } from '../../semantics/expr.js';
import { sameInstruction, type MemEvent, type Skeleton, type ThreadPath } from '../../semantics/skeleton.js';
import type { Execution, FinalState, Outcome, Query } from '../outcome.js';
import { holds, stateLookup } from '../props.js';
import { ExecutionFrame, type Candidate } from './frame.js';
import { judge, type Judgement, type StaticValues, type Violation } from './judge.js';
import { requiresUniproc } from '../uniproc.js';

class ValueCycle extends Error {}
/** A value that needs a read whose source is not chosen yet. */
class NotYet extends Error {}

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
        return { states: [...states.values()], flags: [...flags], engine: 'enum', unknown: 'timeout' }; // as the solver says it
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

/**
 * Why no allowed execution ends in a final state: among the candidate executions that end there,
 * the one that gets furthest through the model's checks (so the answer names the axiom that
 * matters, propagation say, rather than a coherence failure of a careless candidate), with the
 * check it fails and the violation (in skeleton event ids). Undefined when no candidate at all
 * ends there: the state is impossible whatever the model.
 */
export function whyForbidden(skel: Skeleton, model: Model, observables: Observable[], values: bigint[]):
  { check: Check; violation: Violation; execution: Execution } | undefined {
  const prune = requiresUniproc(model);
  const rank = (c: Check) => model.checks.indexOf(c);
  let best: { check: Check; violation: Violation; execution: Execution } | undefined;
  for (const combo of pathCombinations(skel)) {
    const world = new Combination(skel, combo, model, prune);
    for (const cand of world.candidates()) {
      if (!observables.every((o, i) => world.finalValue(o, cand) === values[i])) continue;
      const j = world.judgement(cand);
      if (!j.failed || (best && rank(best.check) >= rank(j.failed.check))) continue;
      best = { check: j.failed.check, violation: world.inSkeletonIds(j.failed.violation), execution: world.execution(cand) };
      if (rank(best.check) === model.checks.length - 1) return best;
    }
  }
  return best;
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

/** One path per thread: the frame of its events, and the candidate executions over it. */
class Combination {
  private readonly frame: ExecutionFrame;
  private staticVals: StaticValues | undefined;

  constructor(
    private readonly skel: Skeleton,
    private readonly combo: ThreadPath[],
    private readonly model: Model,
    private readonly prune: boolean,
  ) {
    this.frame = new ExecutionFrame(skel, combo);
  }

  private get ev(): MemEvent[] {
    return this.frame.ev;
  }

  /**
   * Read-from choices, depth first in program order, each path guard checked as soon as the reads
   * it depends on are chosen (a spin loop's paths die on their first wrong read); then, for each
   * complete choice, the coherence orders.
   */
  *candidates(): Generator<Candidate> {
    const n = this.ev.length;
    const reads = this.ev.flatMap((e, i) => (e.read ? [i] : []));
    const writes = this.ev.flatMap((e, i) => (e.write ? [i] : []));
    const po = this.frame.po;
    const options = reads.map((r) => writes.filter((w) =>
      !sameInstruction(this.ev[r]!, this.ev[w]!) && this.ev[w]!.mayLocs.some((l) => this.ev[r]!.mayLocs.includes(l)) &&
      !(this.prune && po.has(r, w))));
    if (options.some((o) => o.length === 0)) return;
    const rf = new Int32Array(n).fill(-1);
    const self = this;
    function* choose(k: number, pending: Cond[]): Generator<Candidate> {
      if (k === reads.length) {
        const resolved = self.resolve(rf);
        if (resolved) yield* self.coherenceOrders(rf.slice(), resolved.reads, resolved.locOf);
        return;
      }
      for (const w of options[k]!) {
        rf[reads[k]!] = w;
        const undecided = self.undecidedGuards(pending, rf);
        if (undecided) yield* choose(k + 1, undecided);
      }
      rf[reads[k]!] = -1;
    }
    yield* choose(0, this.combo.flatMap((p) => p.guard));
  }

  /** The guards not yet decidable with the reads chosen so far; undefined if one is already false. */
  private undecidedGuards(guards: Cond[], rf: Int32Array): Cond[] | undefined {
    if (guards.length === 0) return guards;
    const inProgress = new Set<number>();
    const value = (id: number): bigint => {
      const w = rf[this.frame.local.get(id)!]!;
      if (w < 0) throw new NotYet();
      if (inProgress.has(id)) throw new ValueCycle();
      inProgress.add(id);
      try {
        return evalExpr(this.ev[w]!.wval!, value);
      } finally {
        inProgress.delete(id);
      }
    };
    const out: Cond[] = [];
    for (const g of guards) {
      try {
        if (!evalCond(g, value)) return undefined;
      } catch (e) {
        if (e instanceof NotYet) out.push(g);
        else if (e instanceof ValueCycle) return undefined;
        else throw e;
      }
    }
    return out;
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
      const w = this.ev[rf[this.frame.local.get(id)!]!]!;
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
        const loc = e.addr.k === 'const' ? e.mayLocs[0] : locationAt(evalExpr(e.addr, value), this.skel.locations.length);
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

  private *coherenceOrders(rf: Int32Array, reads: Map<number, bigint>, locOf: Int32Array): Generator<Candidate> {
    const po = this.frame.po;
    const perLoc = this.skel.locations.map((_, l) => {
      const ws = this.ev.flatMap((e, i) => (e.write && e.thread >= 0 && locOf[i] === l ? [i] : []));
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
    return this.judgement(c);
  }

  judgement(c: Candidate): Judgement {
    const j = judge(this.model, this.frame.execution(c), this.staticVals);
    this.staticVals = j.evaluator.staticValues();
    return j;
  }

  inSkeletonIds(v: Violation): Violation {
    const id = (i: number) => this.ev[i]!.id;
    switch (v.kind) {
      case 'cycle': return { kind: 'cycle', events: v.events.map(id) };
      case 'pair': return { kind: 'pair', i: id(v.i), j: id(v.j) };
      case 'element': return { kind: 'element', i: id(v.i) };
      case 'negated': return v;
    }
  }

  finalValue(o: Observable, c: Candidate): bigint {
    const read = (id: number) => c.reads.get(id)!;
    if (o.kind === 'reg') {
      const e: Expr | undefined = this.combo.find((p) => p.thread === o.thread)?.regs.get(o.reg);
      return e ? evalExpr(e, read) : 0n;
    }
    const order = c.co[this.skel.locations.indexOf(o.loc)]!;
    return evalExpr(this.ev[order[order.length - 1]!]!.wval!, read);
  }

  execution(c: Candidate): Execution {
    return executionOf(this.frame, c);
  }
}

/** A candidate in skeleton event ids, for witnesses. */
export function executionOf(frame: ExecutionFrame, c: Candidate): Execution {
  const id = (i: number) => frame.ev[i]!.id;
  const rf: [number, number][] = [];
  c.rf.forEach((w, r) => { if (w >= 0) rf.push([id(w), id(r)]); });
  const co: [number, number][] = [];
  for (const order of c.co) for (let k = 1; k < order.length; k++) co.push([id(order[k - 1]!), id(order[k]!)]);
  return { events: frame.ev.map((e) => e.id), rf, co, values: new Map(c.reads), paths: frame.combo.map((p) => p.index) };
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

