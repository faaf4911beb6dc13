import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cond, InitEntry, Line, LitmusTest, Observable, ThreadCode, Value } from '../src/litmus/ast.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { printLitmus } from '../src/litmus/print.js';
import type { BpfInstr, BpfOp, Mem, Operand, Reg, Size, Target } from '../src/isa/bpf/instr.js';
import { bpfSyntax } from '../src/isa/bpf/syntax.js';
import { flatten, jumpTarget, slotsOf } from '../src/isa/bpf/targets.js';
import { stripped } from './support/stripped.js';

const r = (n: number): Reg => ({ n, wide: true });
const w = (n: number): Reg => ({ n, wide: false });
const imm = (value: number | bigint): Operand => ({ k: 'imm', value: BigInt(value) });
const reg = (x: Reg): Operand => ({ k: 'reg', reg: x });
const mem = (size: Size, base: number, off: number | bigint = 0): Mem => ({ size, base: r(base), off: BigInt(off) });
const label = (name: string): Target => ({ k: 'label', name });
const rel = (off: number): Target => ({ k: 'rel', off });

/** A one-thread test around `cells`, one per row; `L:` and `exit` after them so that jumps have somewhere to go. */
function program(...cells: string[]): string {
  return ['BPF t', '{ 0:r1=x; }', ' P0 ;', ...cells.map((c) => ` ${c} ;`), ' L: exit ;', 'exists (0:r0=0)', ''].join('\n');
}

function parse(text: string): LitmusTest<BpfInstr> {
  return parseLitmus(text, 't.litmus', [bpfSyntax]);
}

function parseInstr(cell: string): BpfOp {
  const instr = parse(program(cell)).threads[0]!.lines[0]!.instr!;
  expect(instr.text).toBe(cell);
  expect(instr.pos).toEqual({ file: 't.litmus', line: 4, col: 2 });
  const { pos: _pos, text: _text, ...op } = instr;
  return op;
}

/** `line:col: message` of the InputError that parsing `text` throws. */
function errorOf(text: string): string {
  try {
    parse(text);
  } catch (e) {
    return (e as Error).message.replace(/^t\.litmus:/, '');
  }
  throw new Error('parsed without error');
}

