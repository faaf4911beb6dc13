/**
 * RISC-V integer registers: `x0`-`x31` and their ABI names (`zero`, `ra`, `sp`, `gp`, `tp`,
 * `t0`-`t6`, `s0`/`fp`, `s1`-`s11`, `a0`-`a7`). herd7 prints every register as `xN`, so that is
 * the canonical name in states and conditions.
 */
import type { Reg } from './instr.js';

const ABI_NAMES: Record<string, Reg> = {
  zero: 0, ra: 1, sp: 2, gp: 3, tp: 4, t0: 5, t1: 6, t2: 7, s0: 8, fp: 8, s1: 9,
  a0: 10, a1: 11, a2: 12, a3: 13, a4: 14, a5: 15, a6: 16, a7: 17,
  s2: 18, s3: 19, s4: 20, s5: 21, s6: 22, s7: 23, s8: 24, s9: 25, s10: 26, s11: 27,
  t3: 28, t4: 29, t5: 30, t6: 31,
}; // prettier-ignore

export const regName = (r: Reg): string => `x${r}`;

/** A register as written anywhere (`x5`, `t0`, `A0`); undefined for anything else. */
export function parseReg(written: string): Reg | undefined {
  const text = written.toLowerCase(); // assemblers ignore case, as herd7 does (`MV a0, a1`)
  const m = /^x(\d+)$/.exec(text);
  if (m) {
    const n = Number(m[1]);
    return n < 32 && String(n) === m[1] ? n : undefined;
  }
  return Object.hasOwn(ABI_NAMES, text) ? ABI_NAMES[text] : undefined;
}

export function normaliseRiscvReg(name: string): string | undefined {
  const r = parseReg(name);
  return r === undefined ? undefined : regName(r);
}

/** x2 before x10. */
export function compareRiscvRegs(a: string, b: string): number {
  const na = parseReg(a) ?? Number.MAX_SAFE_INTEGER;
  const nb = parseReg(b) ?? Number.MAX_SAFE_INTEGER;
  return na - nb || (a < b ? -1 : a > b ? 1 : 0);
}
