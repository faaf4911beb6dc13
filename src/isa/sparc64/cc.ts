/**
 * The integer condition codes (SPARC V9, 5.1.7.2): icc for the low 32 bits of a result, xcc for
 * all 64. Rather than four flag bits, a path keeps the last flag-setting operation (its operands
 * and result, with the reads they came from) and each branch condition is the comparison it
 * stands for: after `cmp a, b`, `bl` is a <s b and `bgu` a >u b, as the N, Z, V, C equations give.
 */
import type { ThreadMachine } from '../semantics.js';
import { FALSE, TRUE, bin, cmp, konst, not, un, type Cond, type Expr } from '../../semantics/expr.js';
import { NO_DEPS } from '../shared/values.js';
import type { BranchCond } from './instr.js';

/** subcc (cmp): a - b; andcc/orcc/xorcc (btst, tst): a logical result, V and C clear. */
export type Flags = { kind: 'sub'; a: Expr; b: Expr; r: Expr; deps: ReadonlySet<number> } | { kind: 'logic'; r: Expr; deps: ReadonlySet<number> };

const FLAGS = 'sparc.flags';
const CLEAR: Flags = { kind: 'logic', r: konst(0n), deps: NO_DEPS };

export const flagsOf = (m: ThreadMachine): Flags => (m.scratch.get(FLAGS) as Flags | undefined) ?? CLEAR;
export const setFlags = (m: ThreadMachine, f: Flags): void => void m.scratch.set(FLAGS, f);

const ZERO = konst(0n);

/** The condition a branch tests on icc (the low words) or xcc. */
export function branchCondition(f: Flags, cond: BranchCond, cc: 'icc' | 'xcc'): Cond {
  const s = (e: Expr) => (cc === 'icc' ? un('sext32', e) : e);
  const u = (e: Expr) => (cc === 'icc' ? un('zext32', e) : e);
  if (cond === 'a') return TRUE;
  if (cond === 'n') return FALSE;
  if (f.kind === 'logic') return logicCondition(cond, s(f.r), u(f.r));
  const [a, b, r] = [f.a, f.b, f.r];
  const overflow = cmp('slt', s(bin('and', bin('xor', a, b), bin('xor', a, r))), ZERO);
  switch (cond) {
    case 'e': return cmp('eq', u(a), u(b));
    case 'ne': return cmp('ne', u(a), u(b));
    case 'g': return cmp('sgt', s(a), s(b));
    case 'le': return cmp('sle', s(a), s(b));
    case 'ge': return cmp('sge', s(a), s(b));
    case 'l': return cmp('slt', s(a), s(b));
    case 'gu': return cmp('ugt', u(a), u(b));
    case 'leu': return cmp('ule', u(a), u(b));
    case 'cc': return cmp('uge', u(a), u(b));
    case 'cs': return cmp('ult', u(a), u(b));
    case 'neg': return cmp('slt', s(r), ZERO);
    case 'pos': return cmp('sge', s(r), ZERO);
    case 'vs': return overflow;
    case 'vc': return not(overflow);
  }
} // prettier-ignore

/** N = sign, Z = zero, V = C = 0. */
function logicCondition(cond: Exclude<BranchCond, 'a' | 'n'>, signed: Expr, unsigned: Expr): Cond {
  switch (cond) {
    case 'e': case 'leu': return cmp('eq', unsigned, ZERO);
    case 'ne': case 'gu': return cmp('ne', unsigned, ZERO);
    case 'g': return cmp('sgt', signed, ZERO);
    case 'le': return cmp('sle', signed, ZERO);
    case 'ge': case 'pos': return cmp('sge', signed, ZERO);
    case 'l': case 'neg': return cmp('slt', signed, ZERO);
    case 'cc': case 'vc': return TRUE;
    case 'cs': case 'vs': return FALSE;
  }
} // prettier-ignore
