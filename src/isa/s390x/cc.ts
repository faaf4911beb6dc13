/**
 * The s390x condition code: a value 0..3 that compares, arithmetic and the atomics set, and that
 * a branch tests against a 4-bit mask (bit 8 for CC 0, 4 for CC 1, 2 for CC 2, 1 for CC 3). It is
 * kept per path as an expression over the values read, with the reads it depends on, so that a
 * branch gets its control dependencies.
 */
import type { SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, konst, not, un, type Cond, type Expr } from '../../semantics/expr.js';
import { lift } from '../shared/values.js';
import type { Width } from './instr.js';

const CC = 's390x.cc';

export function conditionCode(m: ThreadMachine): SymVal {
  return (m.scratch.get(CC) as SymVal | undefined) ?? lift(konst(0n));
}

export function setConditionCode(m: ThreadMachine, cc: SymVal): void {
  m.scratch.set(CC, cc);
}

const k = (v: number): Expr => konst(BigInt(v));
/** The operand as the instruction compares it: the low word, sign- or zero-extended, for 32-bit forms. */
const asWidth = (e: Expr, width: Width, signed: boolean): Expr => (width === 64 ? e : un(signed ? 'sext32' : 'zext32', e));

/** COMPARE (signed) and COMPARE LOGICAL: 0 equal, 1 first operand low, 2 first operand high. */
export function compareCode(a: Expr, b: Expr, width: Width, signed: boolean): Expr {
  const [x, y] = [asWidth(a, width, signed), asWidth(b, width, signed)];
  return ite(cmp('eq', x, y), k(0), ite(cmp(signed ? 'slt' : 'ult', x, y), k(1), k(2)));
}

/** The sign bit of a `width`-bit value, as a condition. */
const negative = (e: Expr, width: Width): Cond => cmp('ne', bin('and', e, konst(1n << BigInt(width - 1))), konst(0n));

/** ADD and SUBTRACT (signed): 0 zero, 1 negative, 2 positive, 3 overflow. `r` is the result, truncated to the width. */
export function arithmeticCode(kind: 'add' | 'sub', a: Expr, b: Expr, r: Expr, width: Width): Expr {
  const overflow = kind === 'add' ? bin('and', bin('xor', a, r), bin('xor', b, r)) : bin('and', bin('xor', a, b), bin('xor', a, r));
  return ite(negative(overflow, width), k(3), ite(cmp('eq', r, konst(0n)), k(0), ite(negative(r, width), k(1), k(2))));
}

/** ADD LOGICAL: 0 zero without carry, 1 not zero without carry, 2 zero with carry, 3 not zero with carry. */
export function addLogicalCode(a: Expr, r: Expr): Expr {
  const zero = cmp('eq', r, konst(0n));
  return ite(cmp('ult', r, a), ite(zero, k(2), k(3)), ite(zero, k(0), k(1)));
}

/** AND, OR, EXCLUSIVE OR: 0 zero, 1 not zero. */
export const logicalCode = (r: Expr): Expr => ite(cmp('eq', r, konst(0n)), k(0), k(1));

/** Whether a branch with `mask` is taken for the condition code `cc`. */
export function maskCondition(cc: Expr, mask: number): Cond {
  const bitOf = (code: number) => (mask >> (3 - code)) & 1;
  // Replace each possible code by its mask bit; a code that is not a tree of constants is tested arithmetically.
  const taken = (e: Expr): Expr => {
    if (e.k === 'const') return k(bitOf(Number(e.v)));
    if (e.k === 'ite') return ite(e.c, taken(e.a), taken(e.b));
    return bin('and', bin('lshr', konst(BigInt(mask)), bin('sub', k(3), e)), k(1));
  };
  const t = taken(cc);
  if (t.k === 'const') return { k: 'bool', v: t.v !== 0n };
  if (t.k === 'ite' && t.a.k === 'const' && t.b.k === 'const') return t.a.v !== 0n ? t.c : not(t.c);
  return cmp('ne', t, konst(0n));
}
