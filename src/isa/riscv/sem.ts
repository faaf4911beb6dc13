/**
 * RISC-V (RV64) instruction semantics, as events for the RVWMO model (models/riscv.cat):
 *   loads R, stores W; `.aq` adds the tag AQ, `.rl` the tag RL (Zalasr `lw.aq`, `sw.rl`);
 *   lr: R tagged X, and a reservation of its address; sc: on success W tagged X, paired with
 *   the lr by rmw, and rd = 0; on failure no event and rd = 1;
 *   amo<op>: a read and a write, both tagged AMO (and AQ/RL as annotated), related by amo;
 *   amocas (Zacas): the same when the comparison succeeds; on failure a read only, which keeps
 *   `.aq` but not `.rl` (the Zacas specification);
 *   fence pred,succ: an F event tagged FencePredR/FencePredW/FenceSuccR/FenceSuccW for the r and
 *   w bits of each set (i and o order no memory accesses); fence.tso: F tagged FenceTSO.
 * Values are 64-bit: `w` operations compute on 32 bits and sign-extend, lw/lh/lb and lr.w/amo*.w
 * sign-extend, lwu/lhu/lbu zero-extend, x0 reads as 0 and ignores writes.
 * Dependencies follow RVWMO's syntactic dependencies: a register carries the reads it was
 * computed from; the result of a successful sc carries the sc's write (its value comes from the
 * memory system), which is how herd7 orders what depends on it after the store.
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, konst, un, type CmpOp, type Cond, type Expr } from '../../semantics/expr.js';
import type { AluOp, AmoOp, BranchCond, FenceSet, Order, Reg, RiscvInstr, Size } from './instr.js';
import { regName } from './regs.js';

export const RISCV_TAGS = ['AQ', 'RL', 'X', 'AMO', 'FencePredR', 'FencePredW', 'FenceSuccR', 'FenceSuccW', 'FenceTSO'] as const;

/** Where the reservation of the last lr is kept while a path runs (m.scratch). */
const RESERVATION = 'riscv.reservation';

interface Reservation {
  addr: Expr;
  size: Size;
  read: number; // the lr's read event
}

const NO_DEPS: ReadonlySet<number> = new Set();
const lift = (e: Expr, deps: ReadonlySet<number> = NO_DEPS): SymVal => ({ e, deps });
const union = (a: ReadonlySet<number>, b: ReadonlySet<number>): ReadonlySet<number> =>
  a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b]);
const sext32 = (e: Expr) => un('sext32', e);
const zext32 = (e: Expr) => un('zext32', e);

function readReg(m: ThreadMachine, r: Reg): SymVal {
  return r === 0 ? lift(konst(0n)) : m.getReg(regName(r));
}

function writeReg(m: ThreadMachine, r: Reg, v: SymVal): void {
  if (r !== 0) m.setReg(regName(r), v);
}

function address(m: ThreadMachine, base: Reg, off = 0n): SymVal {
  const b = readReg(m, base);
  return lift(bin('add', b.e, konst(off)), b.deps);
}

function orderTags(o: Order): string[] {
  return [...(o.aq ? ['AQ'] : []), ...(o.rl ? ['RL'] : [])];
}

// ---------------------------------------------------------------- arithmetic

/** A value read from memory into a register: sign-extended unless the load is unsigned. */
function extend(e: Expr, size: Size, unsigned = false): Expr {
  if (size === 64) return e;
  return unsigned ? e : un(`sext${size}`, e);
}

