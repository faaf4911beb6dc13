/** Symbolic values (src/semantics/expr.ts) as Z3 64-bit bit-vector terms, with the same semantics as evalExpr. */
import type { BitVec, Bool } from 'z3-solver';
import type { Cond, Expr } from '../../semantics/expr.js';
import type { Z3 } from './z3.js';

type B = Bool<'bpf-herd'>;
export type BV = BitVec<64, 'bpf-herd'>;

export function exprTerm(ctx: Z3, x: Expr, reads: ReadonlyMap<number, BV>): BV {
  const t = (e: Expr) => exprTerm(ctx, e, reads);
  switch (x.k) {
    case 'const': return ctx.BitVec.val(x.v, 64) as BV;
    case 'read': return reads.get(x.ev)!;
    case 'ite': return ctx.If(condTerm(ctx, x.c, reads), t(x.a), t(x.b)) as BV;
    case 'bin': return binTerm(x.op, t(x.a), t(x.b));
    case 'un': return unTerm(ctx, x.op, t(x.a));
  }
}

function binTerm(op: Extract<Expr, { k: 'bin' }>['op'], a: BV, b: BV): BV {
  switch (op) {
    case 'add': return a.add(b);
    case 'sub': return a.sub(b);
    case 'mul': return a.mul(b);
    case 'udiv': return a.udiv(b);
    case 'urem': return a.urem(b);
    case 'sdiv': return a.sdiv(b);
    case 'srem': return a.srem(b);
    case 'and': return a.and(b);
    case 'or': return a.or(b);
    case 'xor': return a.xor(b);
    case 'shl': return a.shl(b);
    case 'lshr': return a.lshr(b);
    case 'ashr': return a.shr(b);
  }
}

function unTerm(ctx: Z3, op: Extract<Expr, { k: 'un' }>['op'], a: BV): BV {
  if (op === 'neg') return a.neg();
  if (op === 'not') return a.not();
  const bits = BigInt(op.replace(/\D/g, ''));
  if (op.startsWith('zext')) return a.and(ctx.BitVec.val((1n << bits) - 1n, 64));
  if (op.startsWith('sext')) return a.shl(64n - bits).shr(64n - bits);
  // byte swap of the low `bits`: byte i moves to byte (bits/8 - 1 - i)
  let out = ctx.BitVec.val(0n, 64) as BV;
  const bytes = Number(bits) / 8;
  for (let i = 0; i < bytes; i++) {
    const byte = a.lshr(BigInt(8 * i)).and(0xffn);
    out = out.or(byte.shl(BigInt(8 * (bytes - 1 - i))));
  }
  return out;
}

export function condTerm(ctx: Z3, c: Cond, reads: ReadonlyMap<number, BV>): B {
  switch (c.k) {
    case 'bool': return ctx.Bool.val(c.v);
    case 'not': return ctx.Not(condTerm(ctx, c.c, reads));
    case 'cmp': {
      const a = exprTerm(ctx, c.a, reads), b = exprTerm(ctx, c.b, reads);
      switch (c.op) {
    case 'eq': return a.eq(b);
    case 'ne': return a.neq(b);
    case 'ult': return a.ult(b);
    case 'ule': return a.ule(b);
    case 'ugt': return a.ugt(b);
    case 'uge': return a.uge(b);
    case 'slt': return a.slt(b);
    case 'sle': return a.sle(b);
    case 'sgt': return a.sgt(b);
    case 'sge': return a.sge(b);
      }
    }
  }
}