describe('BPF instruction forms', () => {
  const forms: [string, BpfOp][] = [
    // moves
    ['r1 = r2', { op: 'mov', dst: r(1), src: reg(r(2)) }],
    ['w1 = w2', { op: 'mov', dst: w(1), src: reg(w(2)) }],
    ['r1 = 5', { op: 'mov', dst: r(1), src: imm(5) }],
    ['r1 = -5', { op: 'mov', dst: r(1), src: imm(-5) }],
    ['r1 = 0x10', { op: 'mov', dst: r(1), src: imm(16) }],
    ['w3 = 0xffffffff', { op: 'mov', dst: w(3), src: imm(0xffffffff) }],
    ['r1 = 0x123456789 ll', { op: 'mov', dst: r(1), src: imm(0x123456789n), ll: true }],
    ['r1 = 0xffffffffffffffff ll', { op: 'mov', dst: r(1), src: imm(-1), ll: true }],
    ['r1 = fp', { op: 'mov', dst: r(1), src: reg(r(10)) }],
    ['r10 = r0', { op: 'mov', dst: r(10), src: reg(r(0)) }],
    ['r1 = (s8) r2', { op: 'movsx', dst: r(1), src: r(2), from: 8 }],
    ['r1 = (s32) r2', { op: 'movsx', dst: r(1), src: r(2), from: 32 }],
    ['w1 = (s16) w2', { op: 'movsx', dst: w(1), src: w(2), from: 16 }],
    // ALU
    ['r1 += r2', { op: 'alu', alu: 'add', dst: r(1), src: reg(r(2)) }],
    ['r1 -= 1', { op: 'alu', alu: 'sub', dst: r(1), src: imm(1) }],
    ['r1 *= 3', { op: 'alu', alu: 'mul', dst: r(1), src: imm(3) }],
    ['r1 /= r3', { op: 'alu', alu: 'div', dst: r(1), src: reg(r(3)) }],
    ['r1 s/= r3', { op: 'alu', alu: 'sdiv', dst: r(1), src: reg(r(3)) }],
    ['r1 %= 7', { op: 'alu', alu: 'mod', dst: r(1), src: imm(7) }],
    ['r1 s%= 7', { op: 'alu', alu: 'smod', dst: r(1), src: imm(7) }],
    ['r1 &= 0xff', { op: 'alu', alu: 'and', dst: r(1), src: imm(255) }],
    ['r1 |= r2', { op: 'alu', alu: 'or', dst: r(1), src: reg(r(2)) }],
    ['r1 ^= r1', { op: 'alu', alu: 'xor', dst: r(1), src: reg(r(1)) }],
    ['r1 <<= 3', { op: 'alu', alu: 'lsh', dst: r(1), src: imm(3) }],
    ['r1 >>= 3', { op: 'alu', alu: 'rsh', dst: r(1), src: imm(3) }],
    ['r1 s>>= 3', { op: 'alu', alu: 'arsh', dst: r(1), src: imm(3) }],
    ['w1 += w2', { op: 'alu', alu: 'add', dst: w(1), src: reg(w(2)) }],
    ['w1 s>>= 31', { op: 'alu', alu: 'arsh', dst: w(1), src: imm(31) }],
    ['r1 = -r1', { op: 'neg', dst: r(1) }],
    ['w4 = -w4', { op: 'neg', dst: w(4) }],
    // byte swaps
    ['r1 = be16 r1', { op: 'bswap', dst: r(1), kind: 'be', bits: 16 }],
    ['r1 = be32 r1', { op: 'bswap', dst: r(1), kind: 'be', bits: 32 }],
    ['r1 = be64 r1', { op: 'bswap', dst: r(1), kind: 'be', bits: 64 }],
    ['r2 = le16 r2', { op: 'bswap', dst: r(2), kind: 'le', bits: 16 }],
    ['r2 = le32 r2', { op: 'bswap', dst: r(2), kind: 'le', bits: 32 }],
    ['r2 = le64 r2', { op: 'bswap', dst: r(2), kind: 'le', bits: 64 }],
    ['r3 = bswap16 r3', { op: 'bswap', dst: r(3), kind: 'swap', bits: 16 }],
    ['r3 = bswap32 r3', { op: 'bswap', dst: r(3), kind: 'swap', bits: 32 }],
    ['r3 = bswap64 r3', { op: 'bswap', dst: r(3), kind: 'swap', bits: 64 }],
    // loads and stores, with every offset spelling
    ['r3 = *(u32 *)(r1 + 0)', { op: 'load', dst: r(3), mem: mem(32, 1), signed: false }],
    ['r3 = *(u8 *)(r1 + 0x10)', { op: 'load', dst: r(3), mem: mem(8, 1, 16), signed: false }],
    ['r3 = *(u16 *)(r1 +0)', { op: 'load', dst: r(3), mem: mem(16, 1), signed: false }],
    ['r3 = *(u64*)(r4-3)', { op: 'load', dst: r(3), mem: mem(64, 4, -3), signed: false }],
    ['r3 = *(u64 *)(r4 - 3)', { op: 'load', dst: r(3), mem: mem(64, 4, -3), signed: false }],
    ['r3 = *(u64 *)(r1)', { op: 'load', dst: r(3), mem: mem(64, 1), signed: false }],
    ['r3 = *(u32* )(fp - 8)', { op: 'load', dst: r(3), mem: mem(32, 10, -8), signed: false }],
    ['w3 = *(u32 *)(r1 + 0)', { op: 'load', dst: w(3), mem: mem(32, 1), signed: false }],
    ['r3 = *(s8 *)(r1 + 0)', { op: 'load', dst: r(3), mem: mem(8, 1), signed: true }],
    ['r3 = *(s16 *)(r1 + 0)', { op: 'load', dst: r(3), mem: mem(16, 1), signed: true }],
    ['r3 = *(s32 *)(r1 + 0)', { op: 'load', dst: r(3), mem: mem(32, 1), signed: true }],
    ['r3= *(u32 *)(r1 + 0)', { op: 'load', dst: r(3), mem: mem(32, 1), signed: false }],
    ['*(u32 *)(r0 + 0) = 1', { op: 'store', mem: mem(32, 0), src: imm(1) }],
    ['*(u64 *)(r0 + 8) = -1', { op: 'store', mem: mem(64, 0, 8), src: imm(-1) }],
    ['*(u32 *)(r0 + 0) = r5', { op: 'store', mem: mem(32, 0), src: reg(r(5)) }],
    ['*(u16 *)(r0 + 0) = w5', { op: 'store', mem: mem(16, 0), src: reg(w(5)) }],
    ['r1 = load_acquire((u32 *)(r2 + 0))', { op: 'load_acquire', dst: r(1), mem: mem(32, 2) }],
    ['w0 = load_acquire((u8 *)(r1 + 0))', { op: 'load_acquire', dst: w(0), mem: mem(8, 1) }],
    ['store_release((u32 *)(r4 + 0), r3)', { op: 'store_release', mem: mem(32, 4), src: r(3) }],
    ['store_release((u8 *)(r1 + 0), w2)', { op: 'store_release', mem: mem(8, 1), src: w(2) }],
    // atomics without fetch
    ['lock *(u32 *)(r0+0) += r1', { op: 'atomic', aop: 'add', fetch: false, mem: mem(32, 0), src: r(1) }],
    ['lock *(u64 *)(r0 + 0) &= r1', { op: 'atomic', aop: 'and', fetch: false, mem: mem(64, 0), src: r(1) }],
    ['lock *(u32 *)(r1 + 0) |= r2', { op: 'atomic', aop: 'or', fetch: false, mem: mem(32, 1), src: r(2) }],
    ['lock *(u32 *)(r1 + 0) ^= w2', { op: 'atomic', aop: 'xor', fetch: false, mem: mem(32, 1), src: w(2) }],
    // fetch atomics
    ['r6 = atomic_fetch_add((u64*)(r5 + 0), r6)', { op: 'atomic', aop: 'add', fetch: true, mem: mem(64, 5), src: r(6) }],
    ['r6 = atomic_fetch_and((u32 *)(r5 + 0), r6)', { op: 'atomic', aop: 'and', fetch: true, mem: mem(32, 5), src: r(6) }],
    ['r6 = atomic_fetch_or((u64 *)(r5 + 0), r6)', { op: 'atomic', aop: 'or', fetch: true, mem: mem(64, 5), src: r(6) }],
    ['w6 = atomic_fetch_xor((u32 *)(r5 + 0), w6)', { op: 'atomic', aop: 'xor', fetch: true, mem: mem(32, 5), src: w(6) }],
    ['r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)', { op: 'atomic', aop: 'add', fetch: true, mem: mem(64, 1), src: r(2) }],
    ['r2 = atomic64_fetch_and((u64 *)(r1 +0), r2)', { op: 'atomic', aop: 'and', fetch: true, mem: mem(64, 1), src: r(2) }],
    ['r2 = atomic64_fetch_or((u64 *)(r1 +0), r2)', { op: 'atomic', aop: 'or', fetch: true, mem: mem(64, 1), src: r(2) }],
    ['r2 = atomic64_fetch_xor((u64 *)(r1 +0), r2)', { op: 'atomic', aop: 'xor', fetch: true, mem: mem(64, 1), src: r(2) }],
    // exchanges
    ['r1 = xchg_64(r2 + 0, r1)', { op: 'xchg', mem: mem(64, 2), src: r(1) }],
    ['w1 = xchg_32_32(r2 + 4, w1)', { op: 'xchg', mem: mem(32, 2, 4), src: w(1) }],
    ['w1 = xchg32_32(r2 + 0, w1)', { op: 'xchg', mem: mem(32, 2), src: w(1) }],
    ['r1 = xchg_32_32(r2, r1)', { op: 'xchg', mem: mem(32, 2), src: r(1) }],
    ['w1 = atomic_xchg((u32 *)(r2 + 0), w1)', { op: 'xchg', mem: mem(32, 2), src: w(1) }],
    ['r1 = atomic64_xchg((u64 *)(r2 + 0), r1)', { op: 'xchg', mem: mem(64, 2), src: r(1) }],
    ['r0 = cmpxchg_64(r1 + 0, r0, r5)', { op: 'cmpxchg', mem: mem(64, 1), src: r(5) }],
    ['r0 = cmpxchg_64 (r5 + 0, r0, r6)', { op: 'cmpxchg', mem: mem(64, 5), src: r(6) }],
    ['w0 = cmpxchg32_32(r1 + 0, w0, w5)', { op: 'cmpxchg', mem: mem(32, 1), src: w(5) }],
    ['w0 = cmpxchg_32_32(r1 - 4, w0, w5)', { op: 'cmpxchg', mem: mem(32, 1, -4), src: w(5) }],
    ['w0 = atomic_cmpxchg((u32 *)(r1 + 0), w0, w2)', { op: 'cmpxchg', mem: mem(32, 1), src: w(2) }],
    ['r0 = atomic64_cmpxchg((u64 *)(r1 + 0), r0, r2)', { op: 'cmpxchg', mem: mem(64, 1), src: r(2) }],
    // control flow
    ['goto L', { op: 'goto', target: label('L') }],
    ['goto +0', { op: 'goto', target: rel(0) }],
    ['goto pc+0', { op: 'goto', target: rel(0) }],
    ['goto -1', { op: 'goto', target: rel(-1) }],
    ['goto pc-1', { op: 'goto', target: rel(-1) }],
    ['goto +0 <LBB0_4>', { op: 'goto', target: rel(0) }],
    ['if r0 == 42 goto L', { op: 'if', cond: 'eq', lhs: r(0), rhs: imm(42), target: label('L') }],
    ['if r0 != r1 goto L', { op: 'if', cond: 'ne', lhs: r(0), rhs: reg(r(1)), target: label('L') }],
    ['if r0 < 1 goto L', { op: 'if', cond: 'lt', lhs: r(0), rhs: imm(1), target: label('L') }],
    ['if r0 <= 1 goto L', { op: 'if', cond: 'le', lhs: r(0), rhs: imm(1), target: label('L') }],
    ['if r0 > 1 goto L', { op: 'if', cond: 'gt', lhs: r(0), rhs: imm(1), target: label('L') }],
    ['if r0 >= 1 goto L', { op: 'if', cond: 'ge', lhs: r(0), rhs: imm(1), target: label('L') }],
    ['if r0 s< -1 goto L', { op: 'if', cond: 'slt', lhs: r(0), rhs: imm(-1), target: label('L') }],
    ['if r0 s<= r2 goto L', { op: 'if', cond: 'sle', lhs: r(0), rhs: reg(r(2)), target: label('L') }],
    ['if r0 s> 0 goto L', { op: 'if', cond: 'sgt', lhs: r(0), rhs: imm(0), target: label('L') }],
    ['if r0 s>= 0 goto +0', { op: 'if', cond: 'sge', lhs: r(0), rhs: imm(0), target: rel(0) }],
    ['if r0 & 4 goto L', { op: 'if', cond: 'set', lhs: r(0), rhs: imm(4), target: label('L') }],
    ['if w0 == w1 goto L', { op: 'if', cond: 'eq', lhs: w(0), rhs: reg(w(1)), target: label('L') }],
    ['if w0 > 0x10 goto pc+0', { op: 'if', cond: 'gt', lhs: w(0), rhs: imm(16), target: rel(0) }],
    ['exit', { op: 'exit' }],
  ];
  it.each(forms)('%s', (cell, op) => {
    expect(parseInstr(cell)).toEqual(op);
  });

  it('prints every form so that it parses back to the same instruction', () => {
    for (const [cell, op] of forms) {
      const printed = bpfSyntax.printInstr({ ...op, pos: { file: '', line: 0, col: 0 }, text: cell } as BpfInstr);
      expect(parseInstr(printed), `${cell} printed as ${printed}`).toEqual(op);
    }
  });

  it('prints in herd7 spelling', () => {
    const print = (cell: string) => bpfSyntax.printInstr(parse(program(cell)).threads[0]!.lines[0]!.instr!);
    expect(print('r3 = *(u64*)(r4-3)')).toBe('r3 = *(u64 *)(r4 - 3)');
    expect(print('r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)')).toBe('r2 = atomic_fetch_add((u64 *)(r1 + 0), r2)');
    expect(print('r0 = cmpxchg_64 (r5 + 0, r0, r6)')).toBe('r0 = cmpxchg_64(r5 + 0, r0, r6)');
    expect(print('w0 = atomic_cmpxchg((u32 *)(r1 + 0), w0, w2)')).toBe('w0 = cmpxchg32_32(r1 + 0, w0, w2)');
    expect(print('w1 = atomic_xchg((u32 *)(r2 + 0), w1)')).toBe('w1 = xchg_32_32(r2 + 0, w1)');
    expect(print('goto pc-1')).toBe('goto -1');
    expect(print('r1 = fp')).toBe('r1 = r10');
    expect(print('lock *(u32 *)(r0+0) += r1')).toBe('lock *(u32 *)(r0 + 0) += r1');
  });

  it('tells the cell separator from |= inside instructions', () => {
    const text = ['BPF t', '{}', ' P0       | P1                          ;', ' r1 |= r2 | lock *(u32 *)(r1 + 0) |= r2 ;', 'exists (0:r1=0)'].join('\n');
    const [p0, p1] = parse(text).threads;
    expect(p0!.lines[0]!.instr).toMatchObject({ op: 'alu', alu: 'or' });
    expect(p1!.lines[0]!.instr).toMatchObject({ op: 'atomic', aop: 'or', fetch: false });
  });
});

