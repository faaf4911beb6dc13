/** What an engine reports about a test: its allowed final states and, for explanations, witnesses. */
import type { Cond as LitmusCond, Observable } from '../litmus/ast.js';

export interface FinalState {
  /** One value per observable of the query, in the same order. */
  values: bigint[];
  /** Allowed executions that end in this state (undefined when the engine did not count them). */
  executions?: number;
}

/** One allowed candidate execution, in skeleton event ids. */
export interface Execution {
  events: number[];
  rf: [number, number][]; // [write, read]
  co: [number, number][]; // immediate coherence successors [w1, w2]
  values: Map<number, bigint>; // the value each read event read
  paths: number[]; // the path chosen in each thread
}

export interface Query {
  /** The observables whose final values make a state (the test's, plus those its filter needs). */
  observables: Observable[];
  filter?: LitmusCond;
  /** The proposition of the test's condition (after exists / ~exists / forall). */
  prop: LitmusCond;
  /** Only decide whether `prop` holds in some and in every allowed execution; skip listing states. */
  verdictOnly: boolean;
  /** Milliseconds the engine may spend before answering Unknown. */
  timeoutMs?: number;
  /** SMT: formula work a check may take to be encoded eagerly (0 checks every axiom lazily). */
  eagerBudget?: number;
}

export interface Outcome {
  /** Allowed final states satisfying the filter (all of them unless `verdictOnly`). */
  states: FinalState[];
  /** In verdict-only mode: whether some allowed execution satisfies prop, and whether some does not. */
  someSatisfies?: boolean;
  someViolates?: boolean;
  /** Why the engine gave up (time or memory): the verdict is Unknown. */
  unknown?: string;
  /** Flags (`flag ~empty r as name`) raised by some allowed execution. */
  flags: string[];
  /** An allowed execution satisfying the proposition, when there is one. */
  witness?: Execution;
  engine: 'enum' | 'smt';
}
