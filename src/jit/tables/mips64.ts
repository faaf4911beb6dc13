/**
 * MIPS64: arch/mips/net/bpf_jit_comp64.c (build_insn, emit_atomic_r64, emit_cmpxchg_r64) and
 * the helpers it shares with the 32-bit JIT in arch/mips/net/bpf_jit_comp.c (emit_atomic_r,
 * emit_cmpxchg_r, emit_jmp_r), Johan Almbladh's JIT (v5.16).
 *
 * Atomics: every read-modify-write is a bare LL/SC loop with no sync. LLSC_sync() adds a leading
 * `sync` only with CONFIG_CPU_LOONGSON3_WORKAROUNDS, and LLSC_beqz is beqzl only with
 * CONFIG_WAR_R10000_LLSC; the rows take neither. The kernel's own MIPS atomics wrap the same
 * loops in smp_mb__before_llsc() and smp_llsc_mb(); the JIT does not, so under
 * models/mips64.cat the fetch ops, xchg and a successful cmpxchg are not fully ordered
 * (jit-lowering.md 3.7 calls this a suspect): every SB/MP/WRC/IRIW shape whose ordering rests on
 * a fetch op, xchg or a successful cmpxchg comes out `unsound`, and all of them are sound under the
 * variant `llsc-mb` (a proposal: sync before and after, as the kernel's own atomics). Caveat: the
 * kernel's atomics emit those syncs only with CONFIG_WEAK_REORDERING_BEYOND_LLSC (e.g. Cavium
 * Octeon); on cores whose LL/SC order more than the model's weak reading, the JIT is fine. 64-bit:
 *   `1: lld t8,off(dst); <op> t9,t8,src; scd t9,off(dst); beqz t9,1b; nop; [move src,t8]`
 *   cmpxchg: `1: lld t8,off(dst); bne t8,r0,2f; move t9,src (delay slot); scd t9,off(dst);
 *   beqz t9,1b; 2: move r0,t8 (the beqz's delay slot, where the bne lands)`.
 * 32-bit: the same with ll/sc, t9 holding the old value and t8 the new one, the operands
 * sign-extended first (MIPS64 32-bit instructions want sign-extended inputs) and the result
 * zero-extended after (the zero-extension the verifier inserts).
 * load_acquire / store_release: not JITed (the JIT has no case for them: the program falls back
 * to the interpreter). The cpu v4 instructions (sign-extending loads and moves, sdiv/smod, the
 * unconditional byte swap) are not JITed either (believed: no MIPS JIT patch for them is known).
 *
 * Register map (bpf2mips64[]): R0 $v0 ($2), R1-R5 $a0-$a4 ($4-$8), R6-R9 $s0-$s3 ($16-$19),
 * R10 (FP) $fp ($30), AX $at ($1); temporaries MIPS_R_T4 $12, MIPS_R_T5 $13 ({tmp1} {tmp2}),
 * MIPS_R_T8 $24, MIPS_R_T9 $25 ({tmp3}, and literally in the atomics). Registers are written
 * `$N`, the names states use.
 *
 * Conventions of these rows:
 *  - Offsets: templates have no `{off}`, so accesses are at offset 0.
 *  - Immediates are loaded with `li` into $12 and the register form is used (the JIT uses the
 *    16-bit immediate forms when the value fits: same value).
 *  - Zero-extension (emit_zext: `dinsu r,$zero,32,32` on R2, `dsll32; dsrl32` before) is written
 *    `dext r,r,0,32` (the same value); sign-extension (emit_sext) is `sll r,r,0`.
 *  - Branches are the JIT's: a compare into $25 (sltu/slt/and) and beqz/bnez, or beq/bne, each
 *    followed by a `nop` in its delay slot (finish_jmp). JMP32 sign-extends both operands first
 *    (an unsigned compare of sign-extended words orders them as the words).
 *  - Not modelled (the MIPS64 front end lacks them): multiplies and divides. The byte swaps
 *    (wsbh/dsbh/dshd on R2) are written as byte extractions, shifts and ors (same value); the
 *    rows take a little-endian kernel (mips64el), as bpf-herd's BPF semantics do.
 */
import type { JitTable, Row } from '../table.js';

const F64 = 'arch/mips/net/bpf_jit_comp64.c';
const FC = 'arch/mips/net/bpf_jit_comp.c';
const BODY = { file: F64, fn: 'build_insn' };

