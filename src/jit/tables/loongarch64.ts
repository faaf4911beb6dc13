/**
 * LoongArch64: arch/loongarch/net/bpf_jit.c (build_insn, emit_atomic, emit_atomic_ld_st), as of
 * the tree after 576412d98297 "LoongArch: BPF: Align value-returning atomics with LKMM"
 * (Chenguang Zhao, 2026-08-17; whether it is in mainline yet is unverified) and ee823fe7c12f
 * (load-acquire and store-release, Tiezhu Yang, Apr 2026).
 *
 * Atomics (emit_atomic): the address is computed into t1 (`move_imm t1,off; add.d t1,dst,t1`)
 * and src copied to t3 (an AM instruction's rd must differ from rk and rj). Then:
 *  - add/and/or/xor without fetch: plain `am<op>.{w,d} t2,src,t1` (relaxed, as the LKMM allows);
 *  - with fetch: `am<op>_db.{w,d} src,t3,t1` (fully ordered), + zero-extension for W;
 *  - xchg: `amswap_db.{w,d} src,t3,t1`, + zero-extension for W;
 *  - cmpxchg: `move t2,r0; 1: ll.{w,d} r0,t1,0; bne t2,r0,2f; move t3,src; sc.{w,d} t3,t1,0;
 *    beq t3,zero,1b; 2: dbar 0x700` (the dbar is __WEAK_LLSC_MB; the failure branch lands on it,
 *    as in the kernel's __cmpxchg_asm). W also zero-extends t2 and r0 before comparing.
 * Before 576412d98297 (variant `before-576412d98297`): plain am<op> for the fetch ops, plain
 * amswap, and no dbar after the ll/sc loop.
 *
 * load_acquire / store_release (emit_atomic_ld_st, ee823fe7c12f): `ld.{bu,hu,wu,d}` then
 * `dbar`, and `dbar` then `st.{b,h,w,d}`. The hint values are unverified (jit-lowering.md); the
 * rows use Linux's ldacq_mb() `dbar 0x14` (earlier loads before later loads and stores) and
 * strel_mb() `dbar 0x12` (earlier loads and stores before later stores), the weakest hints that
 * give acquire and release. A JIT emitting `dbar 0` there would only be stronger; cores that
 * implement no hint run every dbar as `dbar 0`.
 *
 * Register map (regmap[]): R0 $a5 ($r9), R1-R5 $a0-$a4 ($r4-$r8), R6-R9 $s0-$s3 ($r23-$r26),
 * R10 (FP) $s4 ($r27), AX $t0 ($r12); the JIT's temporaries t1, t2, t3 are $r13, $r14, $r15
 * ({tmp1} {tmp2} {tmp3}). Registers are written `$rN`, the names states use.
 *
 * Conventions of these rows:
 *  - Offsets: templates have no `{off}`, so accesses are at offset 0 (the JIT's si12 form, or
 *    move_imm + ldx/stx for a large offset).
 *  - Immediates: the JIT uses the si12/ui12 form when the immediate fits and `move_imm t1,imm`
 *    otherwise; the rows always load the immediate with li.d/li.w (the register form, same value).
 *  - Zero-extension (emit_zext_32) is `lu32i.d reg,0` in the JIT, which the front end lacks:
 *    written `bstrpick.d reg,reg,31,0` (the same value). ALU32 results are zero-extended after the
 *    operation, as the JIT (or the zero-extension the verifier inserts) does.
 *  - Not modelled (the LoongArch front end lacks them): mul.*, div.*, mod.* and ext.w.[bh]. The
 *    byte swaps revb.* are written as byte extractions, shifts and ors (same value); the kernel is
 *    little-endian, as bpf-herd's BPF semantics assume.
 *
 * Under models/loongarch64.cat, which gives an ll/sc pair no ordering of its own, the current
 * cmpxchg (ll/sc loop, then dbar 0x700) is not fully ordered: a store before it may pass a load
 * after it (litmus/SB+success-cmpxchg is `unsound`). Whether LoongArch's LL orders more is the
 * uncertainty stated in the model's header; the kernel's own atomic_cmpxchg has the same shape.
 */
import type { JitTable, Row } from '../table.js';

const FILE = 'arch/loongarch/net/bpf_jit.c';
const src = (fn: string) => ({ file: FILE, fn });
const BODY = src('build_insn');

