/**
 * Why a check fails on a concrete execution, in terms of its read-from and coherence edges: for
 * each edge of the violation, one derivation through the model's definitions down to the
 * primitives, keeping the rf and co edges it uses. Every execution of the same path combination
 * that has those edges fails the same way (the model's operators are monotone in rf and co
 * wherever an explanation is given), so the solver may exclude them all at once.
 *
 * Derivations through a difference or complement of a varying relation, the final writes, a
 * varying `loc` or a `let rec` are not explained: the caller then excludes only the execution.
 */
import type { IrNode, Model } from '../cat/ir.js';
import type { BitRel, BitSet } from './enum/bits.js';
import type { ModelEvaluator } from './evaluate.js';
import type { Violation } from './enum/judge.js';

export type Literal = { k: 'rf'; w: number; r: number } | { k: 'co'; a: number; b: number }; // local indices

class Unexplained extends Error {}

export function explainViolation(model: Model, ev: ModelEvaluator<BitSet, BitRel>, node: number, v: Violation): Literal[] | undefined {
  const lits = new Map<string, Literal>();
  const add = (l: Literal) => lits.set(l.k === 'rf' ? `rf${l.w},${l.r}` : `co${l.a},${l.b}`, l);
  const ex = new Explainer(model, ev, add);
  try {
    switch (v.kind) {
      case 'cycle':
        v.events.forEach((a, k) => ex.pair(node, a, v.events[(k + 1) % v.events.length]!));
        break;
      case 'pair': ex.pair(node, v.i, v.j); break;
      case 'element': ex.element(node, v.i); break;
      case 'negated': return undefined;
    }
  } catch (e) {
    if (e instanceof Unexplained) return undefined;
    throw e;
  }
  return [...lits.values()];
}

class Explainer {
  private readonly done = new Set<string>();

  constructor(
    private readonly model: Model,
    private readonly ev: ModelEvaluator<BitSet, BitRel>,
    private readonly add: (l: Literal) => void,
  ) {}

  private node(id: number): IrNode {
    return this.model.nodes[id]!;
  }
  private rel(id: number): BitRel {
    return this.ev.rel(id);
  }
  private set(id: number): BitSet {
    return this.ev.set(id);
  }

  /** Explain that (i, j) is in relation `id`. */
  pair(id: number, i: number, j: number): void {
    const n = this.node(id);
    if (!n.dynamic) return; // fixed by the path combination
    const key = `${id}:${i},${j}`;
    if (this.done.has(key)) return;
    this.done.add(key);
    switch (n.op) {
      case 'prim':
        if (n.name === 'rf') return this.add({ k: 'rf', w: i, r: j });
        if (n.name === 'co') return this.add({ k: 'co', a: i, b: j });
        throw new Unexplained();
      case 'union':
        if (this.rel(n.a).has(i, j)) return this.pair(n.a, i, j);
        return this.pair(n.b, i, j);
      case 'inter':
        this.pair(n.a, i, j);
        return this.pair(n.b, i, j);
      case 'diff':
        if (this.node(n.b).dynamic) throw new Unexplained();
        return this.pair(n.a, i, j);
      case 'seq': {
        const a = this.rel(n.a), b = this.rel(n.b);
        for (let k = 0; k < a.n; k++) {
          if (a.has(i, k) && b.has(k, j)) { this.pair(n.a, i, k); this.pair(n.b, k, j); return; }
        }
        throw new Error('internal: a composition without a middle event');
      }
      case 'inverse': return this.pair(n.a, j, i);
      case 'plus': return this.path(n.a, i, j);
      case 'star': case 'opt':
        if (i === j) return;
        return n.op === 'star' ? this.path(n.a, i, j) : this.pair(n.a, i, j);
      case 'idset': return this.element(n.a, i);
      case 'prod': this.element(n.a, i); return this.element(n.b, j);
      default: throw new Unexplained(); // compl of a varying relation, universe, rec groups
    }
  }

  /** Explain that event i is in set `id`. */
  element(id: number, i: number): void {
    const n = this.node(id);
    if (!n.dynamic) return;
    const key = `${id}:${i}`;
    if (this.done.has(key)) return;
    this.done.add(key);
    switch (n.op) {
      case 'union':
        if (this.set(n.a).has(i)) return this.element(n.a, i);
        return this.element(n.b, i);
      case 'inter':
        this.element(n.a, i);
        return this.element(n.b, i);
      case 'diff':
        if (this.node(n.b).dynamic) throw new Unexplained();
        return this.element(n.a, i);
      case 'domain': {
        const r = this.rel(n.a);
        for (let j = 0; j < r.n; j++) if (r.has(i, j)) return this.pair(n.a, i, j);
        throw new Error('internal: domain without a pair');
      }
      case 'range': {
        const r = this.rel(n.a);
        for (let j = 0; j < r.n; j++) if (r.has(j, i)) return this.pair(n.a, j, i);
        throw new Error('internal: range without a pair');
      }
      default: throw new Unexplained(); // FW, complements, rec groups
    }
  }

  /** A shortest path from i to j in relation `id` (breadth first), each edge explained. */
  private path(id: number, i: number, j: number): void {
    const r = this.rel(id);
    const prev = new Int32Array(r.n).fill(-1);
    const seen = new Uint8Array(r.n);
    const queue = [i];
    seen[i] = 1;
    let found = false;
    for (let q = 0; q < queue.length && !found; q++) {
      const u = queue[q]!;
      for (let v = 0; v < r.n; v++) {
        if (!r.has(u, v)) continue;
        if (v === j) { prev[v] = u; found = true; break; }
        if (!seen[v]) { seen[v] = 1; prev[v] = u; queue.push(v); }
      }
    }
    if (!found) throw new Error('internal: a closure edge without a path');
    const hops: [number, number][] = [];
    for (let v = j; ; ) {
      const u = prev[v]!;
      hops.push([u, v]);
      if (u === i) break;
      v = u;
    }
    for (const [u, v] of hops) this.pair(id, u, v);
  }
}
