import { afterAll, describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import type { LitmusTest } from '../src/litmus/ast.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { printLitmus } from '../src/litmus/print.js';
import type { Order, RiscvInstr, RiscvOp } from '../src/isa/riscv/instr.js';
import { riscvSemantics } from '../src/isa/riscv/sem.js';
import { riscvSyntax } from '../src/isa/riscv/syntax.js';
import { buildSkeleton } from '../src/semantics/build.js';
import { evalExpr, signed64 } from '../src/semantics/expr.js';
import type { MemEvent, Skeleton, ThreadPath } from '../src/semantics/skeleton.js';
import { describeConformance, describeOwnTests } from './support/arch-suites.js';

afterAll(async () => {
  const { shutdownZ3 } = await import('../src/engine/smt/z3.js');
  await shutdownZ3();
});

const RLX: Order = { aq: false, rl: false };
const AQ: Order = { aq: true, rl: false };
const RL: Order = { aq: false, rl: true };
const AQRL: Order = { aq: true, rl: true };
const SET = (s: string) => ({ i: s.includes('i'), o: s.includes('o'), r: s.includes('r'), w: s.includes('w') });
const imm = (value: number | bigint) => ({ k: 'imm', value: BigInt(value) }) as const;
const reg = (n: number) => ({ k: 'reg', reg: n }) as const;

/** A one-thread test around `cells`, one per row, with a label L after them for branches. */
function program(...cells: string[]): string {
  return ['RISCV t', '{ 0:x6=x; 0:x7=y; }', ' P0 ;', ...cells.map((c) => ` ${c} ;`), ' L: ;', 'exists (0:x5=0)', ''].join('\n');
}

function parse(text: string): LitmusTest<RiscvInstr> {
  return parseLitmus(text, 't.litmus', [riscvSyntax]);
}

function parseInstr(cell: string): RiscvOp {
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

describe('RISC-V instruction forms', () => {
  const forms: [string, RiscvOp][] = [
    // register arithmetic, ABI names and the pseudo-instructions
    ['add x5,x6,x7', { op: 'alu', alu: 'add', word: false, rd: 5, rs1: 6, src: reg(7) }],
    ['addw a0, a1, a2', { op: 'alu', alu: 'add', word: true, rd: 10, rs1: 11, src: reg(12) }],
    ['sub t0,t1,t2', { op: 'alu', alu: 'sub', word: false, rd: 5, rs1: 6, src: reg(7) }],
    ['xor x9,x5,x5', { op: 'alu', alu: 'xor', word: false, rd: 9, rs1: 5, src: reg(5) }],
    ['and x9,x5,x6', { op: 'alu', alu: 'and', word: false, rd: 9, rs1: 5, src: reg(6) }],
    ['or x9,x5,x6', { op: 'alu', alu: 'or', word: false, rd: 9, rs1: 5, src: reg(6) }],
    ['addi x5,x0,-1', { op: 'alu', alu: 'add', word: false, rd: 5, rs1: 0, src: imm(-1) }],
    ['ori x5,x0,1', { op: 'alu', alu: 'or', word: false, rd: 5, rs1: 0, src: imm(1) }],
    ['andi x11,x14,64', { op: 'alu', alu: 'and', word: false, rd: 11, rs1: 14, src: imm(64) }],
    ['xori x5,x5,0x7ff', { op: 'alu', alu: 'xor', word: false, rd: 5, rs1: 5, src: imm(2047) }],
    ['slli a1,a1,32', { op: 'alu', alu: 'sll', word: false, rd: 11, rs1: 11, src: imm(32) }],
    ['srli a0, a0, 1', { op: 'alu', alu: 'srl', word: false, rd: 10, rs1: 10, src: imm(1) }],
    ['srai x5,x5,63', { op: 'alu', alu: 'sra', word: false, rd: 5, rs1: 5, src: imm(63) }],
    ['mv a0, a1', { op: 'alu', alu: 'add', word: false, rd: 10, rs1: 11, src: imm(0) }],
    ['MV a0, a1', { op: 'alu', alu: 'add', word: false, rd: 10, rs1: 11, src: imm(0) }],
    ['nop', { op: 'alu', alu: 'add', word: false, rd: 0, rs1: 0, src: imm(0) }],
    ['NOP', { op: 'alu', alu: 'add', word: false, rd: 0, rs1: 0, src: imm(0) }],
    ['not x5,x6', { op: 'alu', alu: 'xor', word: false, rd: 5, rs1: 6, src: imm(-1) }],
    ['neg x5,x6', { op: 'alu', alu: 'sub', word: false, rd: 5, rs1: 0, src: reg(6) }],
    ['sext.w a0, a1', { op: 'alu', alu: 'add', word: true, rd: 10, rs1: 11, src: imm(0) }],
    ['zext.w x5,x6', { op: 'zext.w', rd: 5, rs: 6 }],
    ['li x5,0x123456789', { op: 'li', rd: 5, value: 0x123456789n }],
    ['li x5,-2', { op: 'li', rd: 5, value: -2n }],
    ['lui a0, 1', { op: 'lui', rd: 10, value: 1n }],
    // loads and stores
    ['lw x5,0(x6)', { op: 'load', size: 32, unsigned: false, order: RLX, rd: 5, base: 6, off: 0n }],
    ['lb x5,-8(sp)', { op: 'load', size: 8, unsigned: false, order: RLX, rd: 5, base: 2, off: -8n }],
    ['lhu x5,2(x6)', { op: 'load', size: 16, unsigned: true, order: RLX, rd: 5, base: 6, off: 2n }],
    ['lwu x5,(x6)', { op: 'load', size: 32, unsigned: true, order: RLX, rd: 5, base: 6, off: 0n }],
    ['ld x2,0(x1)', { op: 'load', size: 64, unsigned: false, order: RLX, rd: 2, base: 1, off: 0n }],
    ['lw.aq x5,0(x6)', { op: 'load', size: 32, unsigned: false, order: AQ, rd: 5, base: 6, off: 0n }],
    ['lw.aqrl x5,0(x6)', { op: 'load', size: 32, unsigned: false, order: AQRL, rd: 5, base: 6, off: 0n }],
    ['sw x5,0(x6)', { op: 'store', size: 32, order: RLX, rs2: 5, base: 6, off: 0n }],
    ['sb x5,1(x6)', { op: 'store', size: 8, order: RLX, rs2: 5, base: 6, off: 1n }],
    ['sh x5,0(x6)', { op: 'store', size: 16, order: RLX, rs2: 5, base: 6, off: 0n }],
    ['sd x2,0(x1)', { op: 'store', size: 64, order: RLX, rs2: 2, base: 1, off: 0n }],
    ['sw.rl x7,0(x8)', { op: 'store', size: 32, order: RL, rs2: 7, base: 8, off: 0n }],
    ['sw.aqrl x7,0(x8)', { op: 'store', size: 32, order: AQRL, rs2: 7, base: 8, off: 0n }],
    // exclusives and atomics
    ['lr.w x10,(x9)', { op: 'lr', size: 32, order: RLX, rd: 10, base: 9 }],
    ['lr.w x3,0(x10)', { op: 'lr', size: 32, order: RLX, rd: 3, base: 10 }],
    ['lr.d.aq x10,(x9)', { op: 'lr', size: 64, order: AQ, rd: 10, base: 9 }],
    ['lr.w.aqrl x10,(x9)', { op: 'lr', size: 32, order: AQRL, rd: 10, base: 9 }],
    ['sc.w x11,x7,(x9)', { op: 'sc', size: 32, order: RLX, rd: 11, rs2: 7, base: 9 }],
    ['sc.d.rl x11,x7,(x9)', { op: 'sc', size: 64, order: RL, rd: 11, rs2: 7, base: 9 }],
    ['sc.w.aqrl x11,x7,0(x9)', { op: 'sc', size: 32, order: AQRL, rd: 11, rs2: 7, base: 9 }],
    ['amoadd.w x7,x6,(x5)', { op: 'amo', amo: 'add', size: 32, order: RLX, rd: 7, rs2: 6, base: 5 }],
    ['amoadd.d.aqrl x7,x6,(x5)', { op: 'amo', amo: 'add', size: 64, order: AQRL, rd: 7, rs2: 6, base: 5 }],
    ['amoswap.w.aq.rl x0,x7,(x8)', { op: 'amo', amo: 'swap', size: 32, order: AQRL, rd: 0, rs2: 7, base: 8 }],
    ['amoswap.w.rl x0,x7,(x8)', { op: 'amo', amo: 'swap', size: 32, order: RL, rd: 0, rs2: 7, base: 8 }],
    ['amoor.w.aq x5,x0,(x6)', { op: 'amo', amo: 'or', size: 32, order: AQ, rd: 5, rs2: 0, base: 6 }],
    ['amoand.d x5,x6,(x7)', { op: 'amo', amo: 'and', size: 64, order: RLX, rd: 5, rs2: 6, base: 7 }],
    ['amoxor.w x5,x6,(x7)', { op: 'amo', amo: 'xor', size: 32, order: RLX, rd: 5, rs2: 6, base: 7 }],
    ['amomaxu.d x5,x6,(x7)', { op: 'amo', amo: 'maxu', size: 64, order: RLX, rd: 5, rs2: 6, base: 7 }],
    ['amomin.w x5,x6,(x7)', { op: 'amo', amo: 'min', size: 32, order: RLX, rd: 5, rs2: 6, base: 7 }],
    ['amocas.w.aqrl x5,x6,(x7)', { op: 'amocas', size: 32, order: AQRL, rd: 5, rs2: 6, base: 7 }],
    ['amocas.d x5,x6,(x7)', { op: 'amocas', size: 64, order: RLX, rd: 5, rs2: 6, base: 7 }],
    // fences
    ['fence rw,rw', { op: 'fence', pred: SET('rw'), succ: SET('rw') }],
    ['fence r,rw', { op: 'fence', pred: SET('r'), succ: SET('rw') }],
    ['fence rw,w', { op: 'fence', pred: SET('rw'), succ: SET('w') }],
    ['fence w,w', { op: 'fence', pred: SET('w'), succ: SET('w') }],
    ['fence iorw,ow', { op: 'fence', pred: SET('iorw'), succ: SET('ow') }],
    ['fence', { op: 'fence', pred: SET('iorw'), succ: SET('iorw') }],
    ['fence.tso', { op: 'fence.tso' }],
    // control flow
    ['beq x5,x0,L', { op: 'branch', cond: 'eq', rs1: 5, rs2: 0, target: 'L' }],
    ['bne x5,x6,L', { op: 'branch', cond: 'ne', rs1: 5, rs2: 6, target: 'L' }],
    ['blt x5,x6,L', { op: 'branch', cond: 'lt', rs1: 5, rs2: 6, target: 'L' }],
    ['bgeu x5,x6,L', { op: 'branch', cond: 'geu', rs1: 5, rs2: 6, target: 'L' }],
    ['bgt x5,x6,L', { op: 'branch', cond: 'lt', rs1: 6, rs2: 5, target: 'L' }],
    ['beqz x5,L', { op: 'branch', cond: 'eq', rs1: 5, rs2: 0, target: 'L' }],
    ['bnez x9,L', { op: 'branch', cond: 'ne', rs1: 9, rs2: 0, target: 'L' }],
    ['j L', { op: 'jump', target: 'L' }],
  ];

  it.each(forms)('%s', (cell, op) => {
    expect(parseInstr(cell)).toEqual(op);
  });

  it('prints every form so that it parses back to the same instruction', () => {
    for (const [cell, op] of forms) {
      const printed = riscvSyntax.printInstr(parseInstr(cell) as RiscvInstr);
      expect(parseInstr(printed), `${cell} printed as ${printed}`).toEqual(op);
    }
  });

  it('prints in herd7 spelling, with the usual pseudo-instructions', () => {
    const print = (cell: string) => riscvSyntax.printInstr(parseInstr(cell) as RiscvInstr);
    expect(print('amoswap.w.aq.rl x0,x7,(x8)')).toBe('amoswap.w.aqrl x0,x7,(x8)');
    expect(print('lr.w x3,0(x10)')).toBe('lr.w x3,(x10)');
    expect(print('MV a0, a1')).toBe('mv x10,x11');
    expect(print('addi x0,x0,0')).toBe('nop');
    expect(print('addiw x5,x6,0')).toBe('sext.w x5,x6');
    expect(print('fence')).toBe('fence iorw,iorw');
    expect(print('lw x5,0(x6)')).toBe('lw x5,0(x6)');
  });

  it('reads registers in the initial state and the condition as herd7 prints them, xN', () => {
    const test = parse(program('nop').replace('0:x6=x', '0:a0=x; 0:fp=1; 0:zero=0').replace('0:x5=0', '0:t0=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: 'x10' }, { reg: 'x8' }, { reg: 'x0' }, { reg: 'x7' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: 'x5' } });
  });
});

describe('RISC-V errors', () => {
  const cases: [string, string, string][] = [
    // [cell on line 4, position, message]
    ['foo x5,x6', '4:2', "unknown instruction 'foo'"],
    ['fence.i', '4:2', "'fence.i' is a RISC-V instruction that bpf-herd does not support"],
    ['jalr x1,0(x5)', '4:2', "'jalr' is a RISC-V instruction that bpf-herd does not support"],
    ['amoadd.b x5,x6,(x7)', '4:2', "'amoadd.b' is a RISC-V instruction that bpf-herd does not support"],
    ['amocas.q x5,x6,(x7)', '4:2', "'amocas.q' is a RISC-V instruction that bpf-herd does not support"],
    ['add x5,x6', '4:2', 'missing operand: add takes rd, rs1, rs2'],
    ['nop x5', '4:6', 'too many operands: nop takes no operands'],
    ['sw x5,0(x6),x7', '4:14', 'too many operands: sw takes rs2, offset(rs1)'],
    ['add x5,x6,7', '4:12', "expected a register (rs2), found '7'"],
    ['addi x5,x6,x7', '4:13', "expected an immediate (imm), found 'x7'"],
    ['lw x5,x6', '4:8', "expected a memory operand offset(register) (offset(rs1)), found 'x6'"],
    ['add x32,x6,x7', '4:6', "unknown register 'x32'"],
    ['lw x5,0(q9)', '4:10', "unknown register 'q9'"],
    ['addi x5,x6,2048', '4:13', 'immediate 2048 is out of range (-2048..2047)'],
    ['slli x5,x6,64', '4:13', 'shift amount 64 is out of range (0..63)'],
    ['lw x5,4096(x6)', '4:8', 'offset 4096 is out of range (-2048..2047)'],
    ['amoadd.w x5,x6,4(x7)', '4:17', 'atomic accesses take no offset: write (x7)'],
    ['lr.w x5,8(x7)', '4:10', 'atomic accesses take no offset'],
    ['fence rw', '4:2', 'missing operand: fence takes pred, succ'],
    ['fence wr,rw', '4:8', "'wr' is not a fence set: write some of i, o, r, w in that order"],
    ['lw.rl x5,0(x6)', '4:2', 'a load cannot be a release: write lw.aq or lw.aqrl'],
    ['sw.aq x5,0(x6)', '4:2', 'a store cannot be an acquire: write sw.rl or sw.aqrl'],
    ['lwu.aq x5,0(x6)', '4:2', 'there is no acquire form of lwu'],
    ['amoadd.w.sc x5,x6,(x7)', '4:2', "unknown annotation '.sc'"],
    ['beq x5,x0,M', '4:2', "label 'M' is not defined in P0"],
    ['sw x5 0(x6)', '4:2', "unknown instruction 'sw x5 0(x6)'"],
  ];
  it.each(cases)('%s', (cell, at, message) => {
    expect(errorOf(program(cell))).toContain(`${at}: ${message}`);
  });

  it('rejects an unknown register in the initial state', () => {
    expect(errorOf(program('nop').replace('0:x6=x', '0:r6=x'))).toContain("2:5: unknown register 'r6' (expected x0-x31 or an ABI name");
  });
});

// ---------------------------------------------------------------- semantics

function skeleton(text: string, unroll = 2): Skeleton {
  return buildSkeleton(parse(text) as LitmusTest, riscvSemantics, { unroll });
}

/** The final registers of a one-thread program without reads. */
function finalRegs(...cells: string[]): Record<string, bigint> {
  const skel = skeleton(program(...cells));
  const path = skel.threads[0]!.paths[0]!;
  const out: Record<string, bigint> = {};
  for (const [r, e] of path.regs) out[r] = signed64(evalExpr(e, () => 0n));
  return out;
}

const eventsOf = (skel: Skeleton, path: ThreadPath): MemEvent[] => path.events.map((id) => skel.events[id]!);
const kinds = (evs: MemEvent[]) => evs.map((e) => `${e.fence ? 'F' : ''}${e.read ? 'R' : ''}${e.write ? 'W' : ''}[${e.tags.join(',')}]`);

describe('RISC-V values', () => {
  it('computes on 64 bits; w forms on 32 bits, sign-extended', () => {
    expect(finalRegs('li x5,0x7fffffff', 'addiw x6,x5,1', 'addi x7,x5,1')).toMatchObject({ x6: -(2n ** 31n), x7: 2n ** 31n });
    expect(finalRegs('li x5,1', 'slli x6,x5,32', 'addi x6,x6,-1', 'sext.w x10,x6', 'zext.w x11,x6')).toMatchObject({ x10: -1n, x11: 0xffffffffn });
    expect(finalRegs('li x5,-1', 'srli x6,x5,60', 'srai x7,x5,60', 'srliw x8,x5,28', 'sraiw x9,x5,28')).toMatchObject({ x6: 15n, x7: -1n, x8: 15n, x9: -1n });
    expect(finalRegs('li x5,5', 'sub x6,x0,x5', 'neg x7,x5', 'not x8,x5', 'xori x9,x5,3')).toMatchObject({ x6: -5n, x7: -5n, x8: -6n, x9: 6n });
    expect(finalRegs('li x5,-1', 'li x6,1', 'slt x7,x5,x6', 'sltu x8,x5,x6', 'seqz x9,x0', 'snez x10,x5')).toMatchObject({ x7: 1n, x8: 0n, x9: 1n, x10: 1n });
  });

  it('follows the M extension for division by zero and overflow', () => {
    expect(finalRegs('li x5,7', 'div x6,x5,x0', 'divu x7,x5,x0', 'rem x8,x5,x0', 'remu x9,x5,x0')).toMatchObject({ x6: -1n, x7: -1n, x8: 7n, x9: 7n });
    expect(finalRegs('li x5,-7', 'li x6,2', 'div x7,x5,x6', 'rem x8,x5,x6', 'mul x9,x5,x6')).toMatchObject({ x7: -3n, x8: -1n, x9: -14n });
    expect(finalRegs('li x5,0x80000000', 'li x6,-1', 'divw x7,x5,x6', 'remw x8,x5,x6')).toMatchObject({ x7: -(2n ** 31n), x8: 0n });
  });

  it('builds lui values sign-extended from bit 31, and ignores writes to x0', () => {
    expect(finalRegs('lui a0, 1', 'lui a1, 0x80000', 'li x0,5', 'addi x5,x0,0')).toMatchObject({ x10: 4096n, x11: -(2n ** 31n), x5: 0n });
  });

  it('sign-extends lw, lr.w and amo*.w results, and zero-extends lwu', () => {
    const text = [
      'RISCV t', '{ x=0xffffffff; 0:x6=x; }', ' P0 ;',
      ' lw x5,0(x6) ;', ' lwu x7,0(x6) ;', ' lr.w x8,(x6) ;', ' amoadd.w x9,x0,(x6) ;', ' ld x10,0(x6) ;',
      'exists (0:x5=-1 /\\ 0:x7=4294967295 /\\ 0:x8=-1 /\\ 0:x9=-1 /\\ 0:x10=4294967295)', '',
    ].join('\n');
    return expect(checkText('t.litmus', text)).resolves.toMatchObject({ observation: 'Always' });
  });

  it('computes each AMO on the old value and rs2', async () => {
    const cases: [string, bigint, bigint][] = [
      // [instruction, value of x7 before, stored value]; memory holds 6 (at x6)
      ['amoadd.w', 3n, 9n], ['amoand.w', 3n, 2n], ['amoor.w', 3n, 7n], ['amoxor.w', 3n, 5n], ['amoswap.w', 3n, 3n],
      ['amomax.w', -1n, 6n], ['amomaxu.w', -1n, 0xffffffffn], ['amomin.w', -1n, -1n & 0xffffffffn], ['amominu.d', -1n, 6n],
    ];
    for (const [mnemonic, before, stored] of cases) {
      const text = ['RISCV t', `{ x=6; 0:x6=x; 0:x7=${before}; }`, ' P0 ;', ` ${mnemonic} x5,x7,(x6) ;`, `exists (0:x5=6 /\\ x=${stored})`, ''].join('\n');
      const r = await checkText('t.litmus', text);
      expect(r.observation, `${mnemonic}: ${r.states.join(' ')}`).toBe('Always');
    }
  });

  it('branches on signed and unsigned comparisons', () => {
    const taken = (cells: string[]) => {
      const path = skeleton(program(...cells, 'li x5,1')).threads[0]!.paths[0]!;
      return evalExpr(path.regs.get('x5') ?? { k: 'const', v: 0n }, () => 0n) === 0n;
    };
    expect(taken(['li x8,-1', 'blt x8,x0,L'])).toBe(true);
    expect(taken(['li x8,-1', 'bltu x8,x0,L'])).toBe(false);
    expect(taken(['li x8,-1', 'bgeu x8,x0,L'])).toBe(true);
    expect(taken(['li x8,3', 'bgt x8,x0,L'])).toBe(true);
    expect(taken(['bnez x0,L'])).toBe(false);
    expect(taken(['j L'])).toBe(true);
  });
});

describe('RISC-V events, tags and relations', () => {
  it('tags annotated accesses AQ and RL, exclusives X and AMO halves AMO', () => {
    const skel = skeleton(program('lw.aq x5,0(x6)', 'sw.rl x5,0(x7)', 'amoswap.w.aqrl x5,x5,(x6)', 'amoor.w x5,x0,(x7)'));
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual([
      'R[AQ]', 'W[RL]', 'R[AMO,AQ,RL]', 'W[AMO,AQ,RL]', 'R[AMO]', 'W[AMO]',
    ]);
  });

  it('makes each AMO a read and a write related by amo and rmw, in one instruction', () => {
    const skel = skeleton(program('amoadd.d x5,x5,(x6)'));
    const path = skel.threads[0]!.paths[0]!;
    const [r, w] = path.events;
    expect(path.amo).toEqual([[r, w]]);
    expect(path.rmw).toEqual([[r, w]]);
    expect(skel.events[r!]!.seq).toBe(skel.events[w!]!.seq);
  });

  it('tags fences with the r and w bits of their sets, and fence.tso apart', () => {
    const skel = skeleton(program('fence rw,rw', 'fence r,w', 'fence iorw,ow', 'fence i,o', 'fence.tso'));
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual([
      'F[FencePredR,FencePredW,FenceSuccR,FenceSuccW]', 'F[FencePredR,FenceSuccW]', 'F[FencePredR,FencePredW,FenceSuccW]', 'F[]', 'F[FenceTSO]',
    ]);
  });

  it('pairs an sc with the last lr of the same address and size, and sets rd to 0', () => {
    const skel = skeleton(program('lr.w x5,(x6)', 'sc.w.rl x8,x5,(x6)'));
    const [path] = skel.threads[0]!.paths;
    const [r, w] = path!.events;
    expect(kinds(eventsOf(skel, path!))).toEqual(['R[X]', 'W[X,RL]']);
    expect(path!.rmw).toEqual([[r, w]]);
    expect(path!.amo).toEqual([]);
    expect(evalExpr(path!.regs.get('x8')!, () => 0n)).toBe(0n);
  });

  it('fails an sc without a matching reservation: no event, rd = 1', () => {
    for (const cells of [['sc.w x8,x5,(x6)'], ['lr.w x5,(x6)', 'sc.w x8,x5,(x7)'], ['lr.d x5,(x6)', 'sc.w x8,x5,(x6)'], ['lr.w x5,(x6)', 'sc.w x9,x5,(x6)', 'sc.w x8,x5,(x6)']]) {
      const skel = skeleton(program(...cells));
      const path = skel.threads[0]!.paths[0]!;
      expect(evalExpr(path.regs.get('x8')!, () => 0n), cells.join('; ')).toBe(1n);
      expect(eventsOf(skel, path).filter((e) => e.write && e.tags.includes('X')).length).toBe(cells.length === 3 ? 1 : 0);
    }
  });

  it('gives a successful sc result the dependency of its store, and a failed one none', () => {
    const skel = skeleton(program('lw x9,0(x7)', 'lr.w x5,(x6)', 'sc.w x8,x9,(x6)', 'sw x8,0(x7)'));
    const path = skel.threads[0]!.paths[0]!;
    const [ry, rx, wsc, wy] = path.events;
    expect(path.deps.data).toEqual([[ry, wsc], [wsc, wy]]);
  });

  it('keeps only .aq on a failed amocas, and relates a successful one by amo', () => {
    const skel = skeleton(program('amocas.w.aqrl x5,x8,(x6)'));
    const paths = skel.threads[0]!.paths;
    expect(paths).toHaveLength(2);
    const shapes = paths.map((p) => ({ events: kinds(eventsOf(skel, p)), amo: p.amo.length }));
    expect(shapes).toContainEqual({ events: ['R[AMO,AQ,RL]', 'W[AMO,AQ,RL]'], amo: 1 });
    expect(shapes).toContainEqual({ events: ['R[AMO,AQ]'], amo: 0 });
  });

  it('carries address, data and control dependencies through registers', () => {
    const skel = skeleton(program('lw x5,0(x6)', 'xor x9,x5,x5', 'add x10,x7,x9', 'lw x11,0(x10)', 'sw x5,0(x7)', 'bne x11,x0,L', 'sw x0,0(x6)'));
    const path = skel.threads[0]!.paths.find((p) => p.events.length === 4)!;
    const [r1, r2, w1, w2] = path.events;
    expect(path.deps.addr).toEqual([[r1, r2]]);
    expect(path.deps.data).toEqual([[r1, w1]]);
    expect(path.deps.ctrl).toEqual([[r2, w2]]);
  });
});

// ---------------------------------------------------------------- our tests and the conformance corpus

describeOwnTests('riscv', { minimum: 8 });

describeConformance('riscv', {
  count: 305,
  parse: (text) => parse(text),
  print: (test) => printLitmus(test, riscvSyntax),
  engineSample: (file, i) => /^(SB|MP|LB|2\+2W|WRC|ISA2|R|S)\+/.test(file) && i % 9 === 0,
  minEngineSample: 10,
});