type Width = 64 | 32;
const T1 = '{tmp1}';
const T2 = '{tmp2}';
const T3 = '{tmp3}';
const zext = (r: string) => `bstrpick.d ${r},${r},31,0`;
const sext = (r: string) => `addi.w ${r},${r},0`;
const z = (w: Width, r = '{dst}') => (w === 32 ? [zext(r)] : []);
const ZEXT_NOTE = 'emit_zext_32 is lu32i.d dst,0 in the JIT (not in the front end): written bstrpick.d dst,dst,31,0, the same value';
const note = (w: Width, extra?: string) => {
  const parts = [extra, w === 32 ? ZEXT_NOTE : undefined].filter(Boolean);
  return parts.length > 0 ? { note: parts.join('; ') } : {};
};
const li = (w: Width, r: string) => (w === 64 ? `li.d ${r},{imm}` : `li.w ${r},{imm}`);

// ---------------------------------------------------------------- ALU (build_insn)

const ALU_REG: Record<string, [string, string]> = {
  add: ['add.d', 'add.d'], sub: ['sub.d', 'sub.d'], and: ['and', 'and'], or: ['or', 'or'], xor: ['xor', 'xor'],
  lsh: ['sll.d', 'sll.w'], rsh: ['srl.d', 'srl.w'], arsh: ['sra.d', 'sra.w'],
};
const SHIFT_IMM: Record<string, [string, string]> = { lsh: ['slli.d', 'slli.w'], rsh: ['srli.d', 'srli.w'], arsh: ['srai.d', 'srai.w'] };
const MULDIV: Record<string, [string, string]> = {
  mul: ['mul.d', 'mul.w'], div: ['div.du', 'div.wu'], sdiv: ['div.d', 'div.w'], mod: ['mod.du', 'mod.wu'], smod: ['mod.d', 'mod.w'],
};

function aluRows(w: Width): Row[] {
  const i = w === 64 ? 0 : 1;
  const rows: Row[] = [
    { op: `mov${w}.reg`, emit: ['move {dst},{src}', ...z(w)], source: BODY, ...note(w) },
    { op: `mov${w}.imm`, emit: [li(w, '{dst}'), ...z(w)], source: BODY, ...note(w, 'move_imm: the JIT picks the shortest sequence (addi.w, lu12i.w/ori, lu32i.d, lu52i.d); written as the li pseudo-instruction (same value)') },
    { op: `neg${w}`, emit: ['sub.d {dst},$zero,{dst}', ...z(w)], source: BODY, ...note(w) },
  ];
  for (const [op, mn] of Object.entries(ALU_REG)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: [`${mn[i]} {dst},{dst},{src}`, ...z(w)], source: BODY, ...note(w) });
  }
  for (const op of ['add', 'sub', 'and', 'or', 'xor']) {
    rows.push({
      op: `alu${w}.${op}.imm`, emit: [li(w, T1), `${ALU_REG[op]![i]} {dst},{dst},${T1}`, ...z(w)], source: BODY,
      ...note(w, `the JIT uses ${op === 'add' || op === 'sub' ? 'addi.d (with -imm for sub)' : `${op}i`} when the immediate fits, else move_imm t1,imm and ${ALU_REG[op]![i]}: same value`),
    });
  }
  for (const [op, mn] of Object.entries(SHIFT_IMM)) {
    rows.push({ op: `alu${w}.${op}.imm`, emit: [`${mn[i]} {dst},{dst},{imm}`, ...z(w)], source: BODY, ...note(w) });
  }
  for (const [op, mn] of Object.entries(MULDIV)) {
    const what = `not modelled: the JIT emits ${mn[i]}, which bpf-herd's LoongArch front end lacks`;
    rows.push({ op: `alu${w}.${op}.reg`, emit: what, source: BODY });
    rows.push({ op: `alu${w}.${op}.imm`, emit: `${what} (after move_imm t1,imm)`, source: BODY });
  }
  return rows;
}

