import { afterAll, describe, expect, it } from 'vitest';
import type { LitmusTest } from '../src/litmus/ast.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { printLitmus } from '../src/litmus/print.js';
import type { Action, PpcInstr, Src } from '../src/isa/ppc/instr.js';
import { rotateMask } from '../src/isa/ppc/alu.js';
import { ppcSemantics } from '../src/isa/ppc/sem.js';
import { ppcSyntax } from '../src/isa/ppc/syntax.js';
import { buildSkeleton } from '../src/semantics/build.js';
import { evalExpr, signed64 } from '../src/semantics/expr.js';
import type { MemEvent, Skeleton, ThreadPath } from '../src/semantics/skeleton.js';
import { describeConformance, describeOwnTests } from './support/arch-suites.js';

afterAll(async () => {
  const { shutdownZ3 } = await import('../src/engine/smt/z3.js');
  await shutdownZ3();
});

const reg = (r: string): Src => ({ k: 'reg', reg: r });
const imm = (v: number | bigint): Src => ({ k: 'imm', value: BigInt(v) });
const ZERO = imm(0);

/** A one-thread test around `cells`, one per row, with a label L after them for branches. */
function program(...cells: string[]): string {
  return ['PPC t', '{ 0:r2=x; 0:r4=y; [x]=0; }', ' P0 ;', ...cells.map((c) => ` ${c} ;`), ' L: ;', 'exists (0:r1=0)', ''].join('\n');
}

function parse(text: string): LitmusTest<PpcInstr> {
  return parseLitmus(text, 't.litmus', [ppcSyntax]);
}

