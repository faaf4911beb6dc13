/**
 * Sets and relations over the n events of one candidate execution, as bit vectors and bit
 * matrices (one row of 32-bit words per event). Values are immutable once built.
 */

export class BitSet {
  constructor(
    readonly n: number,
    readonly w: Uint32Array = new Uint32Array((n + 31) >>> 5),
  ) {}
  has(i: number): boolean {
    return (this.w[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
  add(i: number): void {
    this.w[i >>> 5]! |= 1 << (i & 31);
  }
  map2(o: BitSet, f: (a: number, b: number) => number): BitSet {
    const r = new BitSet(this.n);
    for (let k = 0; k < r.w.length; k++) r.w[k] = f(this.w[k]!, o.w[k]!);
    return r;
  }
  union(o: BitSet): BitSet { return this.map2(o, (a, b) => a | b); }
  inter(o: BitSet): BitSet { return this.map2(o, (a, b) => a & b); }
  diff(o: BitSet): BitSet { return this.map2(o, (a, b) => a & ~b); }
  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.n; i++) if (this.has(i)) yield i;
  }
}

export class BitRel {
  readonly words: number;
  constructor(
    readonly n: number,
    readonly m: Uint32Array = new Uint32Array(n * ((n + 31) >>> 5)),
  ) {
    this.words = (n + 31) >>> 5;
  }
  has(i: number, j: number): boolean {
    return (this.m[i * this.words + (j >>> 5)]! & (1 << (j & 31))) !== 0;
  }
  add(i: number, j: number): void {
    this.m[i * this.words + (j >>> 5)]! |= 1 << (j & 31);
  }
  isEmpty(): boolean {
    for (let k = 0; k < this.m.length; k++) if (this.m[k] !== 0) return false;
    return true;
  }
  *pairs(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.n; i++) for (let j = 0; j < this.n; j++) if (this.has(i, j)) yield [i, j];
  }

  private map2(o: BitRel, f: (a: number, b: number) => number): BitRel {
    const r = new BitRel(this.n);
    for (let k = 0; k < r.m.length; k++) r.m[k] = f(this.m[k]!, o.m[k]!);
    return r;
  }
  union(o: BitRel): BitRel { return this.map2(o, (a, b) => a | b); }
  inter(o: BitRel): BitRel { return this.map2(o, (a, b) => a & b); }
  diff(o: BitRel): BitRel { return this.map2(o, (a, b) => a & ~b); }

  /** Complement within `among` x `among` (the events of the execution). */
  compl(among: BitSet): BitRel {
    return BitRel.product(among, among).diff(this);
  }

  seq(o: BitRel): BitRel {
    const r = new BitRel(this.n);
    const W = this.words;
    for (let i = 0; i < this.n; i++) {
      const row = i * W;
      for (let k = 0; k < this.n; k++) {
        if (!(this.m[row + (k >>> 5)]! & (1 << (k & 31)))) continue;
        const orow = k * W;
        for (let x = 0; x < W; x++) r.m[row + x]! |= o.m[orow + x]!;
      }
    }
    return r;
  }

  inverse(): BitRel {
    const r = new BitRel(this.n);
    for (const [i, j] of this.pairs()) r.add(j, i);
    return r;
  }

  /** Transitive closure (Warshall, row-wise). */
  plus(): BitRel {
    const r = new BitRel(this.n, this.m.slice());
    const W = this.words;
    for (let k = 0; k < this.n; k++) {
      const krow = k * W;
      for (let i = 0; i < this.n; i++) {
        if (!(r.m[i * W + (k >>> 5)]! & (1 << (k & 31)))) continue;
        const irow = i * W;
        for (let x = 0; x < W; x++) r.m[irow + x]! |= r.m[krow + x]!;
      }
    }
    return r;
  }

  withIdentity(among: BitSet): BitRel {
    const r = new BitRel(this.n, this.m.slice());
    for (const i of among) r.add(i, i);
    return r;
  }

  domain(): BitSet {
    const s = new BitSet(this.n);
    for (let i = 0; i < this.n; i++) {
      for (let x = 0; x < this.words; x++) if (this.m[i * this.words + x] !== 0) { s.add(i); break; }
    }
    return s;
  }
  range(): BitSet {
    const s = new BitSet(this.n);
    for (let i = 0; i < this.n; i++) for (let x = 0; x < this.words; x++) s.w[x]! |= this.m[i * this.words + x]!;
    return s;
  }

  isIrreflexive(): boolean {
    for (let i = 0; i < this.n; i++) if (this.has(i, i)) return false;
    return true;
  }

  /** A cycle as a list of events, or undefined when the relation is acyclic (iterative DFS). */
  findCycle(): number[] | undefined {
    const state = new Uint8Array(this.n); // 0 new, 1 on stack, 2 done
    const parent = new Int32Array(this.n).fill(-1);
    for (let s = 0; s < this.n; s++) {
      if (state[s] !== 0) continue;
      const stack: [number, number][] = [[s, 0]];
      state[s] = 1;
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const [v, next] = top;
        let j = next;
        while (j < this.n && !this.has(v, j)) j++;
        if (j >= this.n) { state[v] = 2; stack.pop(); continue; }
        top[1] = j + 1;
        if (state[j] === 1) {
          const cycle = [j];
          for (let u = v; u !== j; u = parent[u]!) cycle.push(u);
          return cycle.reverse();
        }
        if (state[j] === 0) { state[j] = 1; parent[j] = v; stack.push([j, 0]); }
      }
    }
    return undefined;
  }

  static identity(s: BitSet): BitRel {
    const r = new BitRel(s.n);
    for (const i of s) r.add(i, i);
    return r;
  }
  static product(a: BitSet, b: BitSet): BitRel {
    const r = new BitRel(a.n);
    for (const i of a) r.m.set(b.w, i * r.words);
    return r;
  }
}
