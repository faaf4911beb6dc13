/**
 * Symbolic 64-bit values: what a register or a memory event holds, as a function of the values
 * read by earlier events. Every value is an unsigned 64-bit integer; location addresses are
 * integers too (see `addressOf`), so pointer arithmetic and comparisons need no special case.
 * Smart constructors fold constants and cancel syntactic identities (`x - x`, `(a + b) - b`), so
 * most addresses are known before solving; dependencies are tracked apart, so folding never
 * removes one.
 */

export const MASK64 = (1n << 64n) - 1n;

export type BinOp =
  | 'add' | 'sub' | 'mul'
  | 'udiv' | 'urem' | 'sdiv' | 'srem' // raw machine ops: the ISA decides what a zero divisor does
  | 'and' | 'or' | 'xor'
  | 'shl' | 'lshr' | 'ashr'; // shift amounts are taken as given (the ISA masks them)

export type CmpOp = 'eq' | 'ne' | 'ult' | 'ule' | 'ugt' | 'uge' | 'slt' | 'sle' | 'sgt' | 'sge';

export type UnOp = 'neg' | 'not' | `zext${8 | 16 | 32}` | `sext${8 | 16 | 32}` | `bswap${16 | 32 | 64}`;

export type Expr =
  | { k: 'const'; v: bigint }
  | { k: 'read'; ev: number } // the value read by event `ev`
  | { k: 'bin'; op: BinOp; a: Expr; b: Expr }
  | { k: 'un'; op: UnOp; a: Expr }
  | { k: 'ite'; c: Cond; a: Expr; b: Expr };

export type Cond =
  | { k: 'cmp'; op: CmpOp; a: Expr; b: Expr }
  | { k: 'bool'; v: boolean }
  | { k: 'not'; c: Cond };

// ---------------------------------------------------------------- addresses

/** Location i lives at ADDR_BASE + i * ADDR_STRIDE: below 2^32 so that 32-bit accesses keep it. */
const ADDR_BASE = 0x7a000000n;
const ADDR_STRIDE = 0x1000n;

export function addressOf(loc: number): bigint {
  return ADDR_BASE + BigInt(loc) * ADDR_STRIDE;
}

/** The location an integer is the address of, or undefined. */
export function locationAt(v: bigint, locationCount: number): number | undefined {
  if (v < ADDR_BASE || (v - ADDR_BASE) % ADDR_STRIDE !== 0n) return undefined;
  const i = Number((v - ADDR_BASE) / ADDR_STRIDE);
  return i < locationCount ? i : undefined;
}

// ---------------------------------------------------------------- constructors

export const konst = (v: bigint): Expr => ({ k: 'const', v: v & MASK64 });
export const readOf = (ev: number): Expr => ({ k: 'read', ev });
export const TRUE: Cond = { k: 'bool', v: true };
export const FALSE: Cond = { k: 'bool', v: false };

export function sameExpr(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'const': return a.v === (b as typeof a).v;
    case 'read': return a.ev === (b as typeof a).ev;
    case 'bin': { const c = b as typeof a; return a.op === c.op && sameExpr(a.a, c.a) && sameExpr(a.b, c.b); }
    case 'un': { const c = b as typeof a; return a.op === c.op && sameExpr(a.a, c.a); }
    case 'ite': { const c = b as typeof a; return sameCond(a.c, c.c) && sameExpr(a.a, c.a) && sameExpr(a.b, c.b); }
  }
}

function sameCond(a: Cond, b: Cond): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'bool': return a.v === (b as typeof a).v;
    case 'not': return sameCond(a.c, (b as typeof a).c);
    case 'cmp': { const c = b as typeof a; return a.op === c.op && sameExpr(a.a, c.a) && sameExpr(a.b, c.b); }
  }
}

const isConst = (e: Expr, v?: bigint): e is { k: 'const'; v: bigint } => e.k === 'const' && (v === undefined || e.v === v);

export function bin(op: BinOp, a: Expr, b: Expr): Expr {
  if (a.k === 'const' && b.k === 'const') return konst(applyBin(op, a.v, b.v));
  switch (op) {
    case 'add':
      if (isConst(b, 0n)) return a;
      if (isConst(a, 0n)) return b;
      // (x - y) + y = x
      if (a.k === 'bin' && a.op === 'sub' && sameExpr(a.b, b)) return a.a;
      break;
    case 'sub':
      if (isConst(b, 0n)) return a;
      if (sameExpr(a, b)) return konst(0n);
      // (x + y) - y = x and (y + x) - y = x
      if (a.k === 'bin' && a.op === 'add') {
        if (sameExpr(a.b, b)) return a.a;
        if (sameExpr(a.a, b)) return a.b;
      }
      break;
    case 'xor':
      if (sameExpr(a, b)) return konst(0n);
      if (isConst(b, 0n)) return a;
      if (isConst(a, 0n)) return b;
      break;
    case 'and':
      if (isConst(a, 0n) || isConst(b, 0n)) return konst(0n);
      if (isConst(b, MASK64)) return a;
      if (sameExpr(a, b)) return a;
      break;
    case 'or':
      if (isConst(b, 0n)) return a;
      if (isConst(a, 0n)) return b;
      if (sameExpr(a, b)) return a;
      break;
    case 'mul':
      if (isConst(a, 0n) || isConst(b, 0n)) return konst(0n);
      if (isConst(b, 1n)) return a;
      if (isConst(a, 1n)) return b;
      break;
    case 'shl': case 'lshr': case 'ashr':
      if (isConst(b, 0n)) return a;
      if (isConst(a, 0n)) return a;
      break;
    default:
      break;
  }
  return { k: 'bin', op, a, b };
}

