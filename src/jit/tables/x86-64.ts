/**
 * x86-64: arch/x86/net/bpf_jit_comp.c (bpf-next, 2025-2026), in herd7's X86_64 AT&T syntax
 * (`movl $1,(x)`, `lock xaddq %rsi,(%rdi)`). do_jit() translates each instruction; the
 * read-modify-write atomics go through emit_atomic_rmw() (one LOCK-prefixed instruction), except
 * the fetch forms of and/or/xor, which x86 has no instruction for: do_jit() emits a
 * LOCK CMPXCHG retry loop. Load-acquire and store-release are plain moves
 * (emit_atomic_ld_st(), 5341c9a4d833): TSO gives them their ordering.
 *
 * Register map (reg2hex[] and is_ereg()): R0 rax, R1 rdi, R2 rsi, R3 rdx, R4 rcx, R5 r8,
 * R6 rbx, R7 r13, R8 r14, R9 r15, R10 (FP) rbp, BPF_REG_AX r10, AUX_REG r11, X86_REG_R9 r9,
 * X86_REG_R12 r12.
 *
 * Not modelled: shifts, multiplication and division (the X86_64 front end has no shl/shr/sar,
 * imul/mul, div/idiv); tests using them are reported `unsupported`.
 *
 * Everything here is at least as strong as the BPF model needs, and usually stronger: plain
 * loads and stores are TSO (R->R, R->W, W->W ordered), a non-fetch `lock add` is a full fence
 * where the LKMM's atomic_add() is relaxed (litmus/jit/SB+lock-add-fences.litmus: the LLVM
 * history), and a LOCK CMPXCHG that fails is still a locked instruction.
 */
import type { JitTable, Row } from '../table.js';

const FILE = 'arch/x86/net/bpf_jit_comp.c';
const src = (fn: string) => ({ file: FILE, fn });

const REGS = {
  r0: 'rax', r1: 'rdi', r2: 'rsi', r3: 'rdx', r4: 'rcx', r5: 'r8',
  r6: 'rbx', r7: 'r13', r8: 'r14', r9: 'r15', r10: 'rbp',
};
/** AUX_REG (r11), BPF_REG_AX (r10), X86_REG_R9 (r9); X86_REG_R12 (r12) is written literally. */
const SCRATCH = ['r11', 'r10', 'r9', 'r12'];
const REGS32: Record<string, string> = {
  rax: 'eax', rdi: 'edi', rsi: 'esi', rdx: 'edx', rcx: 'ecx', rbx: 'ebx', rbp: 'ebp',
  ...Object.fromEntries([8, 9, 10, 11, 12, 13, 14, 15].map((n) => [`r${n}`, `r${n}d`])),
};

type Width = 32 | 64;
const v = (name: string, w: Width) => (w === 64 ? `%{${name}}` : `%{${name}:32}`);
const sfx = (w: Width) => (w === 64 ? 'q' : 'l');

// ---------------------------------------------------------------- ALU (do_jit)

const NO_SHIFT = 'not modelled: the JIT emits shl/shr/sar (or shlx/shrx/sarx with BMI2), which the X86_64 front end lacks';
const NO_MUL = 'not modelled: the JIT emits imul, which the X86_64 front end lacks';
const NO_DIV = 'not modelled: the JIT emits div/idiv (with rax/rdx saved around it), which the X86_64 front end lacks';
const UNMODELLED: Record<string, string> = {
  mul: NO_MUL, div: NO_DIV, sdiv: NO_DIV, mod: NO_DIV, smod: NO_DIV, lsh: NO_SHIFT, rsh: NO_SHIFT, arsh: NO_SHIFT,
};

/**
 * A 64-bit operation with an immediate: the JIT emits `op $imm32,dst` with the immediate
 * sign-extended. bpf-herd's BPF front end reads a literal such as 0xffffffff in a 64-bit
 * operation as that 64-bit value, which no sign-extended imm32 holds; so the row moves the
 * immediate to AUX_REG (r11) first and operates on registers: the same value, no memory access.
 */
const IMM64_NOTE =
  'the JIT emits op $imm32,dst (sign-extended); the immediate goes through AUX_REG (r11) so that any 64-bit literal bpf-herd accepts keeps its value';

function aluRows(w: Width): Row[] {
  const d = v('dst', w);
  const s = v('src', w);
  const q = sfx(w);
  const rows: Row[] = [
    { op: `mov${w}.reg`, emit: [`mov${q} ${s},${d}`], source: src('emit_mov_reg') },
    {
      op: `mov${w}.imm`, emit: [`mov${q} \${imm},${d}`], source: src(w === 64 ? 'emit_mov_imm64' : 'emit_mov_imm32'),
      note: w === 64
        ? 'the JIT picks the shortest encoding (xor for 0, movl for a non-negative 32-bit value, movq sign-extended, movabs for ld_imm64): all load this value'
        : 'xor for 0, else movl: the same value',
    },
    { op: `neg${w}`, emit: [`neg${q} ${d}`], source: src('do_jit') },
  ];
  for (const op of ['add', 'sub', 'and', 'or', 'xor']) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: [`${op}${q} ${s},${d}`], source: src('do_jit') });
    rows.push(w === 64
      ? { op: `alu64.${op}.imm`, emit: ['movq ${imm},%{tmp1}', `${op}q %{tmp1},${d}`], source: src('do_jit'), note: IMM64_NOTE }
      : { op: `alu32.${op}.imm`, emit: [`${op}l \${imm},${d}`], source: src('do_jit') });
  }
  for (const [op, why] of Object.entries(UNMODELLED)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: why, source: src('do_jit') });
    rows.push({ op: `alu${w}.${op}.imm`, emit: why, source: src('do_jit') });
  }
  return rows;
}

