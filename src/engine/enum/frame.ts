/**
 * The events of one path combination (one path per thread) as bit-matrix primitives. The static
 * part (po, deps, tags, ...) is built once; each candidate adds its rf, co and final writes.
 */
import { DEP_KINDS, type MemEvent, type Skeleton, type ThreadPath } from '../../semantics/skeleton.js';
import type { BitExecution } from './algebra.js';
import { BitRel, BitSet } from './bits.js';

/** A candidate execution over the frame's local event indices. */
export interface Candidate {
  rf: Int32Array; // per event: the write it reads from, or -1
  co: number[][]; // per location: its writes in coherence order, the initial write (local index = location) first
  reads: Map<number, bigint>; // skeleton event id -> value read
  locOf: Int32Array; // per event: the location accessed (-1 for fences)
}

const STATIC_RELS = ['po', 'int', 'ext', 'id', 'rmw', 'amo', ...DEP_KINDS, 'loc'] as const;

export class ExecutionFrame {
  readonly ev: MemEvent[]; // local index -> event; initial writes first
  readonly local = new Map<number, number>(); // skeleton id -> local index
  readonly base: BitExecution;
  /** Some address depends on values read, so `loc` is per candidate. */
  readonly symbolic: boolean;

  constructor(
    readonly skel: Skeleton,
    readonly combo: ThreadPath[],
  ) {
    const ids = [...skel.events.filter((e) => e.thread < 0).map((e) => e.id), ...combo.flatMap((p) => p.events)];
    this.ev = ids.map((id) => skel.events[id]!);
    ids.forEach((id, i) => this.local.set(id, i));
    this.symbolic = this.ev.some((e) => (e.read || e.write) && e.addr.k !== 'const');
    this.base = this.staticExecution();
  }

  get po(): BitRel {
    return this.base.rels.get('po')!;
  }

  private staticExecution(): BitExecution {
    const n = this.ev.length;
    const all = new BitSet(n);
    const sets = new Map<string, BitSet>();
    for (const name of ['R', 'W', 'M', 'F', 'IW', ...this.skel.tagNames]) sets.set(name, new BitSet(n));
    const set = (name: string) => sets.get(name) ?? sets.set(name, new BitSet(n)).get(name)!;
    this.ev.forEach((e, i) => {
      all.add(i);
      if (e.read) set('R').add(i);
      if (e.write) set('W').add(i);
      if (e.read || e.write) set('M').add(i);
      if (e.fence) set('F').add(i);
      if (e.thread < 0) set('IW').add(i);
      for (const t of e.tags) set(t).add(i);
    });
    const rels = new Map<string, BitRel>(STATIC_RELS.map((name) => [name, new BitRel(n)]));
    const rel = (name: string) => rels.get(name)!;
    for (let i = 0; i < n; i++) {
      const a = this.ev[i]!;
      for (let j = 0; j < n; j++) {
        const b = this.ev[j]!;
        const sameThread = i === j || (a.thread >= 0 && a.thread === b.thread);
        rel(sameThread ? 'int' : 'ext').add(i, j);
        if (a.thread >= 0 && a.thread === b.thread && a.seq < b.seq) rel('po').add(i, j);
      }
      rel('id').add(i, i);
    }
    const at = (id: number) => this.local.get(id)!;
    for (const p of this.combo) {
      for (const k of DEP_KINDS) for (const [x, y] of p.deps[k]) rel(k).add(at(x), at(y));
      for (const [x, y] of p.rmw) rel('rmw').add(at(x), at(y));
      for (const [x, y] of p.amo) rel('amo').add(at(x), at(y));
    }
    if (!this.symbolic) this.fillLoc(rel('loc'), Int32Array.from(this.ev.map((e) => (e.read || e.write ? e.mayLocs[0]! : -1))));
    return { n, all, sets, rels };
  }

  private fillLoc(r: BitRel, locOf: Int32Array): void {
    for (let i = 0; i < this.ev.length; i++) {
      if (locOf[i]! < 0) continue;
      for (let j = 0; j < this.ev.length; j++) if (locOf[j] === locOf[i]) r.add(i, j);
    }
  }

  /** The primitives of one candidate: the static ones plus rf, co, FW (and loc when addresses vary). */
  execution(c: Candidate): BitExecution {
    const n = this.ev.length;
    const rf = new BitRel(n);
    for (let i = 0; i < n; i++) if (c.rf[i]! >= 0) rf.add(c.rf[i]!, i);
    const co = new BitRel(n);
    const fw = new BitSet(n);
    for (const chain of c.co) {
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
}
