/**
 * s390x: arch/s390/net/bpf_jit_comp.c (bpf_jit_insn), as of the tree after 68378982f0b2
 * "s390/bpf: Emit a barrier for BPF_FETCH instructions" (Ilya Leoshkevich, v6.10).
 *
 * Atomics (BPF_STX | BPF_ATOMIC, the EMIT_ATOMIC macro and the BPF_XCHG / BPF_CMPXCHG cases):
 *  - add/and/or/xor without fetch: `laal/lan/lao/lax[g] %w0,%src,off(%dst)`: an interlocked
 *    access, atomic but not serializing (relaxed, as the LKMM's atomic_<op>() may be);
 *  - with fetch: `laal/lan/lao/lax[g] %src,%src,off(%dst)`, then `bcr 14,0` (the fix: "see
 *    atomic_fetch_{add,and,or,xor}()"), then, for W, the zero-extension of %src;
 *  - xchg: `ly/lg %w0,off(%dst)`, then the retry loop `0: csy/csg %w0,%src,off(%dst); brc 4,0b`,
 *    then `llgfr/lgr %src,%w0`: compare and swap serializes, no bcr needed;
 *  - cmpxchg: `csy/csg %r14 (BPF R0),%src,off(%dst)`: serializing on success and on failure.
 * load_acquire / store_release: not JITed. jit-lowering.md records no s390x case for
 * BPF_LOAD_ACQ / BPF_STORE_REL (*unverified*); on a TSO machine a plain load and store would
 * do, but the rows follow the reference and leave them to the interpreter.
 *
 * Register map (reg2hex[]): R0 %r14, R1-R5 %r2-%r6, R6-R9 %r7-%r10, R10 (FP) %r13, AX %r12;
 * work registers REG_W0 %r0 and REG_W1 %r1 ({tmp1} {tmp2}). Registers are written `%rN` in the
 * code and `rN` in states, as bpf-herd's s390x front end names them.
 *
 * Conventions of these rows:
 *  - Offsets: templates have no `{off}`, so accesses are at displacement 0 from the BPF base
 *    register (bpf-herd rejects other offsets from a location anyway).
 *  - ALU32 results are zero-extended with `llgfr %dst,%dst`: the JIT's EMIT_ZERO, or, with
 *    verifier_zext (bpf_jit_needs_zext() is true on s390), the explicit zero-extension the
 *    verifier inserts, which the JIT emits as the same llgfr.
 *  - Immediates are loaded with `lgfi` (sign-extended, as BPF's imm32) into %w0/%w1 where the
 *    JIT uses an immediate form the front end lacks or whose operand the template cannot
 *    compute (agfi -imm, nilf, llilf of a negative); the value is the same.
 *  - Not modelled (the s390x front end lacks them): multiply, divide and remainder
 *    (msgr/msgfi, dlgr/dlr, dsgr), shifts (sllg/srlg/srag, sll/srl/sra), and the byte-reversing
 *    instructions (lrvr/lrvgr). Byte swaps are also endianness-dependent: s390x is big-endian,
 *    where BPF's `le` swaps and `be` only truncates, while bpf-herd's BPF semantics take a
 *    little-endian host.
 *
 * Stronger than the BPF model needs: cmpxchg is fully ordered even when it fails (CS
 * serializes), where the LKMM orders nothing: litmus/SB+fail-cmpxchg and the shared
 * SB+fence+fail_cmpxchg, MP+fcas-{ctrl,data}-fcas+scas-scas come out `stronger` because of it.
 * The other `stronger` results (LB, MP, ISA2 with plain accesses, two interlocked accesses to one
 * location in SB+lock-adds) are TSO itself, not a choice of the JIT.
 */
import type { JitTable, Row } from '../table.js';

const FILE = 'arch/s390/net/bpf_jit_comp.c';
const src = (fn = 'bpf_jit_insn') => ({ file: FILE, fn });
const BODY = src();