// ---------------------------------------------------------------- jumps (do_jit)

const JCC: Record<string, string> = {
  eq: 'je', ne: 'jne', lt: 'jb', le: 'jbe', gt: 'ja', ge: 'jae', slt: 'jl', sle: 'jle', sgt: 'jg', sge: 'jge', set: 'jne',
};

function jumpRows(w: Width): Row[] {
  const d = v('dst', w);
  const q = sfx(w);
  return Object.entries(JCC).flatMap(([c, jcc]): Row[] => {
    const cmp = c === 'set' ? 'test' : 'cmp';
    return [
      { op: `jmp${w}.${c}.reg`, emit: [`${cmp}${q} ${v('src', w)},${d}`, `${jcc} {target}`], source: src('do_jit') },
      w === 64
        ? { op: `jmp64.${c}.imm`, emit: ['movq ${imm},%{tmp1}', `${cmp}q %{tmp1},${d}`, `${jcc} {target}`], source: src('do_jit'), note: IMM64_NOTE }
        : {
          op: `jmp32.${c}.imm`, emit: [`${cmp}l \${imm},${d}`, `${jcc} {target}`], source: src('do_jit'),
          ...(c !== 'set' ? { note: 'the JIT writes a compare with 0 as test dst,dst: the same flags for the condition' } : {}),
        },
    ];
  });
}

// ---------------------------------------------------------------- loads and stores (emit_ldx, emit_stx, emit_st)

const LOAD: Record<number, string> = {
  8: 'movzbq (%{base}),%{dst}',
  16: 'movzwq (%{base}),%{dst}',
  32: 'movl (%{base}),%{dst:32}',
  64: 'movq (%{base}),%{dst}',
};
const STORE: Record<number, string[]> = {
  8: ['movq %{src},%{tmp1}', 'movb %r11b,(%{base})'],
  16: ['movq %{src},%{tmp1}', 'movw %r11w,(%{base})'],
  32: ['movl %{src:32},(%{base})'],
  64: ['movq %{src},(%{base})'],
};
const NARROW_STORE_NOTE =
  'the JIT stores the low byte/word of the source register itself (mov %sil,(%rdi)); bpf-herd\'s placeholders have no 8/16-bit view, so the value goes through AUX_REG (r11) first: same value, same data dependency';
const STORE_IMM: Record<number, string> = { 8: 'movb', 16: 'movw', 32: 'movl', 64: 'movq' };

function memRows(): Row[] {
  return ([8, 16, 32, 64] as const).flatMap((s): Row[] => {
    const narrow = s < 32 ? { note: NARROW_STORE_NOTE } : {};
    return [
      { op: `load.${s}`, emit: [LOAD[s]!], source: src('emit_ldx') },
      { op: `store.${s}`, emit: STORE[s]!, source: src('emit_stx'), ...narrow },
      s === 64
        ? { op: 'store-imm.64', emit: ['movq ${imm},%{tmp1}', 'movq %{tmp1},(%{base})'], source: src('emit_st'), note: IMM64_NOTE }
        : { op: `store-imm.${s}`, emit: [`${STORE_IMM[s]!} \${imm},(%{base})`], source: src('emit_st') },
      {
        op: `load_acquire.${s}`, emit: [LOAD[s]!], source: src('emit_atomic_ld_st'),
        note: 'a plain load (emit_ldx): TSO orders it before every later access',
      },
      {
        op: `store_release.${s}`, emit: STORE[s]!, source: src('emit_atomic_ld_st'),
        note: `a plain store (emit_stx): TSO orders every earlier access before it${s < 32 ? `; ${NARROW_STORE_NOTE}` : ''}`,
      },
    ];
  });
}

const extraRows: Row[] = [
  { op: 'load-signed.8', emit: ['movsbq (%{base}),%{dst}'], source: src('emit_ldsx') },
  { op: 'load-signed.16', emit: ['movswq (%{base}),%{dst}'], source: src('emit_ldsx') },
  { op: 'load-signed.32', emit: ['movslq (%{base}),%{dst}'], source: src('emit_ldsx') },
  { op: 'movsx32', emit: ['movslq %{src:32},%{dst}'], source: src('emit_movsx_reg') },
  ...[8, 16].map((b): Row => ({
    op: `movsx${b}`, emit: `not modelled: the row key movsx${b} does not say whether the destination is w (ALU32) or r (ALU64), which the JIT lowers differently (movsbl/movsbq)`,
    source: src('emit_movsx_reg'),
  })),
  { op: 'bswap.le16', emit: ['movq %{dst},%{tmp1}', 'movzwl %r11w,%{dst:32}'], source: src('do_jit'), note: 'the JIT emits movzwl %si,%esi; through r11 for want of a 16-bit view' },
  { op: 'bswap.le32', emit: ['movl %{dst:32},%{dst:32}'], source: src('do_jit') },
  { op: 'bswap.le64', emit: [], source: src('do_jit'), note: 'nothing: the host is little-endian' },
  ...['be16', 'be32', 'be64', 'swap16', 'swap32', 'swap64'].map((k): Row => ({
    op: `bswap.${k}`, emit: 'not modelled: the JIT emits ror/bswap, which the X86_64 front end lacks', source: src('do_jit'),
  })),
];

