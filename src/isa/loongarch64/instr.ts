/** LoongArch64 instructions as the front end builds them and the semantics runs them. */
import type { Pos } from '../../diag.js';
import type { Size } from '../shared/values.js';

/** A general register $r0..$r31 by number ($r0, $zero, reads 0 and ignores writes). */
export type Reg = number;

export type Offset = { k: 'imm'; value: bigint } | { k: 'reg'; reg: Reg };

/** Register operations; the `.w` forms (word: true) compute on 32 bits and sign-extend. */
export type AluOp = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'nor' | 'andn' | 'orn' | 'sll' | 'srl' | 'sra' | 'slt' | 'sltu';

export type AmoOp = 'swap' | 'add' | 'and' | 'or' | 'xor' | 'max' | 'min' | 'maxu' | 'minu';

export type BranchCond = 'eq' | 'ne' | 'lt' | 'ge' | 'ltu' | 'geu';

export type LoongArchOp =
  | { op: 'load'; size: Size; signed: boolean; rd: Reg; rj: Reg; offset: Offset } // ld.* ldx.* ldptr.*
  | { op: 'store'; size: Size; rd: Reg; rj: Reg; offset: Offset } // st.* stx.* stptr.*
  | { op: 'll'; size: 32 | 64; rd: Reg; rj: Reg; offset: bigint }
  | { op: 'sc'; size: 32 | 64; rd: Reg; rj: Reg; offset: bigint } // rd: the value stored, then 1 on success, 0 on failure
  | { op: 'amo'; amo: AmoOp; size: 32 | 64; db: boolean; rd: Reg; rk: Reg; rj: Reg } // am<op>[_db].{w,d} rd, rk, rj
  | { op: 'dbar'; hint: number } // what it orders: dbar.ts
  | { op: 'alu'; alu: AluOp; word: boolean; rd: Reg; rj: Reg; src: { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint } }
  | { op: 'li'; rd: Reg; value: bigint } // li.w, li.d: the constant as the assembler builds it
  | { op: 'bstrpick'; rd: Reg; rj: Reg; msb: number; lsb: number } // bstrpick.d: bits msb..lsb of rj, zero-extended
  | { op: 'branch'; cond: BranchCond; rj: Reg; rd: Reg; target: string } // beq rj, rd, L; beqz rj, L has rd = $zero
  | { op: 'jump'; target: string }; // b

/** Every instruction keeps the mnemonic it was written with (pseudo-instructions print as such). */
export type LoongArchParsed = LoongArchOp & { mnemonic: string };
export type LoongArchInstr = LoongArchParsed & { pos: Pos; text: string };
