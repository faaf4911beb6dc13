/**
 * A test's skeleton: for every thread, the control-flow paths it may take, each with its events,
 * their symbolic addresses and values, and the static relations (po, dependencies, rmw, amo).
 * The engines choose one path per thread, a read-from source per read and a coherence order per
 * location; everything else is already here.
 */
import type { Pos } from '../diag.js';
import type { LitmusTest, Observable } from '../litmus/ast.js';
import type { Cond, Expr } from './expr.js';

export interface MemEvent {
  id: number; // index in Skeleton.events
  thread: number; // -1 for an initial write
  path: number; // index of the path in its thread (-1 for an initial write)
  seq: number; // the instruction's index along its path; events of one instruction share it (no po between them)
  read: boolean;
  write: boolean;
  fence: boolean;
  tags: readonly string[]; // ISA tags the model may name (AQ, RL, SC, X, A, Q, L, dmb.full, ...)
  size: number; // access size in bits
  addr: Expr; // the address accessed (unused for fences)
  wval?: Expr; // the value written (write events)
  mayLocs: readonly number[]; // locations the event may access (a single one when the address is known)
  /** Some value of the (computed) address is not a location: those executions are dropped, as herd7 drops them. */
  strayAddress?: boolean;
  instr?: { pos: Pos; text: string }; // the source instruction, for witnesses and messages
}

/**
 * Syntactic dependencies; `pick` is the Arm ARM's: a value chosen by a condition (CSEL, CAS)
 * rather than computed; `pick-addr` are the pick dependencies through an address.
 */
export type DepKind = 'addr' | 'data' | 'ctrl' | 'pick' | 'pick-addr';
export const DEP_KINDS: readonly DepKind[] = ['addr', 'data', 'ctrl', 'pick', 'pick-addr'];

export interface ThreadPath {
  thread: number;
  index: number;
  /** The path is taken exactly when every condition holds. */
  guard: Cond[];
  events: number[]; // in program order
  deps: Record<DepKind, [number, number][]>;
  rmw: [number, number][]; // read and write of one atomic (single-instruction or LL/SC)
  amo: [number, number][]; // read and write of one single-instruction atomic
  /** Registers of the thread at the end of the path (normalised names). */
  regs: ReadonlyMap<string, Expr>;
}

export interface ThreadSkeleton {
  id: number;
  paths: ThreadPath[];
  /** Paths dropped because they take a backward branch more often than the unrolling bound. */
  cutPaths: number;
}

export interface Skeleton {
  test: LitmusTest;
  locations: string[]; // location index -> name
  initValues: bigint[]; // per location
  events: MemEvent[]; // initial writes first (event i is the initial write of location i)
  threads: ThreadSkeleton[];
  /** Observables of the final state, in herd7's order (registers by thread, then locations). */
  observables: Observable[];
  /** Every tag that events of this test's ISA may carry (the sets a model may name). */
  tagNames: readonly string[];
}

export const isInitWrite = (e: MemEvent): boolean => e.thread < 0;

/** Two events of one instruction instance: its read comes first, so the read cannot read from its write. */
export const sameInstruction = (a: MemEvent, b: MemEvent): boolean =>
  a.id === b.id || (a.thread >= 0 && a.thread === b.thread && a.path === b.path && a.seq === b.seq);
