/**
 * The cat operators, compiled and evaluated on a small hand-made execution with both algebras:
 * bit matrices (enum) and formula matrices (smt, read back through a solver model).
 */
import { describe, expect, it, afterAll } from 'vitest';
import { parseCat } from '../src/cat/parse.js';
import { compileModel } from '../src/cat/compile.js';
import type { Model } from '../src/cat/ir.js';
import { ModelEvaluator } from '../src/engine/evaluate.js';
import { bitAlgebra, type BitExecution } from '../src/engine/enum/algebra.js';
import { BitRel, BitSet } from '../src/engine/enum/bits.js';
import { smtAlgebra, formulas, type FRel, type FSet, type SmtExecution } from '../src/engine/smt/algebra.js';
import { shutdownZ3, withZ3 } from '../src/engine/smt/z3.js';

/** Events 0..4: 0 and 1 are writes, 2..4 reads; po: 0->2->3 (thread A); 1->4 (thread B); rf: 0->3, 1->2. */
const N = 5;
const REL: Record<string, [number, number][]> = {
  po: [[0, 2], [2, 3], [0, 3], [1, 4]],
  rf: [[0, 3], [1, 2]],
  co: [[0, 1]],
  id: [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]],
};
const SET: Record<string, number[]> = { W: [0, 1], R: [2, 3, 4], M: [0, 1, 2, 3, 4], T: [2] };

function bitExecution(): BitExecution {
  const all = new BitSet(N);
  for (let i = 0; i < N; i++) all.add(i);
  const rels = new Map<string, BitRel>();
  for (const [name, pairs] of Object.entries(REL)) { const r = new BitRel(N); for (const [a, b] of pairs) r.add(a, b); rels.set(name, r); }
  const sets = new Map<string, BitSet>();
  for (const [name, elems] of Object.entries(SET)) { const s = new BitSet(N); for (const e of elems) s.add(e); sets.set(name, s); }
  return { n: N, all, sets, rels };
}

function compile(src: string): Model {
  return compileModel(parseCat(src, 'test.cat').stmts, { tags: ['T'] });
}

/** The pairs (or elements) of the last `let` of `src`, with the bit algebra. */
function bits(src: string): string {
  const m = compile(src);
  const ev = new ModelEvaluator(m, bitAlgebra(bitExecution()));
  const id = [...m.names.values()].pop()!;
  const v = ev.get(id);
  return v instanceof BitSet ? [...v].join(' ') : [...(v as BitRel).pairs()].map(([a, b]) => `${a}${b}`).join(' ');
}

/** The same with the formula algebra: entries whose formula is true in a model of the (trivial) constraints. */
async function formulasOf(src: string): Promise<string> {
  return withZ3(async (ctx) => {
    const F_ = formulas(ctx);
    const constraints: ReturnType<typeof ctx.Bool.val>[] = [];
    let fresh = 0;
    const x: SmtExecution = {
      n: N,
      exec: Array.from({ length: N }, () => true as const),
      sets: new Map(Object.entries(SET).map(([k, es]) => [k, new Map(es.map((e) => [e, true as const]))])),
      rels: new Map(Object.entries(REL).map(([k, ps]) => {
        const r: FRel = new Map();
        for (const [a, b] of ps) { if (!r.has(a)) r.set(a, new Map()); r.get(a)!.set(b, true); }
        return [k, r];
      })),
      define: (f, hint) => { if (f === true) return f; const v = ctx.Bool.const(`${hint}${fresh++}`); constraints.push(ctx.Eq(v, f)); return v; },
      fresh: (hint) => ctx.Bool.const(`${hint}${fresh++}`),
      freshInt: (hint) => ctx.Int.const(`${hint}${fresh++}`),
      assert: (f) => constraints.push(f),
      spend: () => {},
    };
    const m = compile(src);
    const ev = new ModelEvaluator(m, smtAlgebra(x, F_));
    const id = [...m.names.values()].pop()!;
    const v = ev.get(id) as FSet | FRel;
    const solver = new ctx.Solver();
    for (const c of constraints) solver.add(c);
    expect(await solver.check()).toBe('sat');
    const model = solver.model();
    const on = (f: true | ReturnType<typeof ctx.Bool.val>) => f === true || ctx.isTrue(model.eval(f, true));
    const out: string[] = [];
    for (const [i, e] of v) {
      if (e instanceof Map) { for (const [j, f] of e) if (on(f)) out.push(`${i}${j}`); } else if (on(e)) out.push(`${i}`);
    }
    return out.sort().join(' ');
  });
}

const PRELUDE = 'let fr = (rf^-1 ; co) \\ id\n';

describe('cat operators on a small execution', () => {
  // each expected value computed by hand for the execution above
  const cases: [string, string][] = [
    ['let r = po | rf', '02 03 12 14 23'],
    ['let r = po & rf', '03'],
    ['let r = po \\ rf', '02 14 23'],
    ['let r = po ; rf', ''],
    ['let r = rf ; po', '13'],
    ['let r = rf^-1', '21 30'],
    ['let r = (po | rf)+', '02 03 12 13 14 23'],
    ['let r = [R] ; po', '23'],
    ['let r = W * T', '02 12'],
    ['let r = domain(po)', '0 1 2'],
    ['let r = range(rf)', '2 3'],
    ['let r = R \\ T', '3 4'],
    ['let r = ~(po | id) & (W * R)', '04 12 13'],
    ['let r = po?', '00 02 03 11 14 22 23 33 44'],
    ['let r = po*', '00 02 03 11 14 22 23 33 44'],
    [`${PRELUDE}let r = fr`, '31'],
    ['let f(s) = [s] ; po\nlet r = f(T)', '23'],
    ['let r = try undefined-name with rf', '03 12'],
    ['let rec r = rf | (r ; po)', '03 12 13'],
    ['let r = 0 | rf', '03 12'],
  ];
  for (const [src, want] of cases) {
    it(`${src.split('\n').pop()} = {${want}}`, async () => {
      const sorted = (x: string) => x.split(' ').filter(Boolean).sort().join(' ');
      expect(sorted(bits(src))).toBe(want);
      expect(await formulasOf(src)).toBe(want);
    });
  }
});

describe('model errors point at the model', () => {
  const errorOf = (src: string) => { try { compile(src); } catch (e) { return (e as Error).message; } return 'no error'; };
  it('an unknown name', () => expect(errorOf('let r = po | nope')).toBe("test.cat:1:14: unknown name 'nope'"));
  it('a set where a relation is needed', () => expect(errorOf('let r = W ; po')).toMatch(/^test\.cat:1:9: expected a relation, got a set/));
  it('a relation where a set is needed', () => expect(errorOf('let r = [po]')).toMatch(/^test\.cat:1:10: expected a set, got a relation/));
  it('a function applied to the wrong number of arguments', () => expect(errorOf('let f(x) = x\nlet r = f(po, rf)')).toMatch(/^test\.cat:2:9: 'f' takes 1 argument/));
});

afterAll(async () => { await shutdownZ3(); });
