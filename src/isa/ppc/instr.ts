/**
 * Power instructions as the front end produces them (src/isa/ppc/actions.ts) and the semantics
 * consume them: the mnemonic and operands as written (for printing), and what the instruction does.
 */
import type { Pos } from '../../diag.js';

/** An operand as written. Registers carry their canonical name: `r3`, or herd's symbolic `%x0`. */
export type Operand =
  | { k: 'reg'; reg: string }
  | { k: 'imm'; value: bigint }
  | { k: 'disp'; off: bigint; base: string } // D(rA)
  | { k: 'cr'; field: number } // cr0-cr7
  | { k: 'label'; name: string };

/** A source of a computation: a register, or a constant (an immediate, or the 0 that an rA of r0 stands for). */
export type Src = { k: 'reg'; reg: string } | { k: 'imm'; value: bigint };

/** An effective address `base + index`; the front end already replaced an rA of r0 by the constant 0. */
export interface Ea {
  base: Src;
  index: Src;
}

export type Size = 8 | 16 | 32 | 64;

export type FenceKind = 'sync' | 'lwsync' | 'isync' | 'eieio';

/** The bits of a condition register field. */
export type CrBit = 'lt' | 'gt' | 'eq' | 'so';

/** Register-to-register computations; `w` forms work on the low 32 bits (see alu.ts for each one's extension). */
export type AluFn =
  | 'add' | 'sub' | 'neg'
  | 'mullw' | 'mulld' | 'divw' | 'divwu' | 'divd' | 'divdu' | 'modsw' | 'moduw' | 'modsd' | 'modud'
  | 'and' | 'andc' | 'or' | 'orc' | 'xor' | 'nand' | 'nor' | 'eqv'
  | 'slw' | 'srw' | 'sraw' | 'sld' | 'srd' | 'srad'
  | 'extsb' | 'extsh' | 'extsw'; // prettier-ignore

/** What an instruction does. `record` is the `.` form: CR0 gets the result compared with 0. */
export type Action =
  | { k: 'load'; size: Size; signed: boolean; rt: string; ea: Ea; reserve: boolean } // lwz, lha, ldx, lwarx (reserve)
  | { k: 'store'; size: Size; rs: string; ea: Ea; conditional: boolean } // stw, stdx, stwcx. (conditional)
  | { k: 'fence'; fence: FenceKind }
  | { k: 'cmp'; bf: number; width: 32 | 64; signed: boolean; ra: string; b: Src } // cmpw, cmpldi ...
  | { k: 'bc'; bf: number; bit: CrBit; when: boolean; target: string } // beq: branch when eq is set
  | { k: 'b'; target: string }
  | { k: 'alu'; fn: AluFn; rt: string; a: Src; b: Src; record: boolean }
  /** Rotate left by `sh` (the low word, replicated, for width 32), then keep the IBM-numbered bits mb..me (mod 64). */
  | { k: 'rotate'; width: 32 | 64; rt: string; rs: string; sh: number; mb: number; me: number; record: boolean }
  | { k: 'nop' };

export interface PpcOp {
  mnemonic: string;
  args: Operand[];
  action: Action;
}

export type PpcInstr = PpcOp & { pos: Pos; text: string }; // text: the cell as written
