/**
 * Semantic actions for grammar/bpf.ohm: parse tree -> BpfOp.
 * The grammar accepts more than BPF has (any register number, any size on any access,
 * `w` registers anywhere); the rules of each form are enforced here, with a message at
 * the offending register, size or number.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import type { AluOp, AtomicOp, BpfOp, JmpCond, Mem, Operand, Reg, Size, Target } from './instr.js';
import { parseInstrReg, regName } from './regs.js';

/** A `(uN *)(rB + K)` operand as written: `signed` for `(sN *)`, which only loads accept. */
interface MemOperand extends Mem {
  signed: boolean;
}

const ALU_OPS: Record<string, AluOp> = {
  '+=': 'add', '-=': 'sub', '*=': 'mul', '/=': 'div', 's/=': 'sdiv', '%=': 'mod', 's%=': 'smod',
  '&=': 'and', '|=': 'or', '^=': 'xor', '<<=': 'lsh', '>>=': 'rsh', 's>>=': 'arsh',
}; // prettier-ignore

const JMP_CONDS: Record<string, JmpCond> = {
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
  's<': 'slt', 's<=': 'sle', 's>': 'sgt', 's>=': 'sge', '&': 'set',
}; // prettier-ignore

const LOCK_OPS: Record<string, AtomicOp> = { '+=': 'add', '&=': 'and', '|=': 'or', '^=': 'xor' };

const OFFSET_MIN = -(2n ** 15n);
const OFFSET_MAX = 2n ** 15n - 1n;

const regOf = (node: ohm.Node): Reg => build<Reg>(node);
const sameReg = (a: Reg, b: Reg): boolean => a.n === b.n && a.wide === b.wide;

function memOf(node: ohm.Node): MemOperand {
  return build<MemOperand>(node);
}

/** A plain access: `(uN *)` only. */
function plainMem(node: ohm.Node): Mem {
  const { signed, size, base, off } = memOf(node);
  if (signed) reject(node, `(s${size} *) sign-extends: it is only allowed in a load`);
  return { size, base, off };
}

/** An atomic access: `(u32 *)` or `(u64 *)`. */
function atomicMem(node: ohm.Node, spelling?: string): Mem {
  const mem = plainMem(node);
  if (mem.size !== 32 && mem.size !== 64) reject(node, `atomic operations need (u32 *) or (u64 *), not (u${mem.size} *)`);
  if (spelling?.startsWith('atomic64_') && mem.size !== 64) reject(node, `${spelling} needs (u64 *), not (u${mem.size} *)`);
  return mem;
}

/** A 32-bit `wN` cannot carry the data of a 64-bit access. */
function checkDataWidth(regNode: ohm.Node, size: Size): Reg {
  const reg = regOf(regNode);
  if (!reg.wide && size === 64) reject(regNode, `w${reg.n} is a 32-bit register: a 64-bit access needs r${reg.n}`);
  return reg;
}

/** `w1 = r2`, `if w1 > r2 ...`: both registers must be 32-bit or both 64-bit. */
function checkSameWidth(first: Reg, otherNode: ohm.Node): Reg {
  const other = regOf(otherNode);
  if (other.wide !== first.wide)
    reject(otherNode, `${regName(first)} and ${regName(other)} have different widths: use two rN (64-bit) or two wN (32-bit) registers`);
  return other;
}

function operandOf(node: ohm.Node, first: Reg): Operand {
  const inner = node.child(0);
  return inner.ctorName === 'intLit'
    ? { k: 'imm', value: build<bigint>(inner) }
    : { k: 'reg', reg: checkSameWidth(first, inner) };
}

/** Atomics that return the old value in their source register: `rS = op(..., rS)`. */
function checkReturnsInSource(dstNode: ohm.Node, srcNode: ohm.Node, spelling: string): Reg {
  const dst = regOf(dstNode);
  const src = regOf(srcNode);
  if (!sameReg(dst, src))
    reject(dstNode, `${spelling} returns the old value in its source register: the destination must be ${regName(src)}, not ${regName(dst)}`);
  return src;
}

