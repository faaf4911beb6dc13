/**
 * The SMT engine: encode the skeleton, assert the model's axioms over formula matrices, then ask
 * Z3 for allowed executions one after another, blocking each one found, to list the final states
 * and count executions; or, in verdict-only mode, ask just whether the condition can hold and
 * whether it can fail.
 */
import type { Bool } from 'z3-solver';
import type { Check, Model } from '../../cat/ir.js';
import type { Cond as LitmusCond } from '../../litmus/ast.js';
import type { Skeleton } from '../../semantics/skeleton.js';
import { locationAt } from '../../semantics/expr.js';
import { executionOf } from '../enum/enumerate.js';
import { ExecutionFrame, type Candidate } from '../enum/frame.js';
import { judge, type Judgement, type StaticValues } from '../enum/judge.js';
import { ModelEvaluator } from '../evaluate.js';
import { explainViolation } from '../explain.js';
import type { Execution, FinalState, Outcome, Query } from '../outcome.js';
import { valueBits } from '../props.js';
import { requiresUniproc } from '../uniproc.js';
import { TooLarge, pairs, smtAlgebra, type F, type FRel, type FSet } from './algebra.js';
import { encode, type Encoding } from './encode.js';
import { withZ3, type Z3 } from './z3.js';

type B = Bool<'bpf-herd'>;

/** Past this many executions, states are still all listed but executions are no longer counted one by one. */
const COUNT_LIMIT = 5000;
/**
 * Formula work one check may take when encoded eagerly; a larger check is checked lazily. Small:
 * when every execution is listed anyway, learned cycles beat a large encoding (the BPF corpus:
 * 31 s at 500, 37 s at 2000, 103 s at 20000, on a loaded machine).
 */
const EAGER_BUDGET = 1_000;

type Solver = InstanceType<Z3['Solver']>;
type ZModel = ReturnType<Solver['model']>;

/**
 * The checks are encoded eagerly (formula matrices, acyclicity by ranks) when that stays small;
 * a check whose encoding would be large (a dense closure, say) is instead evaluated on each
 * candidate the solver proposes, and a candidate that violates it teaches the solver a clause:
 * the read-from and coherence edges of the violating cycle may not all hold together.
 */
export function decideSmt(skel: Skeleton, model: Model, q: Query): Promise<Outcome> {
  return withZ3((ctx) => decideIn(ctx, skel, model, q));
}

async function decideIn(ctx: Z3, skel: Skeleton, model: Model, q: Query): Promise<Outcome> {
  const deadline = q.timeoutMs === undefined ? Infinity : Date.now() + q.timeoutMs;
  const enc = encode(ctx, skel, requiresUniproc(model));
  const lazy = assertChecks(ctx, enc, model, q.eagerBudget ?? EAGER_BUDGET);
  const solver = new ctx.Solver();
  for (const c of enc.constraints) solver.add(c);
  const condTerm = (c: LitmusCond) => litmusCond(ctx, c, (o) => enc.observable(o), skel.locations);
  if (q.filter) solver.add(condTerm(q.filter));
  const prop = ctx.Bool.const('prop');
  solver.add(ctx.Eq(prop, condTerm(q.prop)));
  const search = new CandidateSearch(ctx, enc, skel, model, lazy, solver, deadline);
  try {
    return q.verdictOnly ? await verdictOnly(ctx, search, prop) : await listStates(ctx, enc, search, solver, prop, q);
  } catch (e) {
    if (e instanceof GaveUp) return { states: [], flags: [], engine: 'smt', unknown: reason(deadline) };
    throw e;
  }
}

/** Encode each hard check within the budget; return those left to be judged lazily. */
function assertChecks(ctx: Z3, enc: Encoding, model: Model, budget: number): Set<Check> {
  const evaluator = new ModelEvaluator(model, smtAlgebra(enc, enc.F));
  const lazy = new Set<Check>();
  for (const chk of model.checks) {
    if (chk.flag) continue; // flags are judged on each allowed execution
    const mark = evaluator.mark(), asserted = enc.constraints.length;
    enc.budget = budget;
    try {
      assertCheck(ctx, enc, chk, evaluator.get(chk.node) as FSet | FRel);
    } catch (e) {
      if (!(e instanceof TooLarge)) throw e;
      evaluator.rollback(mark);
      enc.constraints.length = asserted;
      lazy.add(chk);
    }
  }
  enc.budget = Infinity;
  return lazy;
}