/** rD's low `bits` bits with their bytes reversed, through t1 and t2 (the JIT's revb.2h/revb.2w/revb.d). */
function byteSwap(bits: 16 | 32 | 64): string[] {
  const out = ['move {tmp2},$zero'];
  for (let k = 0; k < bits / 8; k++) {
    out.push(`bstrpick.d ${T1},{dst},${8 * k + 7},${8 * k}`);
    const sh = bits - 8 - 8 * k;
    if (sh > 0) out.push(`slli.d ${T1},${T1},${sh}`);
    out.push(`or ${T2},${T2},${T1}`);
  }
  out.push(`move {dst},${T2}`);
  return out;
}

const extRows: Row[] = [
  { op: 'movsx32', emit: ['addi.w {dst},{src},0'], source: BODY, note: 'rD = (s32) rS (cpu v4): addi.w sign-extends the low word' },
  ...[8, 16].map((b): Row => ({
    op: `movsx${b}`,
    emit: `not modelled: the JIT emits ext.w.${b === 8 ? 'b' : 'h'} (not in the LoongArch front end), and the row key movsx${b} does not say whether the destination is w (ALU32, then zero-extended) or r (ALU64)`,
    source: BODY,
  })),
  { op: 'bswap.le16', emit: ['bstrpick.d {dst},{dst},15,0'], source: BODY, note: 'little-endian: a zero-extension to 16 bits' },
  { op: 'bswap.le32', emit: [zext('{dst}')], source: BODY, note: `little-endian: a zero-extension to 32 bits; ${ZEXT_NOTE}` },
  { op: 'bswap.le64', emit: [], source: BODY, note: 'little-endian: nothing' },
  ...(['be', 'swap'] as const).flatMap((k) => ([16, 32, 64] as const).map((b): Row => ({
    op: `bswap.${k}${b}`, emit: byteSwap(b), source: BODY,
    note: `the JIT emits ${b === 16 ? 'revb.2h then bstrpick.d dst,dst,15,0' : b === 32 ? 'revb.2w then the zero-extension' : 'revb.d'} (not in the front end); written as byte extractions, shifts and ors through t1/t2 (same value)`,
  }))),
];

// ---------------------------------------------------------------- jumps (build_insn, cond_jmp_offs16)

/** The branch of cond_jmp_offs16 for `rj cond rd`: [mnemonic, operands swapped]. */
const BRANCH: Record<string, [string, boolean]> = {
  eq: ['beq', false], ne: ['bne', false], set: ['bne', false], gt: ['bltu', true], lt: ['bltu', false], ge: ['bgeu', false], le: ['bgeu', true],
  sgt: ['blt', true], slt: ['blt', false], sge: ['bge', false], sle: ['bge', true],
};

function jumpRows(w: Width): Row[] {
  const is32 = w === 32;
  const br = (c: string, a: string, b: string) => {
    const [mn, swap] = BRANCH[c]!;
    return swap ? `${mn} ${b},${a},{target}` : `${mn} ${a},${b},{target}`;
  };
  return Object.keys(BRANCH).flatMap((c): Row[] => {
    const ext = (r: string) => (is32 ? [c.startsWith('s') ? sext(r) : zext(r)] : []);
    const extNote = is32 ? `; JMP32 ${c.startsWith('s') ? 'sign-extends (emit_sext_32, addi.w)' : `zero-extends (emit_zext_32; ${ZEXT_NOTE})`} both operands first` : '';
    if (c === 'set') {
      return [
        { op: `jmp${w}.set.reg`, emit: [`and ${T1},{dst},{src}`, ...z(w, T1), `bne ${T1},$zero,{target}`], source: BODY, ...(is32 ? { note: ZEXT_NOTE } : {}) },
        { op: `jmp${w}.set.imm`, emit: [li(w, T1), `and ${T1},{dst},${T1}`, ...z(w, T1), `bne ${T1},$zero,{target}`], source: BODY, ...(is32 ? { note: ZEXT_NOTE } : {}) },
      ];
    }
    return [
      {
        op: `jmp${w}.${c}.reg`, emit: [`move ${T1},{dst}`, `move ${T2},{src}`, ...ext(T1), ...ext(T2), br(c, T1, T2)], source: BODY,
        note: `copies into t1/t2, then one conditional branch (no barrier)${extNote}`,
      },
      {
        op: `jmp${w}.${c}.imm`, emit: ['li.d {tmp1},{imm}', `move ${T2},{dst}`, ...ext(T1), ...ext(T2), br(c, T2, T1)], source: BODY,
        note: `move_imm t1,imm (the zero register when imm is 0), t2 = dst, then one conditional branch${extNote}`,
      },
    ];
  });
}

