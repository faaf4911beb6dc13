/**
 * RISC-V: arch/riscv/net/bpf_jit_comp64.c (riscv64, with and without Zacas) and
 * bpf_jit_comp32.c (riscv32), as of the tree after 20a759df3bba "riscv, bpf: make some atomic
 * operations fully ordered" (v6.10), e59db0623f69 "riscv, bpf: Make BPF_CMPXCHG fully ordered"
 * (Oct 2024) and 8afd3170d511 (load-acquire/store-release, Andrea Parri, 2025).
 *
 * riscv64 atomics (emit_atomic): non-fetch ops are plain `amo<op>.{w,d} x0,src,(dst)`; the fetch
 * ops and xchg are `amo<op>.{w,d}.aqrl` (+ zero-extension for W); cmpxchg is an lr/sc loop whose
 * `sc` is `.rl`, followed by `fence rw,rw` that the failure path skips — or, with Zacas,
 * `amocas.{w,d}.aqrl`. Load-acquire is `l*; fence r,rw` and store-release `fence rw,w; s*`
 * (emit_atomic_ld_st), not the Zalasr forms.
 *
 * Conventions of these rows:
 * - Memory offsets: bpf-herd's templates have no `{off}` placeholder, so accesses are written at
 *   offset 0 (the JIT adds a nonzero offset into t1 first: `addi t1,dst,off`).
 * - Immediates: the JIT uses the I-type form when the immediate fits 12 bits and `li t1,imm`
 *   otherwise; the rows always use `li` (emit_imm) and the register form (same values).
 * - Zero-extension: `emit_zextw` without Zba (`slli d,s,32; srli d,d,32`). ALU32 results are
 *   zero-extended after the operation; the kernel (verifier_zext) has the verifier insert those
 *   zero-extensions, which the JIT emits the same way.
 * - Division by a register carries the verifier's guard (do_misc_fixups: `x / 0 = 0`); RISC-V's
 *   own remainder by zero (the dividend) and overflow results already equal BPF's.
 */
import type { JitTable, Row } from '../table.js';

const F64 = 'arch/riscv/net/bpf_jit_comp64.c';
const F32 = 'arch/riscv/net/bpf_jit_comp32.c';
const BODY = 'bpf_jit_emit_insn';

type Alu = 'add' | 'sub' | 'mul' | 'div' | 'sdiv' | 'mod' | 'smod' | 'and' | 'or' | 'xor' | 'lsh' | 'rsh' | 'arsh';
const ALU_OPS: Alu[] = ['add', 'sub', 'mul', 'div', 'sdiv', 'mod', 'smod', 'and', 'or', 'xor', 'lsh', 'rsh', 'arsh'];
const REG_OP: Record<Alu, [string, string]> = {
  add: ['add', 'addw'], sub: ['sub', 'subw'], mul: ['mul', 'mulw'], div: ['divu', 'divuw'], sdiv: ['div', 'divw'],
  mod: ['remu', 'remuw'], smod: ['rem', 'remw'], and: ['and', 'and'], or: ['or', 'or'], xor: ['xor', 'xor'],
  lsh: ['sll', 'sllw'], rsh: ['srl', 'srlw'], arsh: ['sra', 'sraw'],
}; // prettier-ignore
const IMM_SHIFT: Partial<Record<Alu, [string, string]>> = { lsh: ['slli', 'slliw'], rsh: ['srli', 'srliw'], arsh: ['srai', 'sraiw'] };

const zext = (r: string, from = r) => [`slli ${r},${from},32`, `srli ${r},${r},32`];
const sext = (r: string, from = r) => [`addiw ${r},${from},0`];

type Name = 'riscv64' | 'riscv32';

