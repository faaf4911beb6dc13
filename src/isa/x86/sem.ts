/**
 * x86 instruction semantics (Intel SDM vol. 2 for values, vol. 3A 8.2 for what is locked):
 *   MOV load R; MOV store W; MOVZX/MOVSX one R when the source is memory;
 *   an ALU, INC/DEC/NEG/NOT, XADD or CMPXCHG with a memory destination: R then W (data-dependent);
 *   with LOCK, and XCHG with memory always, both events are tagged X (locked) and related by amo;
 *   a LOCK CMPXCHG that fails is a locked read alone (see cmpxchg below);
 *   MFENCE, LFENCE, SFENCE: fence events with those tags.
 * Registers: a 32-bit write zero-extends into the whole register, 8- and 16-bit writes keep the other
 * bits. Flags ZF, SF, CF, OF are pseudo-registers, so a Jcc carries the dependencies of what set them.
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, konst, un, type Expr } from '../../semantics/expr.js';
import { flagsOf, flagsRead, jumpCondition, mask, trunc, type FlagValues } from './flags.js';
import type { Mem, Operand, Reg, RegOrMem, Size, UnaryOp, X86Instr, X86Op } from './instr.js';
import { FLAGS, registerKey, type Dialect, type Flag } from './regs.js';

/** Locked accesses (X), and one tag per fence instruction. */
export const X86_TAGS = ['X', 'MFENCE', 'LFENCE', 'SFENCE'] as const;
const LOCKED = ['X'] as const;

const NO_DEPS: ReadonlySet<number> = new Set();
const union = (...sets: ReadonlySet<number>[]): ReadonlySet<number> => {
  const nonEmpty = sets.filter((s) => s.size > 0);
  return nonEmpty.length <= 1 ? (nonEmpty[0] ?? NO_DEPS) : new Set(nonEmpty.flatMap((s) => [...s]));
};
const lift = (e: Expr, deps: ReadonlySet<number>): SymVal => ({ e, deps });

/** One thread's machine seen through x86 registers, operands and flags. */
class X86State {
  constructor(
    readonly m: ThreadMachine,
    readonly dialect: Dialect,
  ) {}

  readReg(r: Reg): SymVal {
    const whole = this.m.getReg(registerKey(r.n, this.dialect));
    const e = r.size === 64 ? whole.e : trunc(r.high ? bin('lshr', whole.e, konst(8n)) : whole.e, r.size);
    return lift(e, whole.deps);
  }

  writeReg(r: Reg, v: SymVal): void {
    const key = registerKey(r.n, this.dialect);
    if (r.size >= 32) {
      this.m.setReg(key, lift(trunc(v.e, r.size), v.deps)); // a 32-bit write clears bits 32-63
      return;
    }
    const whole = this.m.getReg(key);
    const shift = r.high ? 8n : 0n;
    const kept = bin('and', whole.e, konst(~(mask(r.size) << shift)));
    const part = bin('shl', trunc(v.e, r.size), konst(shift));
    this.m.setReg(key, lift(bin('or', kept, part), union(whole.deps, v.deps)));
  }

  address(mem: Mem): SymVal {
    let e: Expr = konst(mem.disp);
    let deps = NO_DEPS;
    if (mem.loc !== undefined) e = bin('add', this.m.addressOf(mem.loc).e, e);
    for (const [reg, scale] of [[mem.base, 1n], [mem.index, BigInt(mem.scale)]] as const) {
      if (!reg) continue;
      const v = this.readReg(reg);
      e = bin('add', e, bin('mul', v.e, konst(scale)));
      deps = union(deps, v.deps);
    }
    const narrow = (mem.base ?? mem.index)?.size === 32; // 32-bit address registers: a 32-bit address
    return lift(narrow ? trunc(e, 32) : e, deps);
  }

  /** The value of a source operand on `size` bits (a memory operand is read). */
  value(o: Operand, size: Size): SymVal {
    switch (o.k) {
      case 'reg': return this.readReg(o.reg);
      case 'imm': return lift(konst(o.value & mask(size)), NO_DEPS);
      case 'mem': return this.m.read(this.address(o.mem), { size }).value;
    }
  } // prettier-ignore

