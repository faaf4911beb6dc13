/** RISC-V (RV64) instructions as the front end produces them (actions.ts) and the semantics consume them (sem.ts). */
import type { Pos } from '../../diag.js';

/** An integer register x0..x31 by number (x0 reads as zero and ignores writes). */
export type Reg = number;

/** Access sizes in bits: b, h, w, d. */
export type Size = 8 | 16 | 32 | 64;

/** The `.aq` / `.rl` annotation bits of an access (`.aqrl` and `.aq.rl` set both). */
export interface Order {
  aq: boolean;
  rl: boolean;
}

/** Register-register and register-immediate operations; `w` forms compute on 32 bits and sign-extend. */
export type AluOp =
  | 'add' | 'sub' | 'and' | 'or' | 'xor'
  | 'sll' | 'srl' | 'sra' | 'slt' | 'sltu'
  | 'mul' | 'div' | 'divu' | 'rem' | 'remu'; // prettier-ignore

export type AmoOp = 'swap' | 'add' | 'and' | 'or' | 'xor' | 'max' | 'min' | 'maxu' | 'minu';

export type BranchCond = 'eq' | 'ne' | 'lt' | 'ge' | 'ltu' | 'geu';

/** Which of reads (r) and writes (w) a fence orders; the device bits i and o are kept for printing only. */
export interface FenceSet {
  i: boolean;
  o: boolean;
  r: boolean;
  w: boolean;
}

export type RiscvOp =
  | { op: 'alu'; alu: AluOp; word: boolean; rd: Reg; rs1: Reg; src: { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint } }
  | { op: 'zext.w'; rd: Reg; rs: Reg } // Zba's add.uw rd, rs, zero: zero-extends the low 32 bits
  | { op: 'li'; rd: Reg; value: bigint }
  | { op: 'lui'; rd: Reg; value: bigint } // rd = sext32(value << 12)
  | { op: 'load'; size: Size; unsigned: boolean; order: Order; rd: Reg; base: Reg; off: bigint }
  | { op: 'store'; size: Size; order: Order; rs2: Reg; base: Reg; off: bigint }
  | { op: 'lr'; size: 32 | 64; order: Order; rd: Reg; base: Reg }
  | { op: 'sc'; size: 32 | 64; order: Order; rd: Reg; rs2: Reg; base: Reg }
  | { op: 'amo'; amo: AmoOp; size: 32 | 64; order: Order; rd: Reg; rs2: Reg; base: Reg }
  | { op: 'amocas'; size: 32 | 64; order: Order; rd: Reg; rs2: Reg; base: Reg } // Zacas: compares with rd, old value to rd
  | { op: 'fence'; pred: FenceSet; succ: FenceSet }
  | { op: 'fence.tso' }
  | { op: 'branch'; cond: BranchCond; rs1: Reg; rs2: Reg; target: string }
  | { op: 'jump'; target: string };

export type RiscvInstr = RiscvOp & { pos: Pos; text: string }; // text: the cell as written