function aluRows(name: Name, file: string): Row[] {
  const src = { file, fn: BODY };
  const rows: Row[] = [];
  const rv32 = name === 'riscv32';
  for (const w of [64, 32] as const) {
    const z = w === 32 ? zext('{dst}') : [];
    const pairNote = rv32 && w === 64 ? 'riscv32 works on a register pair (emit_rv32_alu_r64); written as the RV64 instruction on one register (same value)' : undefined;
    const n = (extra?: string) => {
      const s = [pairNote, extra].filter(Boolean).join('; ');
      return s ? { note: s } : {};
    };
    rows.push(
      { op: `mov${w}.reg`, emit: w === 64 ? ['mv {dst},{src}'] : zext('{dst}', '{src}'), source: src, ...n() },
      { op: `mov${w}.imm`, emit: ['li {dst},{imm}', ...z], source: src, ...n('emit_imm') },
      { op: `neg${w}`, emit: [w === 64 ? 'neg {dst},{dst}' : 'negw {dst},{dst}', ...z], source: src, ...n() },
    );
    for (const op of ALU_OPS) {
      const m = REG_OP[op][w === 64 ? 0 : 1];
      if (rv32 && w === 64 && ['div', 'sdiv', 'mod', 'smod'].includes(op)) {
        for (const k of ['reg', 'imm']) rows.push({ op: `alu64.${op}.${k}`, emit: `not JITed: riscv32 has no 64-bit ${op} (bpf_jit_comp32.c: "not supported"); the interpreter runs it`, source: src });
        continue;
      }
      if (rv32 && (op === 'sdiv' || op === 'smod')) {
        for (const k of ['reg', 'imm']) {
          rows.push({
            op: `alu${w}.${op}.${k}`,
            emit: `not modelled: unverified whether bpf_jit_comp32.c handles the signed (off=1) ${op} at all (it may emit the unsigned divu/remu)`,
            source: src,
          });
        }
        continue;
      }
      let reg: string[];
      let extra: string | undefined;
      if (op === 'div' || op === 'sdiv') {
        // verifier guard: x / 0 = 0 (RISC-V gives all ones)
        const test = w === 64 ? ['bne {src},x0,{L1}'] : [...zext('{tmp1}', '{src}'), 'bnez {tmp1},{L1}'];
        reg = [...test, 'li {dst},0', 'j {L2}', '{L1}:', `${m} {dst},{dst},{src}`, '{L2}:', ...z];
        extra = 'verifier guard (do_misc_fixups): x / 0 = 0; signed overflow already gives BPF\'s result';
      } else {
        reg = [`${m} {dst},{dst},{src}`, ...z];
        if (op === 'mod' || op === 'smod') extra = 'no guard needed: RISC-V\'s remainder by zero is the dividend and by -1 is 0, as BPF\'s (the verifier still inserts its guard)';
      }
      rows.push({ op: `alu${w}.${op}.reg`, emit: reg, source: src, ...n(extra) });
      const sh = IMM_SHIFT[op];
      const imm = sh ? [`${sh[w === 64 ? 0 : 1]} {dst},{dst},{imm}`, ...z] : ['li {tmp1},{imm}', `${m} {dst},{dst},{tmp1}`, ...z];
      rows.push({ op: `alu${w}.${op}.imm`, emit: imm, source: src, ...n(sh ? undefined : 'emit_imm into t1, then the register form') });
    }
  }
  return rows;
}

const BRANCH: Record<string, string> = {
  eq: 'beq', ne: 'bne', gt: 'bgtu', lt: 'bltu', ge: 'bgeu', le: 'bleu', sgt: 'bgt', slt: 'blt', sge: 'bge', sle: 'ble',
};