function alu(op: AluOp, a: Expr, b: Expr, word: boolean): Expr {
  const isZero = (v: Expr) => cmp('eq', v, konst(0n));
  // the 32-bit forms read the low words (signed or not as the operation needs) and sign-extend
  const s = (v: Expr) => (word ? sext32(v) : v);
  const u = (v: Expr) => (word ? zext32(v) : v);
  const shamt = bin('and', b, konst(word ? 31n : 63n));
  const flag = (c: Cond) => ite(c, konst(1n), konst(0n));
  const result = ((): Expr => {
    switch (op) {
      case 'add': return bin('add', a, b);
      case 'sub': return bin('sub', a, b);
      case 'and': return bin('and', a, b);
      case 'or': return bin('or', a, b);
      case 'xor': return bin('xor', a, b);
      case 'sll': return bin('shl', a, shamt);
      case 'srl': return bin('lshr', u(a), shamt);
      case 'sra': return bin('ashr', s(a), shamt);
      case 'slt': return flag(cmp('slt', a, b));
      case 'sltu': return flag(cmp('ult', a, b));
      case 'mul': return bin('mul', a, b);
      // division by zero gives all ones, the remainder the dividend; overflow wraps (the M extension)
      case 'div': return ite(isZero(u(b)), konst(-1n), bin('sdiv', s(a), s(b)));
      case 'divu': return ite(isZero(u(b)), konst(-1n), bin('udiv', u(a), u(b)));
      case 'rem': return ite(isZero(u(b)), a, bin('srem', s(a), s(b)));
      case 'remu': return ite(isZero(u(b)), a, bin('urem', u(a), u(b)));
    }
  })();
  return word ? sext32(result) : result;
}

const BRANCH: Record<BranchCond, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'slt', ge: 'sge', ltu: 'ult', geu: 'uge' };

/** The value an AMO stores, from the old value and rs2 (both as the register holds them). */
function amoResult(op: AmoOp, old: Expr, src: Expr, size: 32 | 64): Expr {
  const signed = (v: Expr) => (size === 32 ? sext32(v) : v);
  const unsigned = (v: Expr) => (size === 32 ? zext32(v) : v);
  switch (op) {
    case 'swap': return src;
    case 'add': return bin('add', old, src);
    case 'and': return bin('and', old, src);
    case 'or': return bin('or', old, src);
    case 'xor': return bin('xor', old, src);
    case 'max': return ite(cmp('sge', signed(old), signed(src)), old, src);
    case 'min': return ite(cmp('sle', signed(old), signed(src)), old, src);
    case 'maxu': return ite(cmp('uge', unsigned(old), unsigned(src)), old, src);
    case 'minu': return ite(cmp('ule', unsigned(old), unsigned(src)), old, src);
  }
}

// ---------------------------------------------------------------- fences

function fenceTags(pred: FenceSet, succ: FenceSet): string[] {
  const tags: string[] = [];
  if (pred.r) tags.push('FencePredR');
  if (pred.w) tags.push('FencePredW');
  if (succ.r) tags.push('FenceSuccR');
  if (succ.w) tags.push('FenceSuccW');
  return tags;
}

// ---------------------------------------------------------------- exclusives and atomics

function loadReserved(m: ThreadMachine, i: Extract<RiscvInstr, { op: 'lr' }>): void {
  const addr = address(m, i.base);
  const { ev, value } = m.read(addr, { size: i.size, tags: ['X', ...orderTags(i.order)] });
  m.scratch.set(RESERVATION, { addr: addr.e, size: i.size, read: ev } satisfies Reservation);
  writeReg(m, i.rd, lift(extend(value.e, i.size), value.deps));
}

/**
 * sc succeeds only with a reservation of the same address and size, taken by the last lr; it
 * ends the reservation either way. The atomicity axiom of the model then rules out the
 * executions where another hart's write came between the lr and the sc.
 * RISC-V (and herd7) also let an sc fail spuriously while its reservation holds (m.either()).
 */
function storeConditional(m: ThreadMachine, i: Extract<RiscvInstr, { op: 'sc' }>): void {
  const addr = address(m, i.base);
  const data = readReg(m, i.rs2);
  const res = m.scratch.get(RESERVATION) as Reservation | undefined;
  m.scratch.delete(RESERVATION);
  if (res && res.size === i.size && m.either() && m.choose(cmp('eq', addr.e, res.addr))) {
    const w = m.write(addr, data, { size: i.size, tags: ['X', ...orderTags(i.order)] });
    m.relate('rmw', res.read, w);
    writeReg(m, i.rd, lift(konst(0n), new Set([w])));
  } else {
    writeReg(m, i.rd, lift(konst(1n)));
  }
}

