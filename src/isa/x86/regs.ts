/**
 * x86 register names. The two dialects share one register file but name it as herd7 does:
 * an `X86` test (32-bit) observes `EAX`, an `X86_64` test observes `rax` (even when its code
 * writes `%eax`). The name a dialect observes is also the key the semantics stores the whole
 * register under, so the final state reads it directly.
 */
import type { Reg, Size } from './instr.js';

export type Dialect = 'X86' | 'X86_64';

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const EXTRA = [8, 9, 10, 11, 12, 13, 14, 15];
const NAMES: Record<Size, string[]> = {
  64: [...R64, ...EXTRA.map((n) => `r${n}`)],
  32: ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', ...EXTRA.map((n) => `r${n}d`)],
  16: ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', ...EXTRA.map((n) => `r${n}w`)],
  8: ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', ...EXTRA.map((n) => `r${n}b`)],
};
const HIGH8 = ['ah', 'ch', 'dh', 'bh'];

/** The status flags the semantics keeps as pseudo-registers (ZF, SF, CF, OF), observable by these names. */
export const FLAGS = ['ZF', 'SF', 'CF', 'OF'] as const;
export type Flag = (typeof FLAGS)[number];

/** Any x86-64 register name (case-insensitive, without `%`); undefined if there is none. */
export function lookupReg(name: string): Reg | undefined {
  const lower = name.toLowerCase();
  for (const size of [64, 32, 16, 8] as const) {
    const n = NAMES[size].indexOf(lower);
    if (n >= 0) return { n, size };
  }
  const h = HIGH8.indexOf(lower);
  return h >= 0 ? { n: h, size: 8, high: true } : undefined;
}

/** Why a real register cannot be used in a dialect: X86 is herd7's 32-bit x86 (no REX registers). */
export function unavailableIn(dialect: Dialect, reg: Reg): string | undefined {
  if (dialect === 'X86_64') return undefined;
  const name = regName(reg, 'X86');
  if (reg.size === 64) return `${name} is a 64-bit register: X86 tests are 32-bit (write 64-bit code as an X86_64 test)`;
  if (reg.n >= 8 || (reg.size === 8 && !reg.high && reg.n >= 4)) return `${name} needs 64-bit mode: write it in an X86_64 test`;
  return undefined;
}

/** A register as the dialect writes it in instructions: `EAX` (X86) or `eax` (X86_64, without `%`). */
export function regName(reg: Reg, dialect: Dialect): string {
  const name = reg.high ? HIGH8[reg.n]! : NAMES[reg.size][reg.n]!;
  return dialect === 'X86' ? name.toUpperCase() : name;
}

/** The key the semantics keeps the whole register under, which is also the observable's name. */
export function registerKey(n: number, dialect: Dialect): string {
  return dialect === 'X86' ? NAMES[32][n]!.toUpperCase() : NAMES[64][n]!;
}

/** Canonical name of a register in the initial state or the condition. */
export function normaliseReg(name: string, dialect: Dialect): string | undefined {
  const bare = name.replace(/^%/, '');
  const flag = FLAGS.find((f) => f === bare.toUpperCase());
  if (flag) return flag;
  const reg = lookupReg(bare);
  if (!reg || unavailableIn(dialect, reg)) return undefined;
  const whole = dialect === 'X86' ? 32 : 64; // herd7 observes the whole register
  return reg.size === whole && !reg.high ? registerKey(reg.n, dialect) : undefined;
}

/** Registers in encoding order (rax, rcx, rdx, rbx, ...), flags last. */
export function compareRegs(a: string, b: string): number {
  const rank = (name: string) => {
    const reg = lookupReg(name);
    return reg ? reg.n : 100 + FLAGS.indexOf(name as Flag);
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export const REGISTER_HINT: Record<Dialect, string> = {
  X86: 'EAX, EBX, ECX, EDX, ESI, EDI, EBP, ESP or a flag ZF, SF, CF, OF',
  X86_64: 'rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8-r15 or a flag ZF, SF, CF, OF',
};
