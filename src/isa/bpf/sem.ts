/**
 * BPF instruction semantics (RFC 9669 values, herd7's events):
 *   load R; store W; load_acquire R[AQ]; store_release W[RL];
 *   lock op= one R&W event [X]; atomic_fetch_op and xchg one R&W event [SC];
 *   cmpxchg: R, then on success W, both [SC] and related by amo; on failure a plain R.
 * ALU32 (w registers) computes on the low 32 bits and zeroes the upper half; division by zero
 * gives 0 and modulo by zero leaves the dividend, as the ISA defines them.
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, konst, un, type CmpOp, type Cond, type Expr } from '../../semantics/expr.js';
import type { AluOp, BpfInstr, JmpCond, Mem, Operand, Reg, Target } from './instr.js';
import { slotsOf } from './targets.js';

export const BPF_TAGS = ['AQ', 'RL', 'SC', 'X'] as const;

const NO_DEPS: ReadonlySet<number> = new Set();
const regName = (r: Reg) => `r${r.n}`;
const union = (a: ReadonlySet<number>, b: ReadonlySet<number>): ReadonlySet<number> =>
  a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b]);
const lift = (e: Expr, deps: ReadonlySet<number>): SymVal => ({ e, deps });
const zext32 = (e: Expr) => un('zext32', e);

/** A register as an operand: the 32-bit view of a w register is zero-extended. */
function readReg(m: ThreadMachine, r: Reg): SymVal {
  const v = m.getReg(regName(r));
  return r.wide ? v : lift(zext32(v.e), v.deps);
}

/** Writing a w register zeroes the upper 32 bits. */
function writeReg(m: ThreadMachine, r: Reg, v: SymVal): void {
  m.setReg(regName(r), r.wide ? v : lift(zext32(v.e), v.deps));
}

function operand(m: ThreadMachine, o: Operand, wide: boolean): SymVal {
  if (o.k === 'reg') return readReg(m, o.reg);
  return lift(konst(wide ? o.value : o.value & 0xffffffffn), NO_DEPS);
}

function address(m: ThreadMachine, mem: Mem): SymVal {
  const base = m.getReg(regName(mem.base));
  return lift(bin('add', base.e, konst(mem.off)), base.deps);
}

function alu(op: AluOp, a: Expr, b: Expr, wide: boolean): Expr {
  const isZero = (x: Expr) => cmp('eq', x, konst(0n));
  const s = (x: Expr) => (wide ? x : un('sext32', x)); // signed view of an operand
  const shift = (x: Expr) => bin('and', x, konst(wide ? 63n : 31n));
  switch (op) {
    case 'add': return bin('add', a, b);
    case 'sub': return bin('sub', a, b);
    case 'mul': return bin('mul', a, b);
    case 'and': return bin('and', a, b);
    case 'or': return bin('or', a, b);
    case 'xor': return bin('xor', a, b);
    case 'div': return ite(isZero(b), konst(0n), bin('udiv', a, b));
    case 'mod': return ite(isZero(b), a, bin('urem', a, b));
    case 'sdiv': return ite(isZero(b), konst(0n), bin('sdiv', s(a), s(b)));
    case 'smod': return ite(isZero(b), a, bin('srem', s(a), s(b)));
    case 'lsh': return bin('shl', a, shift(b));
    case 'rsh': return bin('lshr', a, shift(b));
    case 'arsh': return bin('ashr', s(a), shift(b));
  }
}

const ATOMIC_ALU: Record<'add' | 'and' | 'or' | 'xor', AluOp> = { add: 'add', and: 'and', or: 'or', xor: 'xor' };

const JMP: Record<JmpCond, CmpOp | 'set'> = {
  eq: 'eq', ne: 'ne', lt: 'ult', le: 'ule', gt: 'ugt', ge: 'uge',
  slt: 'slt', sle: 'sle', sgt: 'sgt', sge: 'sge', set: 'set',
};

function condition(c: JmpCond, a: Expr, b: Expr, wide: boolean): Cond {
  const op = JMP[c];
  if (op === 'set') return cmp('ne', bin('and', a, b), konst(0n));
  if (!wide && op.startsWith('s')) return cmp(op, un('sext32', a), un('sext32', b));
  return cmp(op, a, b);
}

