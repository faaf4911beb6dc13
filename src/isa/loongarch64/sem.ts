/**
 * LoongArch64 instruction semantics, as events for models/loongarch64.cat:
 *   loads R, stores W (ld.b/h/w sign-extend, ld.bu/hu/wu zero-extend);
 *   ll.w/d: R tagged X and a reservation; sc.w/d: on success W tagged X, related to the ll by
 *     rmw, and rd = 1; on failure (no reservation of that address and size, or spuriously) no
 *     event and rd = 0 (shared/llsc.ts);
 *   am<op>.w/d: a read and a write tagged AMO, related by amo; the _db forms add the tag DB (fully
 *     ordered); rd gets the old value (sign-extended for .w), memory op(old, rk);
 *   dbar hint: a fence tagged with what the hint orders (dbar.ts).
 * `.w` arithmetic computes on 32 bits and sign-extends; $r0 reads 0 and ignores writes.
 * Dependencies are syntactic, through registers; a successful sc's rd depends on its store.
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, konst, un, type CmpOp, type Cond, type Expr } from '../../semantics/expr.js';
import { loadLinked, storeConditional } from '../shared/llsc.js';
import { combine, effectiveAddress, extend, lift, union } from '../shared/values.js';
import { DBAR_TAGS, dbarTags } from './dbar.js';
import type { AluOp, AmoOp, BranchCond, LoongArchInstr, Offset, Reg } from './instr.js';
import { loongArchRegs } from './regs.js';

export const LOONGARCH_TAGS = ['X', 'AMO', 'DB', ...DBAR_TAGS] as const;

const readReg = (m: ThreadMachine, r: Reg): SymVal => (r === 0 ? lift(konst(0n)) : m.getReg(loongArchRegs.canonical(r)));

function writeReg(m: ThreadMachine, r: Reg, v: SymVal): void {
  if (r !== 0) m.setReg(loongArchRegs.canonical(r), v);
}

function address(m: ThreadMachine, rj: Reg, offset: Offset): SymVal {
  return offset.k === 'imm' ? effectiveAddress(offset.value, readReg(m, rj)) : effectiveAddress(0n, readReg(m, rj), readReg(m, offset.reg));
}

const flag = (c: Cond): Expr => ite(c, konst(1n), konst(0n));

function aluExpr(op: AluOp, a: Expr, b: Expr, word: boolean): Expr {
  const count = bin('and', b, konst(word ? 31n : 63n));
  const result = ((): Expr => {
    switch (op) {
      case 'nor': return un('not', bin('or', a, b));
      case 'andn': return bin('and', a, un('not', b));
      case 'orn': return bin('or', a, un('not', b));
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

/** The value an AMO stores, from the old value and rk (compared on `size` bits for max and min). */
function amoResult(op: AmoOp, old: Expr, src: Expr, size: 32 | 64): Expr {
  const s = (v: Expr) => (size === 32 ? un('sext32', v) : v);
  const u = (v: Expr) => (size === 32 ? un('zext32', v) : v);
  switch (op) {
    case 'swap': return src;
    case 'max': return ite(cmp('sge', s(old), s(src)), old, src);
    case 'min': return ite(cmp('sle', s(old), s(src)), old, src);
    case 'maxu': return ite(cmp('uge', u(old), u(src)), old, src);
    case 'minu': return ite(cmp('ule', u(old), u(src)), old, src);
    default: return bin(op, old, src);
  }
} // prettier-ignore

function amo(m: ThreadMachine, i: Extract<LoongArchInstr, { op: 'amo' }>): void {
  const addr = readReg(m, i.rj);
  const src = readReg(m, i.rk);
  const tags = i.db ? ['AMO', 'DB'] : ['AMO'];
  const { ev, value } = m.read(addr, { size: i.size, tags });
  const stored = i.amo === 'swap' ? src : combine((old, s) => amoResult(i.amo, old!, s!, i.size), value, src);
  const w = m.write(addr, stored, { size: i.size, tags });
  m.relate('amo', ev, w);
  writeReg(m, i.rd, lift(extend(value.e, i.size, true), value.deps));
}

const BRANCH: Record<BranchCond, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'slt', ge: 'sge', ltu: 'ult', geu: 'uge' };

function step(i: LoongArchInstr, m: ThreadMachine, _line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'load': {
      const { value } = m.read(address(m, i.rj, i.offset), { size: i.size });
      writeReg(m, i.rd, lift(extend(value.e, i.size, i.signed), value.deps));
      break;
    }
    case 'store':
      m.write(address(m, i.rj, i.offset), readReg(m, i.rd), { size: i.size });
      break;
    case 'll': {
      const { value } = loadLinked(m, address(m, i.rj, { k: 'imm', value: i.offset }), { size: i.size, tags: ['X'] });
      writeReg(m, i.rd, lift(extend(value.e, i.size, true), value.deps));
      break;
    }
    case 'sc': {
      const w = storeConditional(m, address(m, i.rj, { k: 'imm', value: i.offset }), readReg(m, i.rd), { size: i.size, tags: ['X'] });
      writeReg(m, i.rd, w === undefined ? lift(konst(0n)) : lift(konst(1n), new Set([w])));
      break;
    }
    case 'amo':
      amo(m, i);
      break;
    case 'dbar':
      m.fence(dbarTags(i.hint));
      break;
    case 'alu': {
      const a = readReg(m, i.rj);
      const b = i.src.k === 'reg' ? readReg(m, i.src.reg) : lift(konst(i.src.value));
      writeReg(m, i.rd, combine((x, y) => aluExpr(i.alu, x!, y!, i.word), a, b));
      break;
    }
    case 'li':
      writeReg(m, i.rd, lift(konst(i.value)));
      break;
    case 'bstrpick': {
      const width = BigInt(i.msb - i.lsb + 1);
      const a = readReg(m, i.rj);
      writeReg(m, i.rd, lift(bin('and', bin('lshr', a.e, konst(BigInt(i.lsb))), konst((1n << width) - 1n)), a.deps));
      break;
    }
    case 'branch': {
      const [a, b] = [readReg(m, i.rj), readReg(m, i.rd)];
      const target = layout.labelLine(i.target);
      return { k: 'branch', cond: cmp(BRANCH[i.cond], a.e, b.e), deps: union(a.deps, b.deps), target };
    }
    case 'jump':
      return { k: 'jump', target: layout.labelLine(i.target) };
  }
  return { k: 'next' };
}

export const loongArchSemantics: IsaSemantics<LoongArchInstr> = { tagNames: LOONGARCH_TAGS, step };
