/** Register instructions: moves, ALU operations, compares (which set NZCV) and conditional selects. */
import type { ThreadMachine } from '../semantics.js';
import { bin, ite, konst, un, type Expr } from '../../semantics/expr.js';
import type { A64Op, AluOp } from './instr.js';
import { FLAGS_REG, addFlags, conditionHolds, logicFlags, subFlags } from './flags.js';
import { aluValue, derive, operandValue, picked as pickedBy, readReg, toWidth, writeReg } from './values.js';

type Op<K extends A64Op['op']> = A64Op & { op: K };

export function move(m: ThreadMachine, i: Op<'mov' | 'mvn' | 'neg'>): void {
  const v = operandValue(m, i.src, i.dst.wide);
  if (i.op === 'mov') writeReg(m, i.dst, v);
  else writeReg(m, i.dst, derive(toWidth(un(i.op === 'mvn' ? 'not' : 'neg', v.e), i.dst.wide), v));
}

function flagsOf(alu: AluOp, a: Expr, b: Expr, result: Expr, wide: boolean): Expr {
  if (alu === 'SUB') return subFlags(a, b, wide);
  if (alu === 'ADD') return addFlags(a, b, wide);
  return logicFlags(result, wide);
}

export function arithmetic(m: ThreadMachine, i: Op<'alu'>): void {
  const wide = i.dst.wide;
  const a = readReg(m, i.a);
  const b = operandValue(m, i.b, wide);
  const result = aluValue(i.alu, a.e, b.e, wide);
  if (i.flags) m.setReg(FLAGS_REG, derive(flagsOf(i.alu, a.e, b.e, result, wide), a, b));
  writeReg(m, i.dst, derive(result, a, b));
}

/** CMP is SUBS, CMN is ADDS and TST is ANDS, to the zero register. */
export function compare(m: ThreadMachine, i: Op<'cmp'>): void {
  const wide = i.a.wide;
  const a = readReg(m, i.a);
  const b = operandValue(m, i.b, wide);
  const alu = i.kind === 'CMP' ? 'SUB' : i.kind === 'CMN' ? 'ADD' : 'AND';
  m.setReg(FLAGS_REG, derive(flagsOf(alu, a.e, b.e, aluValue(alu, a.e, b.e, wide), wide), a, b));
}

/** What CSINC, CSINV and CSNEG make of their second register when the condition fails. */
function alternativeOf(kind: Op<'csel'>['kind'], b: Expr, wide: boolean): Expr {
  switch (kind) {
    case 'CSEL': return b;
    case 'CSINC': return toWidth(bin('add', b, konst(1n)), wide);
    case 'CSINV': return toWidth(un('not', b), wide);
    case 'CSNEG': return toWidth(un('neg', b), wide);
  }
}

/**
 * CSEL Rd,Rn,Rm,cond: Rd = cond ? Rn : Rm. Like herd7, the path splits on the condition so that
 * the result depends on the register it picks; on the flags it has a pick dependency (Arm ARM),
 * which orders a later write whose address or data uses the result, but not a later read
 * (herd7's Pick*, MP+rel+CSEL, T9C).
 */
export function conditionalSelect(m: ThreadMachine, i: Op<'csel'>): void {
  const flags = m.getReg(FLAGS_REG);
  const cond = conditionHolds(i.cond, flags.e);
  const a = readReg(m, i.a);
  const b = readReg(m, i.b);
  const alternative = derive(alternativeOf(i.kind, b.e, i.dst.wide), b);
  // no need to split the path when both candidates depend on the same reads
  const sameDeps = a.deps.size === alternative.deps.size && [...a.deps].every((d) => alternative.deps.has(d));
  const picked = sameDeps ? derive(ite(cond, a.e, alternative.e), a) : m.choose(cond) ? a : alternative;
  writeReg(m, i.dst, pickedBy(picked, flags));
}

export function conditionalSet(m: ThreadMachine, i: Op<'cset'>): void {
  const flags = m.getReg(FLAGS_REG);
  writeReg(m, i.dst, derive(ite(conditionHolds(i.cond, flags.e), konst(1n), konst(0n)), flags));
}