function jumpRows(name: Name, file: string): Row[] {
  const src = { file, fn: name === 'riscv64' ? 'emit_branch' : 'bpf_jit_emit_insn' };
  const rows: Row[] = [];
  const rv32 = name === 'riscv32';
  for (const w of [64, 32] as const) {
    const note = rv32 && w === 64 ? { note: 'riscv32 compares the high words, then the low words (emit_branch_r64); written as one RV64 compare (same outcome, no barrier)' } : {};
    for (const [cond, b] of Object.entries(BRANCH)) {
      const signed = cond.startsWith('s');
      if (w === 64) {
        rows.push({ op: `jmp64.${cond}.reg`, emit: [`${b} {dst},{src},{target}`], source: src, ...note });
        rows.push({ op: `jmp64.${cond}.imm`, emit: ['li {tmp1},{imm}', `${b} {dst},{tmp1},{target}`], source: src, ...note });
      } else {
        // JMP32: both operands zero- (unsigned) or sign-extended (signed) into t1 (rhs) and t2 (lhs)
        const ext = signed ? sext : zext;
        rows.push({ op: `jmp32.${cond}.reg`, emit: [...ext('{tmp1}', '{src}'), ...ext('{tmp2}', '{dst}'), `${b} {tmp2},{tmp1},{target}`], source: src });
        rows.push({ op: `jmp32.${cond}.imm`, emit: ['li {tmp1},{imm}', ...ext('{tmp1}'), ...ext('{tmp2}', '{dst}'), `${b} {tmp2},{tmp1},{target}`], source: src });
      }
    }
    const z = w === 32 ? zext('{tmp1}') : [];
    rows.push({ op: `jmp${w}.set.reg`, emit: ['and {tmp1},{dst},{src}', ...z, 'bnez {tmp1},{target}'], source: src, ...note });
    rows.push({ op: `jmp${w}.set.imm`, emit: ['li {tmp1},{imm}', 'and {tmp1},{dst},{tmp1}', ...z, 'bnez {tmp1},{target}'], source: src, ...note });
  }
  rows.push({ op: 'goto', emit: ['j {target}'], source: src });
  rows.push({ op: 'exit', emit: ['j {end}'], source: src, note: 'a jump to the epilogue' });
  return rows;
}

const SZ: Record<number, string> = { 8: 'b', 16: 'h', 32: 'w', 64: 'd' };
const LOAD: Record<number, string> = { 8: 'lbu', 16: 'lhu', 32: 'lwu', 64: 'ld' };

function memRows(name: Name, file: string): Row[] {
  const src = { file, fn: name === 'riscv64' ? BODY : 'emit_load_r64/emit_store_r64' };
  const rows: Row[] = [];
  for (const s of [8, 16, 32, 64]) {
    const st = `s${SZ[s]}`;
    if (name === 'riscv32' && s === 64) {
      const why = 'not modelled: riscv32 keeps a 64-bit BPF register in a register pair and accesses a u64 as two 32-bit accesses (lw/sw at off and off+4); bpf-herd has one location per variable and cannot split it';
      rows.push({ op: 'load.64', emit: why, source: src }, { op: 'store.64', emit: why, source: src }, { op: 'store-imm.64', emit: why, source: src });
    } else {
      const note = name === 'riscv32' ? { note: 'riscv32: `l* lo; li hi,0` (RV32 lw does not extend), written as the RV64 zero-extending load' } : {};
      rows.push({ op: `load.${s}`, emit: [`${LOAD[s]} {dst},0({base})`], source: src, ...note });
      rows.push({ op: `store.${s}`, emit: [`${st} {src},0({base})`], source: src });
      rows.push({ op: `store-imm.${s}`, emit: ['li {tmp1},{imm}', `${st} {tmp1},0({base})`], source: src, note: 'emit_imm into a scratch register, then the store' });
    }
    if (s !== 64) {
      // BPF_LDX|BPF_MEMSX (cpu v4 sign-extending loads); not in OP_KEYS, but opKey() produces them
      rows.push(name === 'riscv32'
        ? { op: `load-signed.${s}`, emit: 'not modelled: unverified whether bpf_jit_comp32.c JITs BPF_MEMSX loads', source: src }
        : { op: `load-signed.${s}`, emit: [`l${SZ[s]} {dst},0({base})`], source: src, note: 'BPF_MEMSX: emit_load_{8,16,32}(true, ...): lb/lh/lw sign-extend' });
    }
    if (name === 'riscv32') {
      rows.push({ op: `load_acquire.${s}`, emit: 'not JITed: riscv32 has no load-acquire (bpf_jit_comp32.c: "not supported"); the interpreter runs it', source: src });
      rows.push({ op: `store_release.${s}`, emit: 'not JITed: riscv32 has no store-release (bpf_jit_comp32.c: "not supported"); the interpreter runs it', source: src });
    } else {
      const ldst = { file, fn: 'emit_atomic_ld_st' };
      rows.push({ op: `load_acquire.${s}`, emit: [`${LOAD[s]} {dst},0({base})`, 'fence r,rw'], source: ldst, note: '8afd3170d511: the load, then emit_fence_r_rw' });
      rows.push({ op: `store_release.${s}`, emit: ['fence rw,w', `${st} {src},0({base})`], source: ldst, note: '8afd3170d511: emit_fence_rw_w, then the store' });
    }
  }
  return rows;
}

