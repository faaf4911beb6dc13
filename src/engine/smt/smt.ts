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
import { ModelEvaluator } from '../evaluate.js';
import type { Execution, FinalState, Outcome, Query } from '../outcome.js';
import { holds, stateLookup, valueBits } from '../props.js';
import { requiresUniproc } from '../uniproc.js';
import { pairs, smtAlgebra, type F, type FRel, type FSet } from './algebra.js';
import { encode, type Encoding } from './encode.js';
import { z3, type Z3 } from './z3.js';

type B = Bool<'bpf-herd'>;

/** Past this many executions, states are still all listed but executions are no longer counted one by one. */
const COUNT_LIMIT = 5000;

export async function decideSmt(skel: Skeleton, model: Model, q: Query): Promise<Outcome> {
  const ctx = await z3();
  const deadline = q.timeoutMs === undefined ? Infinity : Date.now() + q.timeoutMs;
  const enc = encode(ctx, skel, requiresUniproc(model));
  const evaluator = new ModelEvaluator(model, smtAlgebra(enc, enc.F));
  const flagFormulas: { name: string; f: B }[] = [];
  for (const chk of model.checks) {
    const value = evaluator.get(chk.node) as FSet | FRel;
    if (chk.flag) flagFormulas.push({ name: chk.name, f: enc.F.bool(violation(ctx, enc, chk, value)) });
    else assertCheck(ctx, enc, chk, value);
  }

  const solver = new ctx.Solver();
  for (const c of enc.constraints) solver.add(c);
  const obsTerms = q.observables.map((o) => enc.observable(o));
  const condTerm = (c: LitmusCond) => litmusCond(ctx, c, (o) => enc.observable(o), skel.locations);
  if (q.filter) solver.add(condTerm(q.filter));
  const prop = condTerm(q.prop);
  const remaining = () => Math.max(1, deadline - Date.now());
  const run = async (): Promise<'sat' | 'unsat' | 'unknown'> => {
    if (deadline !== Infinity) solver.set('timeout', Math.min(remaining(), 2 ** 31 - 1));
    return solver.check();
  };
  const unknown = (why: string): Outcome => ({ states: [], flags: [], engine: 'smt', unknown: why });

  try {
    if (q.verdictOnly) {
      solver.push();
      solver.add(prop);
      const sat = await run();
      let witness: Execution | undefined;
      if (sat === 'sat') witness = executionOf(ctx, enc, skel, solver.model());
      solver.pop();
      if (sat === 'unknown') return unknown(reason(deadline));
      solver.add(ctx.Not(prop));
      const viol = await run();
      if (viol === 'unknown') return unknown(reason(deadline));
      const out: Outcome = { states: [], flags: [], engine: 'smt', someSatisfies: sat === 'sat', someViolates: viol === 'sat' };
      if (witness) out.witness = witness;
      return out;
    }

    const states = new Map<string, FinalState>();
    const flags = new Set<string>();
    let witness: Execution | undefined;
    let counting = true;
    let executions = 0;
    for (;;) {
      const r = await run();
      if (r === 'unknown') return unknown(reason(deadline));
      if (r === 'unsat') break;
      const m = solver.model();
      const values = obsTerms.map((t) => (m.eval(t, true) as unknown as { value(): bigint }).value());
      const key = values.join(',');
      for (const fl of flagFormulas) if (ctx.isTrue(m.eval(fl.f, true))) flags.add(fl.name);
      if (!witness && holds(q.prop, stateLookup(q.observables, values), skel.locations)) witness = executionOf(ctx, enc, skel, m);
      const st = states.get(key);
      if (st) { if (counting) st.executions! += 1; } else states.set(key, counting ? { values, executions: 1 } : { values });
      if (counting && ++executions > COUNT_LIMIT) {
        counting = false;
        for (const s of states.values()) delete s.executions;
      }
      if (process.env.DBG) console.error("exec", executions, key, Date.now());
      if (counting) solver.add(ctx.Or(...blockExecution(ctx, enc, m)));
      else for (const s of states.values()) solver.add(ctx.Or(...obsTerms.map((t, i) => t.neq(ctx.BitVec.val(s.values[i]!, 64)))));
      if (Date.now() > deadline) return unknown(reason(deadline));
    }
    const out: Outcome = { states: [...states.values()], flags: [...flags], engine: 'smt' };
    if (witness) out.witness = witness;
    return out;
  } finally {
    solver.release?.();
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
function blockExecution(ctx: Z3, enc: Encoding, m: ReturnType<InstanceType<Z3['Solver']>['model']>): B[] {
  const lits: B[] = [];
  const flip = (v: B) => (ctx.isTrue(m.eval(v, true)) ? ctx.Not(v) : v);
  for (const vs of enc.pathVars) for (const v of vs) if (v && ctx.isTrue(m.eval(v, true))) lits.push(ctx.Not(v));
  for (const { v } of enc.rfVars) if (ctx.isTrue(m.eval(v, true))) lits.push(ctx.Not(v));
  for (const { f } of enc.coPairs) lits.push(flip(f));
  return lits.length > 0 ? lits : [ctx.Bool.val(false)];
}

function executionOf(ctx: Z3, enc: Encoding, skel: Skeleton, m: ReturnType<InstanceType<Z3['Solver']>['model']>): Execution {
  const on = (f: F) => f === true || ctx.isTrue(m.eval(f, true));
  const events = skel.events.filter((e) => on(enc.exec[e.id]!)).map((e) => e.id);
  const rf = enc.rfVars.filter(({ v }) => on(v)).map(({ w, r }) => [w, r] as [number, number]);
  const co: [number, number][] = [];
  for (const [a, row] of enc.rels.get('co')!) for (const [b, f] of row) if (on(f)) co.push([a, b]);
  const values = new Map<number, bigint>();
  for (const [id, t] of enc.readValue) if (events.includes(id)) values.set(id, (m.eval(t, true) as unknown as { value(): bigint }).value());
  const paths = enc.pathVars.map((vs) => Math.max(0, vs.findIndex((v) => v !== undefined && on(v))));
  return { events, rf, co: immediate(co), values, paths };
}

/** The immediate successors of a transitive order. */
function immediate(order: [number, number][]): [number, number][] {
  const after = new Map<number, Set<number>>();
  for (const [a, b] of order) { let s = after.get(a); if (!s) after.set(a, (s = new Set())); s.add(b); }
  return order.filter(([a, b]) => ![...(after.get(a) ?? [])].some((c) => c !== b && after.get(c)?.has(b)));
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