export function un(op: UnOp, a: Expr): Expr {
  if (a.k === 'const') return konst(applyUn(op, a.v));
  if (op.startsWith('zext') && a.k === 'un' && a.op === op) return a;
  return { k: 'un', op, a };
}

export function cmp(op: CmpOp, a: Expr, b: Expr): Cond {
  if (a.k === 'const' && b.k === 'const') return { k: 'bool', v: applyCmp(op, a.v, b.v) };
  if (sameExpr(a, b)) return { k: 'bool', v: op === 'eq' || op === 'ule' || op === 'uge' || op === 'sle' || op === 'sge' };
  return { k: 'cmp', op, a, b };
}

export function not(c: Cond): Cond {
  if (c.k === 'bool') return { k: 'bool', v: !c.v };
  if (c.k === 'not') return c.c;
  return { k: 'not', c };
}

export function ite(c: Cond, a: Expr, b: Expr): Expr {
  if (c.k === 'bool') return c.v ? a : b;
  if (sameExpr(a, b)) return a;
  return { k: 'ite', c, a, b };
}

// ---------------------------------------------------------------- concrete semantics

const SIGN64 = 1n << 63n;
const toSigned = (v: bigint): bigint => (v & SIGN64 ? v - (1n << 64n) : v);

export function signed64(v: bigint): bigint {
  return toSigned(v & MASK64);
}

export function applyBin(op: BinOp, a: bigint, b: bigint): bigint {
  switch (op) {
    case 'add': return (a + b) & MASK64;
    case 'sub': return (a - b) & MASK64;
    case 'mul': return (a * b) & MASK64;
    // a zero divisor is the ISA's business; this total version follows SMT-LIB so both engines agree
    case 'udiv': return b === 0n ? MASK64 : a / b;
    case 'urem': return b === 0n ? a : a % b;
    case 'sdiv': {
      if (b === 0n) return toSigned(a) < 0n ? 1n : MASK64;
      return (toSigned(a) / toSigned(b)) & MASK64; // BigInt division truncates toward zero, as C does
    }
    case 'srem': return b === 0n ? a : (toSigned(a) % toSigned(b)) & MASK64;
    case 'and': return a & b;
    case 'or': return a | b;
    case 'xor': return a ^ b;
    case 'shl': return b >= 64n ? 0n : (a << b) & MASK64;
    case 'lshr': return b >= 64n ? 0n : a >> b;
    case 'ashr': return (toSigned(a) >> (b >= 64n ? 63n : b)) & MASK64;
  }
}

function bswap(v: bigint, bits: number): bigint {
  let r = 0n;
  for (let i = 0; i < bits / 8; i++) r = (r << 8n) | ((v >> BigInt(8 * i)) & 0xffn);
  return r;
}

export function applyUn(op: UnOp, a: bigint): bigint {
  switch (op) {
    case 'neg': return (-a) & MASK64;
    case 'not': return ~a & MASK64;
    case 'zext8': return a & 0xffn;
    case 'zext16': return a & 0xffffn;
    case 'zext32': return a & 0xffffffffn;
    case 'sext8': return BigInt.asIntN(8, a) & MASK64;
    case 'sext16': return BigInt.asIntN(16, a) & MASK64;
    case 'sext32': return BigInt.asIntN(32, a) & MASK64;
    case 'bswap16': return bswap(a, 16);
    case 'bswap32': return bswap(a, 32);
    case 'bswap64': return bswap(a, 64);
  }
}

export function applyCmp(op: CmpOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'ult': return a < b;
    case 'ule': return a <= b;
    case 'ugt': return a > b;
    case 'uge': return a >= b;
    case 'slt': return toSigned(a) < toSigned(b);
    case 'sle': return toSigned(a) <= toSigned(b);
    case 'sgt': return toSigned(a) > toSigned(b);
    case 'sge': return toSigned(a) >= toSigned(b);
  }
}

/** Evaluate with the values read by each event; `read` may throw to signal an unresolvable value. */
export function evalExpr(e: Expr, read: (ev: number) => bigint): bigint {
  switch (e.k) {
    case 'const': return e.v;
    case 'read': return read(e.ev);
    case 'bin': return applyBin(e.op, evalExpr(e.a, read), evalExpr(e.b, read));
    case 'un': return applyUn(e.op, evalExpr(e.a, read));
    case 'ite': return evalCond(e.c, read) ? evalExpr(e.a, read) : evalExpr(e.b, read);
  }
}

export function evalCond(c: Cond, read: (ev: number) => bigint): boolean {
  switch (c.k) {
    case 'bool': return c.v;
    case 'not': return !evalCond(c.c, read);
    case 'cmp': return applyCmp(c.op, evalExpr(c.a, read), evalExpr(c.b, read));
  }
}

/** The events whose read values an expression mentions. */
export function readsIn(e: Expr, into: Set<number> = new Set()): Set<number> {
  switch (e.k) {
    case 'const': break;
    case 'read': into.add(e.ev); break;
    case 'bin': readsIn(e.a, into); readsIn(e.b, into); break;
    case 'un': readsIn(e.a, into); break;
    case 'ite': readsInCond(e.c, into); readsIn(e.a, into); readsIn(e.b, into); break;
  }
  return into;
}

export function readsInCond(c: Cond, into: Set<number> = new Set()): Set<number> {
  if (c.k === 'cmp') { readsIn(c.a, into); readsIn(c.b, into); }
  else if (c.k === 'not') readsInCond(c.c, into);
  return into;
}
