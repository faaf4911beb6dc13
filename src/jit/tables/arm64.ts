/**
 * arm64: arch/arm64/net/bpf_jit_comp.c (bpf-next, 2025-2026). Loads and stores are plain LDR/STR
 * (build_insn); load-acquire and store-release are LDAR/STLR (emit_atomic_ld_st, 9bb12368d539);
 * the read-modify-write atomics are LSE instructions (emit_lse_atomic) when the CPU has
 * ARM64_HAS_LSE_ATOMICS, else exclusive-pair loops (emit_ll_sc_atomic). Two tables: `arm64`
 * (LSE) and `arm64-llsc` (no LSE); everything but the read-modify-write atomics is shared.
 *
 * Register map (bpf2a64[]): R0 x7, R1-R5 x0-x4, R6-R9 x19-x22, R10 (FP) x25, AX x9,
 * TMP_REG_1..3 x10..x12. ALU rows keep the JIT's operation and dependencies; where the JIT
 * emits an instruction the AArch64 front end does not model (MOVZ/MOVK, MSUB, SXTB...), the row
 * uses instructions that compute the same value from the same registers, and its note says so.
 *
 * Stronger than the BPF model needs (bpf-herd jit reports these tests `stronger`):
 *  - load_acquire as LDAR: RCsc, so a STLR before it in program order stays ordered before it
 *    ([L];po;[A] is in the Arm model's bob). BPF's load-acquire is RCpc (bpf.cat:
 *    load_acquire = [AQ];po;[M]), which LDAPR would give: the `ldapr` variant shows the
 *    difference (litmus/jit/SB+release-acquire+fetch-add.litmus, litmus/SB+release+acquire-rcpc.litmus:
 *    `stronger` with LDAR, `sound` with LDAPR).
 *  - cmpxchg as CASAL (LSE only): a CASAL whose comparison fails still reads with acquire
 *    semantics, where the LKMM (and bpf.cat) give a failed cmpxchg no ordering at all
 *    (litmus/jit/MP+release+fail-cmpxchg.litmus, conformance MP+fcas-ctrl-fcas+scas-scas and
 *    MP+fcas-data-fcas+scas-scas). The LL/SC loop's failure path is a plain LDXR that skips the
 *    DMB: exactly as strong as needed.
 * Other `stronger` results (2+2W+release+release, ISA2+release+acquire+acquire,
 * C-LB-GWR+R-A+R-A+R-A, X-test-r2) stay with LDAPR and appear on x86-64 too: they come from the
 * hardware models being multi-copy atomic, not from a choice of the JIT.
 *
 * Not an ordering matter, but found while checking: emit_ll_sc_atomic addresses memory through
 * dst when off = 0 and its LDXR writes src (R0 for cmpxchg); when that register is also the
 * address register, the STLXR and the retries use the loaded value as the address
 * (litmus/jit/xchg-src-is-address.litmus). The LSE forms read the address first.
 */
import type { JitTable, Row } from '../table.js';

const FILE = 'arch/arm64/net/bpf_jit_comp.c';
const src = (fn: string) => ({ file: FILE, fn });

const REGS = {
  r0: 'X7', r1: 'X0', r2: 'X1', r3: 'X2', r4: 'X3', r5: 'X4',
  r6: 'X19', r7: 'X20', r8: 'X21', r9: 'X22', r10: 'X25',
};
const AX = 'X9'; // BPF_REG_AX, the blinding/auxiliary register (not a {tmpN}: written literally)
const SCRATCH = ['X10', 'X11', 'X12']; // TMP_REG_1..3
const W = (x: string) => `W${x.slice(1)}`;
const REGS32 = Object.fromEntries([...Object.values(REGS), AX, ...SCRATCH].map((x) => [x, W(x)]));

type Width = 32 | 64;
/** A placeholder in the view of width `w`: `{dst}` or `{dst:32}`. */
const v = (name: string, w: Width) => (w === 64 ? `{${name}}` : `{${name}:32}`);

// ---------------------------------------------------------------- ALU (build_insn)

