/**
 * AArch64 register names: `X0`-`X30`, their 32-bit views `W0`-`W30`, and the zero registers
 * `XZR`/`WZR`. In the initial state and the condition herd7 names every register by its X
 * form (`0:X1=x`, `exists (1:X0=1)`); a W name there means the same register.
 */
import { ZR, type Reg } from './instr.js';

export function regName(r: Reg): string {
  if (r.n === ZR) return r.wide ? 'XZR' : 'WZR';
  return `${r.wide ? 'X' : 'W'}${r.n}`;
}

/** The name the thread machine keeps a register's 64-bit value under. */
export const fullName = (r: Reg): string => `X${r.n}`;

/** A register as written in an instruction (any case); undefined for anything else (`X31`, `r1`). */
export function parseInstrReg(text: string): Reg | undefined {
  const t = text.toUpperCase();
  if (t === 'XZR' || t === 'WZR') return { n: ZR, wide: t === 'XZR' };
  const m = /^([XW])(\d+)$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[2]);
  return n < ZR ? { n, wide: m[1] === 'X' } : undefined;
}

/** `X1`, `W1`, `x1` in the initial state or the condition: all name `X1`. */
export function normaliseA64Reg(name: string): string | undefined {
  const reg = parseInstrReg(name);
  return reg && reg.n !== ZR ? fullName(reg) : undefined;
}

/** X2 before X10. */
export function compareA64Regs(a: string, b: string): number {
  const na = parseInstrReg(a)?.n ?? Number.MAX_SAFE_INTEGER;
  const nb = parseInstrReg(b)?.n ?? Number.MAX_SAFE_INTEGER;
  return na - nb || (a < b ? -1 : a > b ? 1 : 0);
}
