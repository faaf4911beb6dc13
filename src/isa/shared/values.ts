/** Symbolic-value helpers shared by the assembler-style ISAs (s390x, sparc64, LoongArch64, MIPS64). */
import type { SymVal } from '../semantics.js';
import { bin, konst, un, type Expr } from '../../semantics/expr.js';

export type Size = 8 | 16 | 32 | 64;

export const NO_DEPS: ReadonlySet<number> = new Set();

export const lift = (e: Expr, deps: ReadonlySet<number> = NO_DEPS): SymVal => ({ e, deps });

export function union(a: ReadonlySet<number>, b: ReadonlySet<number>): ReadonlySet<number> {
  return a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b]);
}

/** `f` over the values of `vals`, depending on every read any of them came from. */
export function combine(f: (...es: Expr[]) => Expr, ...vals: SymVal[]): SymVal {
  return lift(f(...vals.map((v) => v.e)), vals.reduce<ReadonlySet<number>>((d, v) => union(d, v.deps), NO_DEPS));
}

/** The low `size` bits of a value, zero- or sign-extended to 64 bits. */
export function extend(e: Expr, size: Size, signed: boolean): Expr {
  if (size === 64) return e;
  return un(`${signed ? 'sext' : 'zext'}${size}`, e);
}

/** A constant as the 64-bit pattern of a `size`-bit immediate, sign- or zero-extended. */
export function immediate(value: bigint, size: Size, signed: boolean): bigint {
  return signed ? BigInt.asIntN(size, value) : BigInt.asUintN(size, value);
}

/** `base + index + disp`: an effective address and the reads it depends on. */
export function effectiveAddress(disp: bigint, ...regs: SymVal[]): SymVal {
  return combine((...es) => es.reduce((sum, e) => bin('add', sum, e), konst(disp)), ...regs);
}