const ALU_REG: Record<string, string> = {
  add: 'ADD', sub: 'SUB', mul: 'MUL', div: 'UDIV', sdiv: 'SDIV', and: 'AND', or: 'ORR', xor: 'EOR',
  lsh: 'LSL', rsh: 'LSR', arsh: 'ASR',
};

function aluRows(w: Width): Row[] {
  const d = v('dst', w);
  const s = v('src', w);
  const t1 = v('tmp1', w);
  const t2 = v('tmp2', w);
  const rows: Row[] = [
    { op: `mov${w}.reg`, emit: [`MOV ${d},${s}`], source: src('build_insn') },
    {
      op: `mov${w}.imm`, emit: [`MOV ${d},#{imm}`], source: src(w === 64 ? 'emit_a64_mov_i64' : 'emit_a64_mov_i'),
      note: 'the JIT builds the constant with a MOVZ/MOVN/MOVK sequence (not in the AArch64 front end); written as one MOV of the same value',
    },
    { op: `neg${w}`, emit: [`NEG ${d},${d}`], source: src('build_insn') },
  ];
  for (const [op, mn] of Object.entries(ALU_REG)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: [`${mn} ${d},${d},${s}`], source: src('build_insn') });
  }
  for (const [op, div] of [['mod', 'UDIV'], ['smod', 'SDIV']] as const) {
    rows.push({
      op: `alu${w}.${op}.reg`,
      emit: [`${div} ${t1},${d},${s}`, `MUL ${t1},${t1},${s}`, `SUB ${d},${d},${t1}`],
      source: src('build_insn'),
      note: `the JIT emits ${div} tmp,dst,src; MSUB dst,tmp,src,dst. MSUB is not in the AArch64 front end: written as MUL then SUB (same value, same registers). A zero divisor gives tmp = 0 and leaves dst (as the verifier's div/mod-by-zero fixup wants)`,
    });
  }
  for (const op of ['add', 'sub', 'and', 'or', 'xor', 'lsh', 'rsh', 'arsh']) {
    rows.push({
      op: `alu${w}.${op}.imm`, emit: [`${ALU_REG[op]!} ${d},${d},#{imm}`], source: src('build_insn'),
      note: op === 'add' || op === 'sub'
        ? 'an immediate that does not fit ADD/SUB #imm12 (either sign) goes through tmp1 (MOV tmp,#imm; op dst,dst,tmp): same value'
        : op === 'and' || op === 'or' || op === 'xor'
          ? 'an immediate that is not a logical bitmask goes through tmp1 (MOV tmp,#imm; op dst,dst,tmp): same value'
          : undefined,
    });
  }
  rows.push({ op: `alu${w}.mul.imm`, emit: [`MOV ${t1},#{imm}`, `MUL ${d},${d},${t1}`], source: src('build_insn') });
  rows.push({ op: `alu${w}.div.imm`, emit: [`MOV ${t1},#{imm}`, `UDIV ${d},${d},${t1}`], source: src('build_insn') });
  rows.push({ op: `alu${w}.sdiv.imm`, emit: [`MOV ${t1},#{imm}`, `SDIV ${d},${d},${t1}`], source: src('build_insn') });
  for (const [op, div] of [['mod', 'UDIV'], ['smod', 'SDIV']] as const) {
    rows.push({
      op: `alu${w}.${op}.imm`,
      emit: [`MOV ${t2},#{imm}`, `${div} ${t1},${d},${t2}`, `MUL ${t1},${t1},${t2}`, `SUB ${d},${d},${t1}`],
      source: src('build_insn'),
      note: `the JIT emits MOV tmp2,#imm; ${div} tmp,dst,tmp2; MSUB dst,tmp,tmp2,dst; MSUB written as MUL then SUB`,
    });
  }
  return rows.map(({ note, ...r }) => (note === undefined ? r : { ...r, note }));
}

// ---------------------------------------------------------------- jumps (build_insn)

const CONDS: Record<string, string> = {
  eq: 'EQ', ne: 'NE', lt: 'LO', le: 'LS', gt: 'HI', ge: 'HS', slt: 'LT', sle: 'LE', sgt: 'GT', sge: 'GE', set: 'NE',
};