function amo(m: ThreadMachine, i: Extract<RiscvInstr, { op: 'amo' }>): void {
  const addr = address(m, i.base);
  const src = readReg(m, i.rs2);
  const tags = ['AMO', ...orderTags(i.order)];
  const { ev, value } = m.read(addr, { size: i.size, tags });
  const stored = amoResult(i.amo, value.e, src.e, i.size);
  const deps = i.amo === 'swap' ? src.deps : union(value.deps, src.deps);
  const w = m.write(addr, lift(stored, deps), { size: i.size, tags });
  m.relate('amo', ev, w);
  writeReg(m, i.rd, lift(extend(value.e, i.size), value.deps));
}

/** amocas: compare the low `size` bits of rd with memory; store rs2 when they are equal. */
function amocas(m: ThreadMachine, i: Extract<RiscvInstr, { op: 'amocas' }>): void {
  const addr = address(m, i.base);
  const expected = readReg(m, i.rd);
  const src = readReg(m, i.rs2);
  const tags = ['AMO', ...orderTags(i.order)];
  const { ev, value } = m.read(addr, { size: i.size, tags });
  const low = (e: Expr) => (i.size === 32 ? zext32(e) : e);
  if (m.choose(cmp('eq', value.e, low(expected.e)))) {
    const w = m.write(addr, src, { size: i.size, tags });
    m.relate('amo', ev, w);
  } else {
    m.retag(ev, ['AMO', ...orderTags({ aq: i.order.aq, rl: false })]);
  }
  writeReg(m, i.rd, lift(extend(value.e, i.size), value.deps));
}

// ---------------------------------------------------------------- one instruction

function step(i: RiscvInstr, m: ThreadMachine, _line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'alu': {
      const a = readReg(m, i.rs1);
      const b = i.src.k === 'reg' ? readReg(m, i.src.reg) : lift(konst(i.src.value));
      writeReg(m, i.rd, lift(alu(i.alu, a.e, b.e, i.word), union(a.deps, b.deps)));
      return { k: 'next' };
    }
    case 'zext.w': {
      const a = readReg(m, i.rs);
      writeReg(m, i.rd, lift(zext32(a.e), a.deps));
      return { k: 'next' };
    }
    case 'li':
      writeReg(m, i.rd, lift(konst(i.value)));
      return { k: 'next' };
    case 'lui':
      writeReg(m, i.rd, lift(sext32(konst(i.value << 12n))));
      return { k: 'next' };
    case 'load': {
      const { value } = m.read(address(m, i.base, i.off), { size: i.size, tags: orderTags(i.order) });
      writeReg(m, i.rd, lift(extend(value.e, i.size, i.unsigned), value.deps));
      return { k: 'next' };
    }
    case 'store':
      m.write(address(m, i.base, i.off), readReg(m, i.rs2), { size: i.size, tags: orderTags(i.order) });
      return { k: 'next' };
    case 'lr':
      loadReserved(m, i);
      return { k: 'next' };
    case 'sc':
      storeConditional(m, i);
      return { k: 'next' };
    case 'amo':
      amo(m, i);
      return { k: 'next' };
    case 'amocas':
      amocas(m, i);
      return { k: 'next' };
    case 'fence':
      m.fence(fenceTags(i.pred, i.succ));
      return { k: 'next' };
    case 'fence.tso':
      m.fence(['FenceTSO']);
      return { k: 'next' };
    case 'branch': {
      const a = readReg(m, i.rs1);
      const b = readReg(m, i.rs2);
      return { k: 'branch', cond: cmp(BRANCH[i.cond], a.e, b.e), deps: union(a.deps, b.deps), target: layout.labelLine(i.target) };
    }
    case 'jump':
      return { k: 'jump', target: layout.labelLine(i.target) };
  }
}

export const riscvSemantics: IsaSemantics<RiscvInstr> = { tagNames: RISCV_TAGS, step };
