/**
 * The status flags an instruction sets (Intel SDM vol. 1, 3.4.3) and the Jcc conditions over them.
 * A flag is a 0/1 value; a comparison result becomes `ite(c, 1, 0)`, and a condition on that flag
 * gives `c` back, so that `CMP EAX,$1; JE L` branches on `EAX = 1` itself.
 */
import { bin, cmp, ite, konst, not, un, type Cond, type Expr } from '../../semantics/expr.js';
import type { CondCode, Size } from './instr.js';
import type { Flag } from './regs.js';

export type FlagValues = Record<Flag, Expr>;

const ONE = konst(1n);
const ZERO = konst(0n);

export const bit = (c: Cond): Expr => ite(c, ONE, ZERO);
export const mask = (size: Size): bigint => (1n << BigInt(size)) - 1n;

/** The low `size` bits of a value. */
export function trunc(e: Expr, size: Size): Expr {
  return size === 64 ? e : un(`zext${size}`, e);
}

/** The sign bit of a `size`-bit value, as 0 or 1. */
function msb(e: Expr, size: Size): Expr {
  return bin('and', bin('lshr', e, konst(BigInt(size - 1))), ONE);
}

/** Flags of a result `r` (already truncated) of `a op b`: add and sub set carry and overflow, logic clears them. */
export function flagsOf(kind: 'add' | 'sub' | 'logic', a: Expr, b: Expr, r: Expr, size: Size): FlagValues {
  const ZF = bit(cmp('eq', r, ZERO));
  const SF = msb(r, size);
  switch (kind) {
    case 'add':
      // carry: the truncated sum wrapped below an operand; overflow: both operands have the sign the result lacks
      return { ZF, SF, CF: bit(cmp('ult', r, a)), OF: msb(bin('and', bin('xor', a, r), bin('xor', b, r)), size) };
    case 'sub':
      // borrow: a < b unsigned; overflow: the operands' signs differ and the result's differs from a's
      return { ZF, SF, CF: bit(cmp('ult', a, b)), OF: msb(bin('and', bin('xor', a, b), bin('xor', a, r)), size) };
    case 'logic':
      return { ZF, SF, CF: ZERO, OF: ZERO };
  }
}

/** The condition a flag value stands for. */
function isSet(e: Expr): Cond {
  if (e.k === 'ite' && e.a.k === 'const' && e.a.v === 1n && e.b.k === 'const' && e.b.v === 0n) return e.c;
  return cmp('ne', e, ZERO);
}

/** The Jcc condition `cc` over the current flags (Intel SDM, Jcc: "Jump if Condition Is Met"). */
export function jumpCondition(cc: CondCode, f: FlagValues): Cond {
  const signDiffers = () => cmp('ne', f.SF, f.OF); // "less" for signed comparisons
  const lessOrEqual = () => isSet(bin('or', f.ZF, bin('xor', f.SF, f.OF)));
  const belowOrEqual = () => isSet(bin('or', f.CF, f.ZF));
  switch (cc) {
    case 'e': return isSet(f.ZF);
    case 'ne': return not(isSet(f.ZF));
    case 'b': return isSet(f.CF);
    case 'ae': return not(isSet(f.CF));
    case 'be': return belowOrEqual();
    case 'a': return not(belowOrEqual());
    case 'l': return signDiffers();
    case 'ge': return not(signDiffers());
    case 'le': return lessOrEqual();
    case 'g': return not(lessOrEqual());
    case 's': return isSet(f.SF);
    case 'ns': return not(isSet(f.SF));
    case 'o': return isSet(f.OF);
    case 'no': return not(isSet(f.OF));
  }
} // prettier-ignore

/** Which flags a condition reads (their dependencies become the branch's). */
export function flagsRead(cc: CondCode): Flag[] {
  switch (cc) {
    case 'e': case 'ne': return ['ZF'];
    case 'b': case 'ae': return ['CF'];
    case 'be': case 'a': return ['CF', 'ZF'];
    case 'l': case 'ge': return ['SF', 'OF'];
    case 'le': case 'g': return ['ZF', 'SF', 'OF'];
    case 's': case 'ns': return ['SF'];
    case 'o': case 'no': return ['OF'];
  }
} // prettier-ignore