function jumpRows(w: Width): Row[] {
  const d = v('dst', w);
  const s = v('src', w);
  return Object.entries(CONDS).flatMap(([c, cc]): Row[] => {
    const cmp = c === 'set' ? 'TST' : 'CMP';
    return [
      { op: `jmp${w}.${c}.reg`, emit: [`${cmp} ${d},${s}`, `B.${cc} {target}`], source: src('build_insn') },
      {
        op: `jmp${w}.${c}.imm`, emit: [`${cmp} ${d},#{imm}`, `B.${cc} {target}`], source: src('build_insn'),
        note: c === 'set'
          ? 'TST #imm when the immediate is a logical bitmask, else MOV tmp,#imm; TST dst,tmp: same flags'
          : 'CMP #imm when the immediate fits imm12, CMN #-imm when its negation does, else MOV tmp,#imm; CMP dst,tmp: same flags',
      },
    ];
  });
}

// ---------------------------------------------------------------- loads and stores

const SUFFIX = { 8: 'B', 16: 'H', 32: '', 64: '' } as const;

function memRows(acquire: 'LDAR' | 'LDAPR'): Row[] {
  return ([8, 16, 32, 64] as const).flatMap((s): Row[] => {
    const sfx = SUFFIX[s];
    const w: Width = s === 64 ? 64 : 32;
    return [
      { op: `load.${s}`, emit: [`LDR${sfx} ${v('dst', w)},[{base}]`], source: src('build_insn') },
      { op: `store.${s}`, emit: [`STR${sfx} ${v('src', w)},[{base}]`], source: src('build_insn') },
      {
        op: `store-imm.${s}`, emit: [`MOV ${v('tmp1', w)},#{imm}`, `STR${sfx} ${v('tmp1', w)},[{base}]`], source: src('build_insn'),
        note: 'emit_a64_mov_i(1, tmp, imm) then STR tmp (tmp2 holds a large offset; offsets are not modelled)',
      },
      loadAcquire(s, acquire),
      { op: `store_release.${s}`, emit: [`STLR${sfx} ${v('src', w)},[{base}]`], source: src('emit_atomic_ld_st') },
    ];
  });
}

function loadAcquire(s: 8 | 16 | 32 | 64, mn: 'LDAR' | 'LDAPR'): Row {
  const w: Width = s === 64 ? 64 : 32;
  return {
    op: `load_acquire.${s}`, emit: [`${mn}${SUFFIX[s]} ${v('dst', w)},[{base}]`], source: src('emit_atomic_ld_st'),
    note: mn === 'LDAR'
      ? 'LDAR is RCsc: stronger than the RCpc load-acquire of the BPF model (a preceding STLR stays ordered before it); LDAPR would do (see the ldapr variant)'
      : 'not what the kernel emits: LDAPR (FEAT_LRCPC) is the RCpc acquire the BPF model asks for',
  };
}

/** Operations that opKey() produces but OP_KEYS does not list: signed loads, sign extension, byte swaps. */
const extraRows: Row[] = [
  { op: 'load-signed.8', emit: ['LDRSB {dst},[{base}]'], source: src('build_insn') },
  { op: 'load-signed.16', emit: ['LDRSH {dst},[{base}]'], source: src('build_insn') },
  { op: 'load-signed.32', emit: ['LDRSW {dst},[{base}]'], source: src('build_insn') },
  {
    op: 'movsx32', emit: ['LSL {dst},{src},#32', 'ASR {dst},{dst},#32'], source: src('build_insn'),
    note: 'the JIT emits SXTW dst,src (SBFM, not in the AArch64 front end): written as LSL then ASR, same value',
  },
  ...[8, 16].map((b): Row => ({
    op: `movsx${b}`, emit: `not modelled: the row key movsx${b} does not say whether the destination is w (ALU32, zero-extended) or r (ALU64), and the JIT's SXTB/SXTH differ between the two`,
    source: src('build_insn'),
  })),
  { op: 'bswap.le16', emit: ['AND {dst:32},{dst:32},#65535'], source: src('build_insn'), note: 'the JIT emits UXTH (UBFM); written as AND #0xffff' },
  { op: 'bswap.le32', emit: ['MOV {dst:32},{dst:32}'], source: src('build_insn') },
  { op: 'bswap.le64', emit: [], source: src('build_insn'), note: 'nothing: the host is little-endian' },
  ...['be16', 'be32', 'be64', 'swap16', 'swap32', 'swap64'].map((k): Row => ({
    op: `bswap.${k}`, emit: 'not modelled: the JIT emits REV16/REV32/REV, which the AArch64 front end lacks', source: src('build_insn'),
  })),
];

