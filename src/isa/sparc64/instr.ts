/** sparc64 (SPARC V9) instructions as the front end builds them and the semantics runs them. */
import type { Pos } from '../../diag.js';
import type { Size } from '../shared/values.js';

/** An integer register by number: %g0-%g7 are 0-7, %o0-%o7 8-15, %l0-%l7 16-23, %i0-%i7 24-31 (%g0 reads 0). */
export type Reg = number;

/** The second source operand of an instruction: a register or a 13-bit signed immediate. */
export type Src = { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint };

/** `[rs1]`, `[rs1+simm13]`, `[rs1-simm13]`, `[rs1+rs2]`. */
export interface Addr {
  base: Reg;
  offset: Src;
}

export type AluOp = 'add' | 'sub' | 'and' | 'andn' | 'or' | 'orn' | 'xor' | 'sll' | 'srl' | 'sra' | 'sllx' | 'srlx' | 'srax';

/** Branch conditions of Bicc/BPcc (`ba`, `bne`, `bgu`, ...), synonyms folded (bnz = bne, blu = bcs, bgeu = bcc). */
export type BranchCond = 'a' | 'n' | 'ne' | 'e' | 'g' | 'le' | 'ge' | 'l' | 'gu' | 'leu' | 'cc' | 'cs' | 'pos' | 'neg' | 'vc' | 'vs';

/** The membar mask bits (SPARC V9, MEMBAR): #LoadLoad 0x01 ... #Sync 0x40. */
export const MEMBAR_BITS = ['LoadLoad', 'StoreLoad', 'LoadStore', 'StoreStore', 'Lookaside', 'MemIssue', 'Sync'] as const;

export type SparcOp =
  | { op: 'load'; size: Size; signed: boolean; rd: Reg; addr: Addr } // ldub ldsb lduh ldsh lduw (ld) ldsw ldx
  | { op: 'store'; size: Size; rd: Reg; addr: Addr } // stb sth stw (st) stx: rd is the value stored
  | { op: 'cas'; size: 32 | 64; rs1: Reg; rs2: Reg; rd: Reg } // cas casx: compare [rs1] with rs2, swap with rd
  | { op: 'membar'; mask: number }
  | { op: 'alu'; alu: AluOp; setsCC: boolean; rs1: Reg; src: Src; rd: Reg } // and the synthetic mov, cmp, tst, btst, clr
  | { op: 'set'; value: bigint; rd: Reg } // set: rd = the constant
  // BPcc names the condition codes it tests; V8's Bicc (no cc operand) tests icc
  | { op: 'branch'; cond: BranchCond; cc?: 'icc' | 'xcc'; annul: boolean; predict?: 'pt' | 'pn'; target: string }
  | { op: 'nop' };

/** Every instruction keeps the mnemonic it was written with (synthetic instructions print as such). */
export type SparcParsed = SparcOp & { mnemonic: string };
export type SparcInstr = SparcParsed & { pos: Pos; text: string };
