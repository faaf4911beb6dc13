/**
 * powerpc: arch/powerpc/net/bpf_jit_comp64.c (ppc64) and bpf_jit_comp32.c (ppc32), as of the
 * tree after b1e7cee96127 "powerpc/bpf: enforce full ordering for ATOMIC operations with
 * BPF_FETCH" (v6.10) and Puranjay Mohan's 2025 load-acquire/store-release patch for ppc64.
 *
 * Atomics are `l[wd]arx`/`st[wd]cx.` retry loops built by the BPF_STX|BPF_ATOMIC case of
 * bpf_jit_build_body(). With CONFIG_SMP (assumed here) the value-returning ones (BPF_FETCH, that
 * is the fetch ops, xchg and cmpxchg) get a `sync` before the loop and a `sync` after it; the
 * failure path of cmpxchg branches to that trailing `sync`, so it also runs on failure.
 * Non-fetch ops are bare loops (relaxed, as the LKMM wants). ppc64 load-acquire is `l*; lwsync`
 * and store-release `lwsync; st*`; ppc32 JITs neither, nor any 64-bit atomic.
 *
 * Conventions of these rows (read before trusting a row):
 * - Memory offsets: bpf-herd's templates have no `{off}` placeholder, so accesses are written at
 *   displacement 0 from the BPF base register (all tests in the corpora use `+ 0`). The atomics
 *   keep the JIT's `li tmp,off` and its X-form (`l[wd]arx t,tmp,base`).
 * - Immediates: the JIT loads an immediate that does not fit an instruction with PPC_LI32 /
 *   PPC_LI64 (`lis`+`ori`...); a template cannot split {imm}, so every ALU, jump and store
 *   immediate is written `li tmp,{imm}` followed by the register form of the operation. Same
 *   values and dependencies; only 16-bit signed immediates lower (others give a parse error).
 * - ALU32 results are truncated with `rlwinm d,d,0,0,31` (bpf_alu32_trunc). The kernel relies on
 *   the verifier's inserted zero-extensions (verifier_zext) instead for some ops; the values are
 *   the ones BPF defines either way.
 * - Division and modulo by a register carry the guards the verifier inserts before the JIT sees
 *   them (do_misc_fixups: `x / 0 = 0`, `x % 0 = x`, signed `x / -1 = -x`, `x % -1 = 0`), written
 *   as a compare and branches on the divisor register.
 */
import type { JitTable, Row } from '../table.js';

const F64 = 'arch/powerpc/net/bpf_jit_comp64.c';
const F32 = 'arch/powerpc/net/bpf_jit_comp32.c';
const BODY = 'bpf_jit_build_body';

type Alu = 'add' | 'sub' | 'mul' | 'div' | 'sdiv' | 'mod' | 'smod' | 'and' | 'or' | 'xor' | 'lsh' | 'rsh' | 'arsh';
const ALU_OPS: Alu[] = ['add', 'sub', 'mul', 'div', 'sdiv', 'mod', 'smod', 'and', 'or', 'xor', 'lsh', 'rsh', 'arsh'];
const TRUNC = 'rlwinm {dst},{dst},0,0,31';

interface Flavour {
  name: 'ppc64' | 'ppc32';
  file: string;
}

/** The register-register instruction of BPF op `op` at width `w`; '' where the ISA has none (mod without ISA 3.0). */
function aluMnemonic(op: Alu, w: 64 | 32, isa300: boolean): string {
  const d = w === 64;
  switch (op) {
    case 'add': return 'add';
    case 'sub': return 'sub';
    case 'mul': return d ? 'mulld' : 'mullw';
    case 'div': return d ? 'divdu' : 'divwu';
    case 'sdiv': return d ? 'divd' : 'divw';
    case 'mod': return isa300 ? (d ? 'modud' : 'moduw') : '';
    case 'smod': return isa300 ? (d ? 'modsd' : 'modsw') : '';
    case 'and': return 'and';
    case 'or': return 'or';
    case 'xor': return 'xor';
    case 'lsh': return d ? 'sld' : 'slw';
    case 'rsh': return d ? 'srd' : 'srw';
    case 'arsh': return d ? 'srad' : 'sraw';
  }
}

