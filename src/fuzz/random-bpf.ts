/**
 * Random small concurrent BPF tests, as litmus text: a few threads over a few locations, each a
 * short sequence of accesses drawn from every kind the model distinguishes (plain, acquire,
 * release, fetch atomics, non-fetch atomics, xchg, cmpxchg) with address, data and control
 * dependencies between them. Used to check that the two engines agree (and, with shrinking, to
 * find the smallest test on which they would not).
 */
import fc from 'fast-check';

export interface RandomTestOptions {
  maxThreads?: number; // default 3
  maxInstrs?: number; // per thread, default 3
  locations?: string[]; // default x, y
}

type Step =
  | { k: 'load' | 'acquire'; loc: number }
  | { k: 'store' | 'release'; loc: number; value: number; fromLast: boolean }
  | { k: 'fetch' | 'lock' | 'xchg'; loc: number; op: 'add' | 'or' }
  | { k: 'cmpxchg'; loc: number; expect: number }
  | { k: 'addr-load'; loc: number }
  | { k: 'ctrl'; value: number };

const arbStep = (nlocs: number): fc.Arbitrary<Step> => {
  const loc = fc.nat({ max: nlocs - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('load' as const, 'acquire' as const), loc }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constantFrom('store' as const, 'release' as const), loc, value: fc.integer({ min: 1, max: 2 }), fromLast: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('fetch' as const, 'lock' as const, 'xchg' as const), loc, op: fc.constantFrom('add' as const, 'or' as const) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('cmpxchg' as const), loc, expect: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('addr-load' as const), loc }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('ctrl' as const), value: fc.integer({ min: 0, max: 1 }) }) },
  );
};

/** The litmus text of one thread's steps; `reads` collects the registers whose final values are observed. */
function threadCode(steps: Step[], reads: string[]): string[] {
  const out: string[] = [];
  let next = 1; // r1..r5 hold values read; r6 computes addresses; r0 is cmpxchg's
  let last: string | undefined;
  let label = false;
  const base = (loc: number) => `r${7 + loc}`;
  const fresh = () => { const r = `r${next}`; next = next < 5 ? next + 1 : 1; return r; };
  for (const s of steps) {
    switch (s.k) {
      case 'load': case 'acquire': {
        const r = fresh();
        out.push(s.k === 'load' ? `${r} = *(u32 *)(${base(s.loc)} + 0)` : `${r} = load_acquire((u32 *)(${base(s.loc)} + 0))`);
        reads.push(r); last = r;
        break;
      }
      case 'store': case 'release': {
        const src = s.fromLast && last ? last : undefined;
        if (s.k === 'store') out.push(`*(u32 *)(${base(s.loc)} + 0) = ${src ?? s.value}`);
        else {
          const r = src ?? fresh();
          if (!src) out.push(`${r} = ${s.value}`);
          out.push(`store_release((u32 *)(${base(s.loc)} + 0), ${r})`);
        }
        break;
      }
      case 'fetch': case 'lock': case 'xchg': {
        const r = fresh();
        out.push(`${r} = 1`);
        if (s.k === 'fetch') out.push(`${r} = atomic_fetch_${s.op}((u64 *)(${base(s.loc)} + 0), ${r})`);
        else if (s.k === 'lock') out.push(`lock *(u64 *)(${base(s.loc)} + 0) ${s.op === 'add' ? '+=' : '|='} ${r}`);
        else out.push(`${r} = xchg_64(${base(s.loc)} + 0, ${r})`);
        if (s.k !== 'lock') { reads.push(r); last = r; }
        break;
      }
      case 'cmpxchg': {
        out.push(`r0 = ${s.expect}`, `r6 = 2`, `r0 = cmpxchg_64(${base(s.loc)} + 0, r0, r6)`);
        reads.push('r0'); last = 'r0';
        break;
      }
      case 'addr-load': {
        const r = fresh();
        const dep = last ?? 'r6';
        out.push(`r6 = ${dep}`, `r6 -= ${dep}`, `r6 += ${base(s.loc)}`, `${r} = *(u32 *)(r6 + 0)`);
        reads.push(r); last = r;
        break;
      }
      case 'ctrl':
        if (last) { out.push(`if ${last} == ${s.value} goto L`); label = true; }
        break;
    }
  }
  if (label) out.push('L:');
  return out;
}

export function arbBpfTest(opts: RandomTestOptions = {}): fc.Arbitrary<string> {
  const locs = opts.locations ?? ['x', 'y'];
  const thread = fc.array(arbStep(locs.length), { minLength: 1, maxLength: opts.maxInstrs ?? 3 });
  return fc
    .array(thread, { minLength: 2, maxLength: opts.maxThreads ?? 3 })
    .chain((threads) => {
      const reads = threads.map(() => [] as string[]);
      const code = threads.map((steps, t) => threadCode(steps, reads[t]!));
      const observed = reads.flatMap((rs, t) => [...new Set(rs)].map((r) => `${t}:${r}`));
      const atoms = observed.length > 0
        ? fc.subarray(observed, { minLength: 1 }).chain((obs) => fc.tuple(...obs.map((o) => fc.integer({ min: 0, max: 2 }).map((v) => `${o}=${v}`))))
        : fc.constant<string[]>([`[${locs[0]}]=1`]);
      return atoms.map((conds) => render(code, locs, conds));
    });
}

function render(code: string[][], locs: string[], conds: string[]): string {
  const init = code.map((_, t) => locs.map((l, i) => `${t}:r${7 + i}=${l};`).join(' ')).join('\n ');
  const rows = Math.max(...code.map((c) => c.length));
  const header = code.map((_, t) => `P${t}`).join(' | ');
  const table = Array.from({ length: rows }, (_, i) => code.map((c) => c[i] ?? '').join(' | ') + ' ;');
  return [`BPF random`, `{\n ${init}\n}`, `${header} ;`, ...table, `locations [${locs.join('; ')}]`, `exists (${conds.join(' /\\ ')})`, ''].join('\n');
}
