/** The cat language as parsed (grammar/cat.ohm): expressions and statements with source positions. */
import type { Pos } from '../diag.js';

export type CatBinOp =
  | '|' // union
  | '&' // intersection
  | '\\' // difference
  | ';' // sequence (composition)
  | '*'; // cartesian product of two sets: `S * T`

export type CatPostOp = '^-1' | '+' | '*' | '?';

export type CatExpr =
  | { k: 'var'; name: string; pos: Pos }
  | { k: 'empty'; pos: Pos } // `0`
  | { k: 'universe'; pos: Pos } // `_`: every event (as a set), or every pair when used as a relation
  | { k: 'bin'; op: CatBinOp; a: CatExpr; b: CatExpr; pos: Pos }
  | { k: 'post'; op: CatPostOp; e: CatExpr; pos: Pos }
  | { k: 'compl'; e: CatExpr; pos: Pos } // `~e`
  | { k: 'idset'; e: CatExpr; pos: Pos } // `[S]`
  | { k: 'app'; fn: string; args: CatExpr[]; pos: Pos } // `f(a, b)`, `domain(r)`, `range(r)`, `fencerel(S)`
  | { k: 'try'; e: CatExpr; fallback: CatExpr; pos: Pos } // `try e with f`
  | { k: 'letin'; binds: CatBinding[]; rec: boolean; body: CatExpr; pos: Pos }; // `let x = e in body`

export interface CatBinding {
  name: string;
  params?: string[]; // present for `let f(x, y) = ...`
  body: CatExpr;
  pos: Pos;
}

export type CatCheckKind = 'acyclic' | 'irreflexive' | 'empty';

export type CatStmt =
  | { k: 'let'; rec: boolean; binds: CatBinding[]; pos: Pos } // `let a = e`, `let rec a = e and b = f`
  | {
      k: 'check';
      check: CatCheckKind;
      negated: boolean; // `~empty r`
      flag: boolean; // `flag ~empty r as name`: reported, does not forbid
      e: CatExpr;
      name?: string; // `as NAME`
      pos: Pos;
    }
  | { k: 'include'; file: string; pos: Pos }
  | { k: 'show'; names: string[]; pos: Pos } // `show` / `unshow`: accepted, no effect on verdicts
  | { k: 'unshow'; names: string[]; pos: Pos };

export interface CatFile {
  file: string; // path as given
  title?: string; // the leading "..." string
  stmts: CatStmt[];
}