/** `dst = dst op rhs` (rhs a register placeholder), as the JIT computes it, without guards. */
function aluCore(op: Alu, w: 64 | 32, rhs: string, fl: Flavour): string[] {
  const isa300 = fl.name === 'ppc64';
  const m = aluMnemonic(op, w, isa300);
  if (m) return [`${m} {dst},{dst},${rhs}`];
  // modulo without ISA 3.0 mod* (ppc32): divide, multiply back, subtract (as the JIT does)
  const div = op === 'mod' ? (w === 64 ? 'divdu' : 'divwu') : w === 64 ? 'divd' : 'divw';
  const mul = w === 64 ? 'mulld' : 'mullw';
  return [`${div} r0,{dst},${rhs}`, `${mul} r0,${rhs},r0`, 'sub {dst},{dst},r0'];
}

function aluRows(fl: Flavour): Row[] {
  const src = { file: fl.file, fn: BODY };
  const rows: Row[] = [];
  for (const w of [64, 32] as const) {
    const trunc = w === 32 ? [TRUNC] : [];
    const cmpi = w === 64 ? 'cmpdi' : 'cmpwi';
    const cmpli = w === 64 ? 'cmpldi' : 'cmplwi';
    rows.push(
      { op: `mov${w}.reg`, emit: ['mr {dst},{src}', ...trunc], source: src },
      { op: `mov${w}.imm`, emit: ['li {dst},{imm}', ...trunc], source: src, note: 'PPC_LI32/PPC_LI64; only 16-bit immediates are written here' },
      { op: `neg${w}`, emit: ['neg {dst},{dst}', ...trunc], source: src },
    );
    for (const op of ALU_OPS) {
      const unsupported64 = fl.name === 'ppc32' && w === 64 && ['div', 'sdiv', 'mod', 'smod'].includes(op);
      if (unsupported64) {
        for (const k of ['reg', 'imm']) {
          rows.push({ op: `alu64.${op}.${k}`, emit: `not JITed: ppc32 has no 64-bit ${op} (bpf_jit_comp32.c returns -EOPNOTSUPP); the interpreter runs it`, source: src });
        }
        continue;
      }
      // register form, with the verifier's guards for division and modulo
      let reg: string[];
      let note: string | undefined;
      const core = aluCore(op, w, '{src}', fl);
      if (op === 'div') {
        reg = [`${cmpli} {src},0`, 'bne {L1}', 'li {dst},0', 'b {L2}', '{L1}:', ...core, '{L2}:', ...trunc];
        note = 'verifier guard: x / 0 = 0';
      } else if (op === 'mod') {
        reg = [`${cmpli} {src},0`, 'beq {L1}', ...core, '{L1}:', ...trunc];
        note = 'verifier guard: x % 0 = x (32-bit: zero-extended)';
      } else if (op === 'sdiv') {
        reg = [`${cmpi} {src},0`, 'beq {L1}', `${cmpi} {src},-1`, 'beq {L2}', ...core, 'b {L3}', '{L1}:', 'li {dst},0', 'b {L3}', '{L2}:', 'neg {dst},{dst}', '{L3}:', ...trunc];
        note = 'verifier guards (simplified): x s/ 0 = 0, x s/ -1 = -x';
      } else if (op === 'smod') {
        reg = [`${cmpi} {src},0`, 'beq {L3}', `${cmpi} {src},-1`, 'beq {L1}', ...core, 'b {L3}', '{L1}:', 'li {dst},0', '{L3}:', ...trunc];
        note = 'verifier guards (simplified): x s% 0 = x, x s% -1 = 0';
      } else {
        reg = [...core, ...trunc];
      }
      if (fl.name === 'ppc32' && (op === 'sdiv' || op === 'smod')) note = `${note}; unverified: whether bpf_jit_comp32.c handles the signed (off=1) forms`;
      rows.push({ op: `alu${w}.${op}.reg`, emit: reg, source: src, ...(note ? { note } : {}) });
      // immediate form: shifts take the immediate; the rest load it into a scratch register
      let imm: string[];
      if (op === 'lsh' || op === 'rsh' || op === 'arsh') {
        const m = { lsh: w === 64 ? 'sldi' : 'slwi', rsh: w === 64 ? 'srdi' : 'srwi', arsh: w === 64 ? 'sradi' : 'srawi' }[op];
        imm = [`${m} {dst},{dst},{imm}`, ...trunc];
      } else {
        imm = ['li {tmp1},{imm}', ...aluCore(op, w, '{tmp1}', fl), ...trunc];
      }
      rows.push({ op: `alu${w}.${op}.imm`, emit: imm, source: src, note: 'the immediate in a scratch register (PPC_LI32), then the register form' });
    }
  }
  return rows;
}