  flags(): FlagValues {
    const [ZF, SF, CF, OF] = FLAGS.map((f) => this.m.getReg(f).e) as [Expr, Expr, Expr, Expr];
    return { ZF, SF, CF, OF };
  }

  setFlags(f: Partial<FlagValues>, deps: ReadonlySet<number>): void {
    for (const name of FLAGS) {
      const e = f[name];
      if (e) this.m.setReg(name, lift(e, deps));
    }
  }

  /**
   * A read-modify-write of a register or memory destination: `update` computes the new value
   * from the old one. A memory destination is a read then a write; locked, both are X and amo.
   */
  modify(dst: RegOrMem, size: Size, locked: boolean, update: (old: SymVal) => SymVal): { old: SymVal; value: SymVal } {
    if (dst.k === 'reg') {
      const old = this.readReg(dst.reg);
      const value = update(old);
      this.writeReg(dst.reg, value);
      return { old, value };
    }
    const tags = locked ? LOCKED : [];
    const addr = this.address(dst.mem);
    const { ev, value: old } = this.m.read(addr, { size, tags });
    const value = update(old);
    const w = this.m.write(addr, value, { size, tags });
    if (locked) this.m.relate('amo', ev, w);
    return { old, value };
  }

  write(dst: RegOrMem, size: Size, v: SymVal): void {
    if (dst.k === 'reg') this.writeReg(dst.reg, v);
    else this.m.write(this.address(dst.mem), v, { size });
  }
}

const ALU_KIND = { add: 'add', sub: 'sub', and: 'logic', or: 'logic', xor: 'logic' } as const;

function arith(op: 'add' | 'sub' | 'and' | 'or' | 'xor', a: Expr, b: Expr, size: Size): Expr {
  return trunc(bin(op, a, b), size);
}

const ZERO = konst(0n);
const ONE = konst(1n);

/** INC, DEC, NEG, NOT: the result and the flags they set (NOT none; INC and DEC leave CF alone). */
function unary(op: UnaryOp, a: Expr, size: Size): { r: Expr; flags: Partial<FlagValues> } {
  switch (op) {
    case 'not':
      return { r: bin('xor', a, konst(mask(size))), flags: {} };
    case 'neg': {
      const r = arith('sub', ZERO, a, size);
      return { r, flags: flagsOf('sub', ZERO, a, r, size) };
    }
    case 'inc':
    case 'dec': {
      const kind = op === 'inc' ? 'add' : 'sub';
      const r = arith(kind, a, ONE, size);
      const { CF: _kept, ...flags } = flagsOf(kind, a, ONE, r, size);
      return { r, flags };
    }
  }
}

function step(s: X86State, i: X86Op, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'mov':
      s.write(i.dst, i.size, s.value(i.src, i.size));
      return { k: 'next' };
    case 'movx': {
      const v = s.value(i.src, i.from);
      s.writeReg(i.dst, i.signed ? lift(un(`sext${i.from}`, v.e), v.deps) : v);
      return { k: 'next' };
    }
    case 'alu': {
      const b = s.value(i.src, i.size);
      const { old, value } = s.modify(i.dst, i.size, i.lock, (a) => lift(arith(i.alu, a.e, b.e, i.size), union(a.deps, b.deps)));
      s.setFlags(flagsOf(ALU_KIND[i.alu], old.e, b.e, value.e, i.size), value.deps);
      return { k: 'next' };
    }
    case 'unary': {
      const { old } = s.modify(i.dst, i.size, i.lock, (a) => lift(unary(i.un, a.e, i.size).r, a.deps));
      s.setFlags(unary(i.un, old.e, i.size).flags, old.deps);
      return { k: 'next' };
    }
    case 'xadd': {
      const src = s.readReg(i.src);
      const { old, value: sum } = s.modify(i.dst, i.size, i.lock, (d) => lift(arith('add', d.e, src.e, i.size), union(d.deps, src.deps)));
      s.writeReg(i.src, old);
      if (i.dst.k === 'reg') s.writeReg(i.dst.reg, sum); // TEMP <- SRC + DEST; SRC <- DEST; DEST <- TEMP
      s.setFlags(flagsOf('add', old.e, src.e, sum.e, i.size), sum.deps);
      return { k: 'next' };
    }
    case 'xchg': {
      const [mem, other] = i.a.k === 'mem' ? [i.a, i.b] : [i.b, i.a];
      if (other.k !== 'reg') throw new Error('xchg needs a register operand'); // the decoder guarantees it
      const v = s.readReg(other.reg);
      const { old } = s.modify(mem, i.size, mem.k === 'mem', () => v); // XCHG with memory is always locked
      s.writeReg(other.reg, old);
      return { k: 'next' };
    }
    case 'cmpxchg':
      return cmpxchg(s, i);
    case 'cmp':
    case 'test': {
      const a = s.value(i.a, i.size);
      const b = s.value(i.b, i.size);
      const r = arith(i.op === 'cmp' ? 'sub' : 'and', a.e, b.e, i.size);
      s.setFlags(flagsOf(i.op === 'cmp' ? 'sub' : 'logic', a.e, b.e, r, i.size), union(a.deps, b.deps));
      return { k: 'next' };
    }
    case 'fence':
      s.m.fence([i.kind.toUpperCase()]);
      return { k: 'next' };
    case 'nop':
      return { k: 'next' };
    case 'jmp':
      return { k: 'jump', target: layout.labelLine(i.target) };
    case 'jcc': {
      const f = s.flags();
      const deps = union(...flagsRead(i.cc).map((name: Flag) => s.m.getReg(name).deps));
      return { k: 'branch', cond: jumpCondition(i.cc, f), deps, target: layout.labelLine(i.target) };
    }
  }
}