// ---------------------------------------------------------------- atomics (emit_atomic_rmw, do_jit)

function atomicRows(w: Width): Row[] {
  const s = v('src', w);
  const q = sfx(w);
  const rmw = src('emit_atomic_rmw');
  const rows: Row[] = [
    { op: `atomic.add.${w}`, emit: [`lock add${q} ${s},(%{base})`], source: rmw, note: 'a locked instruction: a full fence, stronger than the LKMM\'s relaxed atomic_add()' },
    { op: `atomic.and.${w}`, emit: [`lock and${q} ${s},(%{base})`], source: rmw, note: 'a full fence; stronger than needed' },
    { op: `atomic.or.${w}`, emit: [`lock or${q} ${s},(%{base})`], source: rmw, note: 'a full fence; stronger than needed' },
    { op: `atomic.xor.${w}`, emit: [`lock xor${q} ${s},(%{base})`], source: rmw, note: 'a full fence; stronger than needed' },
    { op: `atomic.fetch_add.${w}`, emit: [`lock xadd${q} ${s},(%{base})`], source: rmw },
    {
      op: `xchg.${w}`, emit: [`xchg${q} ${s},(%{base})`], source: rmw,
      note: 'XCHG with memory is implicitly locked; the explicit LOCK byte was dropped in e09f6be4a355 (same semantics)',
    },
    {
      op: `cmpxchg.${w}`, emit: [`lock cmpxchg${q} ${s},(%{base})`, ...(w === 32 ? ['movl %eax,%eax'] : [])], source: rmw,
      note: `compares with and loads into rax (R0); locked whether it succeeds or fails${w === 32 ? '; the movl %eax,%eax is the w0 = w0 the verifier inserts after a 32-bit cmpxchg (39491867ace5), since a successful 32-bit CMPXCHG leaves the upper half of rax' : ''}`,
    },
  ];
  const r0 = w === 64 ? '%rax' : '%eax';
  const aux = w === 64 ? '%r11' : '%r11d';
  const copy = w === 64 ? '%r9' : '%r9d';
  for (const op of ['and', 'or', 'xor']) {
    rows.push({
      op: `atomic.fetch_${op}.${w}`,
      emit: [
        'movq %rax,%r10',
        'movq %{src},%r9',
        'movq %{base},%r12',
        '{L1}:',
        `mov${q} (%r12),${r0}`,
        `mov${q} ${r0},${aux}`,
        `${op}${q} ${copy},${aux}`,
        `lock cmpxchg${q} ${aux},(%r12)`,
        'jne {L1}',
        `mov${q} ${r0},${copy}`,
        'movq %r10,%rax',
        'movq %r9,%{src}',
      ],
      source: src('do_jit'),
      note:
        'do_jit saves R0 in BPF_REG_AX (r10), then loops: load the old value into rax (emit_ldx; the loop label is before the load), '
        + 'AUX_REG (r11) = rax <op> src, lock cmpxchg AUX_REG, jne back; then src = rax and R0 is restored from r10. '
        + 'The JIT uses r10 in place of src or of the address register when that is R0 (real_src_reg/real_dst_reg); '
        + 'a table row cannot choose registers, so the source and the address are copied to r9 and r12 first and the result goes to src through r9: '
        + 'the same memory accesses in the same order, the same values for every choice of registers',
    });
  }
  return rows;
}

// ---------------------------------------------------------------- the table

export const x86_64: JitTable = {
  name: 'x86-64',
  arch: 'X86_64',
  description:
    'x86-64, arch/x86/net/bpf_jit_comp.c as of bpf-next 2025-2026: do_jit, emit_atomic_rmw (LOCK-prefixed RMW, a LOCK CMPXCHG loop for fetch and/or/xor), '
    + 'emit_atomic_ld_st (plain moves for load-acquire/store-release, 5341c9a4d833)',
  regs: REGS,
  regs32: REGS32,
  scratch: SCRATCH,
  rows: [
    ...aluRows(64),
    ...aluRows(32),
    ...memRows(),
    ...atomicRows(32),
    ...atomicRows(64),
    ...jumpRows(64),
    ...jumpRows(32),
    { op: 'goto', emit: ['jmp {target}'], source: src('do_jit') },
    { op: 'exit', emit: ['jmp {end}'], source: src('do_jit'), note: 'a jump to the epilogue (none for the last instruction)' },
    ...extraRows,
  ],
};
