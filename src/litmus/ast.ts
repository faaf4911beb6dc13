/** The architecture-independent shape of a litmus test; `I` is the ISA's instruction type. */
import type { Pos } from '../diag.js';

/** An initial or expected value: a number (64-bit two's complement) or the address of a location. */
export type Value = { kind: 'int'; value: bigint } | { kind: 'addr'; loc: string };

export type Observable =
  | { kind: 'reg'; thread: number; reg: string; pos: Pos } // `1:r3`; reg already normalised by the ISA
  | { kind: 'loc'; loc: string; pos: Pos }; // `x` or `[x]`

export interface InitEntry {
  pos: Pos;
  target: Observable;
  value: Value; // declarations without a value (`int x;`) give 0
  type?: string; // `int`, `uint64_t`, ... (kept for printing; values are untyped)
}

export interface Line<I> {
  pos: Pos;
  label?: string; // `L:` or `L: instr`
  instr?: I; // absent for an empty cell or a label alone
}

export interface ThreadCode<I> {
  id: number; // the N of `PN`
  pos: Pos;
  lines: Line<I>[]; // the column's cells in order, empty cells dropped
}

export type Cond =
  | { k: 'true' }
  | { k: 'false' }
  | { k: 'atom'; pos: Pos; lhs: Observable; rhs: Value }
  | { k: 'not'; c: Cond }
  | { k: 'and'; a: Cond; b: Cond }
  | { k: 'or'; a: Cond; b: Cond }
  | { k: 'implies'; a: Cond; b: Cond };

export type Quantifier = 'exists' | '~exists' | 'forall';

export interface Condition {
  pos: Pos;
  quantifier: Quantifier;
  prop: Cond;
}

/** The expectation a test states in a comment, `Result: Never` (LKMM style) or `Result: Forbidden` (kinds style). */
export type Expectation = 'Never' | 'Sometimes' | 'Always' | 'Allowed' | 'Forbidden' | 'Required';

export interface LitmusTest<I = unknown> {
  file: string;
  arch: string; // as written on the first line, e.g. `BPF`, `AArch64`
  name: string;
  altName?: string; // herd's second name in parentheses: `PPC co7 (PPCCoSeven)`
  doc?: string; // the optional "..." line
  meta: { key: string; value: string }[]; // key=value lines
  init: InitEntry[];
  threads: ThreadCode<I>[];
  locations: Observable[];
  filter?: Cond;
  condition: Condition;
  expectation?: Expectation;
}