type Width = 64 | 32;
const TMP = '$12'; // MIPS_R_T4
const TMP2 = '$13'; // MIPS_R_T5
const T8 = '$24';
const T9 = '$25';
const zext = (r: string) => `dext ${r},${r},0,32`;
const sext = (r: string, from = r) => `sll ${r},${from},0`;
const z = (w: Width, r = '{dst}') => (w === 32 ? [zext(r)] : []);
const ZEXT_NOTE = 'ALU32: the result zero-extended (emit_zext, or the zero-extension the verifier inserts: dinsu on R2), written dext r,r,0,32';
const note = (w: Width, extra?: string) => {
  const parts = [extra, w === 32 ? ZEXT_NOTE : undefined].filter(Boolean);
  return parts.length > 0 ? { note: parts.join('; ') } : {};
};
const NOT_V4 = (what: string) =>
  `not JITed: ${what} is a cpu v4 instruction, which the MIPS64 JIT does not implement (believed; build_insn rejects unknown opcodes), so the interpreter runs the program`;

// ---------------------------------------------------------------- ALU

const ALU_REG: Record<string, [string, string]> = {
  add: ['daddu', 'addu'], sub: ['dsubu', 'subu'], and: ['and', 'and'], or: ['or', 'or'], xor: ['xor', 'xor'],
  lsh: ['dsllv', 'sllv'], rsh: ['dsrlv', 'srlv'], arsh: ['dsrav', 'srav'],
};

function aluRows(w: Width): Row[] {
  const i = w === 64 ? 0 : 1;
  const rows: Row[] = [
    { op: `mov${w}.reg`, emit: ['move {dst},{src}', ...z(w)], source: BODY, ...note(w) },
    { op: `mov${w}.imm`, emit: ['li {dst},{imm}', ...z(w)], source: BODY, ...note(w, 'emit_mov_i: addiu, or lui/ori; written as the li pseudo-instruction (same value)') },
    { op: `neg${w}`, emit: [`${ALU_REG.sub![i]} {dst},$0,{dst}`, ...z(w)], source: BODY, ...note(w) },
  ];
  for (const [op, mn] of Object.entries(ALU_REG)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: [`${mn[i]} {dst},{dst},{src}`, ...z(w)], source: BODY, ...note(w) });
    rows.push({
      op: `alu${w}.${op}.imm`, emit: [`li ${TMP},{imm}`, `${mn[i]} {dst},{dst},${TMP}`, ...z(w)], source: BODY,
      ...note(w, op === 'lsh' || op === 'rsh' || op === 'arsh'
        ? `the JIT shifts by the immediate (${w === 64 ? 'dsll/dsrl/dsra, or their 32 forms for 32-63' : 'sll/srl/sra'}); written through $12 and the variable shift (same value)`
        : 'the JIT uses the 16-bit immediate form when the value fits, else li $12,imm and the register form: same value'),
    });
  }
  for (const op of ['mul', 'div', 'mod']) {
    const what = `not modelled: the JIT emits ${w === 64 ? 'dmul/ddivu/dmodu (R6) or dmultu/ddivu with mflo/mfhi' : 'mul/divu/modu (R6) or multu/divu with mflo/mfhi'}, which bpf-herd's MIPS64 front end lacks`;
    rows.push({ op: `alu${w}.${op}.reg`, emit: what, source: BODY }, { op: `alu${w}.${op}.imm`, emit: what, source: BODY });
  }
  for (const op of ['sdiv', 'smod']) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: NOT_V4(`signed ${op === 'sdiv' ? 'division' : 'modulo'}`), source: BODY });
    rows.push({ op: `alu${w}.${op}.imm`, emit: NOT_V4(`signed ${op === 'sdiv' ? 'division' : 'modulo'}`), source: BODY });
  }
  return rows;
}

/** rD's low `bits` bits with their bytes reversed, through $12 and $13. */
function byteSwap(bits: 16 | 32 | 64): string[] {
  const out = [`move ${TMP2},$0`];
  for (let k = 0; k < bits / 8; k++) {
    out.push(k === 0 ? `andi ${TMP},{dst},255` : `dsrl${8 * k >= 32 ? '32' : ''} ${TMP},{dst},${(8 * k) % 32}`);
    if (k > 0) out.push(`andi ${TMP},${TMP},255`);
    const sh = bits - 8 - 8 * k;
    if (sh > 0) out.push(`dsll${sh >= 32 ? '32' : ''} ${TMP},${TMP},${sh % 32}`);
    out.push(`or ${TMP2},${TMP2},${TMP}`);
  }
  out.push(`move {dst},${TMP2}`);
  return out;
}

