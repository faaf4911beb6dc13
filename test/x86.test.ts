import { afterAll, describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import type { LitmusTest } from '../src/litmus/ast.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { printLitmus } from '../src/litmus/print.js';
import type { Mem, Operand, Reg, RegOrMem, Size, X86Instr, X86Op } from '../src/isa/x86/instr.js';
import { x86Semantics } from '../src/isa/x86/sem.js';
import { x86AttSyntax, x86IntelSyntax } from '../src/isa/x86/syntax.js';
import type { Dialect } from '../src/isa/x86/regs.js';
import { buildSkeleton } from '../src/semantics/build.js';
import { evalExpr, signed64 } from '../src/semantics/expr.js';
import type { MemEvent, Skeleton, ThreadPath } from '../src/semantics/skeleton.js';
import { describeConformance, describeOwnTests } from './support/arch-suites.js';

afterAll(async () => {
  const { shutdownZ3 } = await import('../src/engine/smt/z3.js');
  await shutdownZ3();
});

const SYNTAX = { X86: x86IntelSyntax, X86_64: x86AttSyntax };

// registers by encoding number: 0 ax, 1 cx, 2 dx, 3 bx, 6 si, 7 di, 8-15 r8-r15
const R = (n: number, size: Size = 64): Reg => ({ n, size });
const reg = (n: number, size: Size = 64): RegOrMem => ({ k: 'reg', reg: R(n, size) });
const imm = (value: number | bigint): Operand => ({ k: 'imm', value: BigInt(value) });
const mem = (parts: Partial<Mem> | string = {}): RegOrMem => ({
  k: 'mem',
  mem: { scale: 1, disp: 0n, ...(typeof parts === 'string' ? { loc: parts } : parts) },
});
const X = mem('x');

/** A one-thread test around `cells`, one per row, with a label L after them for jumps. */
function program(dialect: Dialect, ...cells: string[]): string {
  const [init, reg0] = dialect === 'X86' ? ['{ }', 'EAX'] : ['{ 0:rsi=y; }', 'rax'];
  return [`${dialect} t`, init, ' P0 ;', ...cells.map((c) => ` ${c} ;`), ' L: ;', `exists (0:${reg0}=0)`, ''].join('\n');
}

function parse(text: string): LitmusTest<X86Instr> {
  return parseLitmus(text, 't.litmus', [x86IntelSyntax, x86AttSyntax]);
}

function parseInstr(dialect: Dialect, cell: string): X86Op {
  const instr = parse(program(dialect, cell)).threads[0]!.lines[0]!.instr!;
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

describe('x86 instruction forms, Intel syntax (X86)', () => {
  const EAX = reg(0, 32);
  const EBX = reg(3, 32);
  const ECX = reg(1, 32);
  const forms: [string, X86Op][] = [
    // moves, as herd7's catalogue and Dat3M write them
    ['MOV [x],$1', { op: 'mov', size: 32, dst: X, src: imm(1) }],
    ['mov [x], 1', { op: 'mov', size: 32, dst: X, src: imm(1) }],
    ['MOV EAX,[y]', { op: 'mov', size: 32, dst: EAX, src: mem('y') }],
    ['mov EBX, [x]', { op: 'mov', size: 32, dst: EBX, src: X }],
    ['MOV EAX,$-1', { op: 'mov', size: 32, dst: EAX, src: imm(-1) }],
    ['MOV EAX,EBX', { op: 'mov', size: 32, dst: EAX, src: EBX }],
    ['MOV [x],ECX', { op: 'mov', size: 32, dst: X, src: ECX }],
    ['MOV BYTE PTR [x],$255', { op: 'mov', size: 8, dst: X, src: imm(255) }],
    ['mov word ptr [x],AX', { op: 'mov', size: 16, dst: X, src: reg(0, 16) }],
    ['MOV AH,[x]', { op: 'mov', size: 8, dst: { k: 'reg', reg: { n: 0, size: 8, high: true } }, src: X }],
    ['MOV EAX,[EBX+ECX*4-8]', { op: 'mov', size: 32, dst: EAX, src: mem({ base: R(3, 32), index: R(1, 32), scale: 4, disp: -8n }) }],
    ['MOV EAX,[x+4]', { op: 'mov', size: 32, dst: EAX, src: mem({ loc: 'x', disp: 4n }) }],
    ['MOVZX EAX,BYTE PTR [x]', { op: 'movx', signed: false, from: 8, size: 32, dst: R(0, 32), src: X }],
    ['MOVSX EAX,WORD PTR [x]', { op: 'movx', signed: true, from: 16, size: 32, dst: R(0, 32), src: X }],
    ['MOVZX EAX,BL', { op: 'movx', signed: false, from: 8, size: 32, dst: R(0, 32), src: reg(3, 8) }],
    // arithmetic, plain and locked
    ['ADD EAX,$1', { op: 'alu', alu: 'add', size: 32, dst: EAX, src: imm(1), lock: false }],
    ['ADD [x],$1', { op: 'alu', alu: 'add', size: 32, dst: X, src: imm(1), lock: false }],
    ['SUB EAX,EBX', { op: 'alu', alu: 'sub', size: 32, dst: EAX, src: EBX, lock: false }],
    ['XOR EAX,EAX', { op: 'alu', alu: 'xor', size: 32, dst: EAX, src: EAX, lock: false }],
    ['LOCK ADD [x],EAX', { op: 'alu', alu: 'add', size: 32, dst: X, src: EAX, lock: true }],
    ['lock and [x],EBX', { op: 'alu', alu: 'and', size: 32, dst: X, src: EBX, lock: true }],
    ['LOCK OR [x],$4', { op: 'alu', alu: 'or', size: 32, dst: X, src: imm(4), lock: true }],
    ['LOCK XOR [x],ECX', { op: 'alu', alu: 'xor', size: 32, dst: X, src: ECX, lock: true }],
    ['INC EAX', { op: 'unary', un: 'inc', size: 32, dst: EAX, lock: false }],
    ['LOCK INC WORD PTR [x]', { op: 'unary', un: 'inc', size: 16, dst: X, lock: true }],
    ['DEC [x]', { op: 'unary', un: 'dec', size: 32, dst: X, lock: false }],
    ['NEG EAX', { op: 'unary', un: 'neg', size: 32, dst: EAX, lock: false }],
    ['NOT EAX', { op: 'unary', un: 'not', size: 32, dst: EAX, lock: false }],
    ['LOCK XADD [x],EAX', { op: 'xadd', size: 32, dst: X, src: R(0, 32), lock: true }],
    ['XADD EAX,EBX', { op: 'xadd', size: 32, dst: EAX, src: R(3, 32), lock: false }],
    // exchanges: XCHG with memory is locked whether or not it says so
    ['XCHG [x],EAX', { op: 'xchg', size: 32, a: X, b: EAX, lock: false }],
    ['xchg EAX,[x]', { op: 'xchg', size: 32, a: EAX, b: X, lock: false }],
    ['xchg [x], EBX', { op: 'xchg', size: 32, a: X, b: EBX, lock: false }],
    ['LOCK XCHG [x],EAX', { op: 'xchg', size: 32, a: X, b: EAX, lock: true }],
    ['XCHG EAX,EBX', { op: 'xchg', size: 32, a: EAX, b: EBX, lock: false }],
    ['LOCK CMPXCHG [x],EBX', { op: 'cmpxchg', size: 32, dst: X, src: R(3, 32), lock: true }],
    ['CMPXCHG [x],EBX', { op: 'cmpxchg', size: 32, dst: X, src: R(3, 32), lock: false }],
    // compares, fences, jumps
    ['CMP EAX,$1', { op: 'cmp', size: 32, a: EAX, b: imm(1) }],
    ['CMP [x],EAX', { op: 'cmp', size: 32, a: X, b: EAX }],
    ['TEST EAX,EAX', { op: 'test', size: 32, a: EAX, b: EAX }],
    ['MFENCE', { op: 'fence', kind: 'mfence' }],
    ['mfence', { op: 'fence', kind: 'mfence' }],
    ['LFENCE', { op: 'fence', kind: 'lfence' }],
    ['SFENCE', { op: 'fence', kind: 'sfence' }],
    ['NOP', { op: 'nop' }],
    ['JMP L', { op: 'jmp', target: 'L' }],
    ['JE L', { op: 'jcc', cc: 'e', target: 'L' }],
    ['JZ L', { op: 'jcc', cc: 'e', target: 'L' }],
    ['JNE L', { op: 'jcc', cc: 'ne', target: 'L' }],
    ['JL L', { op: 'jcc', cc: 'l', target: 'L' }],
    ['JGE L', { op: 'jcc', cc: 'ge', target: 'L' }],
    ['JLE L', { op: 'jcc', cc: 'le', target: 'L' }],
    ['JG L', { op: 'jcc', cc: 'g', target: 'L' }],
    ['JB L', { op: 'jcc', cc: 'b', target: 'L' }],
    ['JC L', { op: 'jcc', cc: 'b', target: 'L' }],
    ['JAE L', { op: 'jcc', cc: 'ae', target: 'L' }],
    ['JBE L', { op: 'jcc', cc: 'be', target: 'L' }],
    ['JA L', { op: 'jcc', cc: 'a', target: 'L' }],
    ['JS L', { op: 'jcc', cc: 's', target: 'L' }],
    ['JNS L', { op: 'jcc', cc: 'ns', target: 'L' }],
    ['JO L', { op: 'jcc', cc: 'o', target: 'L' }],
    ['JNO L', { op: 'jcc', cc: 'no', target: 'L' }],
  ];
  it.each(forms.map(([cell, op]) => ({ cell, op })))('$cell', ({ cell, op }) => {
    expect(parseInstr('X86', cell)).toEqual(op);
  });

  it('prints every form so that it parses back to the same instruction', () => {
    for (const [cell, op] of forms) {
      const printed = x86IntelSyntax.printInstr({ ...op, pos: { file: '', line: 0, col: 0 }, text: cell });
      expect(parseInstr('X86', printed), `${cell} printed as ${printed}`).toEqual(op);
    }
  });

  it("prints in herd7's spelling", () => {
    const print = (cell: string) => x86IntelSyntax.printInstr(parse(program('X86', cell)).threads[0]!.lines[0]!.instr!);
    expect(print('mov [x], 1')).toBe('MOV [x],$1');
    expect(print('xchg EAX,[x]')).toBe('XCHG EAX,[x]');
    expect(print('INC DWORD PTR [x]')).toBe('INC [x]');
    expect(print('mov word ptr [x],$1')).toBe('MOV WORD PTR [x],$1');
    expect(print('JZ L')).toBe('JE L');
  });

  it('reads registers in the initial state and the condition as herd7 prints them, EAX', () => {
    const test = parse(program('X86', 'NOP').replace('{ }', '{ P0:eax=1; 0:ZF=1; }').replace('0:EAX=0', '0:Ebx=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: 'EAX' }, { reg: 'ZF' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: 'EBX' } });
  });
});

describe('x86 instruction forms, AT&T syntax (X86_64)', () => {
  const forms: [string, X86Op][] = [
    ['movl $1,(x)', { op: 'mov', size: 32, dst: X, src: imm(1) }],
    ['movl (x),%eax', { op: 'mov', size: 32, dst: reg(0, 32), src: X }],
    ['movl (x),%ebx', { op: 'mov', size: 32, dst: reg(3, 32), src: X }],
    ['movq $-1,(x)', { op: 'mov', size: 64, dst: X, src: imm(-1) }],
    ['movb $1,(x)', { op: 'mov', size: 8, dst: X, src: imm(1) }],
    ['movw %ax,(x)', { op: 'mov', size: 16, dst: X, src: reg(0, 16) }],
    ['mov %rax,(x)', { op: 'mov', size: 64, dst: X, src: reg(0) }],
    ['movq %rax,%rbx', { op: 'mov', size: 64, dst: reg(3), src: reg(0) }],
    ['movq 8(%rdi),%rax', { op: 'mov', size: 64, dst: reg(0), src: mem({ base: R(7), disp: 8n }) }],
    ['movl (%rdi,%rsi,4),%eax', { op: 'mov', size: 32, dst: reg(0, 32), src: mem({ base: R(7), index: R(6), scale: 4 }) }],
    ['movl %r8d,-8(%rbp)', { op: 'mov', size: 32, dst: mem({ base: R(5), disp: -8n }), src: reg(8, 32) }],
    ['movq $0x123456789,%rax', { op: 'mov', size: 64, dst: reg(0), src: imm(0x123456789n) }],
    ['movabsq $0x123456789,%rax', { op: 'mov', size: 64, dst: reg(0), src: imm(0x123456789n) }],
    ['movzbl (x),%eax', { op: 'movx', signed: false, from: 8, size: 32, dst: R(0, 32), src: X }],
    ['movzwq (x),%rax', { op: 'movx', signed: false, from: 16, size: 64, dst: R(0), src: X }],
    ['movsbq %al,%rcx', { op: 'movx', signed: true, from: 8, size: 64, dst: R(1), src: reg(0, 8) }],
    ['movslq (x),%rax', { op: 'movx', signed: true, from: 32, size: 64, dst: R(0), src: X }],
    ['movzx %al,%eax', { op: 'movx', signed: false, from: 8, size: 32, dst: R(0, 32), src: reg(0, 8) }],
    ['addq $1,%rax', { op: 'alu', alu: 'add', size: 64, dst: reg(0), src: imm(1), lock: false }],
    ['subl %eax,(x)', { op: 'alu', alu: 'sub', size: 32, dst: X, src: reg(0, 32), lock: false }],
    ['lock addl $1,(x)', { op: 'alu', alu: 'add', size: 32, dst: X, src: imm(1), lock: true }],
    ['lock addq %rax,(x)', { op: 'alu', alu: 'add', size: 64, dst: X, src: reg(0), lock: true }],
    ['lock andl %ecx,(x)', { op: 'alu', alu: 'and', size: 32, dst: X, src: reg(1, 32), lock: true }],
    ['lock orq %r11,(x)', { op: 'alu', alu: 'or', size: 64, dst: X, src: reg(11), lock: true }],
    ['lock xorb %al,(x)', { op: 'alu', alu: 'xor', size: 8, dst: X, src: reg(0, 8), lock: true }],
    ['lock incl (x)', { op: 'unary', un: 'inc', size: 32, dst: X, lock: true }],
    ['negq %rax', { op: 'unary', un: 'neg', size: 64, dst: reg(0), lock: false }],
    ['lock xaddq %rax,(x)', { op: 'xadd', size: 64, dst: X, src: R(0), lock: true }],
    ['lock xaddl %ecx,(x)', { op: 'xadd', size: 32, dst: X, src: R(1, 32), lock: true }],
    ['xchgl (x),%eax', { op: 'xchg', size: 32, a: reg(0, 32), b: X, lock: false }],
    ['xchgl (x),%ebx', { op: 'xchg', size: 32, a: reg(3, 32), b: X, lock: false }],
    ['xchgq %rax,(x)', { op: 'xchg', size: 64, a: X, b: reg(0), lock: false }],
    ['xchg %rax,(x)', { op: 'xchg', size: 64, a: X, b: reg(0), lock: false }],
    ['lock cmpxchgq %rbx,(x)', { op: 'cmpxchg', size: 64, dst: X, src: R(3), lock: true }],
    ['lock cmpxchgl %r10d,(x)', { op: 'cmpxchg', size: 32, dst: X, src: R(10, 32), lock: true }],
    ['cmpq $1,%rax', { op: 'cmp', size: 64, a: reg(0), b: imm(1) }],
    ['cmpl %eax,(x)', { op: 'cmp', size: 32, a: X, b: reg(0, 32) }],
    ['testq %rax,%rax', { op: 'test', size: 64, a: reg(0), b: reg(0) }],
    ['testb $1,(x)', { op: 'test', size: 8, a: X, b: imm(1) }],
    ['mfence', { op: 'fence', kind: 'mfence' }],
    ['lfence', { op: 'fence', kind: 'lfence' }],
    ['sfence', { op: 'fence', kind: 'sfence' }],
    ['nop', { op: 'nop' }],
    ['jmp L', { op: 'jmp', target: 'L' }],
    ['jne L', { op: 'jcc', cc: 'ne', target: 'L' }],
    ['jnz L', { op: 'jcc', cc: 'ne', target: 'L' }],
    ['jl L', { op: 'jcc', cc: 'l', target: 'L' }],
    ['jnb L', { op: 'jcc', cc: 'ae', target: 'L' }],
  ];
  it.each(forms.map(([cell, op]) => ({ cell, op })))('$cell', ({ cell, op }) => {
    expect(parseInstr('X86_64', cell)).toEqual(op);
  });

  it('prints every form so that it parses back to the same instruction', () => {
    for (const [cell, op] of forms) {
      const printed = x86AttSyntax.printInstr({ ...op, pos: { file: '', line: 0, col: 0 }, text: cell });
      expect(parseInstr('X86_64', printed), `${cell} printed as ${printed}`).toEqual(op);
    }
  });

  it("prints in herd7's spelling, with a size suffix", () => {
    const print = (cell: string) => x86AttSyntax.printInstr(parse(program('X86_64', cell)).threads[0]!.lines[0]!.instr!);
    expect(print('xchg %rax,(x)')).toBe('xchgq %rax,(x)');
    expect(print('movzx %al,%eax')).toBe('movzbl %al,%eax');
    expect(print('lock xaddq %rax,(x)')).toBe('lock xaddq %rax,(x)');
    expect(print('jnz L')).toBe('jne L');
  });

  it('reads registers in the initial state and the condition as herd7 prints them, rax', () => {
    const test = parse(program('X86_64', 'nop').replace('0:rsi=y', '0:RSI=y; 0:r8=1; 0:%rbx=2').replace('0:rax=0', '0:rcx=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: 'rsi' }, { reg: 'r8' }, { reg: 'rbx' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: 'rcx' } });
  });
});

describe('x86 errors', () => {
  const cases: [Dialect, string, string, string][] = [
    // [dialect, cell on line 4, position, message]
    ['X86', 'FOO EAX', '4:2', "unknown instruction 'FOO'"],
    ['X86', 'IMUL EAX,EBX', '4:2', 'IMUL is an x86 instruction that bpf-herd does not support'],
    ['X86', 'CMOVE EAX,EBX', '4:2', 'CMOVE is an x86 instruction that bpf-herd does not support'],
    ['X86', 'MOV EAX', '4:2', 'MOV takes 2 operands, not 1'],
    ['X86', 'MFENCE EAX', '4:9', 'MFENCE takes no operands, not 1'],
    ['X86', 'MOV RAX,[x]', '4:6', 'RAX is a 64-bit register: X86 tests are 32-bit (write 64-bit code as an X86_64 test)'],
    ['X86', 'MOV R8D,[x]', '4:6', 'R8D needs 64-bit mode: write it in an X86_64 test'],
    ['X86', 'MOVQ [x],$1', '4:2', 'MOVQ is a 64-bit operation: X86 tests are 32-bit (use X86_64)'],
    ['X86', 'MOV [x],[y]', '4:10', 'MOV cannot take two memory operands'],
    ['X86', 'MOV EAX,x', '4:10', "'x' is not a register: write [x] for the location, $1 for a number"],
    ['X86', 'MOV $1,EAX', '4:6', 'the destination of MOV cannot be an immediate'],
    ['X86', 'MOV EAX,BX', '4:10', 'operand size mismatch: BX is 16-bit where MOV works on 32 bits'],
    ['X86', 'MOV AL,$300', '4:9', '300 does not fit in 8 bits'],
    ['X86', 'MOV EAX,[EBX*3]', '4:11', 'a scale must be 1, 2, 4 or 8, not 3'],
    ['X86', 'MOV EAX,[x+y]', '4:13', 'an address names at most one location (x already)'],
    ['X86', 'MOV EAX,[AX]', '4:11', 'an address register must be 32 or 64 bits wide, not AX'],
    ['X86', 'MOV EAX,[EBX-ECX]', '4:15', 'a register or a location cannot be subtracted in an address'],
    ['X86', 'LOCK MOV [x],EAX', '4:2', 'LOCK cannot prefix MOV'],
    ['X86', 'LOCK ADD EAX,EBX', '4:2', 'LOCK needs a memory operand: ADD here only writes a register'],
    ['X86', 'LOCK XCHG EAX,EBX', '4:2', 'LOCK needs a memory operand: XCHG here only writes a register'],
    ['X86', 'LOCK MFENCE', '4:2', 'LOCK cannot prefix MFENCE'],
    ['X86', 'MOVZX EAX,[x]', '4:12', 'MOVZX needs the source size: write BYTE PTR or WORD PTR'],
    ['X86', 'MOVZX AL,BL', '4:2', 'MOVZX cannot extend 8 bits to 8 bits'],
    ['X86', 'XADD [x],$1', '4:11', 'the source of XADD must be a register'],
    ['X86', 'JNE EAX', '4:6', 'JNE takes a label (indirect jumps are not supported)'],
    ['X86', 'JNE M', '4:2', "label 'M' is not defined in P0"],
    ['X86', 'JP L', '4:2', 'JP is an x86 instruction that bpf-herd does not support'],
    ['X86', 'MOV EAX [x]', '4:2', "unknown instruction 'MOV EAX [x]': unexpected '[x]'"],
    ['X86_64', 'mov $1,(x)', '4:2', 'mov: the operand size is unknown, add a suffix (movb, movw, movl or movq)'],
    ['X86_64', 'movq $0xffffffff,(x)', '4:7', '4294967295 does not fit in a sign-extended 32-bit immediate'],
    ['X86_64', 'movl %eax,%rbx', '4:12', 'operand size mismatch: %rbx is 64-bit where movl works on 32 bits'],
    ['X86_64', 'movl %foo,(x)', '4:7', "unknown register '%foo'"],
    ['X86_64', 'movl x,%eax', '4:7', "'x' is not an operand: write (x) for the location, $1 for a number, %x for a register"],
    ['X86_64', 'movzx (x),%eax', '4:8', 'movzx needs the source size: write a form that states it, such as movzbl'],
    ['X86_64', 'movl (%ax),%eax', '4:8', 'an address register must be 32 or 64 bits wide, not ax'],
    ['X86_64', 'movl (%rax,%ebx),%eax', '4:13', 'the base and index registers of an address must have the same width'],
    ['X86_64', 'xchgl $1,(x)', '4:8', 'the second operand of xchgl cannot be an immediate'],
    ['X86_64', 'lock movl %eax,(x)', '4:2', 'LOCK cannot prefix movl'],
    ['X86_64', 'lock cmpxchgq %rbx,%rax', '4:2', 'LOCK needs a memory operand: cmpxchgq here only writes a register'],
    ['X86_64', 'sete %al', '4:2', 'sete is an x86 instruction that bpf-herd does not support'],
    ['X86_64', 'shlq $1,%rax', '4:2', 'shlq is an x86 instruction that bpf-herd does not support'],
    ['X86_64', 'movsl', '4:2', 'movsl is an x86 instruction that bpf-herd does not support'],
    ['X86_64', 'jne %rax', '4:6', 'jne takes a label (indirect jumps are not supported)'],
  ];
  it.each(cases.map(([dialect, cell, at, message]) => ({ dialect, cell, at, message })))('$dialect $cell', ({ dialect, cell, at, message }) => {
    expect(errorOf(program(dialect, cell))).toBe(`${at}: ${message}`);
  });

  it('rejects a register the dialect does not observe', () => {
    expect(errorOf(program('X86', 'NOP').replace('0:EAX=0', '0:rax=0'))).toBe(
      "6:11: unknown register 'rax' (expected EAX, EBX, ECX, EDX, ESI, EDI, EBP, ESP or a flag ZF, SF, CF, OF)",
    );
    expect(errorOf(program('X86_64', 'nop').replace('0:rax=0', '0:eax=0'))).toBe(
      "6:11: unknown register 'eax' (expected rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8-r15 or a flag ZF, SF, CF, OF)",
    );
  });
});

// ---------------------------------------------------------------- semantics

function skeleton(text: string, unroll = 2): Skeleton {
  const test = parse(text);
  return buildSkeleton(test as LitmusTest, x86Semantics(test.arch as Dialect), { unroll });
}

/** The final registers of a one-thread program without reads, as signed 64-bit values. */
function finalRegs(dialect: Dialect, ...cells: string[]): Record<string, bigint> {
  const path = skeleton(program(dialect, ...cells)).threads[0]!.paths[0]!;
  const out: Record<string, bigint> = {};
  for (const [r, e] of path.regs) out[r] = signed64(evalExpr(e, () => 0n));
  return out;
}

const eventsOf = (skel: Skeleton, path: ThreadPath): MemEvent[] => path.events.map((id) => skel.events[id]!);
const kinds = (evs: MemEvent[]) => evs.map((e) => `${e.fence ? 'F' : ''}${e.read ? 'R' : ''}${e.write ? 'W' : ''}${e.size || ''}[${e.tags.join(',')}]`);

describe('x86 values', () => {
  it('zero-extends a 32-bit register write and keeps the rest of the register on 8- and 16-bit writes', () => {
    expect(finalRegs('X86_64', 'movq $-1,%rax', 'movl $1,%eax')).toMatchObject({ rax: 1n });
    expect(finalRegs('X86_64', 'movq $-1,%rbx', 'movw $0,%bx')).toMatchObject({ rbx: -65536n });
    expect(finalRegs('X86_64', 'movq $-1,%rcx', 'movb $0,%ch')).toMatchObject({ rcx: -65281n });
    expect(finalRegs('X86_64', 'movq $-1,%rdx', 'movb $0,%dl')).toMatchObject({ rdx: -256n });
    expect(finalRegs('X86_64', 'movq $-1,%rax', 'notl %eax')).toMatchObject({ rax: 0n });
    expect(finalRegs('X86', 'MOV EAX,$-1', 'MOV AX,$0')).toMatchObject({ EAX: 0xffff0000n });
  });

  it('zero- and sign-extends with MOVZX, MOVSX and MOVSXD', () => {
    const regs = finalRegs('X86_64', 'movl $0x80,%eax', 'movsbl %al,%ebx', 'movsbq %al,%rcx', 'movzbl %al,%edx', 'movl $-1,%esi', 'movslq %esi,%rdi');
    expect(regs).toMatchObject({ rbx: 0xffffff80n, rcx: -128n, rdx: 0x80n, rsi: 0xffffffffn, rdi: -1n });
  });

  it('computes on the operation size and sets the flags (CF, OF, ZF, SF) as the SDM says', () => {
    expect(finalRegs('X86_64', 'movl $-1,%eax', 'addl $1,%eax')).toMatchObject({ rax: 0n, CF: 1n, ZF: 1n, OF: 0n, SF: 0n });
    expect(finalRegs('X86_64', 'movl $0x7fffffff,%eax', 'addl $1,%eax')).toMatchObject({ rax: 0x80000000n, CF: 0n, OF: 1n, SF: 1n });
    expect(finalRegs('X86_64', 'movq $1,%rax', 'subq $2,%rax')).toMatchObject({ rax: -1n, CF: 1n, SF: 1n, OF: 0n });
    expect(finalRegs('X86_64', 'movl $-1,%eax', 'addl $1,%eax', 'incl %ebx')).toMatchObject({ rbx: 1n, CF: 1n, ZF: 0n }); // INC keeps CF
    expect(finalRegs('X86_64', 'movq $5,%rax', 'negq %rax')).toMatchObject({ rax: -5n, CF: 1n });
    expect(finalRegs('X86_64', 'movq $-1,%rax', 'andq $0,%rax')).toMatchObject({ rax: 0n, ZF: 1n, CF: 0n, OF: 0n });
  });

  it('exchanges and adds registers with XCHG and XADD', () => {
    expect(finalRegs('X86_64', 'movq $2,%rax', 'movq $3,%rbx', 'xaddq %rax,%rbx')).toMatchObject({ rax: 3n, rbx: 5n });
    expect(finalRegs('X86_64', 'movq $2,%rax', 'movq $3,%rbx', 'xchgq %rax,%rbx')).toMatchObject({ rax: 3n, rbx: 2n });
  });

  it('compares with the accumulator in CMPXCHG: the destination on success, the accumulator on failure', () => {
    expect(finalRegs('X86_64', 'movq $1,%rax', 'movq $1,%rbx', 'movq $9,%rcx', 'cmpxchgq %rcx,%rbx')).toMatchObject({ rax: 1n, rbx: 9n, ZF: 1n });
    expect(finalRegs('X86_64', 'movq $2,%rax', 'movq $1,%rbx', 'movq $9,%rcx', 'cmpxchgq %rcx,%rbx')).toMatchObject({ rax: 1n, rbx: 1n, ZF: 0n });
  });

  it('extends values read from memory by their size', () => {
    const text = ['X86_64 t', '{ x=-1; }', ' P0 ;', ' movl (x),%eax ;', ' movsbq (x),%rbx ;', ' movzwl (x),%ecx ;', ' movq (x),%rdx ;',
      'forall (0:rax=4294967295 /\\ 0:rbx=-1 /\\ 0:rcx=65535 /\\ 0:rdx=-1)', ''].join('\n'); // prettier-ignore
    return expect(checkText('t.litmus', text)).resolves.toMatchObject({ observation: 'Always' });
  });

  it('computes each locked read-modify-write on the old value', async () => {
    const cases: [string, bigint, bigint][] = [
      // [instruction, final x, final rax]; x holds 6, rax 3
      ['lock addq %rax,(x)', 9n, 3n], ['lock subq %rax,(x)', 3n, 3n], ['lock andq %rax,(x)', 2n, 3n], ['lock orq %rax,(x)', 7n, 3n],
      ['lock xorq %rax,(x)', 5n, 3n], ['lock xaddq %rax,(x)', 9n, 6n], ['xchgq %rax,(x)', 3n, 6n], ['lock incq (x)', 7n, 3n],
      ['lock decq (x)', 5n, 3n], ['lock negq (x)', -6n, 3n], ['lock notq (x)', -7n, 3n], ['lock cmpxchgq %rax,(x)', 6n, 6n],
    ]; // prettier-ignore
    for (const [instr, x, rax] of cases) {
      const text = ['X86_64 t', '{ x=6; 0:rax=3; }', ' P0 ;', ` ${instr} ;`, `forall (x=${x} /\\ 0:rax=${rax})`, ''].join('\n');
      const r = await checkText('t.litmus', text);
      expect(r.observation, `${instr}: ${r.states.join(' ')}`).toBe('Always');
    }
  });

  it('branches on the flags: signed and unsigned conditions, overflow and sign', () => {
    const taken = (dialect: Dialect, ...cells: string[]) => {
      const marker = dialect === 'X86' ? 'MOV ESI,$1' : 'movq $1,%r15';
      const regs = finalRegs(dialect, ...cells, marker);
      return (regs[dialect === 'X86' ? 'ESI' : 'r15'] ?? 0n) === 0n;
    };
    const cmp = ['movl $-1,%eax', 'cmpl $1,%eax'];
    const expected: [string, boolean][] = [
      ['jl', true], ['jge', false], ['jle', true], ['jg', false], ['jb', false], ['jae', true], ['jbe', false], ['ja', true],
      ['je', false], ['jne', true], ['js', true], ['jns', false], ['jo', false], ['jno', true],
    ]; // prettier-ignore
    for (const [jcc, want] of expected) expect(taken('X86_64', ...cmp, `${jcc} L`), jcc).toBe(want);
    expect(taken('X86_64', 'movl $0x7fffffff,%eax', 'addl $1,%eax', 'jo L')).toBe(true);
    expect(taken('X86_64', 'movb $-128,%al', 'cmpb $1,%al', 'jl L')).toBe(true);
    expect(taken('X86_64', 'movq $-1,%rax', 'cmpq $1,%rax', 'ja L')).toBe(true);
    expect(taken('X86_64', 'testq %rax,%rax', 'je L')).toBe(true);
    expect(taken('X86', 'MOV EAX,$3', 'CMP EAX,$3', 'JE L')).toBe(true);
    expect(taken('X86', 'JMP L')).toBe(true);
  });
});

describe('x86 events, tags and relations', () => {
  it('makes MOV a read or a write of the operation size', () => {
    const skel = skeleton(program('X86_64', 'movl $1,(x)', 'movb (x),%al', 'movq %rax,(%rsi)'));
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual(['W32[]', 'R8[]', 'W64[]']);
  });

  it('makes a locked instruction a read and a write tagged X, related by amo and rmw, in one instruction', () => {
    for (const cell of ['lock addl $1,(x)', 'lock xaddq %rax,(x)', 'xchgq %rax,(x)', 'xchgq (x),%rax', 'lock incl (x)']) {
      const skel = skeleton(program('X86_64', cell));
      const path = skel.threads[0]!.paths[0]!;
      const [r, w] = path.events;
      expect(kinds(eventsOf(skel, path)), cell).toEqual([`R${cell.includes('l ') || cell.includes('incl') ? 32 : 64}[X]`, `W${cell.includes('l ') || cell.includes('incl') ? 32 : 64}[X]`]);
      expect(path.amo, cell).toEqual([[r, w]]);
      expect(path.rmw, cell).toEqual([[r, w]]);
      expect(skel.events[r!]!.seq).toBe(skel.events[w!]!.seq);
    }
  });

  it('makes an RMW instruction without LOCK a plain read and write, not atomic', () => {
    const skel = skeleton(program('X86', 'ADD [x],$1'));
    const path = skel.threads[0]!.paths[0]!;
    const [r, w] = path.events;
    expect(kinds(eventsOf(skel, path))).toEqual(['R32[]', 'W32[]']);
    expect(path.rmw).toEqual([]);
    expect(path.deps.data).toEqual([[r, w]]);
  });

  it('gives a LOCK CMPXCHG a success path (read and write, amo) and a failure path (a locked read alone)', () => {
    const skel = skeleton(program('X86', 'LOCK CMPXCHG [x],EBX'));
    const shapes = skel.threads[0]!.paths.map((p) => ({ events: kinds(eventsOf(skel, p)), amo: p.amo.length, rmw: p.rmw.length }));
    expect(shapes).toHaveLength(2);
    expect(shapes).toContainEqual({ events: ['R32[X]', 'W32[X]'], amo: 1, rmw: 1 });
    expect(shapes).toContainEqual({ events: ['R32[X]'], amo: 0, rmw: 0 });
  });

  it('writes the old value back when a CMPXCHG without LOCK fails, with no atomicity', () => {
    const skel = skeleton(program('X86', 'CMPXCHG [x],EBX'));
    const shapes = skel.threads[0]!.paths.map((p) => ({ events: kinds(eventsOf(skel, p)), rmw: p.rmw.length }));
    expect(shapes).toEqual([{ events: ['R32[]', 'W32[]'], rmw: 0 }, { events: ['R32[]', 'W32[]'], rmw: 0 }]);
  });

  it('tags each fence with its kind', () => {
    const skel = skeleton(program('X86', 'MFENCE', 'LFENCE', 'SFENCE', 'NOP'));
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual(['F[MFENCE]', 'F[LFENCE]', 'F[SFENCE]']);
  });

  it('carries address, data and control dependencies through registers and flags', () => {
    const skel = skeleton(program('X86_64', 'movl (x),%ecx', 'movq %rcx,%rax', 'xorq %rax,%rax', 'movl (%rsi,%rax,1),%ebx', 'movl %ecx,(z)', 'cmpl $1,%ebx', 'jne L', 'movl $1,(x)'));
    const path = skel.threads[0]!.paths.find((p) => p.events.length === 4)!;
    const [r1, r2, w1, w2] = path.events;
    expect(path.deps.addr).toEqual([[r1, r2]]);
    expect(path.deps.data).toEqual([[r1, w1]]);
    expect(path.deps.ctrl).toEqual([[r2, w2]]);
  });

  it('makes a branch on the ZF of a CMPXCHG depend on its read', () => {
    const skel = skeleton(program('X86', 'LOCK CMPXCHG [x],EBX', 'JNE L', 'MOV [y],$1'));
    const success = skel.threads[0]!.paths.find((p) => p.events.length === 3)!;
    const [r, , w] = success.events;
    expect(success.deps.ctrl).toEqual([[r, w]]);
  });

  it('unrolls a CMPXCHG retry loop and drops the paths that exceed the bound', () => {
    const loop = ['movq (x),%rax', 'L0: movq %rax,%r10', 'orq $1,%r10', 'lock cmpxchgq %r10,(x)', 'jne L0'];
    const skel = skeleton(program('X86_64', ...loop), 2);
    expect(skel.threads[0]!.paths).toHaveLength(3); // success after 0, 1 or 2 failures
    expect(skel.threads[0]!.cutPaths).toBe(1);
  });
});

// ---------------------------------------------------------------- our tests and the conformance corpus

describeOwnTests('x86', {
  required: ['SB', 'SB+mfences', 'SB+lock-xadds', 'SB+lock-adds', 'SB+xchgs', 'SB+lock-cmpxchgs', 'SB+lock-cmpxchg-fails', 'SB+lfences', 'MP', 'MP+movzx', 'XCHG-atomicity'],
  model: 'x86tso',
});

describeConformance('x86', {
  count: 217,
  parse: (text) => parse(text),
  print: (test) => printLitmus(test, SYNTAX[test.arch as Dialect]),
  engineSample: (_, i) => i % 12 === 0,
  minEngineSample: 15,
  counts: true,
});