/** Two questions: can the proposition hold, and can it fail? */
async function verdictOnly(ctx: Z3, search: CandidateSearch, prop: B): Promise<Outcome> {
  const yes = await search.next(prop);
  const no = await search.next(ctx.Not(prop));
  const out: Outcome = { states: [], flags: [...search.flags], engine: 'smt', someSatisfies: yes !== 'none', someViolates: no !== 'none' };
  if (yes !== 'none') out.witness = yes.execution;
  return out;
}

/** Every allowed execution, each blocked once found; past COUNT_LIMIT, every state instead. */
async function listStates(ctx: Z3, enc: Encoding, search: CandidateSearch, solver: Solver, prop: B, q: Query): Promise<Outcome> {
  const obsTerms = q.observables.map((o) => enc.observable(o));
  const blockState = (values: bigint[]) => solver.add(ctx.Or(...obsTerms.map((t, i) => t.neq(ctx.BitVec.val(values[i]!, 64)))));
  const states = new Map<string, FinalState>();
  let witness: Execution | undefined;
  let executions = 0;
  for (;;) {
    const found = await search.next();
    if (found === 'none') break;
    const m = found.model;
    const values = obsTerms.map((t) => bitsOf(m, t));
    if (!witness && ctx.isTrue(m.eval(prop, true))) witness = found.execution;
    const counting = executions <= COUNT_LIMIT;
    const key = values.join(',');
    const st = states.get(key);
    if (!st) states.set(key, counting ? { values, executions: 1 } : { values });
    else if (counting) st.executions! += 1;
    if (counting && ++executions > COUNT_LIMIT) {
      // too many executions to count one by one: from now on, one solver call per state
      for (const s of states.values()) { delete s.executions; blockState(s.values); }
    } else if (counting) solver.add(ctx.Or(...blockExecution(ctx, enc, m)));
    else blockState(values);
  }
  const out: Outcome = { states: [...states.values()], flags: [...search.flags], engine: 'smt' };
  if (witness) out.witness = witness;
  return out;
}

/** The solver answered unknown (time or memory): the verdict is Unknown. */
class GaveUp extends Error {}

const bitsOf = (m: ZModel, t: Parameters<ZModel['eval']>[0]): bigint => (m.eval(t, true) as unknown as { value(): bigint }).value();

/**
 * Allowed executions, one at a time: the solver proposes a candidate that satisfies the eager
 * checks; the lazy checks are judged on it, and a violation becomes a learned clause.
 */
class CandidateSearch {
  readonly flags = new Set<string>();
  private readonly frames = new Map<string, { frame: ExecutionFrame; statics?: StaticValues }>();
  private readonly judging: boolean;

  constructor(
    private readonly ctx: Z3,
    private readonly enc: Encoding,
    private readonly skel: Skeleton,
    private readonly model: Model,
    private readonly lazy: ReadonlySet<Check>,
    private readonly solver: Solver,
    private readonly deadline: number,
  ) {
    this.judging = lazy.size > 0 || model.checks.some((c) => c.flag);
    // one limit for every check (changing solver parameters between checks resets its state);
    // the deadline is also tested between checks
    if (deadline !== Infinity) solver.set('timeout', Math.floor(Math.max(1, Math.min(deadline - Date.now(), 2 ** 31 - 1))));
  }

  async next(assumption?: B): Promise<{ model: ZModel; execution: Execution } | 'none'> {
    for (;;) {
      const r = assumption ? await this.solver.check(assumption) : await this.solver.check();
      if (r === 'unknown' || Date.now() > this.deadline) throw new GaveUp();
      if (r === 'unsat') return 'none';
      const m = this.solver.model();
      const { frame, cand, slot } = this.candidateOf(m);
      if (this.judging) {
        const j = judge(this.model, frame.execution(cand), slot.statics, this.lazy);
        slot.statics = j.evaluator.staticValues();
        if (!j.allowed) {
          this.solver.add(this.ctx.Or(...this.learn(frame, m, j)));
          continue;
        }
        for (const f of j.flags) this.flags.add(f);
      }
      return { model: m, execution: executionOf(frame, cand) };
    }
  }