/**
 * CMPXCHG dst, src: compare the accumulator with dst; equal: dst <- src and ZF = 1; otherwise the
 * accumulator <- dst and ZF = 0. The other flags are those of CMP. On failure the SDM has the
 * processor write dst back with its own value. Without LOCK that write is kept: another thread's
 * store may come between and be lost. With LOCK it is left out: it would sit in coherence right
 * after the write it re-writes, with the same value, and order nothing the locked read does not
 * already order, so it changes no outcome and would only multiply the coherence orders.
 */
function cmpxchg(s: X86State, i: Extract<X86Op, { op: 'cmpxchg' }>): Flow {
  const acc: Reg = { n: 0, size: i.size };
  const expected = s.readReg(acc);
  const src = s.readReg(i.src);
  let old: SymVal;
  let success: boolean;
  if (i.dst.k === 'reg') {
    old = s.readReg(i.dst.reg);
    success = s.m.choose(cmp('eq', expected.e, old.e));
    if (success) s.writeReg(i.dst.reg, src);
  } else {
    const tags = i.lock ? LOCKED : [];
    const addr = s.address(i.dst.mem);
    const read = s.m.read(addr, { size: i.size, tags });
    old = read.value;
    success = s.m.choose(cmp('eq', expected.e, old.e));
    if (success || !i.lock) {
      const w = s.m.write(addr, success ? src : old, { size: i.size, tags });
      if (i.lock) s.m.relate('amo', read.ev, w);
    }
  }
  if (!success) s.writeReg(acc, old);
  const flags = flagsOf('sub', expected.e, old.e, arith('sub', expected.e, old.e, i.size), i.size);
  s.setFlags({ ...flags, ZF: konst(success ? 1n : 0n) }, union(expected.deps, old.deps));
  return { k: 'next' };
}

function locationsIn(i: X86Op): string[] {
  const operands: Operand[] = [];
  switch (i.op) {
    case 'mov': case 'alu': operands.push(i.dst, i.src); break;
    case 'movx': operands.push(i.src); break;
    case 'unary': case 'xadd': case 'cmpxchg': operands.push(i.dst); break;
    case 'xchg': case 'cmp': case 'test': operands.push(i.a, i.b); break;
    default: break;
  }
  return operands.flatMap((o) => (o.k === 'mem' && o.mem.loc !== undefined ? [o.mem.loc] : []));
} // prettier-ignore

export function x86Semantics(dialect: Dialect): IsaSemantics<X86Instr> {
  return {
    tagNames: X86_TAGS,
    step: (i, m, _line, layout) => step(new X86State(m, dialect), i, layout),
    locationsIn,
  };
}