/**
 * movsx (cpu v4) and the byte swaps. movsx rows are the 64-bit form `rD = (sN) rS` (opKey() does
 * not tell `wD = (s8) wS` from it): emit_sextb/emit_sexth without Zbb, addiw for 32. Byte swaps
 * on a little-endian hart: `le` zero-extends (emit_zexth/emit_zextw), `be`/`bswap` are
 * emit_bswap's byte-by-byte loop without Zbb (rev8 is not in bpf-herd's front end).
 */
function extRows(name: Name, file: string): Row[] {
  const src = { file, fn: 'bpf_jit_emit_insn' };
  const v = name === 'riscv32' ? '; riscv32 (bpf_jit_comp32.c) unverified, written as riscv64' : '';
  const rows: Row[] = [
    { op: 'movsx8', emit: ['slli {dst},{src},56', 'srai {dst},{dst},56'], source: src, note: `emit_sextb without Zbb; the 64-bit form${v}` },
    { op: 'movsx16', emit: ['slli {dst},{src},48', 'srai {dst},{dst},48'], source: src, note: `emit_sexth without Zbb; the 64-bit form${v}` },
    { op: 'movsx32', emit: ['addiw {dst},{src},0'], source: src, note: `emit_sextw${v}` },
  ];
  const le: Record<number, string[]> = { 16: ['slli {dst},{dst},48', 'srli {dst},{dst},48'], 32: zext('{dst}'), 64: ['nop'] };
  for (const b of [16, 32, 64]) {
    rows.push({ op: `bswap.le${b}`, emit: le[b]!, source: src, note: `little-endian: a zero-extension to the width (none for 64)${v}` });
    const swap = ['li {tmp2},0'];
    for (let i = 0; i < b / 8 - 1; i++) swap.push('andi {tmp1},{dst},255', 'add {tmp2},{tmp2},{tmp1}', 'slli {tmp2},{tmp2},8', 'srli {dst},{dst},8');
    swap.push('andi {tmp1},{dst},255', 'add {tmp2},{tmp2},{tmp1}', 'mv {dst},{tmp2}');
    for (const k of ['be', 'swap']) rows.push({ op: `bswap.${k}${b}`, emit: swap, source: { file, fn: 'emit_bswap' }, note: `emit_bswap without Zbb${v}` });
  }
  return rows;
}

type Cmpxchg = 'llsc' | 'llsc-norl' | 'zacas';

