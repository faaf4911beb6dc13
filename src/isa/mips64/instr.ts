/** MIPS64 (Release 2 to 5, n64 ABI) instructions as the front end builds them and the semantics runs them. */
import type { Pos } from '../../diag.js';
import type { Size } from '../shared/values.js';

/** A general register $0..$31 by number ($0 reads 0 and ignores writes). */
export type Reg = number;

/** Register operations; the 32-bit forms (word: true: addu, subu, sll, ...) sign-extend their 32-bit result. */
export type AluOp = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'nor' | 'slt' | 'sltu' | 'sll' | 'srl' | 'sra';

/** beq/bne compare rs with rt; the others compare rs with zero (signed). */
export type BranchCond = 'eq' | 'ne' | 'ltz' | 'gez' | 'lez' | 'gtz';

export type MipsOp =
  | { op: 'load'; size: Size; signed: boolean; rt: Reg; base: Reg; offset: bigint } // lb lbu lh lhu lw lwu ld
  | { op: 'store'; size: Size; rt: Reg; base: Reg; offset: bigint } // sb sh sw sd
  | { op: 'll'; size: 32 | 64; rt: Reg; base: Reg; offset: bigint } // ll lld
  | { op: 'sc'; size: 32 | 64; rt: Reg; base: Reg; offset: bigint } // sc scd: rt stored, then 1 on success, 0 on failure
  | { op: 'sync'; stype: number } // what it orders: sync.ts
  | { op: 'alu'; alu: AluOp; word: boolean; rd: Reg; rs: Reg; src: { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint } }
  | { op: 'li'; rd: Reg; value: bigint } // li, dli, lui (value already shifted and sign-extended)
  | { op: 'dext'; rt: Reg; rs: Reg; lsb: number; size: number } // bits lsb..lsb+size-1 of rs, zero-extended (dext's pos)
  | { op: 'branch'; cond: BranchCond; rs: Reg; rt: Reg; target: string }; // b is beq $0,$0; beqz rs is beq rs,$0

/** Every instruction keeps the mnemonic it was written with (pseudo-instructions print as such). */
export type MipsParsed = MipsOp & { mnemonic: string };
export type MipsInstr = MipsParsed & { pos: Pos; text: string };
