/**
 * AArch64: the front end (instruction forms, errors, printing), the semantics (values, events,
 * tags, dependencies, rmw/amo), our litmus tests in litmus/aarch64/ and the conformance corpus
 * (../shared/conformance/aarch64) against herd7's verdicts and states.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LitmusTest } from '../src/litmus/ast.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { printLitmus } from '../src/litmus/print.js';
import type { A64Instr, A64Op, Addr, Reg } from '../src/isa/aarch64/instr.js';
import { a64Semantics } from '../src/isa/aarch64/sem.js';
import { a64Syntax } from '../src/isa/aarch64/syntax.js';
import { buildSkeleton } from '../src/semantics/build.js';
import { evalCond, evalExpr, signed64 } from '../src/semantics/expr.js';
import type { MemEvent, Skeleton, ThreadPath } from '../src/semantics/skeleton.js';
import { describeConformance, describeOwnTests } from './support/arch-suites.js';

afterAll(async () => {
  const { shutdownZ3 } = await import('../src/engine/smt/z3.js');
  await shutdownZ3();
});

const X = (n: number): Reg => ({ n, wide: true });
const W = (n: number): Reg => ({ n, wide: false });
const at = (base: number, more: Partial<Addr> = {}): Addr => ({ base: X(base), off: 0n, mode: 'offset', ...more });
const plain = { acquire: false, release: false };

/** A one-thread test around `cells`, one per row, with a label L after them for branches. */
function program(...cells: string[]): string {
  return ['AArch64 t', '{ 0:X1=x; 0:X2=y; }', ' P0 ;', ...cells.map((c) => ` ${c} ;`), ' L: ;', 'exists (0:X0=0)', ''].join('\n');
}

function parse(text: string): LitmusTest<A64Instr> {
  return parseLitmus(text, 't.litmus', [a64Syntax]);
}

