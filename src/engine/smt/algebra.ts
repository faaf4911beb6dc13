/**
 * Sets and relations as sparse matrices of formulas: an entry is present only when the pair may
 * hold in some execution, and is the constant `true` when it holds in every execution where both
 * events exist. So the may/must analysis is the representation itself, and only uncertain edges
 * ever reach the solver.
 */
import type { Bool } from 'z3-solver';
import type { NodeType } from '../../cat/ir.js';
import type { Algebra } from '../evaluate.js';
import type { Z3 } from './z3.js';

export type F = true | Bool<'bpf-herd'>;
export type FSet = Map<number, F>;
export type FRel = Map<number, Map<number, F>>; // row -> column -> formula

export interface Formulas {
  ctx: Z3;
  and(a: F, b: F): F;
  or(fs: F[]): F | undefined; // undefined: the empty disjunction (false)
  not(f: F): F | undefined; // undefined: false
  bool(f: F | undefined): Bool<'bpf-herd'>;
}

export function formulas(ctx: Z3): Formulas {
  const FALSE = ctx.Bool.val(false);
  const TRUE = ctx.Bool.val(true);
  return {
    ctx,
    and: (a, b) => (a === true ? b : b === true ? a : ctx.And(a, b)),
    or(fs) {
      if (fs.length === 0) return undefined;
      if (fs.some((f) => f === true)) return true;
      return fs.length === 1 ? fs[0] : ctx.Or(...(fs as Bool<'bpf-herd'>[]));
    },
    not: (f) => (f === true ? undefined : ctx.Not(f)),
    bool: (f) => (f === undefined ? FALSE : f === true ? TRUE : f),
  };
}

/** What the algebra needs from the encoding of one test. */
export interface SmtExecution {
  n: number;
  exec: F[]; // per event: it is executed
  sets: Map<string, FSet>;
  rels: Map<string, FRel>;
  /** A fresh boolean defined equal to `f` (keeps closures from growing formulas exponentially). */
  define(f: F, hint: string): F;
  /** Fresh boolean and integer variables with assertions, for least fixpoints. */
  fresh(hint: string): Bool<'bpf-herd'>;
  freshInt(hint: string): ReturnType<Z3['Int']['const']>;
  assert(f: Bool<'bpf-herd'>): void;
  /** Account for formula work; throws TooLarge when the current check's budget is spent. */
  spend(work: number): void;
}

/** A check whose eager encoding would be too large: the engine checks it lazily instead. */
export class TooLarge extends Error {}

export function pairs(r: FRel): [number, number, F][] {
  const out: [number, number, F][] = [];
  for (const [i, row] of r) for (const [j, f] of row) out.push([i, j, f]);
  return out;
}

function put(r: FRel, i: number, j: number, f: F): void {
  let row = r.get(i);
  if (!row) r.set(i, (row = new Map()));
  row.set(j, f);
}

export function smtAlgebra(x: SmtExecution, F_: Formulas): Algebra<FSet, FRel> {
  const all: FSet = new Map(x.exec.map((f, i) => [i, f]));
  const mapSet = (a: FSet, b: FSet, op: 'union' | 'inter' | 'diff'): FSet => {
    const out: FSet = new Map();
    if (op === 'union') {
      for (const [i, f] of a) out.set(i, f);
      for (const [i, g] of b) { const f = out.get(i); out.set(i, f === undefined ? g : F_.or([f, g])!); }
    } else if (op === 'inter') {
      for (const [i, f] of a) { const g = b.get(i); if (g !== undefined) out.set(i, F_.and(f, g)); }
    } else {
      for (const [i, f] of a) {
        const g = b.get(i);
        if (g === undefined) out.set(i, f);
        else { const ng = F_.not(g); if (ng !== undefined) out.set(i, F_.and(f, ng)); }
      }
    }
    return out;
  };
  const union = (a: FRel, b: FRel): FRel => {
    const out: FRel = new Map();
    for (const [i, j, f] of pairs(a)) put(out, i, j, f);
    for (const [i, j, g] of pairs(b)) { const f = out.get(i)?.get(j); put(out, i, j, f === undefined ? g : F_.or([f, g])!); }
    return out;
  };
  const seq = (a: FRel, b: FRel): FRel => {
    const terms = new Map<number, Map<number, F[]>>();
    for (const [i, row] of a) {
      for (const [k, f] of row) {
        const brow = b.get(k);
        if (!brow) continue;
        let acc = terms.get(i);
        if (!acc) terms.set(i, (acc = new Map()));
        x.spend(brow.size);
        for (const [j, g] of brow) { let t = acc.get(j); if (!t) acc.set(j, (t = [])); t.push(F_.and(f, g)); }
      }
    }
    const out: FRel = new Map();
    for (const [i, row] of terms) for (const [j, t] of row) put(out, i, j, F_.or(t)!);
    return out;
  };
  const identity = (s: FSet): FRel => {
    const out: FRel = new Map();
    for (const [i, f] of s) put(out, i, i, f);
    return out;
  };
  const prod = (a: FSet, b: FSet): FRel => {
    const out: FRel = new Map();
    x.spend(a.size * b.size);
    for (const [i, f] of a) for (const [j, g] of b) put(out, i, j, F_.and(f, g));
    return out;
  };
  /** Transitive closure by squaring: after k rounds every path of length <= 2^k is covered. */
  const plus = (r: FRel): FRel => {
    const nodes = new Set<number>();
    for (const [i, j] of pairs(r)) { nodes.add(i); nodes.add(j); }
    let t = r;
    for (let len = 1; len < nodes.size; len *= 2) {
      const next = union(t, seq(t, t));
      const defined: FRel = new Map();
      for (const [i, j, f] of pairs(next)) put(defined, i, j, x.define(f, 'tc'));
      t = defined;
    }
    return t;
  };

  return {
    setPrim: (name) => (name === '_' ? all : x.sets.get(name) ?? new Map()),
    relPrim: (name) => x.rels.get(name) ?? new Map(),
    emptySet: () => new Map(),
    emptyRel: () => new Map(),
    allEvents: () => all,
    setUnion: (a, b) => mapSet(a, b, 'union'),
    setInter: (a, b) => mapSet(a, b, 'inter'),
    setDiff: (a, b) => mapSet(a, b, 'diff'),
    domain(r) {
      const out: FSet = new Map();
      for (const [i, row] of r) out.set(i, F_.or([...row.values()])!);
      return out;
    },
    range(r) {
      const cols = new Map<number, F[]>();
      for (const [, j, f] of pairs(r)) { let c = cols.get(j); if (!c) cols.set(j, (c = [])); c.push(f); }
      return new Map([...cols].map(([j, fs]) => [j, F_.or(fs)!]));
    },
    union,
    inter(a, b) {
      const out: FRel = new Map();
      for (const [i, j, f] of pairs(a)) { const g = b.get(i)?.get(j); if (g !== undefined) put(out, i, j, F_.and(f, g)); }
      return out;
    },
    diff(a, b) {
      const out: FRel = new Map();
      for (const [i, j, f] of pairs(a)) {
        const g = b.get(i)?.get(j);
        if (g === undefined) put(out, i, j, f);
        else { const ng = F_.not(g); if (ng !== undefined) put(out, i, j, F_.and(f, ng)); }
      }
      return out;
    },
    seq,
    inverse(r) {
      const out: FRel = new Map();
      for (const [i, j, f] of pairs(r)) put(out, j, i, f);
      return out;
    },
    plus,
    star: (r) => union(plus(r), identity(all)),
    opt: (r) => union(r, identity(all)),
    idset: identity,
    prod,
    fixpoint: (types, step) => leastFixpoint(x, F_, types, step as (v: (FSet | FRel)[]) => (FSet | FRel)[]),
  };
}