const BRANCH: Record<string, string> = {
  eq: 'beq', ne: 'bne', gt: 'bgt', lt: 'blt', ge: 'bge', le: 'ble', sgt: 'bgt', slt: 'blt', sge: 'bge', sle: 'ble', set: 'bne',
};

function jumpRows(fl: Flavour): Row[] {
  const src = { file: fl.file, fn: BODY };
  const rows: Row[] = [];
  for (const w of [64, 32] as const) {
    for (const [cond, b] of Object.entries(BRANCH)) {
      const signed = cond.startsWith('s') && cond !== 'set';
      const cmp = w === 64 ? (signed ? 'cmpd' : 'cmpld') : signed ? 'cmpw' : 'cmplw';
      const set = (rhs: string) => (w === 64 ? [`and. {tmp1},{dst},${rhs}`] : [`and {tmp1},{dst},${rhs}`, 'rlwinm. {tmp1},{tmp1},0,0,31']);
      const note = fl.name === 'ppc32' && w === 64 ? 'ppc32 compares the high words, then the low words; written as one 64-bit compare (same outcome, no barrier)' : undefined;
      rows.push({
        op: `jmp${w}.${cond}.reg`,
        emit: cond === 'set' ? [...set('{src}'), `${b} {target}`] : [`${cmp} {dst},{src}`, `${b} {target}`],
        source: src, ...(note ? { note } : {}),
      });
      rows.push({
        op: `jmp${w}.${cond}.imm`,
        emit: cond === 'set' ? ['li {tmp1},{imm}', ...set('{tmp1}'), `${b} {target}`] : ['li {tmp1},{imm}', `${cmp} {dst},{tmp1}`, `${b} {target}`],
        source: src,
        note: `the JIT's form for an immediate that does not fit cmp[l][wd]i / andi.; the same comparison${note ? `; ${note}` : ''}`,
      });
    }
  }
  rows.push({ op: 'goto', emit: ['b {target}'], source: src });
  rows.push({ op: 'exit', emit: ['b {end}'], source: src, note: 'a branch to the epilogue' });
  return rows;
}

const LOAD: Record<number, string> = { 8: 'lbz', 16: 'lhz', 32: 'lwz', 64: 'ld' };
const STORE: Record<number, string> = { 8: 'stb', 16: 'sth', 32: 'stw', 64: 'std' };