describe('BPF errors', () => {
  const cases: [string, string, string][] = [
    // [cell on line 4, position, message]
    ['r1 = foo', '4:2', "unknown instruction 'r1 = foo'"],
    ['r1 = r2 foo', '4:2', "unknown instruction 'r1 = r2 foo': unexpected 'foo'"],
    ['r1 = *(u32 *)(r2 + 0', '4:2', "unknown instruction 'r1 = *(u32 *)(r2 + 0': expected ')' after 'r1 = *(u32 *)(r2 + 0'"],
    ['lock *(u32 *)(r1 + 0) -= r2', '4:2', "unknown instruction 'lock *(u32 *)(r1 + 0) -= r2': expected an atomic operator: += &= |= ^= after 'lock *(u32 *)(r1 + 0)'"],
    ['r1 = *(u128 *)(r1 + 0)', '4:2', "unknown instruction 'r1 = *(u128 *)(r1 + 0)': expected a size such as u32 after 'r1 = *('"],
    ['if r1 =< r2 goto L', '4:2', "unknown instruction 'if r1 =< r2 goto L': expected a comparison such as == after 'if r1'"],
    ['r0 = cmpxchg_64(r1 + 0, r2, r3)', '4:26', 'cmpxchg_64 compares with r0: the second argument must be r0, not r2'],
    ['r2 = cmpxchg_64(r1 + 0, r0, r3)', '4:2', 'cmpxchg_64 returns the old value in r0: the destination must be r0 or w0, not r2'],
    ['w0 = cmpxchg_64(r1 + 0, w0, w3)', '4:2', 'w0 is a 32-bit register: a 64-bit access needs r0'],
    ['r0 = cmpxchg32_32(r1 + 0, r0, w3)', '4:32', 'r0 and w3 have different widths'],
    ['r2 = atomic_fetch_add((u64 *)(r1+0), r3)', '4:2', 'atomic_fetch_add returns the old value in its source register: the destination must be r3, not r2'],
    ['r2 = xchg_64(r1 + 0, r3)', '4:2', 'xchg_64 returns the old value in its source register: the destination must be r3, not r2'],
    ['w2 = xchg_64(r1 + 0, w2)', '4:23', 'w2 is a 32-bit register: a 64-bit access needs r2'],
    ['r11 = 1', '4:2', "unknown register 'r11' (BPF has r0-r10, w0-w10 and fp)"],
    ['r1 = w11', '4:7', "unknown register 'w11'"],
    ['w1 = r2', '4:7', 'w1 and r2 have different widths: use two rN (64-bit) or two wN (32-bit) registers'],
    ['r1 += w2', '4:8', 'r1 and w2 have different widths'],
    ['if w1 == r2 goto L', '4:11', 'w1 and r2 have different widths'],
    ['w1 = (s8) r2', '4:12', 'w1 and r2 have different widths'],
    ['w1 = (s32) w2', '4:8', '(s32) needs a 64-bit destination'],
    ['w1 = 5 ll', '4:2', "'ll' loads a 64-bit immediate: the destination must be r1, not w1"],
    ['w1 = *(u64 *)(r2 + 0)', '4:2', 'w1 is a 32-bit register: a 64-bit access needs r1'],
    ['*(u64 *)(r2 + 0) = w1', '4:21', 'w1 is a 32-bit register: a 64-bit access needs r1'],
    ['r1 = *(u32 *)(w2 + 0)', '4:16', 'the address register must be 64-bit: write r2, not w2'],
    ['r1 = *(u32 *)(r2 + 40000)', '4:19', 'offset 40000 does not fit in 16 bits'],
    ['*(s32 *)(r2 + 0) = r1', '4:3', '(s32 *) sign-extends: it is only allowed in a load'],
    ['r1 = atomic_fetch_add((u16 *)(r1+0), r1)', '4:24', 'atomic operations need (u32 *) or (u64 *), not (u16 *)'],
    ['lock *(u8 *)(r1 + 0) += r2', '4:8', 'atomic operations need (u32 *) or (u64 *), not (u8 *)'],
    ['r1 = atomic64_fetch_add((u32 *)(r1+0), r1)', '4:26', 'atomic64_fetch_add needs (u64 *), not (u32 *)'],
    ['lock *(u64 *)(r1 + 0) += w2', '4:27', 'w2 is a 32-bit register: a 64-bit access needs r2'],
    ['r1 = -r2', '4:8', 'negation works in place: write r1 = -r1'],
    ['r1 = be16 r2', '4:12', 'a byte swap works in place: write r1 = be16 r1'],
    ['w1 = be16 w1', '4:2', 'byte swaps are written with r registers: r1 = be16 r1'],
    ['r1 = 0x10000000000000000', '4:7', '0x10000000000000000 does not fit in 64 bits'],
    ['goto M', '4:2', "label 'M' is not defined in P0"],
    ['goto +2', '4:2', 'jump +2 goes outside P0, which has 2 instruction slots'],
    ['goto -2', '4:2', 'jump -2 goes outside P0'],
    ['goto +40000', '4:7', 'jump offset +40000 does not fit in 16 bits'],
  ];
  it.each(cases)('%s', (cell, at, message) => {
    expect(errorOf(program(cell))).toContain(`${at}: ${message}`);
  });

  it('rejects a jump into the second slot of a 64-bit immediate load', () => {
    expect(errorOf(program('r1 = 5 ll', 'goto -2'))).toBe('5:2: jump -2 goes into the middle of a 64-bit immediate load (ll)');
  });

  it('rejects w registers outside instructions, and accepts fp there as r10', () => {
    expect(errorOf(program('exit').replace('0:r1=x', '0:w1=x'))).toBe(
      "2:5: unknown register 'w1' (expected r0-r10 or fp; wN registers only appear in instructions)",
    );
    expect(parse(program('exit').replace('0:r1=x', '0:fp=x')).init[0]!.target).toMatchObject({ reg: 'r10' });
  });
});