/**
 * The least fixpoint of a monotone `step`, exactly: first the may-pairs (iterate the keys to a
 * fixpoint), then one boolean x_p per may-pair with x = step(x) (a fixpoint, so it contains the
 * least one) and x_p => step(x) restricted to x_q of smaller rank (a well-founded derivation, so
 * it is contained in the least one).
 */
function leastFixpoint(x: SmtExecution, F_: Formulas, types: NodeType[], step: (v: (FSet | FRel)[]) => (FSet | FRel)[]): (FSet | FRel)[] {
  type Key = string;
  const keysOf = (v: FSet | FRel, t: NodeType): Key[] =>
    t === 'set' ? [...(v as FSet).keys()].map(String) : pairs(v as FRel).map(([i, j]) => `${i},${j}`);
  const build = (t: NodeType, keys: Key[], val: (k: Key) => F): FSet | FRel => {
    if (t === 'set') return new Map(keys.map((k) => [Number(k), val(k)]));
    const r: FRel = new Map();
    for (const k of keys) { const [i, j] = k.split(',').map(Number) as [number, number]; put(r, i, j, val(k)); }
    return r;
  };
  const entry = (v: FSet | FRel, t: NodeType, k: Key): F | undefined => {
    if (t === 'set') return (v as FSet).get(Number(k));
    const [i, j] = k.split(',').map(Number) as [number, number];
    return (v as FRel).get(i)?.get(j);
  };

  // 1. may-pairs: placeholders stand for "may hold"
  let keys: Set<Key>[] = types.map(() => new Set());
  for (;;) {
    const vals = types.map((t, i) => build(t, [...keys[i]!], () => x.fresh('may')));
    const next = step(vals).map((v, i) => new Set([...keys[i]!, ...keysOf(v, types[i]!)]));
    if (next.every((s, i) => s.size === keys[i]!.size)) break;
    keys = next;
  }
  // 2. one variable and one rank per may-pair
  const vars = types.map((_, i) => new Map([...keys[i]!].map((k) => [k, x.fresh(`rec${i}`)])));
  const ranks = types.map((_, i) => new Map([...keys[i]!].map((k) => [k, x.freshInt(`rank${i}`)])));
  const vals = types.map((t, i) => build(t, [...keys[i]!], (k) => vars[i]!.get(k)!));
  const bodies = step(vals);
  const ctx = F_.ctx;
  types.forEach((t, i) => {
    for (const k of keys[i]!) {
      const xp = vars[i]!.get(k)!;
      const body = F_.bool(entry(bodies[i]!, t, k));
      x.assert(ctx.Eq(xp, body));
      const rp = ranks[i]!.get(k)!;
      const subst: [Bool<'bpf-herd'>, Bool<'bpf-herd'>][] = [];
      types.forEach((_, j) => { for (const [kq, xq] of vars[j]!) subst.push([xq, ctx.And(xq, ranks[j]!.get(kq)!.lt(rp))]); });
      x.assert(ctx.Implies(xp, ctx.substitute(body, ...subst) as Bool<'bpf-herd'>));
    }
  });
  return vals;
}