  /** The candidate the solver's model describes, over the frame of its path combination. */
  private candidateOf(m: ZModel): { frame: ExecutionFrame; cand: Candidate; slot: { frame: ExecutionFrame; statics?: StaticValues } } {
    const on = (v: B | undefined) => v === undefined || this.ctx.isTrue(m.eval(v, true));
    const paths = this.enc.pathVars.map((vs) => Math.max(0, vs.findIndex((v) => v !== undefined && on(v))));
    const key = paths.join(',');
    let slot = this.frames.get(key);
    if (!slot) {
      slot = { frame: new ExecutionFrame(this.skel, this.skel.threads.map((t, i) => t.paths[paths[i]!]!)) };
      this.frames.set(key, slot);
    }
    const frame = slot.frame;
    const n = frame.ev.length;
    const bits = (t: Parameters<ZModel['eval']>[0]) => bitsOf(m, t);
    const rf = new Int32Array(n).fill(-1);
    for (const { w, r, v } of this.enc.rfVars) {
      const lr = frame.local.get(r), lw = frame.local.get(w);
      if (lr !== undefined && lw !== undefined && on(v)) rf[lr] = lw;
    }
    const locOf = new Int32Array(n).fill(-1);
    frame.ev.forEach((e, i) => {
      if (!(e.read || e.write)) return;
      locOf[i] = e.addr.k === 'const' ? e.mayLocs[0]! : locationAt(bits(this.enc.address(e)), this.skel.locations.length)!;
    });
    const stampOf = (i: number) => Number(bitsOf(m, this.enc.stamp.get(frame.ev[i]!.id)!));
    const co = this.skel.locations.map((_, l) => [
      l,
      ...frame.ev.flatMap((e, i) => (e.write && e.thread >= 0 && locOf[i] === l ? [i] : [])).sort((a, b) => stampOf(a) - stampOf(b)),
    ]);
    const reads = new Map<number, bigint>();
    for (const e of frame.ev) if (e.read) reads.set(e.id, bits(this.enc.readValue.get(e.id)!));
    return { frame, cand: { rf, co, reads, locOf }, slot };
  }

  /** A clause excluding every candidate that has the violation's rf and co edges, on the same paths. */
  private learn(frame: ExecutionFrame, m: ZModel, j: Judgement): B[] {
    const ctx = this.ctx;
    const paths: B[] = [];
    frame.combo.forEach((p) => { const v = this.enc.pathVars[p.thread]![p.index]; if (v) paths.push(ctx.Not(v)); });
    const lits = frame.symbolic ? undefined : explainViolation(this.model, j.evaluator, j.failed!.check.node, j.failed!.violation);
    if (!lits) return [...paths, ...blockExecution(ctx, this.enc, m)];
    const id = (i: number) => frame.ev[i]!.id;
    const out = [...paths];
    for (const l of lits) {
      if (l.k === 'rf') {
        const v = this.enc.rfVars.find((x) => x.w === id(l.w) && x.r === id(l.r));
        if (v) out.push(ctx.Not(v.v));
      } else if (frame.ev[l.a]!.thread >= 0) {
        const f = this.enc.rels.get('co')!.get(id(l.a))?.get(id(l.b));
        if (f !== undefined && f !== true) out.push(ctx.Not(f));
      }
    }
    return out.length > 0 ? out : [ctx.Bool.val(false)];
  }
}

function reason(deadline: number): string {
  return Date.now() >= deadline ? 'timeout' : 'the solver gave up (unknown)';
}

/** The formula that holds when a check fails (for flags and negated checks). */
function violation(ctx: Z3, enc: Encoding, chk: Check, v: FSet | FRel): F | undefined {
  const F_ = enc.F;
  const entries = (x: FSet | FRel): F[] => (isRel(x) ? pairs(x).map(([, , f]) => f) : [...x.values()]);
  let failing: F | undefined;
  if (chk.kind === 'empty') failing = F_.or(entries(v));
  else if (chk.kind === 'irreflexive') failing = F_.or(pairs(v as FRel).filter(([i, j]) => i === j).map(([, , f]) => f));
  else {
    const plus = smtAlgebra(enc, F_).plus(v as FRel);
    failing = F_.or(pairs(plus).filter(([i, j]) => i === j).map(([, , f]) => f));
  }
  if (!chk.negated) return failing;
  return failing === undefined ? true : F_.not(failing);
}

