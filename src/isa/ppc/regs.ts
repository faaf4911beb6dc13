/** Power register names: the general-purpose registers r0-r31 and herd's symbolic registers `%name`. */

export const GPR_COUNT = 32;

/** The canonical name of a register as written (`r07` is `r7`); undefined for anything else. */
export function normalisePpcReg(name: string): string | undefined {
  if (/^%[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  const m = /^r(\d+)$/.exec(name);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n < GPR_COUNT ? `r${n}` : undefined;
}

/** r2 before r10, symbolic registers last, by name. */
export function comparePpcRegs(a: string, b: string): number {
  const num = (r: string) => (r.startsWith('r') ? Number(r.slice(1)) : Number.MAX_SAFE_INTEGER);
  return num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** In an rA operand of a load, a store, `addi` or `addis`, r0 stands for the value 0 (the ISA's `(RA|0)`). */
export const isR0 = (reg: string): boolean => reg === 'r0';
