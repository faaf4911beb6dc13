/**
 * The condition flags NZCV, kept as a 4-bit value (N=8, Z=4, C=2, V=1) in the pseudo-register
 * `NZCV`, with the dependencies of the operands that set them: a B.cond or CSEL that reads the
 * flags depends on the reads behind the compare, as on the hardware.
 */
import { bin, cmp, ite, konst, not, un, type Cond, type Expr } from '../../semantics/expr.js';
import type { CondCode } from './instr.js';

export const FLAGS_REG = 'NZCV';

const N = 8n, Z = 4n, C = 2n, V = 1n; // prettier-ignore

const bit = (c: Cond, value: bigint): Expr => ite(c, konst(value), konst(0n));
/** The value as a signed number of its width (32-bit values are sign-extended). */
const signed = (e: Expr, wide: boolean): Expr => (wide ? e : un('sext32', e));
const truncate = (e: Expr, wide: boolean): Expr => (wide ? e : un('zext32', e));
const negative = (e: Expr, wide: boolean): Cond => cmp('slt', signed(e, wide), konst(0n));

function pack(result: Expr, wide: boolean, carry: Cond, overflow: Cond): Expr {
  const n = bit(negative(result, wide), N);
  const z = bit(cmp('eq', result, konst(0n)), Z);
  return bin('or', bin('or', n, z), bin('or', bit(carry, C), bit(overflow, V)));
}

/** Flags of `a - b` (SUBS, CMP); `a` and `b` are already truncated to the width. */
export function subFlags(a: Expr, b: Expr, wide: boolean): Expr {
  const r = truncate(bin('sub', a, b), wide);
  // overflow when the operands have different signs and the result's sign differs from a's
  const overflow = negative(bin('and', bin('xor', a, b), bin('xor', a, r)), wide);
  return pack(r, wide, cmp('uge', a, b), overflow);
}

/** Flags of `a + b` (ADDS, CMN). */
export function addFlags(a: Expr, b: Expr, wide: boolean): Expr {
  const r = truncate(bin('add', a, b), wide);
  // overflow when the operands have the same sign and the result's sign differs
  const overflow = negative(bin('and', un('not', bin('xor', a, b)), bin('xor', a, r)), wide);
  return pack(r, wide, cmp('ult', r, a), overflow);
}

/** Flags of a logical result (ANDS, TST): C and V cleared. */
export function logicFlags(result: Expr, wide: boolean): Expr {
  return pack(result, wide, { k: 'bool', v: false }, { k: 'bool', v: false });
}

const isSet = (nzcv: Expr, mask: bigint): Cond => cmp('ne', bin('and', nzcv, konst(mask)), konst(0n));
/** N != V, as bit 0 of (N >> 3) ^ V. */
const lessThan = (nzcv: Expr): Cond => cmp('ne', bin('and', bin('xor', bin('lshr', nzcv, konst(3n)), nzcv), konst(1n)), konst(0n));
/** Z set or N != V. */
const lessOrEqual = (nzcv: Expr): Cond =>
  cmp('ne', bin('and', bin('or', bin('xor', bin('lshr', nzcv, konst(3n)), nzcv), bin('lshr', nzcv, konst(2n))), konst(1n)), konst(0n));

/** Whether condition `c` holds for the flags `nzcv`. */
export function conditionHolds(c: CondCode, nzcv: Expr): Cond {
  switch (c) {
    case 'EQ': return isSet(nzcv, Z);
    case 'NE': return not(isSet(nzcv, Z));
    case 'CS': return isSet(nzcv, C);
    case 'CC': return not(isSet(nzcv, C));
    case 'MI': return isSet(nzcv, N);
    case 'PL': return not(isSet(nzcv, N));
    case 'VS': return isSet(nzcv, V);
    case 'VC': return not(isSet(nzcv, V));
    case 'HI': return cmp('eq', bin('and', nzcv, konst(C | Z)), konst(C)); // C set and Z clear
    case 'LS': return cmp('ne', bin('and', nzcv, konst(C | Z)), konst(C));
    case 'GE': return not(lessThan(nzcv));
    case 'LT': return lessThan(nzcv);
    case 'GT': return not(lessOrEqual(nzcv));
    case 'LE': return lessOrEqual(nzcv);
    case 'AL': case 'NV': return { k: 'bool', v: true }; // NV behaves as AL on AArch64
  }
}
