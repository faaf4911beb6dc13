/** s390x (z/Architecture, 64-bit mode) instructions as the front end builds them and the semantics runs them. */
import type { Pos } from '../../diag.js';
import type { Size } from '../shared/values.js';

/** A general register %r0..%r15 by number. */
export type Reg = number;

/**
 * How much of its first operand register an instruction writes: 64 = the whole register (the
 * `g` forms), 32 = bits 32-63 only, the high word kept (`l`, `lr`, `ar`, `laa`, `cs`, ...).
 */
export type Width = 32 | 64;

/** `d(x,b)`: index and base 0 mean no register (z/Architecture adds 0 for register 0 in an address). */
export interface Addr {
  disp: bigint;
  index: Reg;
  base: Reg;
}

export type Operand2 = { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint }; // immediates already extended to 64 bits

/** The operations of the ALU instructions; `addLogical` differs from `add` only in the condition code. */
export type AluOp = 'add' | 'addLogical' | 'sub' | 'and' | 'or' | 'xor';

export type S390xOp =
  | { op: 'load'; size: Size; signed: boolean; width: Width; r1: Reg; addr: Addr } // l ly lg lgf llgf lb lgb llc llgc lh lhy lgh llh llgh
  | { op: 'store'; size: Size; r1: Reg; addr: Addr } // st sty stg stc stcy sth sthy
  | { op: 'move'; size: Size; signed: boolean; width: Width; r1: Reg; r2: Reg } // lr lgr lgfr llgfr lgbr lghr llgcr llghr
  | { op: 'loadImm'; width: Width; r1: Reg; value: bigint } // lhi lghi lgfi llilf iilf
  | { op: 'la'; r1: Reg; addr: Addr } // la lay: the address itself
  | { op: 'alu'; alu: AluOp; width: Width; r1: Reg; src: Operand2 } // ar agr sr sgr nr ngr or ogr xr xgr ahi aghi afi agfi nilf oilf xilf
  | { op: 'compare'; signed: boolean; width: Width; r1: Reg; src: Operand2 | { k: 'mem'; addr: Addr } } // cr cgr c cy cg chi cghi cfi cgfi and the logical cl* forms
  | { op: 'compareBranch'; signed: boolean; width: Width; r1: Reg; src: Operand2; mask: number; target: string } // crj cgrj clrj clgrj cij cgij clij clgij
  | { op: 'interlocked'; alu: Exclude<AluOp, 'sub'>; width: Width; r1: Reg; r3: Reg; addr: Addr } // laa laag laal laalg lan lang lao laog lax laxg
  | { op: 'cs'; width: Width; r1: Reg; r3: Reg; addr: Addr } // cs csy csg
  | { op: 'branch'; mask: number; target: string } // brc brcl j jg and the extended mnemonics (jne, jl, ...)
  | { op: 'bcr'; mask: number }; // bcr M,0: serializes when M is 14 or 15, else does nothing (nop, nopr)

/** Every instruction keeps the mnemonic it was written with: z/Architecture has several encodings per operation. */
export type S390xInstr = S390xOp & { mnemonic: string; pos: Pos; text: string };
export type S390xParsed = S390xOp & { mnemonic: string };
