/**
 * The contract between the architecture-independent litmus front end (parse.ts, print.ts)
 * and one ISA's front end (src/isa/<arch>/syntax.ts).
 *
 * An ISA supplies an Ohm grammar that extends `Litmus` (grammar/litmus-common.ohm) and
 * overrides its `Instr` rule, plus the semantic actions for its own rules. All actions of
 * a parse belong to a single Ohm operation, `build` (see {@link build}).
 */
import type * as ohm from 'ohm-js';
import type { Pos } from '../diag.js';
import type { ThreadCode } from './ast.js';

/**
 * What the front end adds to every instruction the ISA's `Instr` action returns: where it was
 * written and how (the cell text). `I` should therefore include these two fields.
 */
export interface Located {
  pos: Pos;
  text: string;
}

/** The pos and text of an instruction that came out of the front end (it adds both to every instruction). */
export function located(instr: unknown): Located {
  return instr as Located;
}

export interface IsaSyntax<I = unknown> {
  /** Words accepted as the first word of a test, e.g. `['BPF']`, `['X86', 'X86_64']`. */
  readonly archNames: readonly string[];
  /** File name in grammar/, e.g. `bpf.ohm`, holding `grammarName <: Litmus { Instr := ... }`. */
  readonly grammarFile: string;
  readonly grammarName: string;
  /** Grammar source to use instead of reading grammarFile (tests, embedders). */
  readonly grammarSource?: string;
  /**
   * Actions of the `build` operation for the ISA's rules. The `Instr` rule must yield the
   * instruction without `pos` and `text`; the front end adds both. Actions report bad input
   * with {@link reject}.
   */
  readonly instrActions: ohm.ActionDict<unknown>;
  /** How registers are written in the initial state and the condition, for messages, e.g. `r0-r10 (fp is r10)`. */
  readonly registerHint: string;
  /** Canonical name of a register named in the initial state, `locations` or the condition; undefined if unknown. */
  normaliseReg(name: string): string | undefined;
  /** Order of two canonical register names (reports sort observables with it). */
  compareRegs(a: string, b: string): number;
  /** The instruction in the ISA's usual (herd7) spelling; must parse back to the same instruction. */
  printInstr(instr: I): string;
  /** Labels an instruction jumps to (the front end checks that each exists in the thread). */
  labelsUsed(instr: I): readonly string[];
  /** ISA-specific checks of one thread's code (relative jumps...); throws InputError. */
  checkThread?(code: ThreadCode<I>): void;
}

/** Name of the Ohm operation that builds the AST, common part and ISA part alike. */
export const BUILD_OPERATION = 'build';

/** Evaluates the `build` operation on a parse-tree node. */
export function build<T>(node: ohm.Node): T {
  return node[BUILD_OPERATION]() as T;
}

/** Bad input found by a semantic action, at an offset of the source; parse.ts turns it into an InputError. */
export class SourceError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SourceError';
  }
}

/** Rejects the text of `node` with `message` (reported at the node's first character). */
export function reject(node: ohm.Node, message: string): never {
  throw new SourceError(node.source.startIdx, message);
}