function memRows(fl: Flavour): Row[] {
  const src = { file: fl.file, fn: BODY };
  const rows: Row[] = [];
  for (const s of [8, 16, 32, 64]) {
    if (fl.name === 'ppc32' && s === 64) {
      const why = 'not modelled: ppc32 keeps a 64-bit BPF register in a register pair and accesses a u64 as two 32-bit accesses (high word at off, low word at off+4); bpf-herd has one location per variable and cannot split it';
      rows.push({ op: 'load.64', emit: why, source: src, note: 'lwz hi,off(src); lwz lo,off+4(src)' });
      rows.push({ op: 'store.64', emit: why, source: src, note: 'stw hi,off(dst); stw lo,off+4(dst)' });
      rows.push({ op: 'store-imm.64', emit: why, source: src });
    } else {
      rows.push({ op: `load.${s}`, emit: [`${LOAD[s]} {dst},0({base})`], source: src, note: 'lbz/lhz/lwz zero-extend' });
      rows.push({ op: `store.${s}`, emit: [`${STORE[s]} {src},0({base})`], source: src });
      rows.push({ op: `store-imm.${s}`, emit: [`li {tmp1},{imm}`, `${STORE[s]} {tmp1},0({base})`], source: src });
    }
    if (s !== 64) {
      // BPF_LDX|BPF_MEMSX (cpu v4 sign-extending loads); not in OP_KEYS, but opKey() produces them
      rows.push(fl.name === 'ppc32'
        ? { op: `load-signed.${s}`, emit: 'not modelled: unverified whether bpf_jit_comp32.c JITs BPF_MEMSX loads', source: src }
        : { op: `load-signed.${s}`, emit: s === 8 ? ['lbz {dst},0({base})', 'extsb {dst},{dst}'] : [`${s === 16 ? 'lha' : 'lwa'} {dst},0({base})`], source: src, note: 'BPF_MEMSX: lha/lwa, or lbz then extsb (Power has no lba)' });
    }
    if (fl.name === 'ppc32') {
      rows.push({ op: `load_acquire.${s}`, emit: 'not JITed: ppc32 has no load-acquire (bpf_jit_comp32.c has no BPF_LOAD_ACQ case); the interpreter runs it', source: src });
      rows.push({ op: `store_release.${s}`, emit: 'not JITed: ppc32 has no store-release (bpf_jit_comp32.c has no BPF_STORE_REL case); the interpreter runs it', source: src });
    } else {
      const ldst = { file: fl.file, fn: 'emit_atomic_ld_st' };
      const note = 'Puranjay Mohan, "powerpc64/bpf: Add jit support for load_acquire and store_release" (2025); the helper name is unverified';
      rows.push({ op: `load_acquire.${s}`, emit: [`${LOAD[s]} {dst},0({base})`, 'lwsync'], source: ldst, note });
      rows.push({ op: `store_release.${s}`, emit: ['lwsync', `${STORE[s]} {src},0({base})`], source: ldst, note });
    }
  }
  return rows;
}

/**
 * The atomics. `sync`: with CONFIG_SMP after b1e7cee96127, a `sync` before and after the loop of
 * every BPF_FETCH op (fetch ops, xchg, cmpxchg); false gives the table before that commit.
 */
