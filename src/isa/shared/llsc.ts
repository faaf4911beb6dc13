/**
 * Load-linked / store-conditional pairs (LoongArch ll/sc, MIPS ll/sc and lld/scd): the
 * reservation a load-linked leaves for the next store-conditional of the path.
 *
 * A store-conditional succeeds only with a reservation of the same size at the same address
 * (splitting the path when addresses are computed), taken by the last load-linked; it ends the
 * reservation either way. It may also fail with a valid reservation (m.either()), as both ISAs
 * allow. The models' atomicity axiom rules out executions where another thread wrote the location
 * between the pair. On success its write is related to the load-linked's read by rmw.
 */
import type { AccessOpts, SymVal, ThreadMachine } from '../semantics.js';
import { cmp, type Expr } from '../../semantics/expr.js';

const RESERVATION = 'llsc.reservation';

interface Reservation {
  addr: Expr;
  size: number;
  read: number;
}

export function loadLinked(m: ThreadMachine, addr: SymVal, opts: AccessOpts): { ev: number; value: SymVal } {
  const r = m.read(addr, opts);
  m.scratch.set(RESERVATION, { addr: addr.e, size: opts.size, read: r.ev } satisfies Reservation);
  return r;
}

/** The write of a successful store-conditional, or undefined when it fails. */
export function storeConditional(m: ThreadMachine, addr: SymVal, value: SymVal, opts: AccessOpts): number | undefined {
  const res = m.scratch.get(RESERVATION) as Reservation | undefined;
  m.scratch.delete(RESERVATION);
  if (!res || res.size !== opts.size || !m.either() || !m.choose(cmp('eq', addr.e, res.addr))) return undefined;
  const w = m.write(addr, value, opts);
  m.relate('rmw', res.read, w);
  return w;
}