const extRows: Row[] = [
  ...[8, 16, 32].map((b): Row => ({ op: `movsx${b}`, emit: NOT_V4('a sign-extending move (BPF_MOVSX)'), source: BODY })),
  { op: 'bswap.le16', emit: ['andi {dst},{dst},65535'], source: BODY, note: 'little-endian kernel: a truncation to 16 bits (emit_trunc_r)' },
  { op: 'bswap.le32', emit: [zext('{dst}')], source: BODY, note: 'little-endian kernel: a zero-extension to 32 bits (emit_trunc_r)' },
  { op: 'bswap.le64', emit: [], source: BODY, note: 'little-endian kernel: nothing' },
  ...([16, 32, 64] as const).map((b): Row => ({
    op: `bswap.be${b}`, emit: byteSwap(b), source: BODY,
    note: 'emit_bswap_r64: wsbh/dsbh/dshd on R2 (not in the front end), shifts and masks before; written as byte extractions, shifts and ors through $12/$13 (same value), for a little-endian kernel',
  })),
  ...[16, 32, 64].map((b): Row => ({ op: `bswap.swap${b}`, emit: NOT_V4('the unconditional byte swap (BPF_ALU64 | BPF_END)'), source: BODY })),
];

// ---------------------------------------------------------------- jumps (emit_jmp_r)

/** emit_jmp_r: [compare into $25 (a, b: dst, src), branch on it]; eq/ne branch on the registers. */
const JMP: Record<string, (a: string, b: string) => string[]> = {
  eq: (a, b) => [`beq ${a},${b},{target}`],
  ne: (a, b) => [`bne ${a},${b},{target}`],
  set: (a, b) => [`and ${T9},${a},${b}`, `bnez ${T9},{target}`],
  gt: (a, b) => [`sltu ${T9},${b},${a}`, `bnez ${T9},{target}`],
  ge: (a, b) => [`sltu ${T9},${a},${b}`, `beqz ${T9},{target}`],
  lt: (a, b) => [`sltu ${T9},${a},${b}`, `bnez ${T9},{target}`],
  le: (a, b) => [`sltu ${T9},${b},${a}`, `beqz ${T9},{target}`],
  sgt: (a, b) => [`slt ${T9},${b},${a}`, `bnez ${T9},{target}`],
  sge: (a, b) => [`slt ${T9},${a},${b}`, `beqz ${T9},{target}`],
  slt: (a, b) => [`slt ${T9},${a},${b}`, `bnez ${T9},{target}`],
  sle: (a, b) => [`slt ${T9},${b},${a}`, `beqz ${T9},{target}`],
};

function jumpRows(w: Width): Row[] {
  const jr = { file: FC, fn: 'emit_jmp_r' };
  return Object.entries(JMP).flatMap(([c, f]): Row[] => {
    if (w === 64) {
      return [
        { op: `jmp64.${c}.reg`, emit: [...f('{dst}', '{src}'), 'nop'], source: jr, note: 'the branch, then a nop in its delay slot (finish_jmp)' },
        {
          op: `jmp64.${c}.imm`, emit: [`li ${TMP},{imm}`, ...f('{dst}', TMP), 'nop'], source: jr,
          note: 'emit_jmp_i uses immediate forms (beqz, slti, sltiu, andi) where the value allows, else li $12,imm and emit_jmp_r: same outcome; a nop in the delay slot',
        },
      ];
    }
    return [
      {
        op: `jmp32.${c}.reg`, emit: [sext(TMP, '{dst}'), sext(TMP2, '{src}'), ...f(TMP, TMP2), 'nop'], source: BODY,
        note: 'JMP32: both operands sign-extended into $12/$13 (emit_sext), then emit_jmp_r and a nop in the delay slot',
      },
      {
        op: `jmp32.${c}.imm`, emit: [sext(TMP, '{dst}'), `li ${TMP2},{imm}`, sext(TMP2), ...f(TMP, TMP2), 'nop'], source: BODY,
        note: 'JMP32: dst sign-extended into $12, the immediate as a sign-extended word in $13, then emit_jmp_r and a nop in the delay slot',
      },
    ];
  });
}