describe('BPF jump targets', () => {
  it('counts a 64-bit immediate load as two slots', () => {
    const test = parse(program('r1 = 1 ll', 'goto -3', 'if r1 == 0 goto +1', 'r2 = 2'));
    const code = flatten(test.threads[0]!.lines);
    expect(code.instrs.map(slotsOf)).toEqual([2, 1, 1, 1, 1]);
    expect(jumpTarget(code, 1, rel(-3))).toBe(0);
    expect(jumpTarget(code, 2, rel(1))).toBe(4);
    expect(jumpTarget(code, 3, label('L'))).toBe(4);
  });

  it('lets a jump go just past the last instruction', () => {
    const text = ['BPF t', '{}', ' P0 ;', ' goto +1 ;', ' r1 = 1 ;', 'exists (0:r1=0)'].join('\n');
    expect(parse(text).threads[0]!.lines).toHaveLength(2);
  });
});

const CONFORMANCE = new URL('../../shared/conformance/bpf/', import.meta.url);

describe.skipIf(!existsSync(CONFORMANCE))('conformance/bpf (skipped when ../shared/conformance/bpf is missing)', () => {
  const files = existsSync(CONFORMANCE) ? readdirSync(CONFORMANCE).filter((f) => f.endsWith('.litmus')) : [];
  const read = (file: string) => readFileSync(new URL(file, CONFORMANCE), 'utf8');

  it('has the 84 tests', () => expect(files).toHaveLength(84));

  it.each(files)('%s parses, and prints to text that parses to the same test', (file) => {
    const test = parse(read(file));
    expect(test.arch).toBe('BPF');
    expect(test.threads.length).toBeGreaterThan(0);
    expect(stripped(parse(printLitmus(test, bpfSyntax)))).toEqual(stripped(test));
  });

  it('finds the expectation of the tests that state one', () => {
    const stated = files.filter((f) => parse(read(f)).expectation !== undefined);
    expect(stated.length).toBe(82); // LockTwice and WRC+pooncerelease+fencermbonceonce+Once have none
  });
});


