/**
 * Weaker instruction sequences a JIT might emit, per family of BPF operations, as rewrites of the
 * table's current rows: data for the barrier search (src/jit/barriers.ts). Each candidate lists
 * instruction rewrites (a pattern and its replacement, applied to each instruction; an empty
 * replacement drops the instruction); candidates are listed weakest first.
 */
import type { Annotation } from '../fuzz/cycle.js';
import type { FenceIdiom } from '../fuzz/arb-cycle.js';

export interface Candidate {
  label: string;
  rewrites: [RegExp, string][];
}

export interface OpFamily {
  name: string;
  /** Row keys the family covers (a prefix: `load_acquire.` covers every size). */
  ops: string[];
  /** How generated tests exercise the family: an access annotation, and/or the fence idiom. */
  letter?: Annotation;
  fence?: FenceIdiom;
  candidates: Candidate[];
}

const drop = (re: RegExp): [RegExp, string] => [re, ''];

const LSE_FETCH = (suffix: string): Candidate => ({
  label: `LD<op>${suffix}`,
  rewrites: [[/^(LDADD|LDCLR|LDSET|LDEOR)AL\b/, `$1${suffix}`]],
});

/**
 * JITs whose sequences have no barrier or annotation to weaken: mips64 (bare lld/scd loops),
 * sparc64 (a cas loop for the one atomic it JITs), riscv32 (a relaxed amoadd.w); the search
 * reports that their current sequences are already the weakest.
 */
export const NOTHING_TO_WEAKEN = new Set(['mips64', 'sparc64', 'riscv32']);

