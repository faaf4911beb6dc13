/**
 * Power instruction semantics (64-bit mode), as herd7 builds Power events:
 *   loads R, stores W (truncated to their size; lha/lwa sign-extend, the others zero-extend);
 *   lwarx/ldarx R tagged X and a reservation; stwcx./stdcx. on success W tagged X related to the
 *   reservation's read by rmw, on failure no event; either way cr0.eq says which;
 *   sync, lwsync, isync, eieio fences tagged SYNC, LWSYNC, ISYNC, EIEIO;
 *   compares set a condition register field; conditional branches read it (control dependencies
 *   on the reads the compared registers came from).
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { FALSE, TRUE, bin, cmp, konst, not, un, type Expr } from '../../semantics/expr.js';
import { aluExpr, rotateExpr } from './alu.js';
import { compareField, crField, recordField, setCrField } from './cr.js';
import type { Ea, FenceKind, PpcInstr, Size, Src } from './instr.js';

export const FENCE_TAGS: Record<FenceKind, string> = { sync: 'SYNC', lwsync: 'LWSYNC', isync: 'ISYNC', eieio: 'EIEIO' };
/** Load-reserve reads and store-conditional writes. */
export const EXCLUSIVE_TAG = 'X';
export const PPC_TAGS = [...Object.values(FENCE_TAGS), EXCLUSIVE_TAG] as const;

const NO_DEPS: ReadonlySet<number> = new Set();
const union = (a: ReadonlySet<number>, b: ReadonlySet<number>): ReadonlySet<number> =>
  a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b]);

function src(m: ThreadMachine, s: Src): SymVal {
  return s.k === 'reg' ? m.getReg(s.reg) : { e: konst(s.value), deps: NO_DEPS };
}

function address(m: ThreadMachine, ea: Ea): SymVal {
  const [base, index] = [src(m, ea.base), src(m, ea.index)];
  return { e: bin('add', base.e, index.e), deps: union(base.deps, index.deps) };
}

/** The reservation a load-reserve leaves for the next store-conditional of the path. */
interface Reservation {
  read: number;
  addr: Expr;
  size: Size;
}
const RESERVATION = 'reservation';

/**
 * Whether a store-conditional stores: only with a reservation of the same size, and (splitting
 * the path when addresses are computed) at the reserved address; the ISA leaves a store to
 * another address undefined, bpf-herd makes it fail. It may also fail with a valid reservation
 * (m.either()), as the architecture allows and herd7 explores.
 */
function storeConditionalSucceeds(m: ThreadMachine, res: Reservation | undefined, addr: Expr, size: Size): boolean {
  return res !== undefined && res.size === size && m.either() && m.choose(cmp('eq', res.addr, addr));
}

function step(i: PpcInstr, m: ThreadMachine, _line: number, layout: CodeLayout): Flow {
  const a = i.action;
  switch (a.k) {
    case 'load': {
      const addr = address(m, a.ea);
      const { ev, value } = m.read(addr, { size: a.size, ...(a.reserve ? { tags: [EXCLUSIVE_TAG] } : {}) });
      const e = a.signed ? un(a.size === 16 ? 'sext16' : 'sext32', value.e) : value.e;
      m.setReg(a.rt, { e, deps: value.deps });
      if (a.reserve) m.scratch.set(RESERVATION, { read: ev, addr: addr.e, size: a.size } satisfies Reservation);
      return { k: 'next' };
    }
    case 'store': {
      const addr = address(m, a.ea);
      const value = m.getReg(a.rs);
      if (!a.conditional) {
        m.write(addr, value, { size: a.size });
        return { k: 'next' };
      }
      const res = m.scratch.get(RESERVATION) as Reservation | undefined;
      m.scratch.delete(RESERVATION); // a store-conditional always clears the reservation
      const stored = storeConditionalSucceeds(m, res, addr.e, a.size);
      if (stored) m.relate('rmw', res!.read, m.write(addr, value, { size: a.size, tags: [EXCLUSIVE_TAG] }));
      setCrField(m, 0, { lt: FALSE, gt: FALSE, eq: stored ? TRUE : FALSE, so: FALSE, deps: NO_DEPS });
      return { k: 'next' };
    }
    case 'fence':
      m.fence([FENCE_TAGS[a.fence]]);
      return { k: 'next' };
    case 'cmp': {
      const [x, y] = [m.getReg(a.ra), src(m, a.b)];
      setCrField(m, a.bf, compareField(x.e, y.e, a.width, a.signed, union(x.deps, y.deps)));
      return { k: 'next' };
    }
    case 'bc': {
      const field = crField(m, a.bf);
      const bit = field[a.bit];
      return { k: 'branch', cond: a.when ? bit : not(bit), deps: field.deps, target: layout.labelLine(a.target) };
    }
    case 'b':
      return { k: 'jump', target: layout.labelLine(a.target) };
    case 'alu': {
      const [x, y] = [src(m, a.a), src(m, a.b)];
      const result = { e: aluExpr(a.fn, x.e, y.e), deps: union(x.deps, y.deps) };
      m.setReg(a.rt, result);
      if (a.record) setCrField(m, 0, recordField(result.e, result.deps));
      return { k: 'next' };
    }
    case 'rotate': {
      const x = m.getReg(a.rs);
      const result = { e: rotateExpr(x.e, a.width, a.sh, a.mb, a.me), deps: x.deps };
      m.setReg(a.rt, result);
      if (a.record) setCrField(m, 0, recordField(result.e, result.deps));
      return { k: 'next' };
    }
    case 'nop':
      return { k: 'next' };
  }
}

export const ppcSemantics: IsaSemantics<PpcInstr> = { tagNames: PPC_TAGS, step };