type Width = 64 | 32;
const W0 = '%r0'; // REG_W0
const W1 = '%r1'; // REG_W1
const zext = (w: Width, r = '%{dst}') => (w === 32 ? [`llgfr ${r},${r}`] : []);
const ZEXT_NOTE = 'ALU32: the result is zero-extended with llgfr (EMIT_ZERO, or the zero-extension the verifier inserts)';
const note = (w: Width, extra?: string) => {
  const parts = [w === 32 ? ZEXT_NOTE : undefined, extra].filter(Boolean);
  return parts.length > 0 ? { note: parts.join('; ') } : {};
};

const NO_MULDIV = (what: string) =>
  `not modelled: the JIT emits ${what}, which bpf-herd's s390x front end lacks (no multiply, divide or remainder)`;
const NO_SHIFT = (what: string) => `not modelled: the JIT emits ${what}, which bpf-herd's s390x front end lacks (no shift instructions)`;

// ---------------------------------------------------------------- ALU

const ALU_REG: Record<string, [string, string]> = {
  add: ['agr', 'ar'], sub: ['sgr', 'sr'], and: ['ngr', 'nr'], or: ['ogr', 'or'], xor: ['xgr', 'xr'],
};
const MULDIV: Record<string, [string, string]> = {
  mul: ['msgr', 'msr'], div: ['dlgr', 'dlr'], sdiv: ['dsgr', 'dsgfr'], mod: ['dlgr', 'dlr'], smod: ['dsgr', 'dsgfr'],
};
const SHIFTS: Record<string, [string, string]> = { lsh: ['sllg', 'sll'], rsh: ['srlg', 'srl'], arsh: ['srag', 'sra'] };

function aluRows(w: Width): Row[] {
  const i = w === 64 ? 0 : 1;
  const rows: Row[] = [
    { op: `mov${w}.reg`, emit: [w === 64 ? 'lgr %{dst},%{src}' : 'llgfr %{dst},%{src}'], source: BODY },
    {
      op: `mov${w}.imm`, emit: ['lgfi %{dst},{imm}', ...zext(w)], source: BODY,
      ...note(w, w === 64 ? 'lgfi: the 32-bit immediate sign-extended (a 64-bit `ll` immediate beyond 32 bits would need llihf/oilf, which the front end lacks)'
        : 'the JIT emits llilf %dst,imm (zero-extending); written as lgfi then llgfr, the same value for a negative immediate too'),
    },
    {
      op: `neg${w}`, emit: [w === 64 ? 'lghi %r0,0' : 'lhi %r0,0', `${w === 64 ? 'sgr' : 'sr'} %r0,%{dst}`, w === 64 ? 'lgr %{dst},%r0' : 'llgfr %{dst},%r0'],
      source: BODY, note: `the JIT emits ${w === 64 ? 'lcgr %dst,%dst' : 'lcr %dst,%dst then the zero-extension'} (load complement, not in the front end); written as 0 - dst through %w0: the same value from the same register`,
    },
  ];
  for (const [op, mn] of Object.entries(ALU_REG)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: [`${mn[i]} %{dst},%{src}`, ...zext(w)], source: BODY, ...note(w) });
  }
  rows.push({
    op: `alu${w}.add.imm`, emit: [`${w === 64 ? 'agfi' : 'afi'} %{dst},{imm}`, ...zext(w)], source: BODY,
    ...note(w, 'an immediate 0 emits nothing'),
  });
  for (const op of ['sub', 'and', 'or', 'xor']) {
    rows.push({
      op: `alu${w}.${op}.imm`, emit: [`lgfi ${W0},{imm}`, `${ALU_REG[op]![i]} %{dst},${W0}`, ...zext(w)], source: BODY,
      ...note(w, op === 'sub'
        ? `the JIT emits ${w === 64 ? 'agfi' : 'afi'} %dst,-imm; written as lgfi %w0,imm then ${ALU_REG[op]![i]} (the template cannot negate the immediate)`
        : w === 64 ? `the JIT loads the sign-extended immediate into %w0 (lgfi) and uses ${ALU_REG[op]![i]}` : `the JIT emits ${op[0]}ilf %dst,imm; written through %w0 (lgfi) and ${ALU_REG[op]![i]}: the same low word`),
    });
  }
  for (const [op, mn] of Object.entries(MULDIV)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: NO_MULDIV(mn[i]!), source: BODY });
    rows.push({ op: `alu${w}.${op}.imm`, emit: NO_MULDIV(`${mn[i]!} (after loading the immediate)`), source: BODY });
  }
  for (const [op, mn] of Object.entries(SHIFTS)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: NO_SHIFT(`${mn[i]!} %dst,%dst,0(%src)`), source: BODY });
    rows.push({ op: `alu${w}.${op}.imm`, emit: NO_SHIFT(`${mn[i]!} %dst,%dst,imm`), source: BODY });
  }
  return rows;
}

