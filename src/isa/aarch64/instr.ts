/** AArch64 instructions as the front end (forms.ts) produces them and the semantics (sem.ts) consume them. */
import type { Pos } from '../../diag.js';

/** General-purpose register `Xn` (wide) or `Wn`; n = 31 is the zero register XZR/WZR. */
export interface Reg {
  n: number;
  wide: boolean;
}

export const ZR = 31;

export type Size = 8 | 16 | 32 | 64;

export type Shift = 'LSL' | 'LSR' | 'ASR' | 'ROR';
export type Extend = 'UXTB' | 'UXTH' | 'UXTW' | 'UXTX' | 'SXTB' | 'SXTH' | 'SXTW' | 'SXTX';

/** The flexible second operand: `#imm`, `Xm`, `Xm, LSL #2`, `Wm, SXTW`. */
export type Operand =
  | { k: 'imm'; value: bigint }
  | { k: 'reg'; reg: Reg; shift?: { op: Shift; amount: number } }
  | { k: 'ext'; reg: Reg; ext: Extend; amount: number };

/** The index of `[Xn,Xm]`, `[Xn,Xm,LSL #3]`, `[Xn,Wm,SXTW]`: the register, extended, shifted left by `amount`. */
export interface Index {
  reg: Reg;
  ext: 'LSL' | 'UXTW' | 'SXTW' | 'SXTX';
  amount: number;
}

/** A memory operand: `[Xn]`, `[Xn,#off]`, `[Xn,#off]!` (pre-index), `[Xn],#off` (post-index), `[Xn,index]`. */
export interface Addr {
  base: Reg; // always wide
  index?: Index;
  off: bigint;
  mode: 'offset' | 'pre' | 'post';
}

/** Condition codes of B.cond and CSEL (HS and LO are written CS and CC). */
export const CONDS = ['EQ', 'NE', 'CS', 'CC', 'MI', 'PL', 'VS', 'VC', 'HI', 'LS', 'GE', 'LT', 'GT', 'LE', 'AL', 'NV'] as const;
export type CondCode = (typeof CONDS)[number];

/** Two-register ALU operations; the `flags` forms (ADDS, SUBS, ANDS, BICS) also set NZCV. */
export type AluOp = 'ADD' | 'SUB' | 'AND' | 'ORR' | 'EOR' | 'BIC' | 'ORN' | 'EON' | 'LSL' | 'LSR' | 'ASR' | 'MUL' | 'UDIV' | 'SDIV';

/** The operation of an LSE atomic; SWP stores the register as it is. */
export type AtomicOp = 'ADD' | 'CLR' | 'SET' | 'EOR' | 'SMAX' | 'SMIN' | 'UMAX' | 'UMIN' | 'SWP';

/** Memory-ordering suffixes: A (acquire read), L (release write). */
export interface Ordering {
  acquire: boolean;
  release: boolean;
}

/** DMB/DSB options: the shareability domain (SY, ISH, OSH, NSH) and the accesses ordered (all, LD, ST). */
export const BARRIER_OPTIONS = ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'OSH', 'OSHST', 'OSHLD', 'NSH', 'NSHST', 'NSHLD'] as const;
export type BarrierOption = (typeof BARRIER_OPTIONS)[number];

export type A64Op =
  | { op: 'nop' }
  | { op: 'mov'; dst: Reg; src: Operand } // MOV Rd,Rm | MOV Rd,#imm
  | { op: 'mvn'; dst: Reg; src: Operand } // MVN Rd,Rm
  | { op: 'neg'; dst: Reg; src: Operand } // NEG Rd,Rm
  | { op: 'alu'; alu: AluOp; flags: boolean; dst: Reg; a: Reg; b: Operand } // ADD Rd,Rn,op2 ...
  | { op: 'cmp'; kind: 'CMP' | 'CMN' | 'TST'; a: Reg; b: Operand } // sets NZCV only
  | { op: 'csel'; kind: 'CSEL' | 'CSINC' | 'CSINV' | 'CSNEG'; dst: Reg; a: Reg; b: Reg; cond: CondCode }
  | { op: 'cset'; dst: Reg; cond: CondCode } // CSET Rd,cond: 1 if cond holds, else 0
  | { op: 'load'; size: Size; signed: boolean; order: 'plain' | 'acquire' | 'acquirePC'; exclusive: boolean; dst: Reg; addr: Addr }
  | { op: 'store'; size: Size; release: boolean; src: Reg; addr: Addr }
  | { op: 'storex'; size: Size; release: boolean; status: Reg; src: Reg; addr: Addr } // STXR Ws,Rt,[Xn]
  | { op: 'atomic'; aop: AtomicOp; size: Size; order: Ordering; src: Reg; dst: Reg; addr: Addr; alias: boolean } // alias: written ST<op>
  | { op: 'cas'; size: Size; order: Ordering; cmp: Reg; src: Reg; addr: Addr } // CAS Rs,Rt,[Xn]
  | { op: 'barrier'; kind: 'DMB' | 'DSB'; option: BarrierOption }
  | { op: 'isb' }
  | { op: 'b'; target: string }
  | { op: 'bcond'; cond: CondCode; target: string }
  | { op: 'cbz'; nonzero: boolean; reg: Reg; target: string } // CBZ / CBNZ
  | { op: 'tbz'; nonzero: boolean; reg: Reg; bit: number; target: string }; // TBZ / TBNZ

export type A64Instr = A64Op & { pos: Pos; text: string };