function atomicRows(fl: Flavour, sync: boolean): Row[] {
  const src = { file: fl.file, fn: BODY };
  const rows: Row[] = [];
  const widths = fl.name === 'ppc64' ? ([32, 64] as const) : ([32] as const);
  // ppc64: li tmp1,off; l[wd]arx tmp2,tmp1,dst; mr r0,tmp2 (fetch); op tmp2,tmp2,src; st[wd]cx. tmp2|src; ...; mr ret,r0
  // ppc32: li tmp,off; lwarx r0,tmp,dst; mr ax,r0 (fetch); op r0,r0,src; stwcx. r0|src; ...; mr ret,ax
  const cur = fl.name === 'ppc64' ? '{tmp2}' : 'r0'; // the loaded value, then the new one
  const old = fl.name === 'ppc64' ? 'r0' : '{tmp3}'; // the saved old value (fetch)
  const pre = sync ? ['sync'] : [];
  const post = sync ? ['sync'] : [];
  const ppcOp: Record<string, string> = { add: 'add', and: 'and', or: 'or', xor: 'xor' };
  const noteFetch = sync
    ? 'sync before and after the loop (CONFIG_SMP), as __cmpxchg_u64()/__cmpxchg_u32() do: fully ordered'
    : 'before b1e7cee96127: no sync around the loop, so no ordering beyond the reservation';
  for (const w of widths) {
    const larx = w === 64 ? 'ldarx' : 'lwarx';
    const stcx = w === 64 ? 'stdcx.' : 'stwcx.';
    const cmp = w === 64 ? 'cmpd' : 'cmpw';
    for (const op of ['add', 'and', 'or', 'xor']) {
      if (!sync) continue; // non-fetch rows did not change
      rows.push({
        op: `atomic.${op}.${w}`,
        emit: ['li {tmp1},0', '{L1}:', `${larx} ${cur},{tmp1},{base}`, `${ppcOp[op]} ${cur},${cur},{src}`, `${stcx} ${cur},{tmp1},{base}`, 'bne {L1}'],
        source: src, note: 'non-fetch: a bare reservation loop, no barrier (relaxed, as atomic_add() is)',
      });
    }
    for (const op of ['add', 'and', 'or', 'xor']) {
      rows.push({
        op: `atomic.fetch_${op}.${w}`,
        emit: ['li {tmp1},0', ...pre, '{L1}:', `${larx} ${cur},{tmp1},{base}`, `mr ${old},${cur}`, `${ppcOp[op]} ${cur},${cur},{src}`, `${stcx} ${cur},{tmp1},{base}`, 'bne {L1}', ...post, `mr {src},${old}`],
        source: src, note: noteFetch,
      });
    }
    rows.push({
      op: `xchg.${w}`,
      emit: ['li {tmp1},0', ...pre, '{L1}:', `${larx} ${cur},{tmp1},{base}`, `mr ${old},${cur}`, `${stcx} {src},{tmp1},{base}`, 'bne {L1}', ...post, `mr {src},${old}`],
      source: src, note: noteFetch,
    });
    rows.push({
      op: `cmpxchg.${w}`,
      emit: ['li {tmp1},0', ...pre, '{L1}:', `${larx} ${cur},{tmp1},{base}`, `mr ${old},${cur}`, `${cmp} {r0},${cur}`, 'bne {L2}', `${stcx} {src},{tmp1},{base}`, 'bne {L1}', '{L2}:', ...post, `mr {r0},${old}`],
      source: src,
      note: `${noteFetch}; a failed compare branches past the st${w === 64 ? 'd' : 'w'}cx. to the ${sync ? 'trailing sync (which therefore also runs on failure)' : 'mr'}`,
    });
  }
  if (fl.name === 'ppc32' && sync) {
    for (const op of ['add', 'and', 'or', 'xor']) {
      for (const f of ['', 'fetch_']) {
        rows.push({ op: `atomic.${f}${op}.64`, emit: 'not JITed: ppc32 has no 64-bit atomics (BPF_STX|BPF_ATOMIC|BPF_DW returns -EOPNOTSUPP); the interpreter runs them', source: src });
      }
    }
    rows.push({ op: 'xchg.64', emit: 'not JITed: ppc32 has no 64-bit atomics (BPF_STX|BPF_ATOMIC|BPF_DW returns -EOPNOTSUPP); the interpreter runs them', source: src });
    rows.push({ op: 'cmpxchg.64', emit: 'not JITed: ppc32 has no 64-bit atomics (BPF_STX|BPF_ATOMIC|BPF_DW returns -EOPNOTSUPP); the interpreter runs them', source: src });
  }
  return rows;
}

/**
 * movsx (cpu v4) and the byte swaps. movsx rows are the 64-bit form `rD = (sN) rS`: opKey() does
 * not tell `wD = (s8) wS` from it. Byte swaps: the kernel is taken to be little-endian (ppc64le),
 * so `le` only truncates; `be`/`bswap` use rlwinm/rlwimi (16, 32) and ldbrx through the stack or
 * brd (64), which bpf-herd's Power front end lacks, so they are written as shifts and masks that
 * compute the same value from the same register.
 */
function extRows(fl: Flavour): Row[] {
  const src = { file: fl.file, fn: BODY };
  const rows: Row[] = [];
  const ext: Record<number, string> = { 8: 'extsb', 16: 'extsh', 32: 'extsw' };
  for (const s of [8, 16, 32]) {
    rows.push({ op: `movsx${s}`, emit: [`${ext[s]} {dst},{src}`], source: src, note: 'the 64-bit form (rD = (sN) rS); a 32-bit destination would also need the truncation' + (fl.name === 'ppc32' ? '; unverified for bpf_jit_comp32.c' : '') });
  }
  const zext: Record<number, string[]> = { 16: ['clrldi {dst},{dst},48'], 32: ['clrldi {dst},{dst},32'], 64: [] };
  for (const b of [16, 32, 64]) {
    rows.push({ op: `bswap.le${b}`, emit: zext[b]!.length ? zext[b]! : ['nop'], source: src, note: 'little-endian kernel: a zero-extension to the width (none for 64)' });
    const swap: string[] = ['li {tmp2},0'];
    for (let i = 0; i < b / 8; i++) {
      swap.push(i === 0 ? 'mr {tmp1},{dst}' : `srdi {tmp1},{dst},${8 * i}`, 'andi. {tmp1},{tmp1},255');
      const sh = b - 8 - 8 * i;
      if (sh > 0) swap.push(`sldi {tmp1},{tmp1},${sh}`);
      swap.push('or {tmp2},{tmp2},{tmp1}');
    }
    swap.push('mr {dst},{tmp2}');
    for (const k of ['be', 'swap']) {
      rows.push({ op: `bswap.${k}${b}`, emit: swap, source: src, note: 'the JIT: rlwinm/rlwimi (16, 32) or ldbrx via the stack / brd (64); written as shifts and masks with the same value' });
    }
  }
  return rows;
}

