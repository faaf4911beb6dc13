/**
 * The condition register: eight 4-bit fields cr0-cr7 (lt, gt, eq, so), kept per path in the
 * machine's scratch state as conditions over the values read, with the reads they depend on so
 * that a conditional branch gets its control dependencies.
 */
import type { ThreadMachine } from '../semantics.js';
import { FALSE, cmp, konst, un, type Cond, type Expr } from '../../semantics/expr.js';
import type { CrBit } from './instr.js';

export type CrField = Record<CrBit, Cond> & { deps: ReadonlySet<number> };

const CLEAR: CrField = { lt: FALSE, gt: FALSE, eq: FALSE, so: FALSE, deps: new Set() };
const key = (bf: number) => `cr${bf}`;

export function crField(m: ThreadMachine, bf: number): CrField {
  return (m.scratch.get(key(bf)) as CrField | undefined) ?? CLEAR;
}

export function setCrField(m: ThreadMachine, bf: number, f: CrField): void {
  m.scratch.set(key(bf), f);
}

/** cmpw/cmpd and their l and i forms: word compares look at the low words, sign- or zero-extended. XER.SO is always 0 here. */
export function compareField(a: Expr, b: Expr, width: 32 | 64, signed: boolean, deps: ReadonlySet<number>): CrField {
  const ext = (e: Expr) => (width === 64 ? e : un(signed ? 'sext32' : 'zext32', e));
  const [x, y] = [ext(a), ext(b)];
  return { lt: cmp(signed ? 'slt' : 'ult', x, y), gt: cmp(signed ? 'sgt' : 'ugt', x, y), eq: cmp('eq', x, y), so: FALSE, deps };
}

/** What a record (`.`) form puts in cr0: its 64-bit result compared with 0 as a signed number. */
export const recordField = (result: Expr, deps: ReadonlySet<number>): CrField => compareField(result, konst(0n), 64, true, deps);
