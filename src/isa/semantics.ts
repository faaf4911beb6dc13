/** The contract between an ISA's instruction semantics and the skeleton builder (src/semantics/). */
import type { Cond, Expr } from '../semantics/expr.js';

/** A symbolic value and the read events it was computed from (for addr/data/ctrl dependencies). */
export interface SymVal {
  e: Expr;
  deps: ReadonlySet<number>;
  /** Reads that chose this value without computing it (a conditional select): pick dependencies. */
  pick?: ReadonlySet<number>;
}

export interface AccessOpts {
  size: number; // bits
  tags?: readonly string[];
}

/** What an instruction may do to its thread: registers, memory events, internal choices. */
export interface ThreadMachine {
  getReg(name: string): SymVal;
  setReg(name: string, v: SymVal): void;
  /** A read event; returns its id and the value read (zero-extended to 64 bits from `size`, deps = the event). */
  read(addr: SymVal, opts: AccessOpts): { ev: number; value: SymVal };
  /** A write event of `value` truncated to `size` bits. */
  write(addr: SymVal, value: SymVal, opts: AccessOpts): number;
  /** One event that reads and writes (a single-event RMW): `update` computes the stored value from the old one. */
  readWrite(addr: SymVal, opts: AccessOpts, update: (old: SymVal) => SymVal): { ev: number; old: SymVal };
  fence(tags: readonly string[]): number;
  /** Replace an event's tags (a cmpxchg's read is tagged only once success is known). */
  retag(ev: number, tags: readonly string[]): void;
  relate(kind: 'rmw' | 'amo', read: number, write: number): void;
  /** Split the path on a condition internal to the instruction; returns the branch this path takes. */
  choose(c: Cond): boolean;
  /** Split the path on a free choice (a store-conditional may fail spuriously); no guard, no dependency. */
  either(): boolean;
  /** The address of a location named in an instruction (x86 `MOV [x],$1`). */
  addressOf(loc: string): SymVal;
  /** Per-path scratch state of the ISA (e.g. the reservation of a load-exclusive). */
  scratch: Map<string, unknown>;
}

/** Where control goes after an instruction; targets are line indices in the thread's code. */
export type Flow =
  | { k: 'next' }
  | { k: 'jump'; target: number }
  | { k: 'branch'; cond: Cond; deps: ReadonlySet<number>; target: number }
  | { k: 'exit' };

export interface CodeLayout {
  labelLine(name: string): number; // line index of a label (the front end checked it exists)
  /** Line index of the instruction `off` slots after the one following `fromLine` (BPF `goto +off`). */
  relativeLine(fromLine: number, off: number): number;
}

export interface IsaSemantics<I> {
  /** Tags events of this ISA may carry: the sets a cat model may name besides R, W, M, F. */
  tagNames: readonly string[];
  step(instr: I, m: ThreadMachine, line: number, layout: CodeLayout): Flow;
  /** Instruction slots an instruction takes, for relative jumps (default 1). */
  slots?(instr: I): number;
  /** Locations an instruction names directly (none for BPF, which addresses through registers). */
  locationsIn?(instr: I): string[];
}
