/**
 * fast-check arbitraries for cycle-shaped BPF tests: a classic shape (MP, SB, LB, WRC, ISA2,
 * IRIW, 2+2W, S, R, Z6.x, 3.SB, 3.LB) with a random connection on each thread (program order,
 * a dependency, or a full-barrier idiom: fetch-add, fetch-or, xchg or a successful cmpxchg on a
 * private location) and random annotations on the accesses. Shrinking goes to the first choice
 * of each list, so a counterexample shrinks towards a small shape, plain accesses and program order.
 */
import fc from 'fast-check';
import { CycleError, parseEdge, type Annotation, type Dir } from './cycle.js';
import { cycleTest, type CycleTest } from './cycle-test.js';

/** Shapes as their communication edges; `_XY` is a thread's connection from an X to a Y access. */
const SHAPES: string[] = [
  '_WR Fre _WR Fre', // SB
  '_WW Rfe _RR Fre', // MP
  '_RW Rfe _RW Rfe', // LB
  '_WW Coe _WR Fre', // R
  '_WW Rfe _RW Coe', // S
  '_WW Coe _WW Coe', // 2+2W
  'Rfe _RW Rfe _RR Fre', // WRC
  '_WW Rfe _RW Rfe _RR Fre', // ISA2
  'Rfe _RR Fre Rfe _RR Fre', // IRIW
  '_WR Fre _WR Fre _WR Fre', // 3.SB
  '_RW Rfe _RW Rfe _RW Rfe', // 3.LB
  '_WW Rfe _RW Coe _WR Fre', // Z6.0
  '_WW Coe _WW Rfe _RR Fre', // Z6.3
];

/** The connections a thread may have between an X and a Y access, simplest first. */
function connections(x: Dir, y: Dir): string[] {
  const out = ['Pod', 'Fenced'];
  if (x === 'R') out.push('DpAddrd', 'DpCtrld');
  if (x === 'R' && y === 'W') out.push('DpDatad');
  return out;
}

/** Full-barrier idioms the Fenced edges may use (each a value-returning atomic). */
export const FENCE_IDIOMS = ['fetch_add', 'fetch_or', 'xchg', 'cmpxchg'] as const;
export type FenceIdiom = (typeof FENCE_IDIOMS)[number];

const READ_ANNS: Annotation[] = ['P', 'A', 'F'];
const WRITE_ANNS: Annotation[] = ['P', 'L', 'X', 'S', 'C'];

export interface CycleCase {
  cycle: string;
  fence: FenceIdiom;
}

/** The most edges a shape has: every choice list is this long, so each shrinks on its own. */
const MAX_EDGES = Math.max(...SHAPES.map((s) => s.split(' ').length));

export const arbCycleCase: fc.Arbitrary<CycleCase> = fc
  .record({
    shape: fc.nat({ max: SHAPES.length - 1 }),
    kinds: fc.array(fc.nat({ max: 4 }), { minLength: MAX_EDGES, maxLength: MAX_EDGES }),
    anns: fc.array(annotation(), { minLength: MAX_EDGES, maxLength: MAX_EDGES }),
    fence: fc.constantFrom(...FENCE_IDIOMS),
  })
  .map(({ shape, kinds, anns, fence }) => {
    const tokens = SHAPES[shape]!.split(' ');
    const edges = tokens.map((t, i) => {
      if (!t.startsWith('_')) return t;
      const options = connections(t[1] as Dir, t[2] as Dir);
      return options[kinds[i]! % options.length]!;
    });
    return { cycle: annotate(tokens, edges, anns), fence };
  });

/** Each access gets its annotation: the source of the edge that leaves it carries it. */
function annotate(tokens: string[], edges: string[], anns: number[]): string {
  return tokens.map((t, i) => {
    const name = t.startsWith('_') ? `${edges[i]}${edges[i] === 'DpDatad' || edges[i] === 'DpAddrd' || edges[i] === 'DpCtrld' ? t[2] : t.slice(1)}` : t;
    const e = parseEdge(name);
    const pick = (d: Dir, k: number) => (d === 'R' ? READ_ANNS : WRITE_ANNS)[k % (d === 'R' ? READ_ANNS.length : WRITE_ANNS.length)]!;
    const src = pick(e.src, anns[i]!);
    return src === 'P' ? name : `${name}${src}P`;
  }).join(' ');
}

/** An annotation choice: mostly plain (0), otherwise one of the kinds. */
function annotation(): fc.Arbitrary<number> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) });
}

/** The test of a case; undefined for the rare combination that makes no valid cycle. */
export function caseTest(c: CycleCase): CycleTest | undefined {
  try {
    return cycleTest(c.cycle, c.fence);
  } catch (e) {
    if (e instanceof CycleError) return undefined;
    throw e;
  }
}
