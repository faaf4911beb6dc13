/**
 * A compiled model: a DAG of set and relation definitions over the engine's primitives, in
 * topological order, with the checks to make. Functions are inlined and identical nodes shared,
 * so an engine evaluates each distinct sub-expression once.
 */
import type { Pos } from '../diag.js';
import type { CatCheckKind } from './ast.js';

export type NodeType = 'set' | 'rel';

export type Op =
  | { op: 'prim'; name: string } // a primitive set (R, W, tags...) or relation (po, rf, ...)
  | { op: 'empty' }
  | { op: 'universe' } // every event (set) or every pair of events (relation)
  | { op: 'union' | 'inter' | 'diff'; a: number; b: number }
  | { op: 'compl'; a: number }
  | { op: 'seq'; a: number; b: number }
  | { op: 'inverse' | 'plus' | 'star' | 'opt'; a: number }
  | { op: 'idset'; a: number } // [S]
  | { op: 'prod'; a: number; b: number } // S * T
  | { op: 'domain' | 'range'; a: number }
  | { op: 'recvar'; group: number; index: number } // a variable of a `let rec` group, inside its bodies
  | { op: 'recout'; group: number; index: number }; // the fixpoint value of that variable

export type IrNode = Op & {
  id: number;
  type: NodeType;
  /** Depends on rf, co or the final writes, so it changes with every candidate execution. */
  dynamic: boolean;
};

/** `let rec a = e and b = f`: the least fixpoint of (vars) = (bodies), bodies computed from recvar nodes. */
export interface RecGroup {
  id: number;
  vars: number[]; // recvar node ids
  bodies: number[]; // node ids
  /** Nodes evaluated per iteration (between the vars and the bodies), in topological order. */
  inner: number[];
}

export interface Check {
  kind: CatCheckKind;
  negated: boolean;
  flag: boolean;
  node: number;
  name: string; // `as NAME`, or the check kind
  pos: Pos;
}

export interface Model {
  title: string;
  nodes: IrNode[];
  groups: RecGroup[];
  checks: Check[];
  /** Nodes to evaluate, in order, outside rec groups (a group runs at its first `recout`). */
  schedule: number[];
  /** Node ids bound to top-level names, for showing witnesses (e.g. the cycle of a violated axiom). */
  names: Map<string, number>;
}

export const SET_PRIMS = ['_', 'M', 'R', 'W', 'F', 'IW', 'FW'] as const;
export const REL_PRIMS = ['po', 'loc', 'int', 'ext', 'id', 'rf', 'co', 'rmw', 'amo', 'addr', 'data', 'ctrl', 'pick', 'pick-addr'] as const;
export const DYNAMIC_PRIMS: ReadonlySet<string> = new Set(['rf', 'co', 'FW']);
