/**
 * Power register arithmetic on 64-bit registers (64-bit mode), as expressions.
 * Word (`w`) forms read the low 32 bits of their operands. Where the ISA leaves the upper word or
 * a division by zero undefined, bpf-herd picks a value: signed word results are sign-extended,
 * unsigned ones zero-extended, and a zero divisor gives 0.
 */
import { bin, cmp, ite, konst, un, MASK64, type Expr } from '../../semantics/expr.js';
import type { AluFn } from './instr.js';

const sext32 = (e: Expr) => un('sext32', e);
const zext32 = (e: Expr) => un('zext32', e);
const isZero = (e: Expr) => cmp('eq', e, konst(0n));
const bitSet = (e: Expr, bit: bigint) => cmp('ne', bin('and', e, konst(bit)), konst(0n));
const low = (e: Expr, bits: bigint) => bin('and', e, konst(bits));

export function aluExpr(fn: AluFn, a: Expr, b: Expr): Expr {
  switch (fn) {
    case 'add': return bin('add', a, b);
    case 'sub': return bin('sub', a, b);
    case 'neg': return un('neg', a);
    case 'mullw': return bin('mul', sext32(a), sext32(b)); // the full 64-bit product of the signed words
    case 'mulld': return bin('mul', a, b);
    case 'divw': return ite(isZero(zext32(b)), konst(0n), sext32(bin('sdiv', sext32(a), sext32(b))));
    case 'divwu': return ite(isZero(zext32(b)), konst(0n), bin('udiv', zext32(a), zext32(b)));
    case 'divd': return ite(isZero(b), konst(0n), bin('sdiv', a, b));
    case 'divdu': return ite(isZero(b), konst(0n), bin('udiv', a, b));
    case 'modsw': return ite(isZero(zext32(b)), konst(0n), sext32(bin('srem', sext32(a), sext32(b))));
    case 'moduw': return ite(isZero(zext32(b)), konst(0n), bin('urem', zext32(a), zext32(b)));
    case 'modsd': return ite(isZero(b), konst(0n), bin('srem', a, b));
    case 'modud': return ite(isZero(b), konst(0n), bin('urem', a, b));
    case 'and': return bin('and', a, b);
    case 'andc': return bin('and', a, un('not', b));
    case 'or': return bin('or', a, b);
    case 'orc': return bin('or', a, un('not', b));
    case 'xor': return bin('xor', a, b);
    case 'nand': return un('not', bin('and', a, b));
    case 'nor': return un('not', bin('or', a, b));
    case 'eqv': return un('not', bin('xor', a, b));
    // word shifts take 6 bits of rB: 32..63 shift everything out (sraw: fills with the sign)
    case 'slw': return ite(bitSet(b, 0x20n), konst(0n), zext32(bin('shl', a, low(b, 0x1fn))));
    case 'srw': return ite(bitSet(b, 0x20n), konst(0n), bin('lshr', zext32(a), low(b, 0x1fn)));
    case 'sraw': return bin('ashr', sext32(a), ite(bitSet(b, 0x20n), konst(31n), low(b, 0x1fn)));
    // doubleword shifts take 7 bits of rB
    case 'sld': return ite(bitSet(b, 0x40n), konst(0n), bin('shl', a, low(b, 0x3fn)));
    case 'srd': return ite(bitSet(b, 0x40n), konst(0n), bin('lshr', a, low(b, 0x3fn)));
    case 'srad': return bin('ashr', a, ite(bitSet(b, 0x40n), konst(63n), low(b, 0x3fn)));
    case 'extsb': return un('sext8', a);
    case 'extsh': return un('sext16', a);
    case 'extsw': return sext32(a);
  }
}

/** The mask of IBM-numbered bits mb..me (bit 0 is the most significant), wrapping around when mb > me. */
export function rotateMask(mb: number, me: number): bigint {
  const ones = (from: number, to: number) => ((1n << BigInt(to - from + 1)) - 1n) << BigInt(63 - to);
  return mb <= me ? ones(mb, me) : (ones(mb, 63) | ones(0, me)) & MASK64;
}

function rotl(e: Expr, sh: number, width: 32 | 64): Expr {
  if (sh === 0) return e;
  const r = bin('or', bin('shl', e, konst(BigInt(sh))), bin('lshr', e, konst(BigInt(width - sh))));
  return width === 32 ? zext32(r) : r;
}

/** rlwinm, rldicl, rldicr: a word rotate works on the low word, replicated into both halves. */
export function rotateExpr(x: Expr, width: 32 | 64, sh: number, mb: number, me: number): Expr {
  let rotated: Expr;
  if (width === 64) rotated = rotl(x, sh, 64);
  else {
    const word = rotl(zext32(x), sh, 32);
    rotated = bin('or', bin('shl', word, konst(32n)), word);
  }
  return bin('and', rotated, konst(rotateMask(mb, me)));
}