function table(fl: Flavour, base: Omit<JitTable, 'rows' | 'variants' | 'arch'>): JitTable {
  return {
    ...base,
    arch: 'PPC',
    rows: [...aluRows(fl), ...extRows(fl), ...jumpRows(fl), ...memRows(fl), ...atomicRows(fl, true)],
    variants: {
      'before-b1e7cee96127': {
        description:
          'before b1e7cee96127 "powerpc/bpf: enforce full ordering for ATOMIC operations with BPF_FETCH" (Puranjay Mohan, v6.10): ' +
          'the fetch ops, xchg and cmpxchg are bare l[wd]arx/st[wd]cx. loops with no sync (introduced by 65112709115f and the ppc32 equivalents)',
        rows: atomicRows(fl, false),
      },
    },
  };
}

const PPC64_FLAVOUR: Flavour = { name: 'ppc64', file: F64 };
const PPC32_FLAVOUR: Flavour = { name: 'ppc32', file: F32 };

/** b2p[] in bpf_jit_comp64.c: R0 r8, R1-R5 r3-r7, R6-R9 r27-r30, R10 r31; TMP_REG_1 r9, TMP_REG_2 r10; the atomics also use r0. */
export const ppc64: JitTable = table(PPC64_FLAVOUR, {
  name: 'ppc64',
  description:
    'powerpc64 (arch/powerpc/net/bpf_jit_comp64.c, CONFIG_SMP, ISA 3.0 mod* for modulo): atomics as l[wd]arx/st[wd]cx. loops, ' +
    'value-returning ones between two syncs (b1e7cee96127); load-acquire `l*; lwsync`, store-release `lwsync; st*`',
  regs: {
    r0: 'r8', r1: 'r3', r2: 'r4', r3: 'r5', r4: 'r6', r5: 'r7',
    r6: 'r27', r7: 'r28', r8: 'r29', r9: 'r30', r10: 'r31',
  },
  scratch: ['r9', 'r10', 'r12'], // TMP_REG_1, TMP_REG_2, BPF_REG_AX
});

/**
 * ppc32: bpf_jit_init_reg_mapping() in bpf_jit_comp32.c gives each BPF register a pair, the low
 * word in the register named here and the high word in the one below it (R0 r11:r12, R1 r3:r4,
 * R2 r5:r6, R3 r7:r8, R4 r9:r10, R5 r21:r22, R6 r23:r24, R7 r25:r26, R8 r27:r28, R9 r29:r30,
 * R10 r17:r18; AX r19:r20; TMP_REG r31). bpf-herd's Power model has 64-bit registers, so one
 * register stands for the pair and 64-bit arithmetic is written as the 64-bit instruction (same
 * values; the JIT's carries and pair compares carry no ordering). 32-bit operations are the
 * JIT's own (they write the low word and zero the high one).
 */
export const ppc32: JitTable = table(PPC32_FLAVOUR, {
  name: 'ppc32',
  description:
    'powerpc32 (arch/powerpc/net/bpf_jit_comp32.c, CONFIG_SMP): 32-bit atomics as lwarx/stwcx. loops, value-returning ones between two syncs ' +
    '(b1e7cee96127); no 64-bit atomics, no load-acquire/store-release, u64 accesses split in two (not modelled); a register pair is shown as one 64-bit register',
  regs: {
    r0: 'r12', r1: 'r4', r2: 'r6', r3: 'r8', r4: 'r10', r5: 'r22',
    r6: 'r24', r7: 'r26', r8: 'r28', r9: 'r30', r10: 'r18',
  },
  scratch: ['r31', 'r0', 'r20'], // TMP_REG, _R0, BPF_REG_AX (low word)
});
