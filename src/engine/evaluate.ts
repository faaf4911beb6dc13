/**
 * One evaluator of compiled models (src/cat/ir.ts) for every engine: an engine supplies an
 * algebra of sets and relations (bit matrices for `enum`, matrices of formulas for `smt`) and
 * the evaluator computes the nodes a check needs, lazily and once each.
 */
import type { IrNode, Model, NodeType } from '../cat/ir.js';

export interface Algebra<S, R> {
  setPrim(name: string): S;
  relPrim(name: string): R;
  emptySet(): S;
  emptyRel(): R;
  allEvents(): S;
  setUnion(a: S, b: S): S;
  setInter(a: S, b: S): S;
  setDiff(a: S, b: S): S;
  domain(r: R): S;
  range(r: R): S;
  union(a: R, b: R): R;
  inter(a: R, b: R): R;
  diff(a: R, b: R): R;
  seq(a: R, b: R): R;
  inverse(r: R): R;
  plus(r: R): R;
  /** Reflexive closures take the identity on the execution's events. */
  star(r: R): R;
  opt(r: R): R;
  idset(s: S): R;
  prod(a: S, b: S): R;
  /** The least fixpoint of `step`, from empty values (a `let rec` group). */
  fixpoint(types: NodeType[], step: (vals: (S | R)[]) => (S | R)[]): (S | R)[];
}

export class ModelEvaluator<S, R> {
  private readonly vals: (S | R | undefined)[];
  private readonly groupOut = new Map<number, (S | R)[]>();
  /** Nodes (and, as -1 - g, rec groups) in the order they were computed, for rollback. */
  private readonly log: number[] = [];

  constructor(
    private readonly model: Model,
    private readonly alg: Algebra<S, R>,
    /** Values computed earlier that stay valid (the static nodes of the same path combination). */
    preset?: (S | R | undefined)[],
  ) {
    this.vals = preset ? preset.slice() : new Array(model.nodes.length);
  }

  get(id: number): S | R {
    const v = this.vals[id];
    if (v !== undefined) return v;
    const r = this.compute(this.model.nodes[id]!);
    this.vals[id] = r;
    this.log.push(id);
    return r;
  }

  /** A point to come back to: values computed after it can be forgotten with `rollback`. */
  mark(): number {
    return this.log.length;
  }

  rollback(mark: number): void {
    for (const id of this.log.splice(mark)) {
      if (id >= 0) this.vals[id] = undefined;
      else this.groupOut.delete(-1 - id);
    }
  }

  set(id: number): S { return this.get(id) as S; }
  rel(id: number): R { return this.get(id) as R; }

  /** The values of the static nodes computed so far, to seed evaluators of other candidates. */
  staticValues(): (S | R | undefined)[] {
    return this.vals.map((v, i) => (this.model.nodes[i]!.dynamic ? undefined : v));
  }

  private compute(n: IrNode): S | R {
    const a = this.alg;
    const isSet = n.type === 'set';
    switch (n.op) {
      case 'prim': return isSet ? a.setPrim(n.name) : a.relPrim(n.name);
      case 'empty': return isSet ? a.emptySet() : a.emptyRel();
      case 'universe': return isSet ? a.allEvents() : a.prod(a.allEvents(), a.allEvents());
      case 'union': return isSet ? a.setUnion(this.set(n.a), this.set(n.b)) : a.union(this.rel(n.a), this.rel(n.b));
      case 'inter': return isSet ? a.setInter(this.set(n.a), this.set(n.b)) : a.inter(this.rel(n.a), this.rel(n.b));
      case 'diff': return isSet ? a.setDiff(this.set(n.a), this.set(n.b)) : a.diff(this.rel(n.a), this.rel(n.b));
      case 'compl':
        return isSet ? a.setDiff(a.allEvents(), this.set(n.a)) : a.diff(a.prod(a.allEvents(), a.allEvents()), this.rel(n.a));
      case 'seq': return a.seq(this.rel(n.a), this.rel(n.b));
      case 'inverse': return a.inverse(this.rel(n.a));
      case 'plus': return a.plus(this.rel(n.a));
      case 'star': return a.star(this.rel(n.a));
      case 'opt': return a.opt(this.rel(n.a));
      case 'idset': return a.idset(this.set(n.a));
      case 'prod': return a.prod(this.set(n.a), this.set(n.b));
      case 'domain': return a.domain(this.rel(n.a));
      case 'range': return a.range(this.rel(n.a));
      case 'recvar': throw new Error('internal: a rec variable evaluated outside its group');
      case 'recout': return this.runGroup(n.group)[n.index]!;
    }
  }

  private runGroup(g: number): (S | R)[] {
    const done = this.groupOut.get(g);
    if (done) return done;
    const group = this.model.groups[g]!;
    const types = group.vars.map((v) => this.model.nodes[v]!.type);
    const out = this.alg.fixpoint(types, (current) => {
      for (const id of group.inner) this.vals[id] = undefined;
      group.vars.forEach((v, i) => { this.vals[v] = current[i]; });
      return group.bodies.map((b) => this.get(b));
    });
    this.groupOut.set(g, out);
    this.log.push(-1 - g);
    return out;
  }
}