const extRows: Row[] = [
  {
    op: 'movsx32', emit: ['lgfr %{dst},%{src}'], source: BODY, note: 'rD = (s32) rS (cpu v4, only a 64-bit form exists)',
  },
  ...[8, 16].map((b): Row => ({
    op: `movsx${b}`,
    emit: `not modelled: the row key movsx${b} does not say whether the destination is w (ALU32, zero-extended: ${b === 8 ? 'lbr' : 'lhr'} then llgfr) or r (ALU64: ${b === 8 ? 'lgbr' : 'lghr'})`,
    source: BODY,
  })),
  ...(['be', 'le', 'swap'] as const).flatMap((k) => [16, 32, 64].map((b): Row => ({
    op: `bswap.${k}${b}`,
    emit: k === 'swap' || k === 'le'
      ? `not modelled: the JIT emits ${b === 64 ? 'lrvgr' : b === 32 ? 'lrvr' : 'lrvr; srl'} (byte reversal), which bpf-herd's s390x front end lacks${k === 'le' ? '; s390x is big-endian, so `le` swaps, while bpf-herd\'s BPF semantics take a little-endian host' : ''}`
      : `not modelled: s390x is big-endian, so \`be${b}\` only truncates (${b === 64 ? 'nothing' : b === 32 ? 'llgfr' : 'llghr'}), while bpf-herd's BPF semantics take a little-endian host, where it swaps: the two would disagree by construction`,
    source: BODY,
  }))),
];

// ---------------------------------------------------------------- jumps

/** The branch masks of the JIT (mask >> 12): 8 equal, 4 low, 2 high. */
const MASK: Record<string, number> = { eq: 8, ne: 7, gt: 2, ge: 10, lt: 4, le: 12, sgt: 2, sge: 10, slt: 4, sle: 12, set: 7 };

function jumpRows(w: Width): Row[] {
  const g = w === 64 ? 'g' : '';
  return Object.entries(MASK).flatMap(([c, m]): Row[] => {
    if (c === 'set') {
      return [
        {
          op: `jmp${w}.set.reg`, emit: [`lgr ${W1},%{dst}`, `n${g}r ${W1},%{src}`, `brc ${m},{target}`], source: BODY,
          note: 'branch_xt: lgr %w1,%dst; ngr (nr for JMP32) %w1,%src; then branch_oc: brc 7 (CC 1: a nonzero result)',
        },
        {
          op: `jmp${w}.set.imm`, emit: [`lgfi ${W1},{imm}`, `n${g}r ${W1},%{dst}`, `brc ${m},{target}`], source: BODY,
          note: 'lgfi %w1,imm; ngr (nr for JMP32) %w1,%dst; brc 7',
        },
      ];
    }
    const signed = c.startsWith('s');
    const cmpReg = signed ? `c${g}rj` : `cl${g}rj`;
    return [
      {
        op: `jmp${w}.${c}.reg`, emit: [`${cmpReg} %{dst},%{src},${m},{target}`], source: BODY,
        note: `branch_x${signed ? 's' : 'u'}: compare and branch (${cmpReg}), no condition code, no barrier`,
      },
      signed
        ? {
            op: `jmp${w}.${c}.imm`, emit: [`c${g}fi %{dst},{imm}`, `brc ${m},{target}`], source: BODY,
            note: `branch_ks: c${g}fi %dst,imm then brc (brcl for a far target)`,
          }
        : {
            op: `jmp${w}.${c}.imm`, emit: [`lgfi ${W1},{imm}`, `cl${g}rj %{dst},${W1},${m},{target}`], source: BODY,
            note: `branch_ku: lgfi %w1,imm (sign-extended) then cl${g}rj %dst,%w1`,
          },
    ];
  });
}