const common: Row[] = [
  ...aluRows(64),
  ...aluRows(32),
  ...memRows('LDAR'),
  ...jumpRows(64),
  ...jumpRows(32),
  { op: 'goto', emit: ['B {target}'], source: src('build_insn') },
  { op: 'exit', emit: ['B {end}'], source: src('build_insn'), note: 'a branch to the epilogue (none for the last instruction)' },
  ...extraRows,
];

/**
 * After a 32-bit cmpxchg the verifier inserts `w0 = w0` (39491867ace5 "bpf: Explicitly zero-extend
 * R0 after 32-bit cmpxchg", for every JIT), which arm64 lowers to MOV W7,W7.
 */
const ZEXT_R0 = 'MOV {r0:32},{r0:32}';
const ZEXT_NOTE = 'the trailing MOV is the w0 = w0 the verifier inserts after a 32-bit cmpxchg (39491867ace5)';

// ---------------------------------------------------------------- LSE (emit_lse_atomic)

const LSE_OP = { add: 'ADD', or: 'SET', xor: 'EOR' } as const;

function lseRows(w: Width): Row[] {
  const s = v('src', w);
  const t2 = v('tmp2', w);
  const at = src('emit_lse_atomic');
  return [
    ...(['add', 'or', 'xor'] as const).flatMap((op): Row[] => [
      { op: `atomic.${op}.${w}`, emit: [`ST${LSE_OP[op]} ${s},[{base}]`], source: at, note: 'no A/L: relaxed, as the LKMM\'s atomic_<op>()' },
      { op: `atomic.fetch_${op}.${w}`, emit: [`LD${LSE_OP[op]}AL ${s},${s},[{base}]`], source: at },
    ]),
    { op: `atomic.and.${w}`, emit: [`MVN ${t2},${s}`, `STCLR ${t2},[{base}]`], source: at, note: 'AND as bit clear of the complement; relaxed' },
    { op: `atomic.fetch_and.${w}`, emit: [`MVN ${t2},${s}`, `LDCLRAL ${t2},${s},[{base}]`], source: at },
    { op: `xchg.${w}`, emit: [`SWPAL ${s},${s},[{base}]`], source: at },
    {
      op: `cmpxchg.${w}`, emit: [`CASAL ${v('r0', w)},${s},[{base}]`, ...(w === 32 ? [ZEXT_R0] : [])], source: at,
      note: `a failing CASAL is still an acquire read: stronger than the LKMM, which orders nothing on failure${w === 32 ? `; ${ZEXT_NOTE}` : ''}`,
    },
  ];
}

// ---------------------------------------------------------------- LL/SC (emit_ll_sc_atomic)

const LLSC_OP = { add: 'ADD', and: 'AND', or: 'ORR', xor: 'EOR' } as const;

/**
 * With off = 0 the loop addresses memory through dst itself (reg = dst), and its LDXR writes
 * src (R0 for cmpxchg): when that is the address register, the STLXR and every retry use the
 * loaded value as the address (litmus/jit/xchg-src-is-address.litmus).
 */
const CLOBBER = (what: string) =>
  `As in the kernel, when ${what} is also the address register (and off = 0), the LDXR overwrites the address and the STLXR goes to the loaded value: a JIT bug for programs allowed to store pointers (litmus/jit/xchg-src-is-address.litmus)`;