export const CANDIDATES: Record<string, OpFamily[]> = {
  arm64: [
    {
      name: 'load_acquire', ops: ['load_acquire.'], letter: 'A',
      candidates: [{ label: 'LDR', rewrites: [[/^LDAR/, 'LDR']] }, { label: 'LDAPR', rewrites: [[/^LDAR/, 'LDAPR']] }],
    },
    { name: 'store_release', ops: ['store_release.'], letter: 'L', candidates: [{ label: 'STR', rewrites: [[/^STLR/, 'STR']] }] },
    {
      name: 'fetch ops', ops: ['atomic.fetch_'], letter: 'F', fence: 'fetch_add',
      candidates: [LSE_FETCH(''), LSE_FETCH('A'), LSE_FETCH('L')],
    },
    {
      name: 'xchg', ops: ['xchg.'], letter: 'S', fence: 'xchg',
      candidates: [{ label: 'SWP', rewrites: [[/^SWPAL/, 'SWP']] }, { label: 'SWPA', rewrites: [[/^SWPAL/, 'SWPA']] }, { label: 'SWPL', rewrites: [[/^SWPAL/, 'SWPL']] }],
    },
    {
      name: 'cmpxchg', ops: ['cmpxchg.'], letter: 'C', fence: 'cmpxchg',
      candidates: [{ label: 'CAS', rewrites: [[/^CASAL/, 'CAS']] }, { label: 'CASA', rewrites: [[/^CASAL/, 'CASA']] }, { label: 'CASL', rewrites: [[/^CASAL/, 'CASL']] }],
    },
  ],
  'arm64-llsc': [
    {
      name: 'load_acquire', ops: ['load_acquire.'], letter: 'A',
      candidates: [{ label: 'LDR', rewrites: [[/^LDAR/, 'LDR']] }, { label: 'LDAPR', rewrites: [[/^LDAR/, 'LDAPR']] }],
    },
    {
      name: 'fetch ops, xchg', ops: ['atomic.fetch_', 'xchg.'], letter: 'F', fence: 'fetch_add',
      candidates: [
        { label: 'LDXR/STXR, no DMB', rewrites: [[/^STLXR/, 'STXR'], drop(/^DMB ISH$/)] },
        { label: 'LDXR/STLXR, no DMB', rewrites: [drop(/^DMB ISH$/)] },
        { label: 'LDAXR/STLXR, no DMB', rewrites: [[/^LDXR/, 'LDAXR'], drop(/^DMB ISH$/)] },
        { label: 'LDXR/STXR + DMB ISH', rewrites: [[/^STLXR/, 'STXR']] },
      ],
    },
  ],
  'x86-64': [
    // a plain store instead of the implicitly locked xchg: no barrier (and no old value)
    { name: 'xchg', ops: ['xchg.'], letter: 'S', fence: 'xchg', candidates: [{ label: 'mov (no lock)', rewrites: [[/^xchg([lq]) /, 'mov$1 ']] }] },
    { name: 'fetch add', ops: ['atomic.fetch_add.'], letter: 'F', fence: 'fetch_add', candidates: [{ label: 'xadd (no lock)', rewrites: [[/^lock xadd/, 'xadd']] }] },
  ],
  s390x: [
    { name: 'fetch ops', ops: ['atomic.fetch_'], letter: 'F', fence: 'fetch_add', candidates: [{ label: 'no bcr 14,0', rewrites: [drop(/^bcr 14,0$/)] }] },
  ],
  loongarch64: [
    { name: 'load_acquire', ops: ['load_acquire.'], letter: 'A', candidates: [{ label: 'no dbar', rewrites: [drop(/^dbar /)] }] },
    { name: 'store_release', ops: ['store_release.'], letter: 'L', candidates: [{ label: 'no dbar', rewrites: [drop(/^dbar /)] }] },
    {
      name: 'fetch ops, xchg', ops: ['atomic.fetch_', 'xchg.'], letter: 'F', fence: 'fetch_add',
      candidates: [{ label: 'am<op> (no _db)', rewrites: [[/^am(\w+)_db\./, 'am$1.']] }],
    },
  ],
  riscv64: [
    { name: 'load_acquire', ops: ['load_acquire.'], letter: 'A', candidates: [{ label: 'no fence', rewrites: [drop(/^fence r,rw$/)] }, { label: 'fence r,r', rewrites: [[/^fence r,rw$/, 'fence r,r']] }] },
    { name: 'store_release', ops: ['store_release.'], letter: 'L', candidates: [{ label: 'no fence', rewrites: [drop(/^fence rw,w$/)] }, { label: 'fence w,w', rewrites: [[/^fence rw,w$/, 'fence w,w']] }] },
    {
      name: 'fetch ops', ops: ['atomic.fetch_'], letter: 'F', fence: 'fetch_add',
      candidates: [{ label: 'amo', rewrites: [[/^(amo\w+\.[wd])\.aqrl/, '$1']] }, { label: 'amo.aq', rewrites: [[/^(amo\w+\.[wd])\.aqrl/, '$1.aq']] }, { label: 'amo.rl', rewrites: [[/^(amo\w+\.[wd])\.aqrl/, '$1.rl']] }],
    },
    {
      name: 'xchg', ops: ['xchg.'], letter: 'S', fence: 'xchg',
      candidates: [{ label: 'amoswap', rewrites: [[/^(amoswap\.[wd])\.aqrl/, '$1']] }, { label: 'amoswap.aq', rewrites: [[/^(amoswap\.[wd])\.aqrl/, '$1.aq']] }, { label: 'amoswap.rl', rewrites: [[/^(amoswap\.[wd])\.aqrl/, '$1.rl']] }],
    },
    {
      name: 'cmpxchg', ops: ['cmpxchg.'], letter: 'C', fence: 'cmpxchg',
      candidates: [
        { label: 'sc, no fence', rewrites: [[/^(sc\.[wd])\.rl/, '$1'], drop(/^fence rw,rw$/)] },
        { label: 'sc + fence rw,rw', rewrites: [[/^(sc\.[wd])\.rl/, '$1']] },
        { label: 'sc.rl, no fence', rewrites: [drop(/^fence rw,rw$/)] },
      ],
    },
  ],
  // zacas: the same as riscv64 but cmpxchg is one amocas
  ppc64: [
    { name: 'load_acquire', ops: ['load_acquire.'], letter: 'A', candidates: [{ label: 'no lwsync', rewrites: [drop(/^lwsync$/)] }] },
    { name: 'store_release', ops: ['store_release.'], letter: 'L', candidates: [{ label: 'no lwsync', rewrites: [drop(/^lwsync$/)] }] },
    {
      name: 'fetch ops, xchg, cmpxchg', ops: ['atomic.fetch_', 'xchg.', 'cmpxchg.'], letter: 'F', fence: 'fetch_add',
      candidates: [
        { label: 'no sync', rewrites: [drop(/^sync$/)] },
        { label: 'lwsync before and after', rewrites: [[/^sync$/, 'lwsync']] },
      ],
    },
  ],
};

// JITs that share most rows with another: the same candidates, with their own where they differ
CANDIDATES['riscv64-zacas'] = [
  ...CANDIDATES.riscv64!.filter((f) => f.name !== 'cmpxchg'),
  {
    name: 'cmpxchg', ops: ['cmpxchg.'], letter: 'C', fence: 'cmpxchg',
    candidates: [
      { label: 'amocas', rewrites: [[/^(amocas\.[wd])\.aqrl/, '$1']] },
      { label: 'amocas.aq', rewrites: [[/^(amocas\.[wd])\.aqrl/, '$1.aq']] },
      { label: 'amocas.rl', rewrites: [[/^(amocas\.[wd])\.aqrl/, '$1.rl']] },
    ],
  },
];
CANDIDATES.ppc32 = CANDIDATES.ppc64!.filter((f) => !f.name.endsWith('acquire') && !f.name.endsWith('release'));