// ---- random tests: print, parse, same AST

const NOWHERE = { file: 't.litmus', line: 0, col: 0 };
const anyReg = (wide: boolean) => fc.integer({ min: 0, max: 10 }).map((n): Reg => ({ n, wide }));
const someReg = fc.boolean().chain(anyReg);
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const smallInt = fc.bigInt({ min: -100n, max: 100n });
const immediate = fc.oneof(smallInt, int64);
const offset = fc.oneof(fc.bigInt({ min: -16n, max: 16n }), fc.bigInt({ min: -32768n, max: 32767n }));
const operandOfWidth = (wide: boolean) =>
  fc.oneof(
    anyReg(wide).map((x): Operand => ({ k: 'reg', reg: x })),
    immediate.map((value): Operand => ({ k: 'imm', value })),
  );
const memOf = (sizes: Size[]) =>
  fc.record({ size: fc.constantFrom(...sizes), base: anyReg(true), off: offset }).map((m): Mem => m);
/** A data register for an access of `size`: 64-bit accesses need an r register. */
const dataReg = (size: Size) => (size === 64 ? anyReg(true) : someReg);

/** Jumps get a placeholder target; `fixTargets` points it at a label or instruction of the thread. */
const PLACEHOLDER: Target = { k: 'rel', off: 0 };