function llscRows(w: Width): Row[] {
  const s = v('src', w);
  const t2 = v('tmp2', w);
  const status = '{tmp3:32}'; // A64_STXR/STLXR status and A64_CBNZ(0, tmp3): always a W register
  const ax = w === 64 ? AX : W(AX);
  const at = src('emit_ll_sc_atomic');
  return [
    ...(['add', 'and', 'or', 'xor'] as const).flatMap((op): Row[] => [
      {
        op: `atomic.${op}.${w}`,
        emit: ['{L1}:', `LDXR ${t2},[{base}]`, `${LLSC_OP[op]} ${t2},${t2},${s}`, `STXR ${status},${t2},[{base}]`, `CBNZ ${status},{L1}`],
        source: at, note: 'no acquire, no release, no barrier: relaxed, as the LKMM\'s atomic_<op>()',
      },
      {
        op: `atomic.fetch_${op}.${w}`,
        emit: [`MOV ${ax},${s}`, '{L1}:', `LDXR ${s},[{base}]`, `${LLSC_OP[op]} ${t2},${s},${ax}`, `STLXR ${status},${t2},[{base}]`, `CBNZ ${status},{L1}`, 'DMB ISH'],
        source: at, note: `ax is BPF_REG_AX (x9); STLXR then DMB ISH, as the kernel's __ll_sc_atomic_fetch_<op>(). ${CLOBBER('src')}`,
      },
    ]),
    {
      op: `xchg.${w}`,
      emit: [`MOV ${t2},${s}`, '{L1}:', `LDXR ${s},[{base}]`, `STLXR ${status},${t2},[{base}]`, `CBNZ ${status},{L1}`, 'DMB ISH'],
      source: at, note: CLOBBER('src'),
    },
    {
      op: `cmpxchg.${w}`,
      emit: [
        `MOV ${t2},${v('r0', w)}`, '{L1}:', `LDXR ${v('r0', w)},[{base}]`, `EOR ${v('tmp3', w)},${v('r0', w)},${t2}`, `CBNZ ${v('tmp3', w)},{L2}`,
        `STLXR ${status},${s},[{base}]`, `CBNZ ${status},{L1}`, 'DMB ISH', '{L2}:', ...(w === 32 ? [ZEXT_R0] : []),
      ],
      source: at,
      note: `the failure branch (CBNZ tmp3, +4) jumps past the DMB ISH: a failed cmpxchg is a plain LDXR, as the LKMM allows${w === 32 ? `; ${ZEXT_NOTE}` : ''}. ${CLOBBER('R0')}`,
    },
  ];
}

// ---------------------------------------------------------------- the tables

const LDAPR_VARIANT = {
  description:
    'not a kernel commit: load_acquire as LDAPR (FEAT_LRCPC, RCpc), the acquire the BPF model asks for, instead of the RCsc LDAR that emit_atomic_ld_st emits. '
    + 'Tests the current table reports `stronger` only because of LDAR come out `sound` here.',
  rows: ([8, 16, 32, 64] as const).map((s) => loadAcquire(s, 'LDAPR')),
};

export const arm64: JitTable = {
  name: 'arm64',
  arch: 'AArch64',
  description:
    'arm64 with LSE atomics (ARM64_HAS_LSE_ATOMICS): emit_lse_atomic for read-modify-write atomics, emit_atomic_ld_st (LDAR/STLR) for load-acquire/store-release, '
    + 'from arch/arm64/net/bpf_jit_comp.c as of bpf-next 2025-2026 (LSE fetch ops since 1902472b4fa9, acquire/release since 9bb12368d539)',
  regs: REGS,
  regs32: REGS32,
  scratch: SCRATCH,
  rows: [...common, ...lseRows(32), ...lseRows(64)],
  variants: { ldapr: LDAPR_VARIANT },
};

export const arm64Llsc: JitTable = {
  name: 'arm64-llsc',
  arch: 'AArch64',
  description:
    'arm64 without LSE atomics: emit_ll_sc_atomic (LDXR/STXR loops for the relaxed ops; LDXR/STLXR loops closed by DMB ISH for the fetch ops, xchg and a successful cmpxchg), '
    + 'from arch/arm64/net/bpf_jit_comp.c as of bpf-next 2025-2026; loads, stores, acquire/release, ALU and jumps as in `arm64`',
  regs: REGS,
  regs32: REGS32,
  scratch: SCRATCH,
  rows: [...common, ...llscRows(32), ...llscRows(64)],
  variants: { ldapr: LDAPR_VARIANT },
};
