/** BPF instructions as the front end produces them (src/isa/bpf/parse.ts) and the semantics consume them. */
import type { Pos } from '../../diag.js';

/** `r0`..`r10` (`fp` is r10); `wide: false` for the 32-bit sub-register `wN` (ALU32 / JMP32). */
export interface Reg {
  n: number;
  wide: boolean;
}

export type Operand = { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint };

export type Size = 8 | 16 | 32 | 64;

/** `rD op= src`: add sub mul div mod and or xor lsh rsh arsh; sdiv/smod are the signed forms (`s/=`, `s%=`). */
export type AluOp = 'add' | 'sub' | 'mul' | 'div' | 'sdiv' | 'mod' | 'smod' | 'and' | 'or' | 'xor' | 'lsh' | 'rsh' | 'arsh';

/** Branch conditions; `s`-prefixed ones compare as signed; `set` is JSET (`&`). */
export type JmpCond = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'slt' | 'sle' | 'sgt' | 'sge' | 'set';

export type AtomicOp = 'add' | 'and' | 'or' | 'xor';

/** A memory operand `(uN *)(rB + off)`: base register (always 64-bit) and signed offset. */
export interface Mem {
  size: Size;
  base: Reg;
  off: bigint;
}

/** A jump target: a label, or an offset in instructions relative to the next one (`goto +2`, `goto pc-1`). */
export type Target = { k: 'label'; name: string } | { k: 'rel'; off: number };

export type BpfOp =
  | { op: 'mov'; dst: Reg; src: Operand; ll?: boolean } // rD = src ; `wD = src` is ALU32; `rD = K ll` is a 64-bit immediate (ll: true; two instruction slots)
  | { op: 'movsx'; dst: Reg; src: Reg; from: 8 | 16 | 32 } // rD = (s8) rS
  | { op: 'alu'; alu: AluOp; dst: Reg; src: Operand } // dst.wide false => ALU32
  | { op: 'neg'; dst: Reg } // rD = -rD
  | { op: 'bswap'; dst: Reg; kind: 'be' | 'le' | 'swap'; bits: 16 | 32 | 64 } // rD = be16 rD, bswap32 ...
  | { op: 'load'; dst: Reg; mem: Mem; signed: boolean } // rD = *(u32 *)(rS + K); signed for (sN *)
  | { op: 'store'; mem: Mem; src: Operand } // *(u32 *)(rD + K) = rS | K
  | { op: 'load_acquire'; dst: Reg; mem: Mem }
  | { op: 'store_release'; mem: Mem; src: Reg }
  | { op: 'atomic'; aop: AtomicOp; fetch: boolean; mem: Mem; src: Reg } // lock *(..) op= rS | rS = atomic_fetch_op(..)
  | { op: 'xchg'; mem: Mem; src: Reg } // rS = xchg_64(rD + K, rS): dst is src
  | { op: 'cmpxchg'; mem: Mem; src: Reg } // r0 = cmpxchg_64(rD + K, r0, rS): compares with and writes r0/w0
  | { op: 'goto'; target: Target }
  | { op: 'if'; cond: JmpCond; lhs: Reg; rhs: Operand; target: Target } // lhs.wide false => JMP32
  | { op: 'exit' };

export type BpfInstr = BpfOp & { pos: Pos; text: string }; // text: the cell as written, for messages and printing