/** cmpxchg compares with r0 (w0) and returns the old value there. */
function checkCmpxchgRegs(dstNode: ohm.Node, cmpNode: ohm.Node, srcNode: ohm.Node, spelling: string, size: Size): Reg {
  const dst = regOf(dstNode);
  if (dst.n !== 0) reject(dstNode, `${spelling} returns the old value in r0: the destination must be r0 or w0, not ${regName(dst)}`);
  const cmp = regOf(cmpNode);
  if (!sameReg(cmp, dst)) reject(cmpNode, `${spelling} compares with ${regName(dst)}: the second argument must be ${regName(dst)}, not ${regName(cmp)}`);
  checkDataWidth(dstNode, size);
  return checkSameWidth(dst, srcNode);
}

export const bpfActions: ohm.ActionDict<unknown> = {
  // ---- registers and operands
  reg_numbered(_letter, _digits) {
    const reg = parseInstrReg(this.sourceString);
    if (!reg) reject(this, `unknown register '${this.sourceString}' (BPF has r0-r10, w0-w10 and fp)`);
    return reg;
  },
  reg_fp(_fp) {
    return { n: 10, wide: true } satisfies Reg;
  },

  // ---- memory operands
  Mem(cast, addr) {
    return { ...build<{ size: Size; signed: boolean }>(cast), ...build<{ base: Reg; off: bigint }>(addr) } satisfies MemOperand;
  },
  Cast(_open, type, _star, _close) {
    return build(type);
  },
  memType(_name) {
    const name = this.sourceString;
    return { size: Number(name.slice(1)) as Size, signed: name.startsWith('s') };
  },
  Addr(_open, body, _close) {
    return build(body);
  },
  AddrBody(base, offset) {
    const reg = regOf(base);
    if (!reg.wide) reject(base, `the address register must be 64-bit: write r${reg.n}, not w${reg.n}`);
    const off = offset.numChildren ? build<bigint>(offset.child(0)) : 0n;
    if (off < OFFSET_MIN || off > OFFSET_MAX) reject(offset, `offset ${off} does not fit in 16 bits (-32768..32767)`);
    return { base: reg, off };
  },
  Offset(sign, value) {
    const n = build<bigint>(value);
    return sign.sourceString === '-' ? -n : n;
  },

  // ---- memory accesses
  Load(dst, _eq, _star, mem) {
    const { size, base, off, signed } = memOf(mem);
    return { op: 'load', dst: checkDataWidth(dst, size), mem: { size, base, off }, signed } satisfies BpfOp;
  },
  Store(_star, mem, _eq, src) {
    const m = plainMem(mem);
    const inner = src.child(0);
    const value: Operand =
      inner.ctorName === 'intLit' ? { k: 'imm', value: build<bigint>(inner) } : { k: 'reg', reg: checkDataWidth(inner, m.size) };
    return { op: 'store', mem: m, src: value } satisfies BpfOp;
  },
  LoadAcquire(dst, _eq, _kw, _open, mem, _close) {
    const m = plainMem(mem);
    return { op: 'load_acquire', dst: checkDataWidth(dst, m.size), mem: m } satisfies BpfOp;
  },
  StoreRelease(_kw, _open, mem, _comma, src, _close) {
    const m = plainMem(mem);
    return { op: 'store_release', mem: m, src: checkDataWidth(src, m.size) } satisfies BpfOp;
  },

  // ---- atomics
  Lock(_kw, _star, mem, op, src) {
    const m = atomicMem(mem);
    return { op: 'atomic', aop: LOCK_OPS[op.sourceString]!, fetch: false, mem: m, src: checkDataWidth(src, m.size) } satisfies BpfOp;
  },
  FetchAtomic(dst, _eq, name, _open, mem, _comma, src, _close) {
    const spelling = name.sourceString;
    const m = atomicMem(mem, spelling);
    const reg = checkReturnsInSource(dst, src, spelling);
    checkDataWidth(src, m.size);
    const aop = spelling.slice(spelling.lastIndexOf('_') + 1) as AtomicOp;
    return { op: 'atomic', aop, fetch: true, mem: m, src: reg } satisfies BpfOp;
  },
  Xchg(dst, _eq, name, _open, addr, _comma, src, _close) {
    const spelling = name.sourceString;
    const size: Size = spelling === 'xchg_64' ? 64 : 32;
    const reg = checkReturnsInSource(dst, src, spelling);
    checkDataWidth(src, size);
    return { op: 'xchg', mem: { size, ...build<{ base: Reg; off: bigint }>(addr) }, src: reg } satisfies BpfOp;
  },
  AtomicXchg(dst, _eq, name, _open, mem, _comma, src, _close) {
    const spelling = name.sourceString;
    const m = atomicMem(mem, spelling);
    const reg = checkReturnsInSource(dst, src, spelling);
    checkDataWidth(src, m.size);
    return { op: 'xchg', mem: m, src: reg } satisfies BpfOp;
  },
  Cmpxchg(dst, _eq, name, _open, addr, _c1, cmp, _c2, src, _close) {
    const spelling = name.sourceString;
    const size: Size = spelling === 'cmpxchg_64' ? 64 : 32;
    const reg = checkCmpxchgRegs(dst, cmp, src, spelling, size);
    return { op: 'cmpxchg', mem: { size, ...build<{ base: Reg; off: bigint }>(addr) }, src: reg } satisfies BpfOp;
  },
  AtomicCmpxchg(dst, _eq, name, _open, mem, _c1, cmp, _c2, src, _close) {
    const spelling = name.sourceString;
    const m = atomicMem(mem, spelling);
    const reg = checkCmpxchgRegs(dst, cmp, src, spelling, m.size);
    return { op: 'cmpxchg', mem: m, src: reg } satisfies BpfOp;
  },

  // ---- register arithmetic
  MovSx(dst, _eq, _open, type, _close, src) {
    const d = regOf(dst);
    const from = Number(type.sourceString.slice(1)) as 8 | 16 | 32;
    if (!d.wide && from === 32) reject(type, `(s32) needs a 64-bit destination: a w register takes (s8) or (s16)`);
    return { op: 'movsx', dst: d, src: checkSameWidth(d, src), from } satisfies BpfOp;
  },
  Neg(dst, _eq, _minus, src) {
    const d = regOf(dst);
    if (!sameReg(d, regOf(src))) reject(src, `negation works in place: write ${regName(d)} = -${regName(d)}`);
    return { op: 'neg', dst: d } satisfies BpfOp;
  },
  Swap(dst, _eq, name, src) {
    const d = regOf(dst);
    const spelling = name.sourceString;
    if (!d.wide) reject(dst, `byte swaps are written with r registers: r${d.n} = ${spelling} r${d.n}`);
    if (!sameReg(d, regOf(src))) reject(src, `a byte swap works in place: write ${regName(d)} = ${spelling} ${regName(d)}`);
    const kind = spelling.startsWith('bswap') ? 'swap' : (spelling.slice(0, 2) as 'be' | 'le');
    const bits = Number(spelling.slice(kind === 'swap' ? 5 : 2)) as 16 | 32 | 64;
    return { op: 'bswap', dst: d, kind, bits } satisfies BpfOp;
  },
  Alu(dst, op, src) {
    const d = regOf(dst);
    return { op: 'alu', alu: ALU_OPS[op.sourceString]!, dst: d, src: operandOf(src, d) } satisfies BpfOp;
  },
  MovImm64(dst, _eq, value, _ll) {
    const d = regOf(dst);
    if (!d.wide) reject(dst, `'ll' loads a 64-bit immediate: the destination must be r${d.n}, not w${d.n}`);
    return { op: 'mov', dst: d, src: { k: 'imm', value: build<bigint>(value) }, ll: true } satisfies BpfOp;
  },
  Mov(dst, _eq, src) {
    const d = regOf(dst);
    return { op: 'mov', dst: d, src: operandOf(src, d) } satisfies BpfOp;
  },

  // ---- control flow
  Goto(_kw, target) {
    return { op: 'goto', target: build<Target>(target) } satisfies BpfOp;
  },
  If(_kw, lhs, cond, rhs, _goto, target) {
    const l = regOf(lhs);
    return { op: 'if', cond: JMP_CONDS[cond.sourceString]!, lhs: l, rhs: operandOf(rhs, l), target: build<Target>(target) } satisfies BpfOp;
  },
  JumpTarget_rel(offset, _symbol) {
    const off = Number(offset.sourceString.replace(/^pc/, '').replace(/\s/g, ''));
    if (off < -32768 || off > 32767) reject(offset, `jump offset ${offset.sourceString} does not fit in 16 bits`);
    return { k: 'rel', off } satisfies Target;
  },
  JumpTarget_label(name) {
    return { k: 'label', name: name.sourceString } satisfies Target;
  },
  Exit(_kw) {
    return { op: 'exit' } satisfies BpfOp;
  },
};
