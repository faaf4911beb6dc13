/**
 * AArch64 instruction semantics: each instruction as the events herd7 builds for it (memory in
 * access.ts, registers in alu.ts), barriers as fences tagged DMB.<option> / DSB.<option> / ISB,
 * and branches. Compares set the flags pseudo-register NZCV (flags.ts); B.cond and
 * CBZ/CBNZ/TBZ/TBNZ branch on their operands' dependencies, so every later event gets a ctrl
 * dependency on the reads behind the condition.
 */
import type { CodeLayout, Flow, IsaSemantics, ThreadMachine } from '../semantics.js';
import { bin, cmp, konst } from '../../semantics/expr.js';
import { BARRIER_OPTIONS, type A64Instr } from './instr.js';
import { FLAGS_REG, conditionHolds } from './flags.js';
import { arithmetic, compare, conditionalSelect, conditionalSet, move } from './alu.js';
import { atomic, compareAndSwap, load, store, storeExclusive } from './access.js';
import { readReg } from './values.js';
import type { SymVal } from '../semantics.js';

/** A branch on a value depends on the reads it was computed or picked from. */
const withPicks = (v: SymVal): ReadonlySet<number> => (v.pick ? new Set([...v.deps, ...v.pick]) : v.deps);

const BARRIER_TAGS = ['DMB', 'DSB'].flatMap((kind) => BARRIER_OPTIONS.map((option) => `${kind}.${option}`));

/** Sets the model may name: acquire (A), acquirePC (Q), release (L), exclusive (X), non-returning atomic reads (NoRet), each barrier. */
export const A64_TAGS: readonly string[] = ['A', 'Q', 'L', 'X', 'NoRet', 'ISB', ...BARRIER_TAGS];

const NEXT: Flow = { k: 'next' };

function step(i: A64Instr, m: ThreadMachine, _line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'nop': break;
    case 'mov': case 'mvn': case 'neg': move(m, i); break;
    case 'alu': arithmetic(m, i); break;
    case 'cmp': compare(m, i); break;
    case 'csel': conditionalSelect(m, i); break;
    case 'cset': conditionalSet(m, i); break;
    case 'load': load(m, i); break;
    case 'store': store(m, i); break;
    case 'storex': storeExclusive(m, i); break;
    case 'atomic': atomic(m, i); break;
    case 'cas': compareAndSwap(m, i); break;
    case 'barrier': m.fence([`${i.kind}.${i.option}`]); break;
    case 'isb': m.fence(['ISB']); break;
    case 'b':
      return { k: 'jump', target: layout.labelLine(i.target) };
    case 'bcond': {
      const flags = m.getReg(FLAGS_REG);
      return { k: 'branch', cond: conditionHolds(i.cond, flags.e), deps: withPicks(flags), target: layout.labelLine(i.target) };
    }
    case 'cbz': {
      const v = readReg(m, i.reg);
      return { k: 'branch', cond: cmp(i.nonzero ? 'ne' : 'eq', v.e, konst(0n)), deps: withPicks(v), target: layout.labelLine(i.target) };
    }
    case 'tbz': {
      const v = readReg(m, i.reg);
      const bit = bin('and', bin('lshr', v.e, konst(BigInt(i.bit))), konst(1n));
      return { k: 'branch', cond: cmp(i.nonzero ? 'ne' : 'eq', bit, konst(0n)), deps: v.deps, target: layout.labelLine(i.target) };
    }
  }
  return NEXT;
}

export const a64Semantics: IsaSemantics<A64Instr> = { tagNames: A64_TAGS, step };