// ---------------------------------------------------------------- loads and stores

const LOAD: Record<number, string> = { 8: 'lbu', 16: 'lhu', 32: 'lwu', 64: 'ld' };
const STORE: Record<number, string> = { 8: 'sb', 16: 'sh', 32: 'sw', 64: 'sd' };
const NO_ACQREL = (what: string) =>
  `not JITed: the MIPS64 JIT has no ${what} (jit-lowering.md: not supported), so the interpreter runs the program`;

function memRows(): Row[] {
  return ([8, 16, 32, 64] as const).flatMap((s): Row[] => [
    { op: `load.${s}`, emit: [`${LOAD[s]} {dst},0({base})`], source: BODY },
    { op: `store.${s}`, emit: [`${STORE[s]} {src},0({base})`], source: BODY },
    { op: `store-imm.${s}`, emit: [`li ${TMP},{imm}`, `${STORE[s]} ${TMP},0({base})`], source: BODY, note: 'emit_mov_i($12, imm) then the store' },
    { op: `load_acquire.${s}`, emit: NO_ACQREL('BPF_LOAD_ACQ'), source: BODY },
    { op: `store_release.${s}`, emit: NO_ACQREL('BPF_STORE_REL'), source: BODY },
    ...(s < 64 ? [{ op: `load-signed.${s}`, emit: NOT_V4('a sign-extending load (BPF_MEMSX)'), source: BODY }] : []),
  ]);
}

// ---------------------------------------------------------------- atomics

const OP64: Record<string, string> = { add: 'daddu', and: 'and', or: 'or', xor: 'xor' };
const OP32: Record<string, string> = { add: 'addu', and: 'and', or: 'or', xor: 'xor' };
const NO_SYNC = 'no sync before or after the loop (LLSC_sync only with CONFIG_CPU_LOONGSON3_WORKAROUNDS, and then only before)';

function atomicRows(): Row[] {
  return atomicRowsWith(false);
}

/**
 * With `sync` before and after each value-returning atomic (the fetch ops, xchg, cmpxchg, whose
 * failure path reaches the trailing sync too): not a kernel commit, the shape of the kernel's own
 * MIPS atomics on CONFIG_WEAK_REORDERING_BEYOND_LLSC (smp_mb__before_llsc(), smp_llsc_mb()).
 */
function syncedRows(): Row[] {
  return atomicRowsWith(true).filter((r) => !/^atomic\.(add|and|or|xor)\./.test(r.op));
}