// ---------------------------------------------------------------- loads and stores

const SFX: Record<number, string> = { 8: 'b', 16: 'h', 32: 'w', 64: 'd' };
const USFX: Record<number, string> = { 8: 'bu', 16: 'hu', 32: 'wu', 64: 'd' };
const ACQUIRE_HINT = '0x14';
const RELEASE_HINT = '0x12';

function memRows(): Row[] {
  const ldst = src('emit_atomic_ld_st');
  return ([8, 16, 32, 64] as const).flatMap((s): Row[] => [
    { op: `load.${s}`, emit: [`ld.${USFX[s]} {dst},{base},0`], source: BODY },
    { op: `store.${s}`, emit: [`st.${SFX[s]} {src},{base},0`], source: BODY },
    { op: `store-imm.${s}`, emit: ['li.d {tmp1},{imm}', `st.${SFX[s]} {tmp1},{base},0`], source: BODY, note: 'move_imm t1,imm then the store' },
    {
      op: `load_acquire.${s}`, emit: [`ld.${USFX[s]} {dst},{base},0`, `dbar ${ACQUIRE_HINT}`], source: ldst,
      note: `ee823fe7c12f: the load, then dbar; the hint is unverified: ${ACQUIRE_HINT} is Linux's ldacq_mb() (earlier loads before later loads and stores), the weakest hint that makes an acquire`,
    },
    {
      op: `store_release.${s}`, emit: [`dbar ${RELEASE_HINT}`, `st.${SFX[s]} {src},{base},0`], source: ldst,
      note: `ee823fe7c12f: dbar, then the store; the hint is unverified: ${RELEASE_HINT} is Linux's strel_mb() (earlier loads and stores before later stores), the weakest hint that makes a release`,
    },
    ...(s < 64 ? [{ op: `load-signed.${s}`, emit: [`ld.${SFX[s]} {dst},{base},0`], source: BODY, note: 'BPF_MEMSX (cpu v4)' }] : []),
  ]);
}

// ---------------------------------------------------------------- atomics (emit_atomic)

const ADDR = [`li.d ${T1},0`, `add.d ${T1},{base},${T1}`, `move ${T3},{src}`];
const ADDR_NOTE = 'the JIT first computes the address into t1 (move_imm t1,off; add.d t1,dst,t1; offsets are 0 here) and copies src to t3';

/**
 * cmpxchg with `dbar 0` before the ll/sc loop and `dbar 0` in place of the trailing 0x700: not a
 * kernel commit, the ordering models/loongarch64.cat needs (it gives ll/sc no ordering of their own).
 */
function cmpxchgDbar0Rows(): Row[] {
  return atomicRows(true)
    .filter((r) => r.op.startsWith('cmpxchg'))
    .map((r) => {
      const emit = (r.emit as string[]).map((l) => (l === 'dbar 0x700' ? 'dbar 0' : l));
      const at = emit.indexOf('{L1}:');
      return { ...r, emit: [...emit.slice(0, at), 'dbar 0', ...emit.slice(at)], note: 'not the kernel\'s: dbar 0 before the ll/sc loop and dbar 0 after it (both paths), the full ordering models/loongarch64.cat needs' };
    });
}

