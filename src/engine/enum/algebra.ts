/** The bit-matrix algebra over one candidate execution, for the shared model evaluator. */
import type { Algebra } from '../evaluate.js';
import { BitRel, BitSet } from './bits.js';

/** The primitive sets and relations of one candidate execution, over events 0..n-1. */
export interface BitExecution {
  n: number;
  all: BitSet;
  sets: Map<string, BitSet>; // R W M F IW FW and the ISA's tags
  rels: Map<string, BitRel>; // po loc int ext id rf co rmw amo addr data ctrl
}

export function bitAlgebra(x: BitExecution): Algebra<BitSet, BitRel> {
  const empty = new BitSet(x.n);
  const emptyRel = new BitRel(x.n);
  return {
    setPrim: (name) => (name === '_' ? x.all : x.sets.get(name) ?? empty),
    relPrim: (name) => x.rels.get(name) ?? emptyRel,
    emptySet: () => empty,
    emptyRel: () => emptyRel,
    allEvents: () => x.all,
    setUnion: (a, b) => a.union(b),
    setInter: (a, b) => a.inter(b),
    setDiff: (a, b) => a.diff(b),
    domain: (r) => r.domain(),
    range: (r) => r.range(),
    union: (a, b) => a.union(b),
    inter: (a, b) => a.inter(b),
    diff: (a, b) => a.diff(b),
    seq: (a, b) => a.seq(b),
    inverse: (r) => r.inverse(),
    plus: (r) => r.plus(),
    star: (r) => r.plus().withIdentity(x.all),
    opt: (r) => r.withIdentity(x.all),
    idset: (s) => BitRel.identity(s),
    prod: (a, b) => BitRel.product(a, b),
    fixpoint(types, step) {
      let cur: (BitSet | BitRel)[] = types.map((t) => (t === 'set' ? empty : emptyRel));
      // a monotone definition grows at each step, so it stabilises within n*n steps
      for (let step_ = 0; step_ <= x.n * x.n + 1; step_++) {
        const next = step(cur);
        if (next.every((v, i) => sameBits(v, cur[i]!))) return next;
        cur = next;
      }
      throw new Error('a let rec definition does not reach a fixpoint (is it monotone?)');
    },
  };
}

function sameBits(a: BitSet | BitRel, b: BitSet | BitRel): boolean {
  const x = a instanceof BitSet ? a.w : a.m;
  const y = b instanceof BitSet ? b.w : (b as BitRel).m;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
