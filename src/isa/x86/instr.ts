/**
 * x86 instructions as the front end produces them (src/isa/x86/decode.ts) and the semantics
 * consume them. Operands are kept in Intel order (destination first) whatever the dialect; the
 * AT&T printer reverses them back.
 */
import type { Pos } from '../../diag.js';

export type Size = 8 | 16 | 32 | 64;

/** A general-purpose register: `n` in encoding order (0 rax, 1 rcx, 2 rdx, 3 rbx, 4 rsp, 5 rbp, 6 rsi, 7 rdi, 8-15 r8-r15). */
export interface Reg {
  n: number;
  size: Size;
  /** AH, CH, DH, BH: bits 8-15 of registers 0-3. */
  high?: boolean;
}

/** A memory operand: `loc + base + index * scale + disp`, each part optional. */
export interface Mem {
  loc?: string;
  base?: Reg;
  index?: Reg;
  scale: 1 | 2 | 4 | 8;
  disp: bigint;
}

export type Operand = { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint } | { k: 'mem'; mem: Mem };
export type RegOrMem = Extract<Operand, { k: 'reg' | 'mem' }>;

export type AluOp = 'add' | 'sub' | 'and' | 'or' | 'xor';
export type UnaryOp = 'inc' | 'dec' | 'neg' | 'not';
export type FenceKind = 'mfence' | 'lfence' | 'sfence';

/** Jcc conditions by their canonical suffix (JE, JNE, JB, JAE, JBE, JA, JL, JGE, JLE, JG, JS, JNS, JO, JNO). */
export type CondCode = 'e' | 'ne' | 'b' | 'ae' | 'be' | 'a' | 'l' | 'ge' | 'le' | 'g' | 's' | 'ns' | 'o' | 'no';

export type X86Op =
  | { op: 'mov'; size: Size; dst: RegOrMem; src: Operand } // load, store, register or immediate move
  | { op: 'movx'; signed: boolean; from: 8 | 16 | 32; size: Size; dst: Reg; src: RegOrMem } // MOVZX, MOVSX, MOVSXD
  | { op: 'alu'; alu: AluOp; size: Size; dst: RegOrMem; src: Operand; lock: boolean }
  | { op: 'unary'; un: UnaryOp; size: Size; dst: RegOrMem; lock: boolean }
  | { op: 'xadd'; size: Size; dst: RegOrMem; src: Reg; lock: boolean }
  | { op: 'xchg'; size: Size; a: RegOrMem; b: RegOrMem; lock: boolean } // locked whenever an operand is memory
  | { op: 'cmpxchg'; size: Size; dst: RegOrMem; src: Reg; lock: boolean } // compares with the accumulator (AL/AX/EAX/RAX)
  | { op: 'cmp'; size: Size; a: RegOrMem; b: Operand } // flags of a - b
  | { op: 'test'; size: Size; a: RegOrMem; b: Operand } // flags of a & b
  | { op: 'fence'; kind: FenceKind }
  | { op: 'nop' }
  | { op: 'jmp'; target: string }
  | { op: 'jcc'; cc: CondCode; target: string };

export type X86Instr = X86Op & { pos: Pos; text: string }; // text: the cell as written