// ---------------------------------------------------------------- loads and stores

const LOAD: Record<number, string> = { 8: 'llgc', 16: 'llgh', 32: 'llgf', 64: 'lg' };
const LOAD_SIGNED: Record<number, string> = { 8: 'lgb', 16: 'lgh', 32: 'lgf' };
const STORE: Record<number, string> = { 8: 'stc', 16: 'sth', 32: 'st', 64: 'stg' };
const STORE_IMM_JIT: Record<number, string> = { 8: 'mvi off(%dst),imm', 16: 'mvhhi off(%dst),imm', 32: 'llilf %w0,imm; st %w0,off(%dst)', 64: 'lgfi %w0,imm; stg %w0,off(%dst)' };

const NOT_JITED_ACQREL = (what: string) =>
  `not JITed: jit-lowering.md records no s390x case for ${what} (*unverified*), so the JIT fails and the interpreter runs the program; on TSO a plain ${what === 'BPF_LOAD_ACQ' ? 'load' : 'store'} would do`;

function memRows(): Row[] {
  return ([8, 16, 32, 64] as const).flatMap((s): Row[] => [
    { op: `load.${s}`, emit: [`${LOAD[s]} %{dst},0(%{base})`], source: BODY, note: 'zero-extending load' },
    { op: `store.${s}`, emit: [`${STORE[s]} %{src},0(%{base})`], source: BODY },
    {
      op: `store-imm.${s}`, emit: [`lgfi ${W0},{imm}`, `${STORE[s]} ${W0},0(%{base})`], source: BODY,
      note: s === 64 ? 'lgfi %w0,imm; stg %w0' : `the JIT emits ${STORE_IMM_JIT[s]}${s < 32 ? ' (a storage-immediate move, not in the front end)' : ''}; written as lgfi %w0,imm then ${STORE[s]}: the same single store of the same value`,
    },
    { op: `load_acquire.${s}`, emit: NOT_JITED_ACQREL('BPF_LOAD_ACQ'), source: BODY },
    { op: `store_release.${s}`, emit: NOT_JITED_ACQREL('BPF_STORE_REL'), source: BODY },
    ...(s < 64 ? [{ op: `load-signed.${s}`, emit: [`${LOAD_SIGNED[s]} %{dst},0(%{base})`], source: BODY, note: 'BPF_MEMSX (cpu v4)' }] : []),
  ]);
}

// ---------------------------------------------------------------- atomics

const IA: Record<string, [string, string]> = { add: ['laal', 'laalg'], and: ['lan', 'lang'], or: ['lao', 'laog'], xor: ['lax', 'laxg'] };