/** riscv64 emit_atomic. `fetchOrder`: the .aqrl of fetch ops and xchg (false before 20a759df3bba). */
function atomicRows(opts: { nonFetch: boolean; fetchOrder: boolean | undefined; cmpxchg: Cmpxchg | undefined }): Row[] {
  const src = { file: F64, fn: 'emit_atomic' };
  const rows: Row[] = [];
  for (const w of [32, 64] as const) {
    const x = w === 64 ? 'd' : 'w';
    const z = (r: string) => (w === 32 ? zext(r) : []);
    for (const op of ['add', 'and', 'or', 'xor']) {
      if (opts.nonFetch) {
        rows.push({ op: `atomic.${op}.${w}`, emit: [`amo${op}.${x} x0,{src},({base})`], source: src, note: 'aq=rl=0: relaxed, as atomic_add() is' });
      }
      if (opts.fetchOrder !== undefined) {
        const ord = opts.fetchOrder ? '.aqrl' : '';
        rows.push({
          op: `atomic.fetch_${op}.${w}`,
          emit: [`amo${op}.${x}${ord} {src},{src},({base})`, ...z('{src}')],
          source: src,
          note: opts.fetchOrder ? 'aq=rl=1: a sequentially consistent AMO' : 'before 20a759df3bba: aq=rl=0, relaxed',
        });
      }
    }
    if (opts.fetchOrder !== undefined) {
      const ord = opts.fetchOrder ? '.aqrl' : '';
      rows.push({ op: `xchg.${w}`, emit: [`amoswap.${x}${ord} {src},{src},({base})`, ...z('{src}')], source: src, note: opts.fetchOrder ? 'amoswap with aq=rl=1' : 'before 20a759df3bba: aq=rl=0, relaxed' });
    }
    if (opts.cmpxchg === 'zacas') {
      rows.push({
        op: `cmpxchg.${w}`,
        emit: [`amocas.${x}.aqrl {r0},{src},({base})`, ...z('{r0}')],
        source: { file: F64, fn: 'emit_cmpxchg' },
        note: 'Zacas (rvzacas_enabled()): amocas with aq=rl=1, ordered on failure too; W: then the zero-extension of w0',
      });
    } else if (opts.cmpxchg !== undefined) {
      const rl = opts.cmpxchg === 'llsc' ? '.rl' : '';
      rows.push({
        op: `cmpxchg.${w}`,
        emit: [
          w === 64 ? 'mv {tmp2},{r0}' : 'addiw {tmp2},{r0},0',
          '{L1}:',
          `lr.${x} {r0},({base})`,
          'bne {tmp2},{r0},{L2}',
          `sc.${x}${rl} {tmp3},{src},({base})`,
          'bnez {tmp3},{L1}',
          'fence rw,rw',
          '{L2}:',
          ...z('{r0}'),
        ],
        source: { file: F64, fn: 'emit_cmpxchg' },
        note:
          (opts.cmpxchg === 'llsc' ? 'lr; bne out; sc.rl; bnez retry; fence rw,rw; out: (e59db0623f69)' : 'before e59db0623f69: the sc has no .rl, so an earlier store can pass it') +
          '; the failure path skips the fence (LKMM: no ordering on failure). W: the compare is on sign-extended words (addiw), and the zero-extension of w0 after the loop is the one the verifier inserts (39491867ace5)',
      });
    }
  }
  return rows;
}

/** regmap[] in bpf_jit_comp64.c: R0 a5, R1-R5 a0-a4, R6-R9 s1-s4, R10 s5 (AX t0); scratch t1, t2, t3. */
const RV64_REGS = {
  r0: 'x15', r1: 'x10', r2: 'x11', r3: 'x12', r4: 'x13', r5: 'x14',
  r6: 'x9', r7: 'x18', r8: 'x19', r9: 'x20', r10: 'x21',
};
const RV64_SCRATCH = ['x6', 'x7', 'x28']; // t1, t2, t3

const rv64Common = (): Row[] => [...aluRows('riscv64', F64), ...extRows('riscv64', F64), ...jumpRows('riscv64', F64), ...memRows('riscv64', F64)];

export const riscv64: JitTable = {
  name: 'riscv64',
  arch: 'RISCV',
  description:
    'riscv64 without Zacas (arch/riscv/net/bpf_jit_comp64.c): relaxed amo<op> for non-fetch ops, amo<op>/amoswap .aqrl for fetch ops and xchg, ' +
    'lr/sc.rl + fence rw,rw loop for cmpxchg, `l*; fence r,rw` / `fence rw,w; s*` for load-acquire / store-release',
  regs: RV64_REGS,
  scratch: RV64_SCRATCH,
  rows: [...rv64Common(), ...atomicRows({ nonFetch: true, fetchOrder: true, cmpxchg: 'llsc' })],
  variants: {
    'before-20a759df3bba': {
      description:
        'before 20a759df3bba "riscv, bpf: make some atomic operations fully ordered" (Puranjay Mohan, v6.10): the fetch ops and xchg are ' +
        'amo<op>.{w,d} with aq=rl=0, relaxed (introduced by dd642ccb45ec)',
      rows: atomicRows({ nonFetch: false, fetchOrder: false, cmpxchg: undefined }),
    },
    'before-e59db0623f69': {
      description:
        'before e59db0623f69 "riscv, bpf: Make BPF_CMPXCHG fully ordered" (Andrea Parri, Oct 2024): cmpxchg\'s sc.{w,d} has no .rl, ' +
        'so a store before the cmpxchg can pass the sc (introduced by dd642ccb45ec)',
      rows: atomicRows({ nonFetch: false, fetchOrder: undefined, cmpxchg: 'llsc-norl' }),
    },
  },
};