function parseInstr(cell: string): A64Op {
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

// ---------------------------------------------------------------- front end

describe('AArch64 instruction forms', () => {
  const forms: [string, A64Op][] = [
    // moves and arithmetic
    ['MOV W0,#1', { op: 'mov', dst: W(0), src: { k: 'imm', value: 1n } }],
    ['MOV X3, X4', { op: 'mov', dst: X(3), src: { k: 'reg', reg: X(4) } }],
    ['mov w0,#-1', { op: 'mov', dst: W(0), src: { k: 'imm', value: -1n } }],
    ['MVN W0,W1', { op: 'mvn', dst: W(0), src: { k: 'reg', reg: W(1) } }],
    ['NEG X0,X1', { op: 'neg', dst: X(0), src: { k: 'reg', reg: X(1) } }],
    ['ADD W2,W1,#1', { op: 'alu', alu: 'ADD', flags: false, dst: W(2), a: W(1), b: { k: 'imm', value: 1n } }],
    ['ADD X5,X4,W2,SXTW', { op: 'alu', alu: 'ADD', flags: false, dst: X(5), a: X(4), b: { k: 'ext', reg: W(2), ext: 'SXTW', amount: 0 } }],
    ['SUB X0,X1,X2,LSL #3', { op: 'alu', alu: 'SUB', flags: false, dst: X(0), a: X(1), b: { k: 'reg', reg: X(2), shift: { op: 'LSL', amount: 3 } } }],
    ['SUBS W0,W1,W2', { op: 'alu', alu: 'SUB', flags: true, dst: W(0), a: W(1), b: { k: 'reg', reg: W(2) } }],
    ['EOR W2,W1,W1', { op: 'alu', alu: 'EOR', flags: false, dst: W(2), a: W(1), b: { k: 'reg', reg: W(1) } }],
    ['AND W0,W1,#2', { op: 'alu', alu: 'AND', flags: false, dst: W(0), a: W(1), b: { k: 'imm', value: 2n } }],
    ['ORR W2,W1,#1', { op: 'alu', alu: 'ORR', flags: false, dst: W(2), a: W(1), b: { k: 'imm', value: 1n } }],
    ['LSR X0,X1,#4', { op: 'alu', alu: 'LSR', flags: false, dst: X(0), a: X(1), b: { k: 'imm', value: 4n } }],
    ['CMP W0,#1', { op: 'cmp', kind: 'CMP', a: W(0), b: { k: 'imm', value: 1n } }],
    ['TST X0,X1', { op: 'cmp', kind: 'TST', a: X(0), b: { k: 'reg', reg: X(1) } }],
    ['CSEL W2, WZR, W5, NE', { op: 'csel', kind: 'CSEL', dst: W(2), a: W(31), b: W(5), cond: 'NE' }],
    ['CSINC X0,X1,X2,HS', { op: 'csel', kind: 'CSINC', dst: X(0), a: X(1), b: X(2), cond: 'CS' }],
    ['CSET W0,lt', { op: 'cset', dst: W(0), cond: 'LT' }],
    // loads and stores, every addressing mode
    ['LDR W0,[X1]', { op: 'load', size: 32, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDR X0, [X1, #8]', { op: 'load', size: 64, signed: false, order: 'plain', exclusive: false, dst: X(0), addr: at(1, { off: 8n }) }],
    ['LDR W0,[X1,W2,SXTW]', { op: 'load', size: 32, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1, { index: { reg: W(2), ext: 'SXTW', amount: 0 } }) }],
    ['LDR W0,[X1,X2]', { op: 'load', size: 32, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1, { index: { reg: X(2), ext: 'LSL', amount: 0 } }) }],
    ['LDR X0,[X1,X2,LSL #3]', { op: 'load', size: 64, signed: false, order: 'plain', exclusive: false, dst: X(0), addr: at(1, { index: { reg: X(2), ext: 'LSL', amount: 3 } }) }],
    ['LDR W0,[X1],#4', { op: 'load', size: 32, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1, { off: 4n, mode: 'post' }) }],
    ['LDR W0,[X1,#-4]!', { op: 'load', size: 32, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1, { off: -4n, mode: 'pre' }) }],
    ['LDRB W0,[X1]', { op: 'load', size: 8, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDRH W0,[X1]', { op: 'load', size: 16, signed: false, order: 'plain', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDRSB X0,[X1]', { op: 'load', size: 8, signed: true, order: 'plain', exclusive: false, dst: X(0), addr: at(1) }],
    ['LDRSW X0,[X1]', { op: 'load', size: 32, signed: true, order: 'plain', exclusive: false, dst: X(0), addr: at(1) }],
    ['STR W0,[X1]', { op: 'store', size: 32, release: false, src: W(0), addr: at(1) }],
    ['STRB W0,[X1,#1]', { op: 'store', size: 8, release: false, src: W(0), addr: at(1, { off: 1n }) }],
    ['STRH W0,[X1]', { op: 'store', size: 16, release: false, src: W(0), addr: at(1) }],
    ['STR X0,[X1,W2,UXTW #3]', { op: 'store', size: 64, release: false, src: X(0), addr: at(1, { index: { reg: W(2), ext: 'UXTW', amount: 3 } }) }],
    // acquire, release, exclusives
    ['LDAR W0,[X1]', { op: 'load', size: 32, signed: false, order: 'acquire', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDARB W0,[X1]', { op: 'load', size: 8, signed: false, order: 'acquire', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDARH W0,[X1]', { op: 'load', size: 16, signed: false, order: 'acquire', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDAPR X0,[X1]', { op: 'load', size: 64, signed: false, order: 'acquirePC', exclusive: false, dst: X(0), addr: at(1) }],
    ['LDAPRB W0,[X1]', { op: 'load', size: 8, signed: false, order: 'acquirePC', exclusive: false, dst: W(0), addr: at(1) }],
    ['LDAPRH W0,[X1]', { op: 'load', size: 16, signed: false, order: 'acquirePC', exclusive: false, dst: W(0), addr: at(1) }],
    ['STLR W0,[X1]', { op: 'store', size: 32, release: true, src: W(0), addr: at(1) }],
    ['STLRB W0,[X1]', { op: 'store', size: 8, release: true, src: W(0), addr: at(1) }],
    ['STLRH W0,[X1]', { op: 'store', size: 16, release: true, src: W(0), addr: at(1) }],
    ['LDXR X0,[X1]', { op: 'load', size: 64, signed: false, order: 'plain', exclusive: true, dst: X(0), addr: at(1) }],
    ['LDAXR W0,[X1]', { op: 'load', size: 32, signed: false, order: 'acquire', exclusive: true, dst: W(0), addr: at(1) }],
    ['STXR W2,X0,[X1]', { op: 'storex', size: 64, release: false, status: W(2), src: X(0), addr: at(1) }],
    ['STLXR W2,W0,[X1]', { op: 'storex', size: 32, release: true, status: W(2), src: W(0), addr: at(1) }],
    // LSE atomics
    ['LDADD W1,W2,[X3]', { op: 'atomic', aop: 'ADD', size: 32, order: plain, src: W(1), dst: W(2), addr: at(3), alias: false }],
    ['LDADDAL X1,X2,[X3]', { op: 'atomic', aop: 'ADD', size: 64, order: { acquire: true, release: true }, src: X(1), dst: X(2), addr: at(3), alias: false }],
    ['LDCLRA W1,W2,[X3]', { op: 'atomic', aop: 'CLR', size: 32, order: { acquire: true, release: false }, src: W(1), dst: W(2), addr: at(3), alias: false }],
    ['LDSETL W1,W2,[X3]', { op: 'atomic', aop: 'SET', size: 32, order: { acquire: false, release: true }, src: W(1), dst: W(2), addr: at(3), alias: false }],
    ['LDEORALH W1,W2,[X3]', { op: 'atomic', aop: 'EOR', size: 16, order: { acquire: true, release: true }, src: W(1), dst: W(2), addr: at(3), alias: false }],
    ['SWPALB W1,W2,[X3]', { op: 'atomic', aop: 'SWP', size: 8, order: { acquire: true, release: true }, src: W(1), dst: W(2), addr: at(3), alias: false }],
    ['SWP WZR,WZR,[X3]', { op: 'atomic', aop: 'SWP', size: 32, order: plain, src: W(31), dst: W(31), addr: at(3), alias: false }],
    ['STADD W1,[X3]', { op: 'atomic', aop: 'ADD', size: 32, order: plain, src: W(1), dst: W(31), addr: at(3), alias: true }],
    ['STADDL X1,[X3]', { op: 'atomic', aop: 'ADD', size: 64, order: { acquire: false, release: true }, src: X(1), dst: X(31), addr: at(3), alias: true }],
    ['STCLR W1,[X3]', { op: 'atomic', aop: 'CLR', size: 32, order: plain, src: W(1), dst: W(31), addr: at(3), alias: true }],
    ['STSETLB W1,[X3]', { op: 'atomic', aop: 'SET', size: 8, order: { acquire: false, release: true }, src: W(1), dst: W(31), addr: at(3), alias: true }],
    ['STEOR W1,[X3]', { op: 'atomic', aop: 'EOR', size: 32, order: plain, src: W(1), dst: W(31), addr: at(3), alias: true }],
    ['CAS W0, W1, [X2]', { op: 'cas', size: 32, order: plain, cmp: W(0), src: W(1), addr: at(2) }],
    ['CASAL X0,X1,[X2]', { op: 'cas', size: 64, order: { acquire: true, release: true }, cmp: X(0), src: X(1), addr: at(2) }],
    ['CASLH W0,W1,[X2]', { op: 'cas', size: 16, order: { acquire: false, release: true }, cmp: W(0), src: W(1), addr: at(2) }],
    // barriers and branches
    ['DMB SY', { op: 'barrier', kind: 'DMB', option: 'SY' }],
    ['DMB ISHLD', { op: 'barrier', kind: 'DMB', option: 'ISHLD' }],
    ['DMB ishst', { op: 'barrier', kind: 'DMB', option: 'ISHST' }],
    ['DSB ISH', { op: 'barrier', kind: 'DSB', option: 'ISH' }],
    ['ISB', { op: 'isb' }],
    ['NOP', { op: 'nop' }],
    ['B L', { op: 'b', target: 'L' }],
    ['B.EQ L', { op: 'bcond', cond: 'EQ', target: 'L' }],
    ['B.LO L', { op: 'bcond', cond: 'CC', target: 'L' }],
    ['CBZ X0,L', { op: 'cbz', nonzero: false, reg: X(0), target: 'L' }],
    ['CBNZ W0,L', { op: 'cbz', nonzero: true, reg: W(0), target: 'L' }],
    ['TBNZ W0,#3,L', { op: 'tbz', nonzero: true, reg: W(0), bit: 3, target: 'L' }],
  ];

  it.each(forms)('%s', (cell, op) => {
    expect(parseInstr(cell)).toEqual(op);
  });

  it('prints every form so that it parses back to the same instruction', () => {
    for (const [cell, op] of forms) expect(parseInstr(a64Syntax.printInstr({ ...op, pos: { file: '', line: 0, col: 0 }, text: '' })), cell).toEqual(op);
  });
});

describe('AArch64 input errors', () => {
  const errors: [string, string][] = [
    ['FOO W0', "4:2: unknown AArch64 instruction 'FOO'"],
    ['LDP W0,W1,[X1]', '4:2: LDP is an AArch64 instruction that bpf-herd does not support'],
    ['MOVK W0,#1', '4:2: MOVK is an AArch64 instruction that bpf-herd does not support'],
    ['B.XX L', "4:2: unknown condition in 'B.XX' (expected B. followed by one of EQ NE CS CC MI PL VS VC HI LS GE LT GT LE AL NV HS LO)"],
    ['MOV W31,#1', "4:6: unknown register 'W31' (AArch64 has X0-X30, W0-W30, XZR and WZR)"],
    ['MOV SP,X1', '4:6: the stack pointer SP is not supported: use a general-purpose register'],
    ['LDR W0,[W1]', '4:10: LDR needs a 64-bit X register as the base register, not W1'],
    ['LDRB X0,[X1]', '4:7: LDRB needs a 32-bit W register as the destination, not X0'],
    ['LDRSW W0,[X1]', '4:8: LDRSW needs a 64-bit X register as the destination Xt, not W0'],
    ['LDAR W0,[X1,#4]', '4:10: LDAR only takes a base register: write [X1]'],
    ['STLR W0,[X1],#4', '4:10: STLR only takes a base register: write [X1]'],
    ['LDR W0,[X1,W2]', '4:13: a W index register needs an extension: write W2, SXTW or W2, UXTW'],
    ['LDR W0,[X1,X2,SXTW]', '4:13: SXTW extends a W register, not X2'],
    ['STXR X0,W1,[X1]', '4:7: STXR needs a 32-bit W register as the status register Ws, not X0'],
    ['ADD W0,X1,#1', '4:9: ADD needs a 32-bit W register as the first operand, not X1'],
    ['ADD W0,W1', '4:2: ADD is missing an operand (usage: ADD Rd, Rn, Rm|#imm)'],
    ['ADD W0,W1,W2,LSL #40', '4:15: shift amount 40 is out of range 0-31'],
    ['MOV W0,#0x100000000', '4:9: 4294967296 does not fit in a 32-bit register'],
    ['CAS W0,X1,[X2]', '4:9: CAS needs a 32-bit W register as the new value Rt, not X1'],
    ['STADD W0,W1,[X2]', "4:11: STADD expects a memory operand [Xn...] here, not 'W1'"],
    ['DMB FOO', "4:6: unknown DMB option 'FOO' (expected one of SY ST LD ISH ISHST ISHLD OSH OSHST OSHLD NSH NSHST NSHLD)"],
    ['CSEL W0,W1,W2,ZZ', "4:16: unknown condition 'ZZ' (expected one of EQ NE CS CC MI PL VS VC HI LS GE LT GT LE AL NV HS LO)"],
    ['CBNZ W0', '4:2: CBNZ is missing a label (usage: CBNZ Rt, label)'],
    ['CBZ X0,L,L', '4:11: CBZ takes no more operands here (usage: CBZ Rt, label)'],
    ['TBNZ W0,#40,L', '4:10: bit 40 is out of range 0-31 for a W register'],
    ['B M', "4:2: label 'M' is not defined in P0"],
    ['MOV W0 W1', "4:2: unknown instruction 'MOV W0 W1': unexpected 'W1'"],
  ];

  it.each(errors)('%s', (cell, message) => {
    expect(errorOf(program(cell))).toBe(message);
  });

  it('names registers in the initial state and the condition by their X form', () => {
    const test = parse(program('NOP').replace('0:X2=y', '0:W2=y').replace('exists (0:X0=0)', 'exists (0:W0=0 /\\ 0:x3=1)'));
    expect(test.init[1]!.target).toMatchObject({ kind: 'reg', thread: 0, reg: 'X2' });
    expect(errorOf(program('NOP').replace('0:X2=y', '0:R2=y'))).toBe("2:13: unknown register 'R2' (expected X0-X30 (W0-W30 name the same registers))");
  });
});

// ---------------------------------------------------------------- semantics

function skeleton(text: string, unroll = 2): Skeleton {
  return buildSkeleton(parse(text) as LitmusTest, a64Semantics, { unroll });
}

const eventsOf = (skel: Skeleton, path: ThreadPath): MemEvent[] => path.events.map((id) => skel.events[id]!);
const kinds = (evs: MemEvent[]) => evs.map((e) => `${e.fence ? 'F' : ''}${e.read ? 'R' : ''}${e.write ? 'W' : ''}[${e.tags.join(',')}]`);

/** Reads of one thread's only path return the location's value in `memory` (0 if absent). */
function readerOf(skel: Skeleton, memory: Record<string, bigint>) {
  return (ev: number) => memory[skel.locations[skel.events[ev]!.mayLocs[0]!]!] ?? 0n;
}

/** The final registers of a one-thread program (one path), as signed numbers. */
function finalRegs(cells: string[], memory: Record<string, bigint> = {}): Record<string, bigint> {
  const skel = skeleton(program(...cells));
  expect(skel.threads[0]!.paths).toHaveLength(1);
  const read = readerOf(skel, memory);
  const out: Record<string, bigint> = {};
  for (const [r, e] of skel.threads[0]!.paths[0]!.regs) out[r] = signed64(evalExpr(e, read));
  return out;
}

describe('AArch64 values', () => {
  it('a W write zero-extends; X registers hold 64 bits', () => {
    expect(finalRegs(['MOV W0,#-1', 'MOV X3,#-1', 'ADD W4,W0,#1', 'ADD X5,X3,#1', 'MOV W6,W3', 'MVN W7,WZR', 'NEG X8,X0'])).toMatchObject({
      X0: 0xffffffffn, X3: -1n, X4: 0n, X5: 0n, X6: 0xffffffffn, X7: 0xffffffffn, X8: -0xffffffffn,
    });
  });

  it('logic, shifts, extensions, multiplication and division', () => {
    expect(finalRegs(['MOV W1,#12', 'MOV W2,#10', 'AND W3,W1,W2', 'ORR W4,W1,#1', 'EOR W5,W1,W2', 'BIC W6,W1,W2', 'ORN W7,WZR,W1', 'EON W8,W1,WZR']))
      .toMatchObject({ X3: 8n, X4: 13n, X5: 6n, X6: 4n, X7: 0xfffffff3n, X8: 0xfffffff3n });
    expect(finalRegs(['MOV W1,#1', 'LSL W2,W1,#31', 'ASR W3,W2,#31', 'LSR W4,W2,#31', 'MOV W5,#33', 'LSL W6,W1,W5', 'MOV X7,#-8', 'ASR X8,X7,#1']))
      .toMatchObject({ X2: 0x80000000n, X3: 0xffffffffn, X4: 1n, X6: 2n, X8: -4n });
    expect(finalRegs(['MOV W1,#-2', 'MOV X2,#100', 'ADD X3,X2,W1,SXTW', 'ADD X4,X2,W1,UXTW', 'SUB X5,X2,X2,LSL #1']))
      .toMatchObject({ X3: 98n, X4: 100n + 0xfffffffen, X5: -100n });
    expect(finalRegs(['MOV W1,#-6', 'MOV W2,#4', 'MUL W3,W1,W2', 'SDIV W4,W1,W2', 'UDIV W5,W2,WZR', 'SDIV X6,X2,XZR']))
      .toMatchObject({ X3: 0xffffffe8n, X4: 0xffffffffn, X5: 0n, X6: 0n });
  });

  it('loads zero-extend, LDRS* sign-extend, stores truncate', () => {
    expect(finalRegs(['LDR W3,[X1]', 'LDRH W4,[X1]', 'LDRB W5,[X1]', 'LDR X6,[X1]', 'LDRSB W7,[X1]', 'LDRSH X8,[X1]', 'LDRSW X9,[X1]'], { x: -2n })).toMatchObject({
      X3: 0xfffffffen, X4: 0xfffen, X5: 0xfen, X6: -2n, X7: 0xfffffffen, X8: -2n, X9: -2n,
    });
    const skel = skeleton(program('MOV X0,#-1', 'STRB W0,[X1]', 'STRH W0,[X1]', 'STR W0,[X1]', 'STR X0,[X1]'));
    const writes = eventsOf(skel, skel.threads[0]!.paths[0]!);
    expect(writes.map((e) => [e.size, evalExpr(e.wval!, () => 0n)])).toEqual([[8, 0xffn], [16, 0xffffn], [32, 0xffffffffn], [64, 2n ** 64n - 1n]]);
  });

  it('addresses: offsets, sign-extended indexes, pre- and post-indexing write back the base', () => {
    const skel = skeleton(program('SUB X3,X2,X1', 'LDR W0,[X1,X3]', 'ADD X4,X2,#8', 'LDR W0,[X4,#-8]', 'MOV W9,#-4', 'LDR W0,[X4,W9,SXTW #1]',
      'LDR W5,[X1],#8', 'LDR W6,[X1,#-8]!'));
    const path = skel.threads[0]!.paths[0]!;
    const where = (e: { addr: Parameters<typeof evalExpr>[0] }) => evalExpr(e.addr, () => 0n);
    const [x, y] = ['x', 'y'].map((l) => where(skel.events[skel.locations.indexOf(l)]!));
    expect(eventsOf(skel, path).map(where)).toEqual([y, y, y, x, x]);
    expect(evalExpr(path.regs.get('X1')!, () => 0n)).toBe(x);
    expect(evalExpr(path.regs.get('X4')!, () => 0n)).toBe(y! + 8n);
  });

  it('compares set NZCV, which B.cond tests', () => {
    /** Whether `B.<cond> L` after `setup` is taken (it skips `MOV W9,#1`). */
    const taken = (setup: string[], cond: string): boolean => {
      const skel = skeleton(program(...setup, `B.${cond} L`, 'MOV W9,#1'));
      expect(skel.threads[0]!.paths).toHaveLength(1);
      return !skel.threads[0]!.paths[0]!.regs.has('X9');
    };
    const minusOneVsOne = ['MOV W1,#-1', 'MOV W2,#1', 'CMP W1,W2'];
    expect(taken(minusOneVsOne, 'LT')).toBe(true); // -1 < 1 signed
    expect(taken(minusOneVsOne, 'LO')).toBe(false); // 0xffffffff > 1 unsigned
    expect(taken(minusOneVsOne, 'HI')).toBe(true);
    expect(taken(minusOneVsOne, 'NE')).toBe(true);
    expect(taken(minusOneVsOne, 'MI')).toBe(true);
    expect(taken(minusOneVsOne, 'GE')).toBe(false);
    expect(taken(['MOV W1,#-1', 'CMP X1,#1'], 'GT')).toBe(true); // X1 = 0xffffffff is positive on 64 bits
    expect(taken(['MOV W1,#5', 'CMP W1,#5'], 'EQ')).toBe(true);
    expect(taken(['MOV W1,#5', 'CMP W1,#5'], 'LS')).toBe(true);
    expect(taken(['MOV W1,#5', 'CMP W1,#5'], 'HS')).toBe(true);
    expect(taken(['MOV W1,#5', 'CMP W1,#5'], 'GT')).toBe(false);
    expect(taken(['MOV W1,#5', 'CMP W1,#5'], 'LE')).toBe(true);
    expect(taken(['MOV W1,#0x7fffffff', 'CMN W1,#1'], 'VS')).toBe(true); // signed overflow
    expect(taken(['MOV W1,#-1', 'CMN W1,#1'], 'CS')).toBe(true); // carry out, result 0
    expect(taken(['MOV W1,#-1', 'CMN W1,#1'], 'EQ')).toBe(true);
    expect(taken(['MOV W1,#6', 'TST W1,#1'], 'EQ')).toBe(true);
    expect(taken(['MOV W1,#6', 'ANDS W3,W1,#2'], 'NE')).toBe(true);
    expect(taken(['MOV W1,#6'], 'AL')).toBe(true);
    expect(finalRegs(['MOV W1,#3', 'CMP W1,#3', 'CSEL W2,W1,WZR,EQ', 'CSINC W3,W1,W1,NE', 'CSINV W4,WZR,WZR,NE', 'CSNEG W5,W1,W1,NE', 'CSET W6,GE']))
      .toMatchObject({ X2: 3n, X3: 4n, X4: 0xffffffffn, X5: 0xfffffffdn, X6: 1n });
  });

  it('CBZ, CBNZ and TBZ test a register', () => {
    const taken = (cells: string[]) => !skeleton(program(...cells, 'MOV W9,#1')).threads[0]!.paths[0]!.regs.has('X9');
    expect(taken(['MOV X1,#0x100000000', 'CBZ W1,L'])).toBe(true); // the W view is 0
    expect(taken(['MOV X1,#0x100000000', 'CBZ X1,L'])).toBe(false);
    expect(taken(['MOV W1,#8', 'TBNZ W1,#3,L'])).toBe(true);
    expect(taken(['MOV W1,#8', 'TBZ W1,#3,L'])).toBe(false);
  });

  it('LSE atomics return the old value and store op(old, Rs) at their size', () => {
    const skel = skeleton(program('MOV W5,#3', 'LDADDB W5,W6,[X1]', 'LDCLR W5,W7,[X1]', 'LDSET X5,X8,[X1]', 'LDEOR W5,W9,[X1]', 'SWPH W5,W10,[X1]',
      'LDSMAX W5,W11,[X1]', 'LDUMIN W5,W12,[X1]'));
    const path = skel.threads[0]!.paths[0]!;
    const evs = eventsOf(skel, path);
    const old = 0xfffffffen; // every read returns this
    const read = () => old;
    const stored = evs.filter((e) => e.write).map((e) => evalExpr(e.wval!, read));
    expect(stored).toEqual([0x01n, 0xfffffffcn, old | 3n, old ^ 3n, 3n, 3n, 3n]);
    expect(['X6', 'X7', 'X8', 'X10'].map((r) => evalExpr(path.regs.get(r)!, read))).toEqual([0xfen, old, old, 0xfffen]);
  });
});

describe('AArch64 events, tags and relations', () => {
  it('tags acquire, acquirePC, release, exclusives and barriers', () => {
    const skel = skeleton(program('LDAR W0,[X1]', 'LDAPR W0,[X1]', 'STLR W0,[X1]', 'LDAXR W0,[X1]', 'STLXR W3,W0,[X1]', 'DMB ISH', 'DMB ISHLD', 'DMB ST', 'DSB SY', 'ISB'));
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual([
      'R[A]', 'R[Q]', 'W[L]', 'R[A,X]', 'W[X,L]', 'F[DMB.ISH]', 'F[DMB.ISHLD]', 'F[DMB.ST]', 'F[DSB.SY]', 'F[ISB]',
    ]);
    for (const tag of ['A', 'Q', 'L', 'X', 'NoRet', 'ISB', 'DMB.SY', 'DMB.ISHST', 'DSB.OSHLD']) expect(a64Semantics.tagNames).toContain(tag);
  });

  it('an LSE atomic is a read and a write related by amo (and rmw), with its ordering tags', () => {
    const skel = skeleton(program('LDADDAL W0,W3,[X1]', 'SWPA W0,W4,[X1]', 'STADDL W0,[X1]', 'LDCLRA W0,WZR,[X1]', 'SWPAL W0,WZR,[X1]'));
    const path = skel.threads[0]!.paths[0]!;
    expect(kinds(eventsOf(skel, path))).toEqual(['R[A]', 'W[L]', 'R[A]', 'W[]', 'R[NoRet]', 'W[L]', 'R[NoRet]', 'W[]', 'R[NoRet]', 'W[L]']);
    const ev = path.events;
    const pairs = [[ev[0], ev[1]], [ev[2], ev[3]], [ev[4], ev[5]], [ev[6], ev[7]], [ev[8], ev[9]]];
    expect(path.amo).toEqual(pairs);
    expect(path.rmw).toEqual(pairs);
    // the read and the write of one instruction are not in po: they share their instruction index
    expect(eventsOf(skel, path).map((e) => e.seq)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('CAS reads, and writes only when the comparison succeeds; Rs gets the value read', () => {
    const skel = skeleton(program('MOV W0,#1', 'MOV W5,#2', 'CASAL W0,W5,[X1]'));
    const paths = skel.threads[0]!.paths;
    // success twice (Rs receives the value read, or keeps its own: see the next test), then failure
    expect(paths.map((p) => kinds(eventsOf(skel, p)))).toEqual([['R[A]', 'W[L]'], ['R[A]', 'W[L]'], ['R[A]']]);
    const [success, , failure] = paths;
    expect(success!.amo).toEqual([success!.events]);
    expect(failure!.amo).toEqual([]);
    const read = (v: bigint) => () => v;
    expect(evalCond(success!.guard[0]!, read(1n))).toBe(true);
    expect(evalCond(failure!.guard[0]!, read(7n))).toBe(true);
    expect(evalExpr(failure!.regs.get('X0')!, read(7n))).toBe(7n);
    // a CAS whose compared register is the zero register returns nothing: no acquire
    const noRet = skeleton(program('CASA WZR,W5,[X1]'));
    expect(kinds(eventsOf(noRet, noRet.threads[0]!.paths[0]!))).toEqual(['R[NoRet]', 'W[]']);
  });

  it('after a successful CAS, Rs depends on the read, or keeps its own dependency with a pick on the read', () => {
    const skel = skeleton(program('LDR W0,[X2]', 'MOV W5,#2', 'CAS W0,W5,[X1]', 'STR W0,[X2]'));
    const [received, kept] = skel.threads[0]!.paths;
    const [load, casRead, , store] = received!.events;
    expect(received!.deps.data).toContainEqual([casRead, store]);
    expect(received!.deps.data).not.toContainEqual([load, store]);
    const [load2, casRead2, , store2] = kept!.events;
    expect(kept!.deps.data).toContainEqual([load2, store2]);
    expect(kept!.deps.data).not.toContainEqual([casRead2, store2]);
    expect(kept!.deps.pick).toContainEqual([casRead2, store2]);
  });

  it('a store-exclusive pairs with its load-exclusive by rmw, or fails; without a reservation it fails', () => {
    const pair = skeleton(program('LDXR W0,[X1]', 'ADD W0,W0,#1', 'STXR W3,W0,[X1]'));
    const [success, failure] = pair.threads[0]!.paths;
    expect(kinds(eventsOf(pair, success!))).toEqual(['R[X]', 'W[X]']);
    expect(success!.rmw).toEqual([success!.events]);
    expect(success!.amo).toEqual([]);
    expect(success!.deps.data).toEqual([success!.events]);
    expect(evalExpr(success!.regs.get('X3')!, () => 0n)).toBe(0n);
    // a store-exclusive may always fail, with no guard: herd7's spurious failure
    expect(kinds(eventsOf(pair, failure!))).toEqual(['R[X]']);
    expect(failure!.guard).toEqual([]);
    expect(evalExpr(failure!.regs.get('X3')!, () => 0n)).toBe(1n);
    for (const cells of [['STXR W3,W0,[X1]'], ['LDXR W0,[X1]', 'STXR W3,W0,[X2]'], ['LDXR X0,[X1]', 'STXR W3,W0,[X1]']]) {
      const skel = skeleton(program(...cells));
      expect(skel.threads[0]!.paths, cells.join('; ')).toHaveLength(1);
      const only = skel.threads[0]!.paths[0]!;
      expect(kinds(eventsOf(skel, only)).filter((k) => k.startsWith('W'))).toEqual([]);
      expect(evalExpr(only.regs.get('X3')!, () => 0n)).toBe(1n);
    }
    // the reservation is used up: a second store-exclusive fails
    const twice = skeleton(program('LDXR W0,[X1]', 'STXR W3,W0,[X1]', 'STXR W4,W0,[X1]'));
    expect(twice.threads[0]!.paths.map((p) => kinds(eventsOf(twice, p)))).toEqual([['R[X]', 'W[X]'], ['R[X]']]);
  });

  it('records addr, data, ctrl and pick dependencies, through NZCV and CSEL too', () => {
    const skel = skeleton(program('LDR W0,[X1]', 'EOR W3,W0,W0', 'LDR W4,[X2,W3,SXTW]', 'ADD W5,W4,#1', 'STR W5,[X1]',
      'CMP W0,#1', 'CSEL W6,W5,WZR,EQ', 'STR W6,[X2]', 'CBNZ W4,L1', 'L1:', 'ISB', 'STR WZR,[X1]'));
    const paths = skel.threads[0]!.paths;
    const path = paths.find((p) => p.events.length === 6)!;
    const [r1, r2, w1, w2, isb, w3] = path.events;
    expect(kinds(eventsOf(skel, path))).toEqual(['R[]', 'R[]', 'W[]', 'W[]', 'F[ISB]', 'W[]']);
    expect(path.deps.addr).toEqual([[r1, r2]]);
    // the CSEL result has a pick dependency on the flags (r1) and a data one on the register it picks
    expect(path.deps.pick).toContainEqual([r1, w2]);
    expect(path.deps.data.filter(([, w]) => w === w2).map(([r]) => r)).not.toContain(r1);
    expect(path.deps.data).toContainEqual([r2, w1]);
    expect(path.deps.ctrl).toEqual([[r2, isb], [r2, w3]]);
    // a compare and B.cond: ctrl from the compared read to everything after
    const viaFlags = skeleton(program('LDR W0,[X1]', 'CMP W0,#0', 'B.EQ L1', 'L1:', 'STR W0,[X2]'));
    const p = viaFlags.threads[0]!.paths[0]!;
    expect(p.deps.ctrl).toEqual([[p.events[0], p.events[1]]]);
  });

  it('unrolls LL/SC retry loops: a branch back is taken at most --unroll times', () => {
    const skel = skeleton(program('L0:', 'LDR W0,[X1]', 'CBNZ W0,L0'), 2);
    expect(skel.threads[0]!.paths.map((p) => p.events.length).sort()).toEqual([1, 2, 3]);
    expect(skel.threads[0]!.cutPaths).toBe(1);
  });
});

// ---------------------------------------------------------------- our tests and the conformance corpus

describeOwnTests('aarch64', { minimum: 8 });

describeConformance('aarch64', {
  count: 352,
  parse: (text) => parse(text),
  print: (test) => printLitmus(test, a64Syntax),
  engineSample: (_, i) => i % 16 === 6,
  minEngineSample: 20,
});