function isRel(x: FSet | FRel): x is FRel {
  for (const v of x.values()) return v instanceof Map;
  return false;
}

/** Assert a (hard) check; acyclicity by ranking the events of each strongly connected may-component. */
function assertCheck(ctx: Z3, enc: Encoding, chk: Check, v: FSet | FRel): void {
  if (chk.kind !== 'acyclic' || chk.negated) {
    const failing = violation(ctx, enc, chk, v);
    if (failing === true) enc.assert(ctx.Bool.val(false));
    else if (failing !== undefined) enc.assert(ctx.Not(failing));
    return;
  }
  const r = v as FRel;
  const comp = sccs(r);
  const rank = new Map<number, ReturnType<Z3['Int']['const']>>();
  const rankOf = (i: number) => {
    let x = rank.get(i);
    if (!x) rank.set(i, (x = enc.freshInt(`rank_${chk.name}_`)));
    return x;
  };
  for (const [i, j, f] of pairs(r)) {
    if (comp.get(i) !== comp.get(j)) continue; // an edge between components lies on no cycle
    const lt = rankOf(i).lt(rankOf(j));
    enc.assert(f === true ? lt : ctx.Implies(f, lt));
  }
}

/** Strongly connected components of the may-graph (Tarjan, iterative). */
function sccs(r: FRel): Map<number, number> {
  const index = new Map<number, number>(), low = new Map<number, number>(), comp = new Map<number, number>();
  const stack: number[] = [], onStack = new Set<number>();
  let next = 0, ncomp = 0;
  const succ = (i: number) => [...(r.get(i)?.keys() ?? [])];
  const nodes = new Set<number>();
  for (const [i, j] of pairs(r)) { nodes.add(i); nodes.add(j); }
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: [number, number[]][] = [];
    const open = (v: number) => { index.set(v, next); low.set(v, next); next++; stack.push(v); onStack.add(v); work.push([v, succ(v)]); };
    open(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, rest] = top;
      if (rest.length > 0) {
        const w = rest.pop()!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) { const p = work[work.length - 1]![0]; low.set(p, Math.min(low.get(p)!, low.get(v)!)); }
      if (low.get(v) === index.get(v)) {
        for (;;) { const w = stack.pop()!; onStack.delete(w); comp.set(w, ncomp); if (w === v) break; }
        ncomp++;
      }
    }
  }
  return comp;
}

/** A clause that excludes this execution: some path, read-from or coherence choice differs. */
function blockExecution(ctx: Z3, enc: Encoding, m: ZModel): B[] {
  const lits: B[] = [];
  const flip = (v: B) => (ctx.isTrue(m.eval(v, true)) ? ctx.Not(v) : v);
  for (const vs of enc.pathVars) for (const v of vs) if (v && ctx.isTrue(m.eval(v, true))) lits.push(ctx.Not(v));
  for (const { v } of enc.rfVars) if (ctx.isTrue(m.eval(v, true))) lits.push(ctx.Not(v));
  for (const { f } of enc.coPairs) lits.push(flip(f));
  return lits.length > 0 ? lits : [ctx.Bool.val(false)];
}

function litmusCond(ctx: Z3, c: LitmusCond, obs: (o: Parameters<Encoding['observable']>[0]) => ReturnType<Encoding['observable']>, locations: readonly string[]): B {
  const t = (x: LitmusCond) => litmusCond(ctx, x, obs, locations);
  switch (c.k) {
    case 'true': return ctx.Bool.val(true);
    case 'false': return ctx.Bool.val(false);
    case 'atom': return obs(c.lhs).eq(ctx.BitVec.val(valueBits(c.rhs, locations), 64));
    case 'not': return ctx.Not(t(c.c));
    case 'and': return ctx.And(t(c.a), t(c.b));
    case 'or': return ctx.Or(t(c.a), t(c.b));
    case 'implies': return ctx.Implies(t(c.a), t(c.b));
  }
}