function atomicRowsWith(synced: boolean): Row[] {
  const pre = synced ? ['sync'] : [];
  const post = synced ? ['sync'] : [];
  const r64 = { file: F64, fn: 'emit_atomic_r64' };
  const c64 = { file: F64, fn: 'emit_cmpxchg_r64' };
  const r32 = { file: FC, fn: 'emit_atomic_r' };
  const c32 = { file: FC, fn: 'emit_cmpxchg_r' };
  const rows: Row[] = [];
  const loop64 = (mid: string[]) => ['{L1}:', `lld ${T8},0({base})`, ...mid, `scd ${T9},0({base})`, `beqz ${T9},{L1}`, 'nop'];
  const loop32 = (src: string, mid: (s: string) => string[]) => ['{L1}:', `ll ${T9},0({base})`, ...mid(src), `sc ${T8},0({base})`, `beqz ${T8},{L1}`, 'nop'];
  for (const op of ['add', 'and', 'or', 'xor']) {
    rows.push(
      {
        op: `atomic.${op}.64`, emit: loop64([`${OP64[op]} ${T9},${T8},{src}`]), source: r64,
        note: `a bare lld/scd loop, the retry's delay slot a nop; ${NO_SYNC}: relaxed, as the LKMM's atomic64_${op}() may be`,
      },
      {
        op: `atomic.fetch_${op}.64`, emit: [...pre, ...loop64([`${OP64[op]} ${T9},${T8},{src}`]), `move {src},${T8}`, ...post], source: r64,
        note: `a bare lld/scd loop, then the old value into src; ${NO_SYNC}: not the full ordering of the LKMM's atomic64_fetch_${op}() under models/mips64.cat`,
      },
      {
        op: `atomic.${op}.32`, emit: [sext(TMP, '{src}'), ...loop32(TMP, (s) => [`${OP32[op]} ${T8},${T9},${s}`])], source: r32,
        note: `src sign-extended into $12 (emit_sext), then a bare ll/sc loop; ${NO_SYNC}`,
      },
      {
        op: `atomic.fetch_${op}.32`, emit: [sext('{src}'), ...pre, ...loop32('{src}', (s) => [`${OP32[op]} ${T8},${T9},${s}`]), ...post, `move {src},${T9}`, zext('{src}')], source: r32,
        note: `src sign-extended in place, a bare ll/sc loop, the old value into src and zero-extended (the verifier's zero-extension); ${NO_SYNC}`,
      },
    );
  }
  rows.push(
    {
      op: 'xchg.64', emit: [...pre, ...loop64([`move ${T9},{src}`]), ...post, `move {src},${T8}`], source: r64,
      note: `a bare lld/scd loop storing src; ${NO_SYNC}`,
    },
    {
      op: 'xchg.32', emit: [sext('{src}'), ...pre, ...loop32('{src}', (s) => [`move ${T8},${s}`]), ...post, `move {src},${T9}`, zext('{src}')], source: r32,
      note: `a bare ll/sc loop storing src, the old value zero-extended; ${NO_SYNC}`,
    },
    {
      op: 'cmpxchg.64',
      emit: [...pre, '{L1}:', `lld ${T8},0({base})`, `bne ${T8},{r0},{L2}`, `move ${T9},{src}`, `scd ${T9},0({base})`, `beqz ${T9},{L1}`, '{L2}:', `move {r0},${T8}`, ...post],
      source: c64,
      note: `bne's delay slot is move t9,src; the failure branch lands on move r0,t8, which is also the beqz's delay slot, so both paths end there; ${NO_SYNC}`,
    },
    {
      op: 'cmpxchg.32',
      emit: [sext(TMP, '{r0}'), ...pre, '{L1}:', `ll ${T9},0({base})`, `bne ${T9},${TMP},{L2}`, `move ${T8},{src}`, `sc ${T8},0({base})`, `beqz ${T8},{L1}`, '{L2}:', `move ${TMP},${T9}`, ...post, `move {r0},${TMP}`, zext('{r0}')],
      source: c32,
      note: `R0 sign-extended into $12 (the JIT does this in place unless R0 is the base register, then in $12 as here), an ll/sc loop shaped as the 64-bit one, then R0 = the old value, zero-extended (the w0 = w0 the verifier inserts); ${NO_SYNC}`,
    },
  );
  return rows;
}

// ---------------------------------------------------------------- the table

export const mips64: JitTable = {
  name: 'mips64',
  arch: 'MIPS64',
  description:
    'the MIPS64 JIT (arch/mips/net/bpf_jit_comp64.c with bpf_jit_comp.c, Johan Almbladh, v5.16): every atomic is a bare ll/sc (lld/scd) loop with no sync, '
    + 'nop in each branch delay slot; load-acquire, store-release and the cpu v4 instructions are not JITed',
  regs: { r0: '$2', r1: '$4', r2: '$5', r3: '$6', r4: '$7', r5: '$8', r6: '$16', r7: '$17', r8: '$18', r9: '$19', r10: '$30' },
  scratch: [TMP, TMP2, T8],
  rows: [
    ...aluRows(64), ...aluRows(32), ...extRows, ...memRows(), ...atomicRows(), ...jumpRows(64), ...jumpRows(32),
    { op: 'goto', emit: ['b {target}', 'nop'], source: BODY, note: 'a nop in the delay slot' },
    { op: 'exit', emit: ['b {end}', 'nop'], source: BODY, note: 'a jump to the epilogue with a nop in its delay slot (nothing for the last instruction)' },
  ],
  variants: {
    'llsc-mb': {
      description:
        'not a kernel commit: a proposed fix, `sync` before and after the loop of every fetch op, xchg and cmpxchg (the failure path of cmpxchg reaches the trailing sync), '
        + 'the shape of the kernel\'s own MIPS atomics when CONFIG_WEAK_REORDERING_BEYOND_LLSC is set (smp_mb__before_llsc(), smp_llsc_mb()); the non-fetch ops stay relaxed',
      rows: syncedRows(),
    },
  },
};
