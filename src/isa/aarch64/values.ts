/**
 * Register values of AArch64 instructions: reading and writing X and W registers (a W write
 * zeroes the upper half; the zero register reads 0 and ignores writes), the flexible second
 * operand (shifted and extended registers), addresses and ALU results.
 */
import type { SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, konst, un, type Expr } from '../../semantics/expr.js';
import { ZR, type Addr, type AluOp, type Extend, type Operand, type Reg, type Shift } from './instr.js';
import { fullName } from './regs.js';

const NO_DEPS: ReadonlySet<number> = new Set();

function union(sets: ReadonlySet<number>[]): ReadonlySet<number> {
  const nonEmpty = sets.filter((s) => s.size > 0);
  return nonEmpty.length <= 1 ? (nonEmpty[0] ?? NO_DEPS) : new Set(nonEmpty.flatMap((s) => [...s]));
}

/** A value computed from `sources`: it depends on every read they depend on. */
export function derive(e: Expr, ...sources: SymVal[]): SymVal {
  const deps = union(sources.map((s) => s.deps));
  const pick = union(sources.map((s) => s.pick ?? NO_DEPS));
  return pick.size > 0 ? { e, deps, pick } : { e, deps };
}

/** `v`, chosen by a condition on `by` (CSEL's flags, CAS's comparison): a pick dependency on them. */
export function picked(v: SymVal, ...by: SymVal[]): SymVal {
  const pick = union([v.pick ?? NO_DEPS, ...by.map((s) => s.deps), ...by.map((s) => s.pick ?? NO_DEPS)]);
  return pick.size > 0 ? { e: v.e, deps: v.deps, pick } : { e: v.e, deps: v.deps };
}

/** A value that depends on no read. */
export const constant = (v: bigint): SymVal => ({ e: konst(v), deps: NO_DEPS });

/** The value of a register at its width: a W register is the low half of its X register. */
export function readReg(m: ThreadMachine, r: Reg): SymVal {
  if (r.n === ZR) return constant(0n);
  const v = m.getReg(fullName(r));
  return r.wide ? v : derive(un('zext32', v.e), v);
}

/** Writing a W register zeroes the upper 32 bits; writes to the zero register are discarded. */
export function writeReg(m: ThreadMachine, r: Reg, v: SymVal): void {
  if (r.n === ZR) return;
  m.setReg(fullName(r), r.wide ? v : derive(un('zext32', v.e), v));
}

/** `e` kept to the register width. */
export const toWidth = (e: Expr, wide: boolean): Expr => (wide ? e : un('zext32', e));
/** `e` read as a signed number of the register width. */
export const signedOf = (e: Expr, wide: boolean): Expr => (wide ? e : un('sext32', e));

function shifted(e: Expr, op: Shift, amount: Expr, wide: boolean): Expr {
  const width = konst(wide ? 64n : 32n);
  switch (op) {
    case 'LSL': return toWidth(bin('shl', e, amount), wide);
    case 'LSR': return bin('lshr', e, amount);
    case 'ASR': return toWidth(bin('ashr', signedOf(e, wide), amount), wide);
    case 'ROR': return toWidth(bin('or', bin('lshr', e, amount), bin('shl', e, bin('sub', width, amount))), wide);
  }
}

function extended(e: Expr, ext: Extend): Expr {
  switch (ext) {
    case 'UXTB': return un('zext8', e);
    case 'UXTH': return un('zext16', e);
    case 'UXTW': return un('zext32', e);
    case 'SXTB': return un('sext8', e);
    case 'SXTH': return un('sext16', e);
    case 'SXTW': return un('sext32', e);
    case 'UXTX': case 'SXTX': return e;
  }
}

/** The flexible operand at the width of the instruction (`wide`). */
export function operandValue(m: ThreadMachine, o: Operand, wide: boolean): SymVal {
  switch (o.k) {
    case 'imm':
      return constant(wide ? o.value : o.value & 0xffffffffn);
    case 'reg': {
      const v = readReg(m, o.reg);
      return o.shift ? derive(shifted(v.e, o.shift.op, konst(BigInt(o.shift.amount)), wide), v) : v;
    }
    case 'ext': {
      const v = readReg(m, o.reg);
      return derive(toWidth(bin('shl', extended(v.e, o.ext), konst(BigInt(o.amount))), wide), v);
    }
  }
}

/** The address an access uses (before any post-index) and the base register's value after it. */
export function addressOf(m: ThreadMachine, a: Addr): { addr: SymVal; writeBack?: SymVal } {
  const base = readReg(m, a.base);
  if (a.index) {
    const idx = readReg(m, a.index.reg);
    const ext = a.index.ext === 'SXTW' ? un('sext32', idx.e) : idx.e; // UXTW: the W read is zero-extended already
    const offset = bin('shl', ext, konst(BigInt(a.index.amount)));
    return { addr: derive(bin('add', base.e, offset), base, idx) };
  }
  const moved = derive(bin('add', base.e, konst(a.off)), base);
  switch (a.mode) {
    case 'offset': return { addr: moved };
    case 'pre': return { addr: moved, writeBack: moved };
    case 'post': return { addr: base, writeBack: moved };
  }
}

/** The result of an ALU operation on values of the register width. */
export function aluValue(op: AluOp, a: Expr, b: Expr, wide: boolean): Expr {
  const w = (e: Expr) => toWidth(e, wide);
  const amount = bin('and', b, konst(wide ? 63n : 31n)); // register shifts take the amount modulo the width
  const isZero = cmp('eq', b, konst(0n));
  switch (op) {
    case 'ADD': return w(bin('add', a, b));
    case 'SUB': return w(bin('sub', a, b));
    case 'AND': return bin('and', a, b);
    case 'ORR': return bin('or', a, b);
    case 'EOR': return bin('xor', a, b);
    case 'BIC': return bin('and', a, w(un('not', b)));
    case 'ORN': return bin('or', a, w(un('not', b)));
    case 'EON': return bin('xor', a, w(un('not', b)));
    case 'LSL': return shifted(a, 'LSL', amount, wide);
    case 'LSR': return shifted(a, 'LSR', amount, wide);
    case 'ASR': return shifted(a, 'ASR', amount, wide);
    case 'MUL': return w(bin('mul', a, b));
    // division by zero gives zero on AArch64
    case 'UDIV': return ite(isZero, konst(0n), bin('udiv', a, b));
    case 'SDIV': return ite(isZero, konst(0n), w(bin('sdiv', signedOf(a, wide), signedOf(b, wide))));
  }
}