const arbOp: fc.Arbitrary<BpfOp> = fc.oneof(
  someReg.chain((dst) => operandOfWidth(dst.wide).map((src): BpfOp => ({ op: 'mov', dst, src }))),
  fc.tuple(anyReg(true), int64).map(([dst, value]): BpfOp => ({ op: 'mov', dst, src: { k: 'imm', value }, ll: true })),
  someReg.chain((dst) =>
    fc
      .tuple(anyReg(dst.wide), dst.wide ? fc.constantFrom(8, 16, 32 as const) : fc.constantFrom(8, 16 as const))
      .map(([src, from]): BpfOp => ({ op: 'movsx', dst, src, from })),
  ),
  someReg.chain((dst) =>
    fc
      .tuple(fc.constantFrom('add', 'sub', 'mul', 'div', 'sdiv', 'mod', 'smod', 'and', 'or', 'xor', 'lsh', 'rsh', 'arsh' as const), operandOfWidth(dst.wide))
      .map(([alu, src]): BpfOp => ({ op: 'alu', alu, dst, src })),
  ),
  someReg.map((dst): BpfOp => ({ op: 'neg', dst })),
  fc
    .tuple(anyReg(true), fc.constantFrom('be', 'le', 'swap' as const), fc.constantFrom(16, 32, 64 as const))
    .map(([dst, kind, bits]): BpfOp => ({ op: 'bswap', dst, kind, bits })),
  memOf([8, 16, 32, 64]).chain((m) =>
    fc.tuple(dataReg(m.size), fc.boolean()).map(([dst, signed]): BpfOp => ({ op: 'load', dst, mem: m, signed: signed && m.size !== 64 })),
  ),
  memOf([8, 16, 32, 64]).chain((m) =>
    fc
      .oneof(dataReg(m.size).map((x): Operand => ({ k: 'reg', reg: x })), immediate.map((value): Operand => ({ k: 'imm', value })))
      .map((src): BpfOp => ({ op: 'store', mem: m, src })),
  ),
  memOf([8, 16, 32, 64]).chain((m) => dataReg(m.size).map((dst): BpfOp => ({ op: 'load_acquire', dst, mem: m }))),
  memOf([8, 16, 32, 64]).chain((m) => dataReg(m.size).map((src): BpfOp => ({ op: 'store_release', mem: m, src }))),
  memOf([32, 64]).chain((m) =>
    fc
      .tuple(fc.constantFrom('add', 'and', 'or', 'xor' as const), fc.boolean(), dataReg(m.size))
      .map(([aop, fetch, src]): BpfOp => ({ op: 'atomic', aop, fetch, mem: m, src })),
  ),
  memOf([32, 64]).chain((m) => dataReg(m.size).map((src): BpfOp => ({ op: 'xchg', mem: m, src }))),
  memOf([32, 64]).chain((m) => dataReg(m.size).map((src): BpfOp => ({ op: 'cmpxchg', mem: m, src }))),
  fc.constant<BpfOp>({ op: 'goto', target: PLACEHOLDER }),
  someReg.chain((lhs) =>
    fc
      .tuple(fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'slt', 'sle', 'sgt', 'sge', 'set' as const), operandOfWidth(lhs.wide))
      .map(([cond, rhs]): BpfOp => ({ op: 'if', cond, lhs, rhs, target: PLACEHOLDER })),
  ),
  fc.constant<BpfOp>({ op: 'exit' }),
);