function parseInstr(cell: string): PpcInstr {
  const instr = parse(program(cell)).threads[0]!.lines[0]!.instr!;
  expect(instr.text).toBe(cell);
  expect(instr.pos).toEqual({ file: 't.litmus', line: 4, col: 2 });
  return instr;
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

describe('Power instruction forms', () => {
  const forms: [string, Action][] = [
    // loads: D-form, DS-form, indexed; rA = r0 is the constant 0
    ['lwz r1,0(r2)', { k: 'load', size: 32, signed: false, rt: 'r1', ea: { base: reg('r2'), index: imm(0) }, reserve: false }],
    ['lbz r1,-8(r2)', { k: 'load', size: 8, signed: false, rt: 'r1', ea: { base: reg('r2'), index: imm(-8) }, reserve: false }],
    ['lhz r1,2(r2)', { k: 'load', size: 16, signed: false, rt: 'r1', ea: { base: reg('r2'), index: imm(2) }, reserve: false }],
    ['lha r1,2(r2)', { k: 'load', size: 16, signed: true, rt: 'r1', ea: { base: reg('r2'), index: imm(2) }, reserve: false }],
    ['lwa r1,4(r2)', { k: 'load', size: 32, signed: true, rt: 'r1', ea: { base: reg('r2'), index: imm(4) }, reserve: false }],
    ['ld r1,8(r2)', { k: 'load', size: 64, signed: false, rt: 'r1', ea: { base: reg('r2'), index: imm(8) }, reserve: false }],
    ['lwz r1,0x10(r0)', { k: 'load', size: 32, signed: false, rt: 'r1', ea: { base: ZERO, index: imm(16) }, reserve: false }],
    ['lwzx r4,r3,r5', { k: 'load', size: 32, signed: false, rt: 'r4', ea: { base: reg('r3'), index: reg('r5') }, reserve: false }],
    ['lbzx r4,r0,r5', { k: 'load', size: 8, signed: false, rt: 'r4', ea: { base: ZERO, index: reg('r5') }, reserve: false }],
    ['lhzx r4,r3,r5', { k: 'load', size: 16, signed: false, rt: 'r4', ea: { base: reg('r3'), index: reg('r5') }, reserve: false }],
    ['lhax r4,r3,r5', { k: 'load', size: 16, signed: true, rt: 'r4', ea: { base: reg('r3'), index: reg('r5') }, reserve: false }],
    ['lwax r4,r3,r5', { k: 'load', size: 32, signed: true, rt: 'r4', ea: { base: reg('r3'), index: reg('r5') }, reserve: false }],
    ['ldx r4,r3,r5', { k: 'load', size: 64, signed: false, rt: 'r4', ea: { base: reg('r3'), index: reg('r5') }, reserve: false }],
    ['lwz r1,0(%y1)', { k: 'load', size: 32, signed: false, rt: 'r1', ea: { base: reg('%y1'), index: imm(0) }, reserve: false }],
    // stores
    ['stw r1,0(r2)', { k: 'store', size: 32, rs: 'r1', ea: { base: reg('r2'), index: imm(0) }, conditional: false }],
    ['stb r1,1(r2)', { k: 'store', size: 8, rs: 'r1', ea: { base: reg('r2'), index: imm(1) }, conditional: false }],
    ['sth r1,2(r2)', { k: 'store', size: 16, rs: 'r1', ea: { base: reg('r2'), index: imm(2) }, conditional: false }],
    ['std r1,-8(r2)', { k: 'store', size: 64, rs: 'r1', ea: { base: reg('r2'), index: imm(-8) }, conditional: false }],
    ['stwx r1,r3,r2', { k: 'store', size: 32, rs: 'r1', ea: { base: reg('r3'), index: reg('r2') }, conditional: false }],
    ['stbx r1,r3,r2', { k: 'store', size: 8, rs: 'r1', ea: { base: reg('r3'), index: reg('r2') }, conditional: false }],
    ['sthx r1,r3,r2', { k: 'store', size: 16, rs: 'r1', ea: { base: reg('r3'), index: reg('r2') }, conditional: false }],
    ['stdx r1,r0,r2', { k: 'store', size: 64, rs: 'r1', ea: { base: ZERO, index: reg('r2') }, conditional: false }],
    // reservations
    ['lwarx r4,r0,r3', { k: 'load', size: 32, signed: false, rt: 'r4', ea: { base: ZERO, index: reg('r3') }, reserve: true }],
    ['ldarx r4,r5,r3', { k: 'load', size: 64, signed: false, rt: 'r4', ea: { base: reg('r5'), index: reg('r3') }, reserve: true }],
    ['stwcx. r5,r0,r3', { k: 'store', size: 32, rs: 'r5', ea: { base: ZERO, index: reg('r3') }, conditional: true }],
    ['stdcx. r5,r0,r3', { k: 'store', size: 64, rs: 'r5', ea: { base: ZERO, index: reg('r3') }, conditional: true }],
    // barriers
    ['sync', { k: 'fence', fence: 'sync' }],
    ['hwsync', { k: 'fence', fence: 'sync' }],
    ['lwsync', { k: 'fence', fence: 'lwsync' }],
    ['isync', { k: 'fence', fence: 'isync' }],
    ['eieio', { k: 'fence', fence: 'eieio' }],
    // compares and branches
    ['cmpw r1,r2', { k: 'cmp', bf: 0, width: 32, signed: true, ra: 'r1', b: reg('r2') }],
    ['cmpw cr1,r1,r2', { k: 'cmp', bf: 1, width: 32, signed: true, ra: 'r1', b: reg('r2') }],
    ['cmplw r1,r2', { k: 'cmp', bf: 0, width: 32, signed: false, ra: 'r1', b: reg('r2') }],
    ['cmpd r1,r2', { k: 'cmp', bf: 0, width: 64, signed: true, ra: 'r1', b: reg('r2') }],
    ['cmpld cr7,r1,r2', { k: 'cmp', bf: 7, width: 64, signed: false, ra: 'r1', b: reg('r2') }],
    ['cmpwi r1,-1', { k: 'cmp', bf: 0, width: 32, signed: true, ra: 'r1', b: imm(-1) }],
    ['cmplwi r1,65535', { k: 'cmp', bf: 0, width: 32, signed: false, ra: 'r1', b: imm(65535) }],
    ['cmpdi cr2,r1,0', { k: 'cmp', bf: 2, width: 64, signed: true, ra: 'r1', b: imm(0) }],
    ['cmpldi r1,7', { k: 'cmp', bf: 0, width: 64, signed: false, ra: 'r1', b: imm(7) }],
    ['beq L', { k: 'bc', bf: 0, bit: 'eq', when: true, target: 'L' }],
    ['bne  L', { k: 'bc', bf: 0, bit: 'eq', when: false, target: 'L' }],
    ['blt cr1,L', { k: 'bc', bf: 1, bit: 'lt', when: true, target: 'L' }],
    ['bge L', { k: 'bc', bf: 0, bit: 'lt', when: false, target: 'L' }],
    ['bgt L', { k: 'bc', bf: 0, bit: 'gt', when: true, target: 'L' }],
    ['ble L', { k: 'bc', bf: 0, bit: 'gt', when: false, target: 'L' }],
    ['bso L', { k: 'bc', bf: 0, bit: 'so', when: true, target: 'L' }],
    ['bns L', { k: 'bc', bf: 0, bit: 'so', when: false, target: 'L' }],
    ['b L', { k: 'b', target: 'L' }],
    // arithmetic, with the extended mnemonics decoded
    ['li r1,-5', { k: 'alu', fn: 'add', rt: 'r1', a: ZERO, b: imm(-5), record: false }],
    ['lis r1,1', { k: 'alu', fn: 'add', rt: 'r1', a: ZERO, b: imm(0x10000), record: false }],
    ['lis r1,0xffff', { k: 'alu', fn: 'add', rt: 'r1', a: ZERO, b: imm(-0x10000), record: false }],
    ['addi r1,r2,3', { k: 'alu', fn: 'add', rt: 'r1', a: reg('r2'), b: imm(3), record: false }],
    ['addi r1,r0,3', { k: 'alu', fn: 'add', rt: 'r1', a: ZERO, b: imm(3), record: false }],
    ['addis r1,r2,-1', { k: 'alu', fn: 'add', rt: 'r1', a: reg('r2'), b: imm(-0x10000), record: false }],
    ['mr r1,r2', { k: 'alu', fn: 'or', rt: 'r1', a: reg('r2'), b: reg('r2'), record: false }],
    ['mr. r1,r2', { k: 'alu', fn: 'or', rt: 'r1', a: reg('r2'), b: reg('r2'), record: true }],
    ['not r1,r2', { k: 'alu', fn: 'nor', rt: 'r1', a: reg('r2'), b: reg('r2'), record: false }],
    ['add r1,r2,r3', { k: 'alu', fn: 'add', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['add. r1,r2,r3', { k: 'alu', fn: 'add', rt: 'r1', a: reg('r2'), b: reg('r3'), record: true }],
    ['subf r1,r2,r3', { k: 'alu', fn: 'sub', rt: 'r1', a: reg('r3'), b: reg('r2'), record: false }],
    ['sub r1,r2,r3', { k: 'alu', fn: 'sub', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['mullw r1,r2,r3', { k: 'alu', fn: 'mullw', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['mulld r1,r2,r3', { k: 'alu', fn: 'mulld', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['divwu r1,r2,r3', { k: 'alu', fn: 'divwu', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['divdu r1,r2,r3', { k: 'alu', fn: 'divdu', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['divd r1,r2,r3', { k: 'alu', fn: 'divd', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['modud r1,r2,r3', { k: 'alu', fn: 'modud', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['neg r1,r2', { k: 'alu', fn: 'neg', rt: 'r1', a: reg('r2'), b: ZERO, record: false }],
    ['xor r6,r4,r4', { k: 'alu', fn: 'xor', rt: 'r6', a: reg('r4'), b: reg('r4'), record: false }],
    ['and r1,r2,r3', { k: 'alu', fn: 'and', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['and. r1,r2,r3', { k: 'alu', fn: 'and', rt: 'r1', a: reg('r2'), b: reg('r3'), record: true }],
    ['or r1,r2,r3', { k: 'alu', fn: 'or', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['nor r1,r2,r3', { k: 'alu', fn: 'nor', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['andi. r1,r2,0xff', { k: 'alu', fn: 'and', rt: 'r1', a: reg('r2'), b: imm(255), record: true }],
    ['andis. r1,r2,1', { k: 'alu', fn: 'and', rt: 'r1', a: reg('r2'), b: imm(0x10000), record: true }],
    ['ori r1,r2,65535', { k: 'alu', fn: 'or', rt: 'r1', a: reg('r2'), b: imm(65535), record: false }],
    ['oris r1,r2,0x8000', { k: 'alu', fn: 'or', rt: 'r1', a: reg('r2'), b: imm(0x80000000), record: false }],
    ['xori r1,r2,1', { k: 'alu', fn: 'xor', rt: 'r1', a: reg('r2'), b: imm(1), record: false }],
    ['xoris r1,r2,1', { k: 'alu', fn: 'xor', rt: 'r1', a: reg('r2'), b: imm(0x10000), record: false }],
    ['slw r1,r2,r3', { k: 'alu', fn: 'slw', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['srad r1,r2,r3', { k: 'alu', fn: 'srad', rt: 'r1', a: reg('r2'), b: reg('r3'), record: false }],
    ['srawi r1,r2,31', { k: 'alu', fn: 'sraw', rt: 'r1', a: reg('r2'), b: imm(31), record: false }],
    ['sradi r1,r2,63', { k: 'alu', fn: 'srad', rt: 'r1', a: reg('r2'), b: imm(63), record: false }],
    ['extsw r1,r2', { k: 'alu', fn: 'extsw', rt: 'r1', a: reg('r2'), b: ZERO, record: false }],
    ['extsb. r1,r2', { k: 'alu', fn: 'extsb', rt: 'r1', a: reg('r2'), b: ZERO, record: true }],
    // rotate and mask (mb, me in 64-bit numbering)
    ['rlwinm r1,r2,0,0,31', { k: 'rotate', width: 32, rt: 'r1', rs: 'r2', sh: 0, mb: 32, me: 63, record: false }],
    ['slwi r1,r2,4', { k: 'rotate', width: 32, rt: 'r1', rs: 'r2', sh: 4, mb: 32, me: 59, record: false }],
    ['srwi r1,r2,4', { k: 'rotate', width: 32, rt: 'r1', rs: 'r2', sh: 28, mb: 36, me: 63, record: false }],
    ['clrlwi r1,r2,16', { k: 'rotate', width: 32, rt: 'r1', rs: 'r2', sh: 0, mb: 48, me: 63, record: false }],
    ['rldicl r1,r2,0,32', { k: 'rotate', width: 64, rt: 'r1', rs: 'r2', sh: 0, mb: 32, me: 63, record: false }],
    ['rldicr r1,r2,8,55', { k: 'rotate', width: 64, rt: 'r1', rs: 'r2', sh: 8, mb: 0, me: 55, record: false }],
    ['sldi r1,r2,3', { k: 'rotate', width: 64, rt: 'r1', rs: 'r2', sh: 3, mb: 0, me: 60, record: false }],
    ['srdi r1,r2,3', { k: 'rotate', width: 64, rt: 'r1', rs: 'r2', sh: 61, mb: 3, me: 63, record: false }],
    ['clrldi r1,r2,32', { k: 'rotate', width: 64, rt: 'r1', rs: 'r2', sh: 0, mb: 32, me: 63, record: false }],
    ['nop', { k: 'nop' }],
  ];

  it.each(forms)('%s', (cell, action) => {
    const instr = parseInstr(cell);
    expect(instr.action).toEqual(action);
    // printing keeps the mnemonic and parses back to the same instruction
    expect(parseInstr(ppcSyntax.printInstr(instr)).action).toEqual(action);
  });

  it('accepts every mnemonic of the conformance folder and the JIT list', () => {
    for (const cell of ['lwz r1,0(r2)', 'stwx r1,r3,r2', 'lwarx r4,r0,r3', 'stwcx. r5,r0,r3', 'cmpw r1,r1', 'beq L', 'bne L', 'li r1,1', 'mr r1,r2', 'xor r1,r2,r3', 'addi r1,r1,1', 'eieio', 'isync', 'sync', 'lwsync'])
      expect(() => parseInstr(cell)).not.toThrow();
  });
});

describe('Power errors', () => {
  const cases: [string, string][] = [
    ['lwzu r1,4(r2)', "4:2: 'lwzu' is a Power instruction that bpf-herd does not support"],
    ['mfcr r1', "4:2: 'mfcr' is a Power instruction that bpf-herd does not support"],
    ['frob r1', "4:2: unknown instruction 'frob'"],
    ['stwcx r5,r0,r3', "4:2: unknown instruction 'stwcx': did you mean 'stwcx.'?"],
    ['addi. r1,r1,1', "4:2: addi has no record form 'addi.'"],
    ['lwz r1,r2', '4:9: operand 2 of lwz must be a displacement D(rA), such as 0(r2), not a register (lwz rT,D(rA))'],
    ['lwz r1', '4:2: lwz takes 2 operands (lwz rT,D(rA)), found 1'],
    ['sync r1', '4:7: too many operands: sync'],
    ['li r1,r2', '4:8: operand 2 of li must be a signed 16-bit immediate (-32768..32767), not a register (li rT,SI)'],
    ['li r1,32768', '4:8: 32768 is out of range: operand 2 of li is a signed 16-bit immediate (-32768..32767)'],
    ['ori r1,r1,-1', '4:12: -1 is out of range: operand 3 of ori is an unsigned 16-bit immediate (0..65535)'],
    ['slwi r1,r1,32', '4:13: 32 is out of range: operand 3 of slwi is a bit number 0..31'],
    ['ld r1,6(r2)', '4:8: ld needs a displacement that is a multiple of 4, not 6'],
    ['lwz r1,40000(r2)', '4:9: displacement 40000 does not fit in 16 bits (-32768..32767)'],
    ['lwz r32,0(r2)', "4:6: unknown register 'r32' (Power has r0-r31)"],
    ['cmpw cr8,r1,r2', "4:7: unknown condition register field 'cr8' (Power has cr0-cr7)"],
    ['lwz cr1,0(r2)', '4:6: operand 1 of lwz must be a register, not a condition register field (lwz rT,D(rA))'],
    ['beq r1', '4:6: operand 1 of beq must be a label, not a register (beq [crF,]target)'],
    ['beq Nowhere', "4:2: label 'Nowhere' is not defined in P0"],
    ['lwz r1,0(r2', "4:2: unknown instruction 'lwz r1,0(r2': expected ')' after 'lwz r1,0(r2'"],
  ];
  it.each(cases)('%s', (cell, message) => {
    expect(errorOf(program(cell))).toBe(message);
  });

  it('reports registers of the initial state and the condition as herd writes them', () => {
    expect(errorOf(program('nop').replace('0:r2=x', '0:x2=x'))).toBe("2:5: unknown register 'x2' (expected r0-r31, or a symbolic register %name)");
    const symbolic = parse(program('lwz r1,0(%x0)').replace('0:r2=x;', '%x0=x;'));
    expect(symbolic.init[0]!.target).toMatchObject({ kind: 'reg', thread: 0, reg: '%x0' });
  });
});

// ---------------------------------------------------------------- semantics

function skeleton(text: string, unroll = 2): Skeleton {
  return buildSkeleton(parse(text) as LitmusTest, ppcSemantics, { unroll });
}

/**
 * The final registers of a one-thread program (one path), as signed numbers; every read reads
 * the initial value of its location from `memory` (truncated to its size by the read itself).
 */
function finalRegs(cells: string[], memory: Record<string, bigint> = {}): Record<string, bigint> {
  const skel = skeleton(program(...cells));
  expect(skel.threads[0]!.paths).toHaveLength(1);
  const path = skel.threads[0]!.paths[0]!;
  const read = (ev: number) => memory[skel.locations[skel.events[ev]!.mayLocs[0]!]!] ?? 0n;
  const out: Record<string, bigint> = {};
  for (const [r, e] of path.regs) out[r] = signed64(evalExpr(e, read));
  return out;
}

const eventsOf = (skel: Skeleton, path: ThreadPath): MemEvent[] => path.events.map((id) => skel.events[id]!);
const kinds = (evs: MemEvent[]) => evs.map((e) => `${e.fence ? 'F' : ''}${e.read ? 'R' : ''}${e.write ? 'W' : ''}[${e.tags.join(',')}]`);

describe('Power values', () => {
  it('loads immediates: li sign-extends, lis shifts, addi and loads read r0 as 0', () => {
    expect(finalRegs(['li r1,-1', 'lis r3,1', 'lis r5,-32768', 'li r0,7', 'addi r6,r0,5', 'addis r7,r0,2'])).toMatchObject({
      r1: -1n, r3: 0x10000n, r5: -(2n ** 31n), r6: 5n, r7: 0x20000n,
    });
  });

  it('computes on 64 bits; word forms look at the low 32 bits', () => {
    expect(finalRegs(['li r1,5', 'li r2,7', 'subf r3,r1,r2', 'sub r4,r1,r2', 'neg r5,r1', 'add r6,r1,r2'])).toMatchObject({ r3: 2n, r4: -2n, r5: -5n, r6: 12n });
    expect(finalRegs(['li r1,-1', 'rldicl r2,r1,0,32', 'extsw r3,r2', 'clrlwi r4,r1,16', 'extsb r5,r4', 'extsh r6,r4'])).toMatchObject({
      r2: 0xffffffffn, r3: -1n, r4: 0xffffn, r5: -1n, r6: -1n,
    });
    expect(finalRegs(['li r1,-2', 'li r2,3', 'mullw r3,r1,r2', 'divwu r4,r2,r2', 'divw r5,r1,r2', 'divdu r6,r2,r7', 'modud r8,r2,r7'])).toMatchObject({
      r3: -6n, r4: 1n, r5: 0n, r6: 0n, r8: 0n,
    });
  });

  it('shifts and rotates', () => {
    expect(finalRegs(['li r1,1', 'slwi r2,r1,31', 'sldi r3,r1,32', 'srwi r4,r2,31', 'srdi r5,r3,32', 'srawi r6,r2,31', 'sradi r7,r3,1'])).toMatchObject({
      r2: 0x80000000n, r3: 2n ** 32n, r4: 1n, r5: 1n, r6: -1n, r7: 2n ** 31n,
    });
    expect(finalRegs(['li r1,1', 'li r8,32', 'slw r2,r1,r8', 'li r9,31', 'slw r3,r1,r9', 'sraw r4,r3,r8', 'srw r5,r3,r9', 'li r10,64', 'sld r6,r1,r10', 'srad r7,r3,r10']))
      .toMatchObject({ r2: 0n, r3: 0x80000000n, r4: -1n, r5: 1n, r6: 0n, r7: 0n });
    expect(finalRegs(['lis r1,0x1234', 'ori r1,r1,0x5678', 'rlwinm r2,r1,8,0,31', 'rotlwi r3,r1,16', 'rldicr r4,r1,32,31'])).toMatchObject({
      r1: 0x12345678n, r2: 0x34567812n, r3: 0x56781234n, r4: 0x1234567800000000n,
    });
    expect(rotateMask(32, 63)).toBe(0xffffffffn);
    expect(rotateMask(63, 0)).toBe(0x8000000000000001n);
  });

  it('logic with immediates zero-extends them', () => {
    expect(finalRegs(['li r1,-1', 'andi. r2,r1,0xffff', 'andis. r3,r1,0x8000', 'xoris r4,r1,0xffff', 'oris r5,r0,1', 'not r6,r1', 'nor r7,r1,r1'])).toMatchObject({
      r2: 0xffffn, r3: 0x80000000n, r4: -1n ^ 0xffff0000n, r5: 0x10000n, r6: 0n, r7: 0n,
    });
  });

  it('loads zero-extend, lha and lwa sign-extend, stores truncate', () => {
    expect(finalRegs(['lwz r1,0(r2)', 'lhz r3,0(r2)', 'lha r5,0(r2)', 'lwa r6,0(r2)', 'lbz r7,0(r2)', 'ld r8,0(r2)'], { x: -2n })).toMatchObject({
      r1: 0xfffffffen, r3: 0xfffen, r5: -2n, r6: -2n, r7: 0xfen, r8: -2n,
    });
    const skel = skeleton(program('li r1,-1', 'stb r1,0(r2)', 'sth r1,0(r2)', 'stw r1,0(r2)', 'std r1,0(r2)'));
    const writes = eventsOf(skel, skel.threads[0]!.paths[0]!);
    expect(writes.map((e) => [e.size, evalExpr(e.wval!, () => 0n)])).toEqual([[8, 0xffn], [16, 0xffffn], [32, 0xffffffffn], [64, 2n ** 64n - 1n]]);
  });

  it('compares set a condition register field that branches test', () => {
    /** Whether `br Lb` after `setup; cmp` falls through (to `li r9,1`). */
    const run = (setup: string[], cmp: string, br: string): boolean => {
      const skel = skeleton(['PPC t', '{ }', ' P0 ;', ...[...setup, cmp, `${br} Lb`, 'li r9,1'].map((c) => ` ${c} ;`), ' Lb: ;', 'exists (0:r9=0)', ''].join('\n'));
      expect(skel.threads[0]!.paths).toHaveLength(1);
      return skel.threads[0]!.paths[0]!.regs.has('r9');
    };
    const m1 = ['li r1,-1', 'li r2,1'];
    expect(run(m1, 'cmpw r1,r2', 'blt')).toBe(false); // -1 < 1 signed: taken
    expect(run(m1, 'cmplw r1,r2', 'blt')).toBe(true); // 0xffffffff > 1 unsigned: not taken
    expect(run(m1, 'cmpd r1,r2', 'bgt')).toBe(true);
    expect(run(m1, 'cmpld cr3,r1,r2', 'bgt cr3,')).toBe(false);
    expect(run(m1, 'cmpwi r1,-1', 'beq')).toBe(false);
    expect(run(m1, 'cmpwi r1,-1', 'bne')).toBe(true);
    expect(run(m1, 'cmplwi r2,1', 'bge')).toBe(false);
    expect(run(m1, 'cmpdi r2,2', 'ble')).toBe(false);
    expect(run(['lis r1,1', 'li r2,0'], 'cmpw r1,r2', 'beq')).toBe(true); // 0x10000 vs 0
    expect(run(['li r1,-1', 'rldicl r1,r1,0,32', 'li r2,-1'], 'cmpw r1,r2', 'beq')).toBe(false); // low words equal
    expect(run(['li r1,-1', 'rldicl r1,r1,0,32', 'li r2,-1'], 'cmpd r1,r2', 'beq')).toBe(true);
    expect(run(m1, 'and. r3,r1,r2', 'bne')).toBe(false); // record form: result 1 is not 0
    expect(run(m1, 'andi. r3,r2,2', 'beq')).toBe(false); // result 0
    expect(run(m1, 'add. r3,r1,r2', 'bso')).toBe(true); // so stays clear
    expect(run(m1, 'cmpw cr1,r1,r1', 'beq')).toBe(true); // cr0 was never set: eq clear
  });
});

describe('Power events, tags and relations', () => {
  it('tags fences and reservations', () => {
    const skel = skeleton(program('sync', 'lwsync', 'isync', 'eieio', 'lwarx r1,r0,r2', 'stwcx. r1,r0,r2', 'lwz r3,0(r4)', 'stw r3,0(r4)'));
    expect(ppcSemantics.tagNames).toEqual(['SYNC', 'LWSYNC', 'ISYNC', 'EIEIO', 'X']);
    const path = skel.threads[0]!.paths[0]!;
    expect(kinds(eventsOf(skel, path))).toEqual(['F[SYNC]', 'F[LWSYNC]', 'F[ISYNC]', 'F[EIEIO]', 'R[X]', 'W[X]', 'R[]', 'W[]']);
    const [, , , , r, w] = path.events;
    expect(path.rmw).toEqual([[r, w]]);
    expect(path.amo).toEqual([]);
  });

  it('a store-conditional without a reservation, or of another size, does not store', () => {
    for (const cells of [['stwcx. r1,r0,r2'], ['lwarx r1,r0,r2', 'stwcx. r1,r0,r2', 'stwcx. r1,r0,r2'], ['ldarx r1,r0,r2', 'stwcx. r1,r0,r2']]) {
      const skel = skeleton(program(...cells, 'beq L', 'li r9,1'));
      const paths = skel.threads[0]!.paths;
      const last = paths[0]!;
      expect(kinds(eventsOf(skel, last)).filter((k) => k.startsWith('W'))).toHaveLength(cells.length === 3 ? 1 : 0);
      expect(last.regs.has('r9')).toBe(true); // cr0.eq clear: no branch
    }
  });

  it('a store-conditional to a computed address stores only at the reserved one, and may fail anyway', () => {
    const skel = skeleton(program('lwarx r1,r0,r2', 'lwz r5,0(r4)', 'stwcx. r1,r5,r2'));
    const paths = skel.threads[0]!.paths;
    // stores (address guard), fails at another address (negated guard), fails spuriously (no guard)
    expect(paths.map((p) => kinds(eventsOf(skel, p)))).toEqual([['R[X]', 'R[]', 'W[X]'], ['R[X]', 'R[]'], ['R[X]', 'R[]']]);
    expect(paths.map((p) => p.guard.length)).toEqual([1, 1, 0]);
  });

  it('records addr, data and ctrl dependencies; the stwcx. outcome carries none', () => {
    const skel = skeleton(program('lwz r1,0(r2)', 'xor r3,r1,r1', 'lwzx r5,r3,r4', 'addi r6,r5,1', 'stw r6,0(r2)',
      'cmpw r1,r1', 'beq L1', 'L1: isync', 'lwarx r7,r0,r4', 'stwcx. r7,r0,r4', 'bne L', 'stw r7,0(r4)'));
    const path = skel.threads[0]!.paths[0]!;
    const [r1, r2, w1, isync, lx, sx, w2] = path.events;
    expect(kinds(eventsOf(skel, path))).toEqual(['R[]', 'R[]', 'W[]', 'F[ISYNC]', 'R[X]', 'W[X]', 'W[]']);
    expect(path.deps.addr).toEqual([[r1, r2]]);
    expect(path.deps.data).toEqual([[r2, w1], [lx, sx], [lx, w2]]);
    // ctrl: from r1 (the compared register) to everything after its branch, isync included; none from the stwcx.
    expect(path.deps.ctrl).toEqual([[r1, isync], [r1, lx], [r1, sx], [r1, w2]]);
  });

  it('unrolls retry loops: a branch back is taken at most --unroll times', () => {
    const skel = skeleton(program('Loop:', 'lwz r1,0(r2)', 'cmpwi r1,0', 'beq Loop'), 2);
    expect(skel.threads[0]!.paths.map((p) => p.events.length).sort()).toEqual([1, 2, 3]);
    expect(skel.threads[0]!.cutPaths).toBe(1);
  });
});

// ---------------------------------------------------------------- our tests and the conformance corpus

describeOwnTests('ppc', { minimum: 8 });

describeConformance('ppc', {
  count: 302,
  parse: (text) => parse(text),
  print: (test) => printLitmus(test, ppcSyntax),
  printed: (_, i) => i % 3 === 0,
  engineSample: (_, i) => i % 16 === 6,
  minEngineSample: 18,
});
