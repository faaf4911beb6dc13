/**
 * MIPS64 instruction semantics, as events for models/mips64.cat:
 *   loads R, stores W (lb/lh/lw/ld sign-extend, lbu/lhu/lwu zero-extend);
 *   ll/lld: R tagged X and a reservation; sc/scd: on success W tagged X, related to the ll by
 *     rmw, and rt = 1; on failure (no reservation of that address and size, or spuriously) no
 *     event and rt = 0 (shared/llsc.ts);
 *   sync stype: a fence tagged with what the stype orders (sync.ts).
 * The 32-bit operations (addu, addiu, subu, sll, ...) sign-extend their 32-bit result; $0 reads 0
 * and ignores writes. Every branch has a delay slot (shared/delay-slot.ts). Dependencies are
 * syntactic, through registers; a successful sc's rt depends on its store.
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, konst, un, type Cond, type Expr } from '../../semantics/expr.js';
import { deferBranch, withDelaySlots } from '../shared/delay-slot.js';
import { loadLinked, storeConditional } from '../shared/llsc.js';
import { combine, effectiveAddress, extend, lift, union } from '../shared/values.js';
import type { AluOp, BranchCond, MipsInstr, Reg } from './instr.js';
import { mipsRegs } from './regs.js';
import { SYNC_TAGS, syncTags } from './sync.js';

export const MIPS_TAGS = ['X', ...SYNC_TAGS] as const;

const readReg = (m: ThreadMachine, r: Reg): SymVal => (r === 0 ? lift(konst(0n)) : m.getReg(mipsRegs.canonical(r)));

function writeReg(m: ThreadMachine, r: Reg, v: SymVal): void {
  if (r !== 0) m.setReg(mipsRegs.canonical(r), v);
}

const flag = (c: Cond): Expr => ite(c, konst(1n), konst(0n));

function aluExpr(op: AluOp, a: Expr, b: Expr, word: boolean): Expr {
  const count = bin('and', b, konst(word ? 31n : 63n));
  const result = ((): Expr => {
    switch (op) {
      case 'nor': return un('not', bin('or', a, b));
      case 'sll': return bin('shl', a, count);
      case 'srl': return bin('lshr', word ? un('zext32', a) : a, count);
      case 'sra': return bin('ashr', word ? un('sext32', a) : a, count);
      case 'slt': return flag(cmp('slt', a, b));
      case 'sltu': return flag(cmp('ult', a, b));
      default: return bin(op, a, b);
    }
  })();
  return word ? un('sext32', result) : result;
} // prettier-ignore

function condition(c: BranchCond, a: Expr, b: Expr): Cond {
  const zero = konst(0n);
  switch (c) {
    case 'eq': return cmp('eq', a, b);
    case 'ne': return cmp('ne', a, b);
    case 'ltz': return cmp('slt', a, zero);
    case 'gez': return cmp('sge', a, zero);
    case 'lez': return cmp('sle', a, zero);
    case 'gtz': return cmp('sgt', a, zero);
  }
} // prettier-ignore

function execute(i: MipsInstr, m: ThreadMachine, line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'load': {
      const { value } = m.read(effectiveAddress(i.offset, readReg(m, i.base)), { size: i.size });
      writeReg(m, i.rt, lift(extend(value.e, i.size, i.signed), value.deps));
      break;
    }
    case 'store':
      m.write(effectiveAddress(i.offset, readReg(m, i.base)), readReg(m, i.rt), { size: i.size });
      break;
    case 'll': {
      const { value } = loadLinked(m, effectiveAddress(i.offset, readReg(m, i.base)), { size: i.size, tags: ['X'] });
      writeReg(m, i.rt, lift(extend(value.e, i.size, true), value.deps));
      break;
    }
    case 'sc': {
      const w = storeConditional(m, effectiveAddress(i.offset, readReg(m, i.base)), readReg(m, i.rt), { size: i.size, tags: ['X'] });
      writeReg(m, i.rt, w === undefined ? lift(konst(0n)) : lift(konst(1n), new Set([w])));
      break;
    }
    case 'sync':
      m.fence(syncTags(i.stype));
      break;
    case 'alu': {
      const a = readReg(m, i.rs);
      const b = i.src.k === 'reg' ? readReg(m, i.src.reg) : lift(konst(i.src.value));
      writeReg(m, i.rd, combine((x, y) => aluExpr(i.alu, x!, y!, i.word), a, b));
      break;
    }
    case 'li':
      writeReg(m, i.rd, lift(konst(i.value)));
      break;
    case 'dext': {
      const a = readReg(m, i.rs);
      writeReg(m, i.rt, lift(bin('and', bin('lshr', a.e, konst(BigInt(i.lsb))), konst((1n << BigInt(i.size)) - 1n)), a.deps));
      break;
    }
    case 'branch': {
      const [a, b] = [readReg(m, i.rs), readReg(m, i.rt)];
      const cond = condition(i.cond, a.e, b.e);
      const target = layout.labelLine(i.target);
      const flow: Flow = cond.k === 'bool' ? (cond.v ? { k: 'jump', target } : { k: 'next' }) : { k: 'branch', cond, deps: union(a.deps, b.deps), target };
      return deferBranch(m, line, layout, flow);
    }
  }
  return { k: 'next' };
}

export const mipsSemantics: IsaSemantics<MipsInstr> = { tagNames: MIPS_TAGS, step: withDelaySlots(execute) };
