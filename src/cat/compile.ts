/**
 * cat statements -> Model (./ir.ts): names resolved, functions inlined, `let rec` groups
 * delimited, sets and relations type-checked, identical sub-expressions shared.
 */
import { InputError, fail, type Pos } from '../diag.js';
import type { CatExpr, CatStmt } from './ast.js';
import { DYNAMIC_PRIMS, REL_PRIMS, SET_PRIMS, type Check, type IrNode, type Model, type NodeType, type Op, type RecGroup } from './ir.js';

type Val =
  | { k: 'node'; id: number }
  | { k: 'poly'; op: 'empty' | 'universe' } // `0` and `_`: typed by where they are used
  | { k: 'fn'; params: string[]; body: CatExpr; env: Env }
  | { k: 'builtin'; name: 'domain' | 'range' };

/** A persistent environment: each `let` extends its parent. */
class Env {
  constructor(
    private readonly parent: Env | undefined,
    private readonly vars: Map<string, Val> = new Map(),
  ) {}
  lookup(name: string): Val | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
  extend(bindings: [string, Val][]): Env {
    return new Env(this, new Map(bindings));
  }
}

export interface CompileOptions {
  title?: string;
  /** Tags the ISA's events may carry: usable as sets. */
  tags: readonly string[];
  /** Primitives that vary between candidate executions besides rf, co and FW (`loc` when addresses are symbolic). */
  extraDynamic?: readonly string[];
}

export function compileModel(stmts: CatStmt[], opts: CompileOptions): Model {
  return new Compiler(opts).run(stmts);
}

