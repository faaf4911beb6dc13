/**
 * Memory instructions as events (herd7's AArch64 semantics):
 *   LDR R; STR W; LDAR / LDAXR R[A]; LDAPR R[Q]; STLR W[L]; LDXR R[X]; STXR W[X] (STLXR W[X,L]);
 *   LD<op> / SWP: a read and a write related by amo, the read tagged A (A, AL forms), the write
 *   L (L, AL forms); one whose result register is the zero register (ST<op>) tags its read NoRet;
 *   CAS: a read (A for CASA/CASAL) and, when the comparison succeeds, a write (L for CASL/CASAL)
 *   related by amo.
 */
import type { SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, ite, un, type Cond, type Expr } from '../../semantics/expr.js';
import { ZR, type A64Op, type AtomicOp, type Ordering, type Reg, type Size } from './instr.js';
import { addressOf, constant, derive, picked, readReg, toWidth, writeReg } from './values.js';

type Op<K extends A64Op['op']> = A64Op & { op: K };

const tags = (...pairs: [boolean, string][]): string[] => pairs.filter(([on]) => on).map(([, t]) => t);

const truncate = (e: Expr, size: Size): Expr => (size === 64 ? e : un(`zext${size}`, e));
/** `e` as a signed number of `size` bits. */
const signedAt = (e: Expr, size: Size): Expr => (size === 64 ? e : un(`sext${size}`, e));

export function load(m: ThreadMachine, i: Op<'load'>): void {
  const { addr, writeBack } = addressOf(m, i.addr);
  const access = { size: i.size, tags: tags([i.order === 'acquire', 'A'], [i.order === 'acquirePC', 'Q'], [i.exclusive, 'X']) };
  const { ev, value } = m.read(addr, access);
  if (i.exclusive) reserve(m, { ev, addr: addr.e, size: i.size });
  if (writeBack) writeReg(m, i.addr.base, writeBack);
  writeReg(m, i.dst, i.signed ? derive(toWidth(signedAt(value.e, i.size), i.dst.wide), value) : value);
}

export function store(m: ThreadMachine, i: Op<'store'>): void {
  const { addr, writeBack } = addressOf(m, i.addr);
  m.write(addr, readReg(m, i.src), { size: i.size, tags: tags([i.release, 'L']) });
  if (writeBack) writeReg(m, i.addr.base, writeBack);
}

// ---------------------------------------------------------------- exclusives

/** What a load-exclusive leaves for the next store-exclusive of its path. */
interface Reservation {
  ev: number;
  addr: Expr;
  size: Size;
}
const RESERVATION = 'reservation';

function reserve(m: ThreadMachine, r: Reservation): void {
  m.scratch.set(RESERVATION, r);
}

/**
 * STXR Ws,Rt,[Xn]: with the reservation of an earlier load-exclusive of the same address and size
 * it may succeed (a write paired with that read by rmw, Ws = 0); it may always fail (no write,
 * Ws = 1), as herd7 lets it. Either way the reservation is gone.
 */
export function storeExclusive(m: ThreadMachine, i: Op<'storex'>): void {
  const { addr } = addressOf(m, i.addr);
  const reservation = m.scratch.get(RESERVATION) as Reservation | undefined;
  m.scratch.delete(RESERVATION);
  const matches: Cond = reservation && reservation.size === i.size ? cmp('eq', reservation.addr, addr.e) : { k: 'bool', v: false };
  if (m.choose(matches) && m.either()) {
    const w = m.write(addr, readReg(m, i.src), { size: i.size, tags: tags([true, 'X'], [i.release, 'L']) });
    m.relate('rmw', reservation!.ev, w);
    writeReg(m, i.status, constant(0n));
  } else {
    writeReg(m, i.status, constant(1n));
  }
}

// ---------------------------------------------------------------- single-instruction atomics

/**
 * Tags of an atomic's read. An atomic whose result register is the zero register returns
 * nothing (NoRet; ST<op> is LD<op> with XZR); the Arm ARM gives such a load no acquire semantics.
 */
function readTags(order: Ordering, result: Reg): string[] {
  const noReturn = result.n === ZR;
  return tags([order.acquire && !noReturn, 'A'], [noReturn, 'NoRet']);
}

/** The value an LSE atomic stores, from the old value and the register (both zero-extended from `size` bits). */
function atomicResult(op: AtomicOp, old: Expr, reg: Expr, size: Size): Expr {
  const keepOldIf = (c: Cond) => ite(c, old, reg);
  switch (op) {
    case 'ADD': return bin('add', old, reg);
    case 'CLR': return bin('and', old, un('not', reg));
    case 'SET': return bin('or', old, reg);
    case 'EOR': return bin('xor', old, reg);
    case 'SWP': return reg;
    case 'SMAX': return keepOldIf(cmp('sge', signedAt(old, size), signedAt(reg, size)));
    case 'SMIN': return keepOldIf(cmp('sle', signedAt(old, size), signedAt(reg, size)));
    case 'UMAX': return keepOldIf(cmp('uge', old, reg));
    case 'UMIN': return keepOldIf(cmp('ule', old, reg));
  }
}

/** LD<op>, ST<op>, SWP: Rt = [Xn]; [Xn] = op([Xn], Rs). */
export function atomic(m: ThreadMachine, i: Op<'atomic'>): void {
  const { addr } = addressOf(m, i.addr);
  const reg = readReg(m, i.src);
  const { ev: r, value: old } = m.read(addr, { size: i.size, tags: readTags(i.order, i.dst) });
  const stored: SymVal = i.aop === 'SWP' ? reg : derive(atomicResult(i.aop, old.e, truncate(reg.e, i.size), i.size), reg, old);
  const w = m.write(addr, stored, { size: i.size, tags: tags([i.order.release, 'L']) });
  m.relate('amo', r, w);
  writeReg(m, i.dst, old);
}

/**
 * CAS Rs,Rt,[Xn]: reads [Xn]; if it equals Rs, writes Rt there. On failure Rs receives the value
 * read. On success that value equals Rs already, and the architecture lets Rs either receive it
 * (a data dependency on the read) or keep its own (its own dependencies), which of the two
 * chosen by the comparison: so the second way also has a pick dependency on the read (like
 * CSEL's flags, see alu.ts), which orders later writes but not later reads. Both ways are
 * explored (m.either()). Rs -> the write of Rt is a pick dependency too.
 * Against herd7: MP+rel+CAS-ok-{MRs,RsRs,bothRs}-addr and their LB forms tell the ways apart.
 */
export function compareAndSwap(m: ThreadMachine, i: Op<'cas'>): void {
  const { addr } = addressOf(m, i.addr);
  const expected = readReg(m, i.cmp);
  const { ev: r, value: old } = m.read(addr, { size: i.size, tags: readTags(i.order, i.cmp) });
  if (m.choose(cmp('eq', old.e, truncate(expected.e, i.size)))) {
    const value = readReg(m, i.src);
    const w = m.write(addr, picked(value, expected, old), { size: i.size, tags: tags([i.order.release, 'L']) });
    m.relate('amo', r, w);
    writeReg(m, i.cmp, m.either() ? old : picked({ e: old.e, deps: expected.deps, ...(expected.pick ? { pick: expected.pick } : {}) }, old));
  } else writeReg(m, i.cmp, old);
}