function targetLine(t: Target, line: number, layout: CodeLayout): number {
  return t.k === 'label' ? layout.labelLine(t.name) : layout.relativeLine(line, t.off);
}

function step(i: BpfInstr, m: ThreadMachine, line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'mov':
      writeReg(m, i.dst, operand(m, i.src, i.dst.wide));
      return { k: 'next' };
    case 'movsx': {
      const v = readReg(m, i.src);
      writeReg(m, i.dst, lift(un(`sext${i.from}`, v.e), v.deps));
      return { k: 'next' };
    }
    case 'alu': {
      const a = readReg(m, i.dst);
      const b = operand(m, i.src, i.dst.wide);
      writeReg(m, i.dst, lift(alu(i.alu, a.e, b.e, i.dst.wide), union(a.deps, b.deps)));
      return { k: 'next' };
    }
    case 'neg': {
      const a = readReg(m, i.dst);
      writeReg(m, i.dst, lift(un('neg', a.e), a.deps));
      return { k: 'next' };
    }
    case 'bswap': {
      const a = readReg(m, i.dst);
      // little-endian host: `le` only truncates, `be` and `bswap` swap the low bytes
      const swapped = i.kind === 'le' ? a.e : un(`bswap${i.bits}`, a.e);
      const e = i.bits === 64 ? swapped : un(`zext${i.bits}`, swapped);
      m.setReg(regName(i.dst), lift(e, a.deps));
      return { k: 'next' };
    }
    case 'load': {
      const { value } = m.read(address(m, i.mem), { size: i.mem.size });
      const e = i.signed && i.mem.size < 64 ? un(`sext${i.mem.size as 8 | 16 | 32}`, value.e) : value.e;
      writeReg(m, i.dst, lift(e, value.deps));
      return { k: 'next' };
    }
    case 'load_acquire': {
      const { value } = m.read(address(m, i.mem), { size: i.mem.size, tags: ['AQ'] });
      writeReg(m, i.dst, value);
      return { k: 'next' };
    }
    case 'store':
      m.write(address(m, i.mem), operand(m, i.src, true), { size: i.mem.size });
      return { k: 'next' };
    case 'store_release':
      m.write(address(m, i.mem), readReg(m, i.src), { size: i.mem.size, tags: ['RL'] });
      return { k: 'next' };
    case 'atomic': {
      const src = readReg(m, i.src);
      const { old } = m.readWrite(address(m, i.mem), { size: i.mem.size, tags: [i.fetch ? 'SC' : 'X'] }, (o) =>
        lift(alu(ATOMIC_ALU[i.aop], o.e, src.e, true), src.deps));
      if (i.fetch) writeReg(m, i.src, old);
      return { k: 'next' };
    }
    case 'xchg': {
      const src = readReg(m, i.src);
      const { old } = m.readWrite(address(m, i.mem), { size: i.mem.size, tags: ['SC'] }, () => src);
      writeReg(m, i.src, old);
      return { k: 'next' };
    }
    case 'cmpxchg': {
      const wide = i.mem.size === 64;
      const r0: Reg = { n: 0, wide };
      const expected = readReg(m, r0);
      const src = readReg(m, i.src);
      const addr = address(m, i.mem);
      const { ev, value } = m.read(addr, { size: i.mem.size });
      if (m.choose(cmp('eq', value.e, wide ? expected.e : zext32(expected.e)))) {
        m.retag(ev, ['SC']);
        const w = m.write(addr, src, { size: i.mem.size, tags: ['SC'] });
        m.relate('amo', ev, w);
      }
      writeReg(m, r0, value);
      return { k: 'next' };
    }
    case 'goto':
      return { k: 'jump', target: targetLine(i.target, line, layout) };
    case 'if': {
      const wide = i.lhs.wide;
      const a = readReg(m, i.lhs);
      const b = operand(m, i.rhs, wide);
      return { k: 'branch', cond: condition(i.cond, a.e, b.e, wide), deps: union(a.deps, b.deps), target: targetLine(i.target, line, layout) };
    }
    case 'exit':
      return { k: 'exit' };
  }
}

export const bpfSemantics: IsaSemantics<BpfInstr> = { tagNames: BPF_TAGS, step, slots: slotsOf };