/** Cells of one thread: a label, an instruction, or both. */
const arbLines = fc.array(
  fc.record({ labelled: fc.boolean(), op: fc.option(arbOp, { nil: undefined }), seed: fc.nat() }),
  { maxLength: 6 },
);

function fixTargets(cells: { labelled: boolean; op: BpfOp | undefined; seed: number }[]): Line<BpfInstr>[] {
  const lines: Line<BpfInstr>[] = cells
    .filter((c) => c.labelled || c.op)
    .map((c, i) => {
      const line: Line<BpfInstr> = { pos: NOWHERE };
      if (c.labelled || !c.op) line.label = `L${i}`;
      if (c.op) line.instr = { ...c.op, pos: NOWHERE, text: '' } as BpfInstr;
      return line;
    });
  const code = flatten(lines);
  const labels = [...code.labels.keys()];
  const seeds = cells.filter((c) => c.labelled || c.op).filter((c) => c.op).map((c) => c.seed);
  code.instrs.forEach((instr, i) => {
    if (instr.op !== 'goto' && instr.op !== 'if') return;
    const seed = seeds[i]!;
    if (labels.length && seed % 2 === 0) instr.target = { k: 'label', name: labels[seed % labels.length]! };
    else {
      const to = seed % (code.instrs.length + 1);
      instr.target = { k: 'rel', off: code.slotStarts[to]! - code.slotStarts[i + 1]! };
    }
  });
  return lines;
}

