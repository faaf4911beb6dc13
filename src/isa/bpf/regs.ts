/** BPF register names: `r0`-`r10`, their 32-bit halves `w0`-`w10`, and `fp` (the frame pointer, r10). */
import type { Reg } from './instr.js';

export const REG_COUNT = 11;

export function regName(r: Reg): string {
  return `${r.wide ? 'r' : 'w'}${r.n}`;
}

/** A register as written in an instruction; undefined for anything else (`r11`, `x1`). */
export function parseInstrReg(text: string): Reg | undefined {
  if (text === 'fp') return { n: 10, wide: true };
  const m = /^([rw])(\d+)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  return n < REG_COUNT ? { n, wide: m[1] === 'r' } : undefined;
}

/** Registers in the initial state and the condition hold 64-bit values: only `rN` and `fp`, named `rN`. */
export function normaliseBpfReg(name: string): string | undefined {
  const reg = parseInstrReg(name);
  return reg?.wide ? regName(reg) : undefined;
}

/** r2 before r10. */
export function compareBpfRegs(a: string, b: string): number {
  const na = parseInstrReg(a)?.n ?? Number.MAX_SAFE_INTEGER;
  const nb = parseInstrReg(b)?.n ?? Number.MAX_SAFE_INTEGER;
  return na - nb || (a < b ? -1 : a > b ? 1 : 0);
}