function atomicRows(fixed: boolean): Row[] {
  return ([32, 64] as const).flatMap((w): Row[] => {
    const i = w === 64 ? 1 : 0;
    const rows: Row[] = [];
    for (const [op, mn] of Object.entries(IA)) {
      rows.push({
        op: `atomic.${op}.${w}`, emit: [`${mn[i]} ${W0},%{src},0(%{base})`], source: src(),
        note: 'EMIT_ATOMIC without BPF_FETCH: the old value goes to %w0 and is dropped; an interlocked access does not serialize (relaxed, as the LKMM allows)',
      });
      rows.push({
        op: `atomic.fetch_${op}.${w}`,
        emit: [`${mn[i]} %{src},%{src},0(%{base})`, ...(fixed ? ['bcr 14,0'] : []), ...(w === 32 ? ['llgfr %{src},%{src}'] : [])],
        source: src(),
        note: fixed
          ? `EMIT_ATOMIC with BPF_FETCH: the interlocked access, then bcr 14,0 ("see atomic_fetch_{add,and,or,xor}()", 68378982f0b2), which orders it before every later access${w === 32 ? '; then the zero-extension of the 32-bit old value' : ''}`
          : `before 68378982f0b2: the bare interlocked access, which does not serialize, so a store before it may pass a load after it${w === 32 ? '; then the zero-extension (EMIT_ZERO)' : ''}`,
      });
    }
    rows.push({
      op: `xchg.${w}`,
      emit: [`${w === 64 ? 'lg' : 'ly'} ${W0},0(%{base})`, '{L1}:', `${w === 64 ? 'csg' : 'csy'} ${W0},%{src},0(%{base})`, 'brc 4,{L1}', `${w === 64 ? 'lgr' : 'llgfr'} %{src},${W0}`],
      source: src(),
      note: 'load the old value into %w0, then compare and swap until it succeeds (brc 4: CC 1, the values differed); CS serializes, so xchg is fully ordered without a bcr',
    });
    rows.push({
      op: `cmpxchg.${w}`,
      emit: [`${w === 64 ? 'csg' : 'csy'} %{r0},%{src},0(%{base})`, ...(w === 32 ? ['llgfr %{r0},%{r0}'] : [])],
      source: src(),
      note: `one compare and swap with BPF R0 (%r14) as the expected and returned value; it serializes whether it succeeds or fails (stronger than the LKMM on failure)${w === 32 ? '; the llgfr is the w0 = w0 the verifier inserts after a 32-bit cmpxchg (39491867ace5)' : ''}`,
    });
    return rows;
  });
}

// ---------------------------------------------------------------- the table

export const s390x: JitTable = {
  name: 's390x',
  arch: 'S390X',
  description:
    'the s390x JIT (arch/s390/net/bpf_jit_comp.c, bpf_jit_insn) after 68378982f0b2: laal/lan/lao/lax[g] for the atomics, bcr 14,0 after the fetch variants only, '
    + 'xchg as an ly/lg + csy/csg retry loop, cmpxchg as one csy/csg; load-acquire and store-release are not JITed (per jit-lowering.md, unverified)',
  regs: { r0: 'r14', r1: 'r2', r2: 'r3', r3: 'r4', r4: 'r5', r5: 'r6', r6: 'r7', r7: 'r8', r8: 'r9', r9: 'r10', r10: 'r13' },
  scratch: ['r0', 'r1'],
  rows: [
    ...aluRows(64), ...aluRows(32), ...extRows, ...memRows(), ...atomicRows(true), ...jumpRows(64), ...jumpRows(32),
    { op: 'goto', emit: ['brc 15,{target}'], source: BODY, note: 'brc 0xf (brcl for a far target)' },
    { op: 'exit', emit: ['brc 15,{end}'], source: BODY, note: 'a branch to the epilogue (nothing for the last instruction)' },
  ],
  variants: {
    'before-68378982f0b2': {
      description:
        'before 68378982f0b2 "s390/bpf: Emit a barrier for BPF_FETCH instructions" (Ilya Leoshkevich, 2024-05-07, reported by Puranjay Mohan): '
        + 'the fetch ops are bare laal/lan/lao/lax[g] with no bcr 14,0 (introduced by ba3b86b9cef0 "s390/bpf: Implement new atomic ops", v5.13); '
        + 'an interlocked access does not serialize, so a store before it can be reordered with a load after it',
      rows: atomicRows(false).filter((r) => r.op.includes('fetch_')),
    },
  },
};