class Compiler {
  private readonly nodes: IrNode[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly groups: RecGroup[] = [];
  private readonly checks: Check[] = [];
  private readonly names = new Map<string, number>();
  private readonly dynamicPrims: Set<string>;
  private readonly setPrims: Set<string>;
  private readonly relPrims = new Set<string>(REL_PRIMS);

  constructor(private readonly opts: CompileOptions) {
    this.dynamicPrims = new Set([...DYNAMIC_PRIMS, ...(opts.extraDynamic ?? [])]);
    this.setPrims = new Set<string>([...SET_PRIMS, ...opts.tags]);
  }

  run(stmts: CatStmt[]): Model {
    let env = new Env(undefined);
    for (const s of stmts) {
      switch (s.k) {
        case 'let': env = this.bindLet(s.rec, s.binds, env, s.pos); break;
        case 'check': {
          const node = this.compileTyped(s.e, env, s.check === 'empty' ? undefined : 'rel', s.pos);
          this.checks.push({ kind: s.check, negated: s.negated, flag: s.flag, node, name: s.name ?? s.check, pos: s.pos });
          break;
        }
        default: break; // include was expanded by the loader; show/unshow do not change verdicts
      }
    }
    return {
      title: this.opts.title ?? '', nodes: this.nodes, groups: this.groups, checks: this.checks, names: this.names,
      schedule: this.schedule(),
    };
  }

  /** The nodes the checks need, outside every rec group, in dependency (= id) order. */
  private schedule(): number[] {
    const live = new Set<number>();
    const innerOf = new Set(this.groups.flatMap((g) => [...g.inner, ...g.vars]));
    const visit = (id: number): void => {
      if (live.has(id)) return;
      live.add(id);
      const n = this.nodes[id]!;
      if (n.op === 'recout') for (const b of this.groups[n.group]!.bodies) visitInner(b);
      for (const a of argsOf(n)) visit(a);
    };
    // inside a group only the nodes it reads from outside are scheduled
    const visitInner = (id: number): void => {
      if (innerOf.has(id)) { for (const a of argsOf(this.nodes[id]!)) visitInner(a); return; }
      visit(id);
    };
    for (const c of this.checks) visit(c.node);
    return [...live].filter((id) => !innerOf.has(id)).sort((a, b) => a - b);
  }

  // ------------------------------------------------------------ bindings

  private bindLet(rec: boolean, binds: { name: string; params?: string[]; body: CatExpr; pos: Pos }[], env: Env, pos: Pos): Env {
    if (!rec || binds.every((b) => b.params)) {
      const vals: [string, Val][] = binds.map((b) => [
        b.name,
        b.params ? { k: 'fn', params: b.params, body: b.body, env } : this.compile(b.body, env),
      ]);
      // functions see themselves only through their closure's environment: recursion needs `let rec`
      for (const [name, v] of vals) if (v.k === 'node') this.names.set(name, v.id);
      return env.extend(vals);
    }
    if (binds.some((b) => b.params)) fail(pos, 'recursive functions are not supported; write the fixpoint as a let rec of relations');
    return this.bindRec(binds, env);
  }

  /** `let rec a = e and b = f`: compile the bodies over variable nodes, then one node per fixpoint output. */
  private bindRec(binds: { name: string; body: CatExpr; pos: Pos }[], env: Env): Env {
    const group = this.groups.length;
    const firstNode = this.nodes.length;
    const attempt = (types: NodeType[], dynamic: boolean) => {
      const vars = binds.map((_, i) => this.node({ op: 'recvar', group, index: i }, types[i]!, dynamic));
      const inner = env.extend(binds.map((b, i) => [b.name, { k: 'node', id: vars[i]! }]));
      const bodies = binds.map((b, i) => this.compileTyped(b.body, inner, types[i], b.pos));
      return { vars, bodies };
    };
    // variables default to relations; a body that is a set makes its variable a set
    let types: NodeType[] = binds.map(() => 'rel');
    let first: { vars: number[]; bodies: number[] };
    try {
      first = attempt(types, false);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      types = binds.map((b) => this.peekType(b.body, env));
      first = attempt(types, false);
    }
    const dynamic = first.bodies.some((b) => this.nodes[b]!.dynamic);
    const { vars, bodies } = dynamic ? attempt(types, true) : first;
    const varSet = new Set(vars);
    const inner: number[] = [];
    const dependsOnVars = new Set<number>(vars);
    for (let id = firstNode; id < this.nodes.length; id++) {
      const n = this.nodes[id]!;
      if (varSet.has(id)) continue;
      if (argsOf(n).some((a) => dependsOnVars.has(a))) { dependsOnVars.add(id); inner.push(id); }
    }
    this.groups.push({ id: group, vars, bodies, inner });
    const outs = binds.map((b, i) => {
      const id = this.node({ op: 'recout', group, index: i }, types[i]!, dynamic, false);
      this.names.set(b.name, id);
      return [b.name, { k: 'node', id }] as [string, Val];
    });
    return env.extend(outs);
  }

  private peekType(e: CatExpr, env: Env): NodeType {
    try { return this.typeOf(this.compile(e, env), e.pos); } catch { return 'rel'; }
  }

  // ------------------------------------------------------------ expressions

  private compileTyped(e: CatExpr, env: Env, want: NodeType | undefined, pos: Pos): number {
    const v = this.compile(e, env);
    if (v.k === 'poly') return this.materialise(v, want ?? 'rel');
    const id = this.asNode(v, pos);
    if (want && this.nodes[id]!.type !== want) fail(pos, `expected a ${describe(want)}, got a ${describe(this.nodes[id]!.type)}`);
    return id;
  }

  private compile(e: CatExpr, env: Env): Val {
    switch (e.k) {
      case 'var': return this.lookup(e.name, env, e.pos);
      case 'empty': return { k: 'poly', op: 'empty' };
      case 'universe': return { k: 'poly', op: 'universe' };
      case 'idset': return this.ref(this.node({ op: 'idset', a: this.operand(e.e, env, 'set') }, 'rel'));
      case 'compl': {
        const a = this.compile(e.e, env);
        if (a.k === 'poly') return { k: 'poly', op: a.op === 'empty' ? 'universe' : 'empty' };
        const id = this.asNode(a, e.pos);
        return this.ref(this.node({ op: 'compl', a: id }, this.nodes[id]!.type));
      }
      case 'post': {
        const a = this.operand(e.e, env, 'rel');
        const op = e.op === '^-1' ? 'inverse' : e.op === '+' ? 'plus' : e.op === '*' ? 'star' : 'opt';
        return this.ref(this.node({ op, a }, 'rel'));
      }
      case 'bin': return this.compileBin(e, env);
      case 'app': return this.apply(e, env);
      case 'try':
        try {
          return this.compile(e.e, env);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          return this.compile(e.fallback, env);
        }
      case 'letin': return this.compile(e.body, this.bindLet(e.rec, e.binds, env, e.pos));
    }
  }

  private compileBin(e: Extract<CatExpr, { k: 'bin' }>, env: Env): Val {
    if (e.op === '*') {
      const a = this.operand(e.a, env, 'set'), b = this.operand(e.b, env, 'set');
      return this.ref(this.node({ op: 'prod', a, b }, 'rel'));
    }
    if (e.op === ';') {
      const a = this.operand(e.a, env, 'rel'), b = this.operand(e.b, env, 'rel');
      return this.ref(this.node({ op: 'seq', a, b }, 'rel'));
    }
    const va = this.compile(e.a, env), vb = this.compile(e.b, env);
    if (va.k === 'poly' && vb.k === 'poly') {
      // fold 0 and _ among themselves
      const lit = (x: 'empty' | 'universe') => ({ k: 'poly', op: x }) as Val;
      if (e.op === '|') return lit(va.op === 'universe' || vb.op === 'universe' ? 'universe' : 'empty');
      if (e.op === '&') return lit(va.op === 'universe' && vb.op === 'universe' ? 'universe' : 'empty');
      return lit(va.op === 'universe' && vb.op === 'empty' ? 'universe' : 'empty');
    }
    const type = va.k === 'poly' ? this.typeOf(vb, e.b.pos) : this.typeOf(va, e.a.pos);
    const a = va.k === 'poly' ? this.materialise(va, type) : this.asNode(va, e.a.pos);
    const b = vb.k === 'poly' ? this.materialise(vb, type) : this.asNode(vb, e.b.pos);
    if (this.nodes[b]!.type !== type) {
      fail(e.pos, `'${e.op}' needs two ${describe(type)}s, got a ${describe(type)} and a ${describe(this.nodes[b]!.type)}`);
    }
    const op = e.op === '|' ? 'union' : e.op === '&' ? 'inter' : 'diff';
    return this.ref(this.node({ op, a, b }, type));
  }

  private apply(e: Extract<CatExpr, { k: 'app' }>, env: Env): Val {
    const f = this.lookup(e.fn, env, e.pos);
    if (f.k === 'builtin') {
      if (e.args.length !== 1) fail(e.pos, `${f.name} takes one relation`);
      return this.ref(this.node({ op: f.name, a: this.operand(e.args[0]!, env, 'rel') }, 'set'));
    }
    if (f.k !== 'fn') fail(e.pos, `'${e.fn}' is not a function`);
    if (f.params.length !== e.args.length) fail(e.pos, `'${e.fn}' takes ${f.params.length} argument(s), got ${e.args.length}`);
    const args = e.args.map((a) => this.compile(a, env));
    return this.compile(f.body, f.env.extend(f.params.map((p, i) => [p, args[i]!])));
  }

  private lookup(name: string, env: Env, pos: Pos): Val {
    const v = env.lookup(name);
    if (v) return v;
    if (name === 'domain' || name === 'range') return { k: 'builtin', name };
    if (this.setPrims.has(name)) return this.ref(this.node({ op: 'prim', name }, 'set'));
    if (this.relPrims.has(name)) return this.ref(this.node({ op: 'prim', name }, 'rel'));
    fail(pos, `unknown name '${name}'`);
  }

  /** Compile a sub-expression that must have the given type. */
  private operand(e: CatExpr, env: Env, want: NodeType): number {
    return this.compileTyped(e, env, want, e.pos);
  }

  private asNode(v: Val, pos: Pos): number {
    if (v.k === 'node') return v.id;
    if (v.k === 'poly') return this.materialise(v, 'rel');
    fail(pos, 'a function is not a set or a relation; apply it to arguments');
  }

  private typeOf(v: Val, pos: Pos): NodeType {
    return this.nodes[this.asNode(v, pos)]!.type;
  }

  private materialise(v: { op: 'empty' | 'universe' }, type: NodeType): number {
    return this.node({ op: v.op }, type);
  }

  private ref(id: number): Val {
    return { k: 'node', id };
  }

  /** Create or reuse a node; dynamic when any argument is, or a primitive that varies per execution. */
  private node(op: Op, type: NodeType, dynamicHint = false, share = true): number {
    const key = `${type}:${JSON.stringify(op)}`;
    const existing = share ? this.byKey.get(key) : undefined;
    if (existing !== undefined && op.op !== 'recvar') return existing;
    const dynamic = dynamicHint || (op.op === 'prim' && this.dynamicPrims.has(op.name)) ||
      argsOf(op).some((a) => this.nodes[a]!.dynamic);
    const id = this.nodes.length;
    this.nodes.push({ ...op, id, type, dynamic } as IrNode);
    if (share) this.byKey.set(key, id);
    return id;
  }
}

export function argsOf(op: Op): number[] {
  switch (op.op) {
    case 'union': case 'inter': case 'diff': case 'seq': case 'prod': return [op.a, op.b];
    case 'compl': case 'inverse': case 'plus': case 'star': case 'opt': case 'idset': case 'domain': case 'range': return [op.a];
    default: return [];
  }
}

const describe = (t: NodeType) => (t === 'set' ? 'set' : 'relation');