const LOCATIONS = ['x', 'y', 'z', 'buf', 'flag', '__tmp_0'];

function arbTest(): fc.Arbitrary<LitmusTest<BpfInstr>> {
  return fc.integer({ min: 1, max: 4 }).chain((threadCount) => {
    const loc = fc.constantFrom(...LOCATIONS);
    const observable = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: threadCount - 1 }), fc.integer({ min: 0, max: 10 })).map(
        ([thread, n]): Observable => ({ kind: 'reg', thread, reg: `r${n}`, pos: NOWHERE }),
      ),
      loc.map((l): Observable => ({ kind: 'loc', loc: l, pos: NOWHERE })),
    );
    const value = fc.oneof(int64.map((v): Value => ({ kind: 'int', value: v })), loc.map((l): Value => ({ kind: 'addr', loc: l })));
    const atom = fc.tuple(observable, value).map(([lhs, rhs]): Cond => ({ k: 'atom', pos: NOWHERE, lhs, rhs }));
    const { cond } = fc.letrec<{ cond: Cond }>((tie) => ({
      cond: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.constantFrom<Cond>({ k: 'true' }, { k: 'false' }),
        tie('cond').map((c): Cond => ({ k: 'not', c })),
        fc.tuple(fc.constantFrom('and', 'or', 'implies' as const), tie('cond'), tie('cond')).map(([k, a, b]): Cond => ({ k, a, b })),
      ),
    }));
    const initEntry = fc
      .tuple(observable, value, fc.option(fc.constantFrom('int', 'uint64_t', 'int *', 'unsigned long'), { nil: undefined }))
      .map(([target, v, type]): InitEntry => (type ? { pos: NOWHERE, target, value: v, type } : { pos: NOWHERE, target, value: v }));
    const word = fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/);
    return fc
      .record({
        name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9+.\-_]{0,15}$/),
        altName: fc.option(word, { nil: undefined }),
        doc: fc.option(fc.stringMatching(/^[A-Za-z0-9 ,.;+-]{0,20}$/), { nil: undefined }),
        meta: fc.array(fc.record({ key: fc.stringMatching(/^[A-Z][a-z]{1,6}$/), value: fc.stringMatching(/^([A-Za-z0-9,:=]+( [A-Za-z0-9,:=]+)*)?$/) }), { maxLength: 3 }),
        init: fc.array(initEntry, { maxLength: 5 }),
        threads: fc.array(arbLines, { minLength: threadCount, maxLength: threadCount }),
        locations: fc.array(observable, { maxLength: 3 }),
        filter: fc.option(cond, { nil: undefined }),
        quantifier: fc.constantFrom('exists', '~exists', 'forall' as const),
        prop: cond,
        expectation: fc.option(fc.constantFrom('Never', 'Sometimes', 'Always', 'Allowed', 'Forbidden', 'Required' as const), { nil: undefined }),
      })
      .map((g) => {
        const test: LitmusTest<BpfInstr> = {
          file: 't.litmus',
          arch: 'BPF',
          name: g.name,
          meta: g.meta,
          init: g.init,
          threads: g.threads.map((cells, id): ThreadCode<BpfInstr> => ({ id, pos: NOWHERE, lines: fixTargets(cells) })),
          locations: g.locations,
          condition: { pos: NOWHERE, quantifier: g.quantifier, prop: g.prop },
        };
        if (g.altName !== undefined) test.altName = g.altName;
        if (g.doc !== undefined) test.doc = g.doc;
        if (g.filter) test.filter = g.filter;
        if (g.expectation) test.expectation = g.expectation;
        return test;
      });
  });
}

describe('print then parse', () => {
  it('gives back the same test (random BPF tests)', () => {
    fc.assert(
      fc.property(arbTest(), (test) => {
        const text = printLitmus(test, bpfSyntax);
        expect(stripped(parse(text)), text).toEqual(stripped(test));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