function atomicRows(fixed: boolean): Row[] {
  const at = src('emit_atomic');
  return ([32, 64] as const).flatMap((w): Row[] => {
    const sz = w === 64 ? 'd' : 'w';
    const db = fixed ? '_db' : '';
    const rows: Row[] = [];
    for (const op of ['add', 'and', 'or', 'xor']) {
      rows.push({
        op: `atomic.${op}.${w}`, emit: [...ADDR, `am${op}.${sz} ${T2},{src},${T1}`], source: at,
        note: `${ADDR_NOTE}; a plain am${op} (no _db): relaxed, as the LKMM's atomic_${op}()`,
      });
      rows.push({
        op: `atomic.fetch_${op}.${w}`, emit: [...ADDR, `am${op}${db}.${sz} {src},${T3},${T1}`, ...z(w, '{src}')], source: at,
        note: `${ADDR_NOTE}; ${fixed ? `am${op}_db: fully ordered (576412d98297)` : `before 576412d98297: a plain am${op}, which orders nothing around it`}${w === 32 ? `; ${ZEXT_NOTE}` : ''}`,
      });
    }
    rows.push({
      op: `xchg.${w}`, emit: [...ADDR, `amswap${db}.${sz} {src},${T3},${T1}`, ...z(w, '{src}')], source: at,
      note: `${ADDR_NOTE}; ${fixed ? 'amswap_db: fully ordered (576412d98297)' : 'before 576412d98297: a plain amswap'}${w === 32 ? `; ${ZEXT_NOTE}` : ''}`,
    });
    rows.push({
      op: `cmpxchg.${w}`,
      emit: [
        ...ADDR, `move ${T2},{r0}`, '{L1}:', `ll.${sz} {r0},${T1},0`, ...z(w, T2), ...z(w, '{r0}'), `bne ${T2},{r0},{L2}`,
        `move ${T3},{src}`, `sc.${sz} ${T3},${T1},0`, `beq ${T3},$zero,{L1}`, '{L2}:', ...z(w, '{r0}'), ...(fixed ? ['dbar 0x700'] : []),
      ],
      source: at,
      note: `${ADDR_NOTE}; an ll/sc loop whose failure branch (bne) leaves it${w === 32 ? ' (t2 and r0 zero-extended before the compare, r0 again after the loop)' : ''}; ${fixed
        ? 'then dbar 0x700 (__WEAK_LLSC_MB, 576412d98297), which both paths reach; it orders only loads of one address, so under models/loongarch64.cat (ll/sc order nothing of their own) the cmpxchg is not fully ordered'
        : 'before 576412d98297: nothing after the loop'}${w === 32 ? `; ${ZEXT_NOTE}` : ''}`,
    });
    return rows;
  });
}

// ---------------------------------------------------------------- the table

export const loongarch64: JitTable = {
  name: 'loongarch64',
  arch: 'LOONGARCH64',
  description:
    'the LoongArch JIT (arch/loongarch/net/bpf_jit.c) after 576412d98297: am<op>_db for the fetch ops, amswap_db for xchg, an ll/sc cmpxchg loop followed by dbar 0x700, '
    + 'plain am<op> for the non-fetch ops; load-acquire ld.* then dbar 0x14, store-release dbar 0x12 then st.* (ee823fe7c12f; hint values unverified)',
  regs: {
    r0: '$r9', r1: '$r4', r2: '$r5', r3: '$r6', r4: '$r7', r5: '$r8', r6: '$r23', r7: '$r24', r8: '$r25', r9: '$r26', r10: '$r27',
  },
  scratch: ['$r13', '$r14', '$r15'],
  rows: [
    ...aluRows(64), ...aluRows(32), ...extRows, ...memRows(), ...atomicRows(true), ...jumpRows(64), ...jumpRows(32),
    { op: 'goto', emit: ['b {target}'], source: BODY },
    { op: 'exit', emit: ['b {end}'], source: BODY, note: 'a jump to the epilogue (nothing for the last instruction)' },
  ],
  variants: {
    'before-576412d98297': {
      description:
        'before 576412d98297 "LoongArch: BPF: Align value-returning atomics with LKMM" (Chenguang Zhao, 2026): the fetch ops as plain am<op>.{w,d}, xchg as plain amswap.{w,d}, '
        + 'and cmpxchg as a bare ll/sc loop with no dbar after it (the original LoongArch BPF JIT, Tiezhu Yang, 2022); none of them is ordered with the accesses around it',
      rows: atomicRows(false).filter((r) => r.op.includes('fetch_') || r.op.startsWith('xchg') || r.op.startsWith('cmpxchg')),
    },
    'cmpxchg-dbar0': {
      description:
        'not a kernel commit: cmpxchg with dbar 0 before the ll/sc loop and dbar 0 (not 0x700) after it, the ordering models/loongarch64.cat needs for a fully ordered cmpxchg; '
        + 'the model gives ll/sc no ordering of their own, and whether LoongArch\'s LL orders more is its stated uncertainty (the kernel\'s own arch_cmpxchg has the current shape)',
      rows: cmpxchgDbar0Rows(),
    },
  },
};