export const riscv64Zacas: JitTable = {
  name: 'riscv64-zacas',
  arch: 'RISCV',
  description: 'riscv64 with Zacas (arch/riscv/net/bpf_jit_comp64.c, emit_cmpxchg with rvzacas_enabled()): as riscv64, but cmpxchg is amocas.{w,d}.aqrl',
  regs: RV64_REGS,
  scratch: RV64_SCRATCH,
  rows: [...rv64Common(), ...atomicRows({ nonFetch: true, fetchOrder: true, cmpxchg: 'zacas' })],
};

/**
 * riscv32: bpf2rv32[] in bpf_jit_comp32.c gives each BPF register a (hi, lo) pair: R0 s2:s1,
 * R1 a1:a0, R2 a3:a2, R3 a5:a4, R4 a7:a6, R5 s4:s3, R10 s6:s5; R6-R9 live in stack slots and are
 * loaded into TMP_REG_1 (t3:t2) / TMP_REG_2 (t5:t4) around each use. bpf-herd's RISC-V model
 * has 64-bit registers: one register (the low one) stands for a pair, and R6-R9 get registers
 * the JIT leaves free (s7-s10), since a spill and reload through the thread's own stack changes
 * no ordering under RVWMO (the reload reads the spill; dependencies through it are kept by ppo
 * rule 12).
 */
const RV32_REGS = {
  r0: 'x9', r1: 'x10', r2: 'x12', r3: 'x14', r4: 'x16', r5: 'x19',
  r6: 'x23', r7: 'x24', r8: 'x25', r9: 'x26', r10: 'x21',
};

const rv32Atomics = (): Row[] => {
  const src = { file: F32, fn: 'emit_store_r64' };
  const notJit = 'not JITed: riscv32 JITs only the 32-bit non-fetch add (bpf_jit_comp32.c: any other BPF_ATOMIC op is "not supported", -EFAULT); the interpreter runs it';
  const rows: Row[] = [{ op: 'atomic.add.32', emit: ['amoadd.w x0,{src},({base})'], source: src, note: 'BPF_ATOMIC mode of emit_store_r64: amoadd.w zero,lo(src),(t0) with aq=rl=0, relaxed' }];
  for (const w of [32, 64]) {
    for (const op of ['add', 'and', 'or', 'xor']) {
      if (!(w === 32 && op === 'add')) rows.push({ op: `atomic.${op}.${w}`, emit: notJit, source: { file: F32, fn: 'bpf_jit_emit_insn' } });
      rows.push({ op: `atomic.fetch_${op}.${w}`, emit: notJit, source: { file: F32, fn: 'bpf_jit_emit_insn' } });
    }
    rows.push({ op: `xchg.${w}`, emit: notJit, source: { file: F32, fn: 'bpf_jit_emit_insn' } });
    rows.push({ op: `cmpxchg.${w}`, emit: notJit, source: { file: F32, fn: 'bpf_jit_emit_insn' } });
  }
  return rows;
};

export const riscv32: JitTable = {
  name: 'riscv32',
  arch: 'RISCV',
  description:
    'riscv32 (arch/riscv/net/bpf_jit_comp32.c): only the 32-bit non-fetch add is JITed among the atomics (relaxed amoadd.w); no load-acquire/store-release; ' +
    'u64 accesses split in two (not modelled); a register pair is shown as one RV64 register',
  regs: RV32_REGS,
  scratch: ['x7', 'x29', 'x5'], // lo(TMP_REG_1)=t2, lo(TMP_REG_2)=t4, t0
  rows: [...aluRows('riscv32', F32), ...extRows('riscv32', F32), ...jumpRows('riscv32', F32), ...memRows('riscv32', F32), ...rv32Atomics()],
};
