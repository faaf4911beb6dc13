/**
 * The BPF JIT targets herd7 has no syntax for: s390x, sparc64, LoongArch64, MIPS64. For each, the
 * front end (forms, printing, errors with their positions), the semantics (values, widths, events,
 * tags, rmw/amo, dependencies, delay slots) and the tests in litmus/<arch>/ against their Result
 * lines with both engines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import type { LitmusTest } from '../src/litmus/ast.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { printLitmus } from '../src/litmus/print.js';
import type { IsaSyntax } from '../src/litmus/syntax.js';
import { isaFor } from '../src/isa/registry.js';
import { dbarTags } from '../src/isa/loongarch64/dbar.js';
import { syncTags } from '../src/isa/mips64/sync.js';
import { buildSkeleton } from '../src/semantics/build.js';
import { evalExpr, signed64 } from '../src/semantics/expr.js';
import type { MemEvent, Skeleton, ThreadPath } from '../src/semantics/skeleton.js';
import { stripped } from './support/stripped.js';

afterAll(async () => {
  const { shutdownZ3 } = await import('../src/engine/smt/z3.js');
  await shutdownZ3();
});

// ---------------------------------------------------------------- helpers

interface Arch {
  name: string; // the test's first word
  init: string; // the initial state of one-thread programs
  exists: string; // a condition naming a register
  delaySlots: boolean; // branches need an instruction after them
}

const S390X: Arch = { name: 'S390X', init: '0:r1=x; 0:r2=y;', exists: '0:r0=0', delaySlots: false };
const SPARC: Arch = { name: 'SPARC64', init: '0:o0=x; 0:o4=y;', exists: '0:o1=0', delaySlots: true };
const LOONGARCH: Arch = { name: 'LOONGARCH64', init: '0:$a0=x; 0:$a1=y;', exists: '0:$t0=0', delaySlots: false };
const MIPS: Arch = { name: 'MIPS64', init: '0:$a0=x; 0:$a1=y;', exists: '0:$t0=0', delaySlots: true };

const syntaxOf = (arch: Arch): IsaSyntax<unknown> => isaFor(arch.name)!.syntax;

/** A one-thread test around `cells`, one per row, with a label L after them for branches. */
function program(arch: Arch, cells: string[], init = arch.init, exists = arch.exists): string {
  return [`${arch.name} t`, `{ ${init} }`, ' P0 ;', ...cells.map((c) => ` ${c} ;`), ' L: ;', `exists (${exists})`, ''].join('\n');
}

function parse(arch: Arch, text: string): LitmusTest {
  return parseLitmus(text, 't.litmus', [syntaxOf(arch)]);
}

/** The instruction a cell stands for, without its position and text (a nop fills a branch's delay slot). */
function parseInstr(arch: Arch, cell: string): Record<string, unknown> {
  const cells = arch.delaySlots ? [cell, 'nop'] : [cell];
  const instr = parse(arch, program(arch, cells)).threads[0]!.lines[0]!.instr as Record<string, unknown>;
  expect(instr.text).toBe(cell);
  expect(instr.pos).toEqual({ file: 't.litmus', line: 4, col: 2 });
  const { pos: _pos, text: _text, ...op } = instr;
  return op;
}

/** `line:col: message` of the InputError that parsing `text` throws. */
function errorOf(arch: Arch, text: string): string {
  try {
    parse(arch, text);
  } catch (e) {
    return (e as Error).message.replace(/^t\.litmus:/, '');
  }
  throw new Error('parsed without error');
}

function skeleton(arch: Arch, cells: string[], init = arch.init): Skeleton {
  return buildSkeleton(parse(arch, program(arch, cells, init)), isaFor(arch.name)!.semantics, { unroll: 2 });
}

/** The final registers (signed) of the one path of a program without reads. */
function finalRegs(arch: Arch, cells: string[], init = arch.init): Record<string, bigint> {
  const paths = skeleton(arch, cells, init).threads[0]!.paths;
  expect(paths).toHaveLength(1);
  const out: Record<string, bigint> = {};
  for (const [r, e] of paths[0]!.regs) out[r] = signed64(evalExpr(e, () => 0n));
  return out;
}

const eventsOf = (skel: Skeleton, path: ThreadPath): MemEvent[] => path.events.map((id) => skel.events[id]!);
const kinds = (evs: MemEvent[]) => evs.map((e) => `${e.fence ? 'F' : ''}${e.read ? 'R' : ''}${e.write ? 'W' : ''}[${e.tags.join(',')}]`);

/** The observation of a test given as text, by the explicit engine. */
async function observation(text: string): Promise<string> {
  const r = await checkText('t.litmus', text, { engine: 'enum', unroll: 2, verdictOnly: false });
  expect(r.error).toBeUndefined();
  return r.observation;
}

/** Checks forms [cell, operation], and that each prints to text that parses back to it. */
function formTests(arch: Arch, forms: [string, Record<string, unknown>][]): void {
  it.each(forms)('%s', (cell, op) => {
    expect(parseInstr(arch, cell)).toEqual(op);
  });
  it('prints every form so that it parses back to the same instruction', () => {
    for (const [cell, op] of forms) {
      const instr = parse(arch, program(arch, arch.delaySlots ? [cell, 'nop'] : [cell])).threads[0]!.lines[0]!.instr;
      const printed = syntaxOf(arch).printInstr(instr);
      expect(parseInstr(arch, printed), `${cell} printed as ${printed}`).toEqual(op);
    }
  });
}

/** Checks errors [cell on line 4, position, message]. */
function errorTests(arch: Arch, cases: [string, string, string][]): void {
  it.each(cases)('%s', (cell, at, message) => {
    expect(errorOf(arch, program(arch, arch.delaySlots ? [cell, 'nop'] : [cell]))).toContain(`${at}: ${message}`);
  });
}

// ---------------------------------------------------------------- s390x

describe('s390x instruction forms', () => {
  const addr = (disp: number, base: number, index = 0) => ({ disp: BigInt(disp), index, base });
  const reg = (n: number) => ({ k: 'reg', reg: n });
  const imm = (v: number | bigint) => ({ k: 'imm', value: BigInt(v) });
  formTests(S390X, [
    ['lg %r1,8(%r2)', { op: 'load', size: 64, signed: false, width: 64, r1: 1, addr: addr(8, 2), mnemonic: 'lg' }],
    ['l %r3,0(%r4,%r5)', { op: 'load', size: 32, signed: false, width: 32, r1: 3, addr: addr(0, 5, 4), mnemonic: 'l' }],
    ['ly r3,-8(r15)', { op: 'load', size: 32, signed: false, width: 32, r1: 3, addr: addr(-8, 15), mnemonic: 'ly' }],
    ['LG %R1,0(%R2)', { op: 'load', size: 64, signed: false, width: 64, r1: 1, addr: addr(0, 2), mnemonic: 'lg' }],
    ['llgf %r1,0(,%r2)', { op: 'load', size: 32, signed: false, width: 64, r1: 1, addr: addr(0, 2), mnemonic: 'llgf' }],
    ['lgf %r1,0(%r2)', { op: 'load', size: 32, signed: true, width: 64, r1: 1, addr: addr(0, 2), mnemonic: 'lgf' }],
    ['lb %r1,1(%r2)', { op: 'load', size: 8, signed: true, width: 32, r1: 1, addr: addr(1, 2), mnemonic: 'lb' }],
    ['llgc %r1,0(%r2)', { op: 'load', size: 8, signed: false, width: 64, r1: 1, addr: addr(0, 2), mnemonic: 'llgc' }],
    ['lh %r1,2(%r2)', { op: 'load', size: 16, signed: true, width: 32, r1: 1, addr: addr(2, 2), mnemonic: 'lh' }],
    ['llgh %r1,(%r2)', { op: 'load', size: 16, signed: false, width: 64, r1: 1, addr: addr(0, 2), mnemonic: 'llgh' }],
    ['st %r1,0(%r2)', { op: 'store', size: 32, r1: 1, addr: addr(0, 2), mnemonic: 'st' }],
    ['sty %r1,-4(%r2)', { op: 'store', size: 32, r1: 1, addr: addr(-4, 2), mnemonic: 'sty' }],
    ['stg %r1,0(%r2)', { op: 'store', size: 64, r1: 1, addr: addr(0, 2), mnemonic: 'stg' }],
    ['stc %r1,0(%r2)', { op: 'store', size: 8, r1: 1, addr: addr(0, 2), mnemonic: 'stc' }],
    ['sthy %r1,-2(%r2)', { op: 'store', size: 16, r1: 1, addr: addr(-2, 2), mnemonic: 'sthy' }],
    ['lr %r1,%r2', { op: 'move', size: 32, signed: false, width: 32, r1: 1, r2: 2, mnemonic: 'lr' }],
    ['lgr %r1,%r2', { op: 'move', size: 64, signed: false, width: 64, r1: 1, r2: 2, mnemonic: 'lgr' }],
    ['llgfr %r1,%r2', { op: 'move', size: 32, signed: false, width: 64, r1: 1, r2: 2, mnemonic: 'llgfr' }],
    ['lgfr %r1,%r2', { op: 'move', size: 32, signed: true, width: 64, r1: 1, r2: 2, mnemonic: 'lgfr' }],
    ['lhi %r1,-1', { op: 'loadImm', width: 32, r1: 1, value: -1n, mnemonic: 'lhi' }],
    ['lghi %r1,0x7fff', { op: 'loadImm', width: 64, r1: 1, value: 32767n, mnemonic: 'lghi' }],
    ['llilf %r1,4294967295', { op: 'loadImm', width: 64, r1: 1, value: 4294967295n, mnemonic: 'llilf' }],
    ['lgfi %r1,-2147483648', { op: 'loadImm', width: 64, r1: 1, value: -2147483648n, mnemonic: 'lgfi' }],
    ['la %r1,8(%r2,%r3)', { op: 'la', r1: 1, addr: addr(8, 3, 2), mnemonic: 'la' }],
    ['agr %r1,%r2', { op: 'alu', alu: 'add', width: 64, r1: 1, src: reg(2), mnemonic: 'agr' }],
    ['ar %r1,%r2', { op: 'alu', alu: 'add', width: 32, r1: 1, src: reg(2), mnemonic: 'ar' }],
    ['sgr %r1,%r2', { op: 'alu', alu: 'sub', width: 64, r1: 1, src: reg(2), mnemonic: 'sgr' }],
    ['ngr %r1,%r2', { op: 'alu', alu: 'and', width: 64, r1: 1, src: reg(2), mnemonic: 'ngr' }],
    ['or %r1,%r2', { op: 'alu', alu: 'or', width: 32, r1: 1, src: reg(2), mnemonic: 'or' }],
    ['xgr %r1,%r1', { op: 'alu', alu: 'xor', width: 64, r1: 1, src: reg(1), mnemonic: 'xgr' }],
    ['ahi %r1,-1', { op: 'alu', alu: 'add', width: 32, r1: 1, src: imm(-1), mnemonic: 'ahi' }],
    ['aghi %r1,8', { op: 'alu', alu: 'add', width: 64, r1: 1, src: imm(8), mnemonic: 'aghi' }],
    ['nilf %r1,255', { op: 'alu', alu: 'and', width: 32, r1: 1, src: imm(255), mnemonic: 'nilf' }],
    ['cgr %r1,%r2', { op: 'compare', signed: true, width: 64, r1: 1, src: reg(2), mnemonic: 'cgr' }],
    ['clr %r1,%r2', { op: 'compare', signed: false, width: 32, r1: 1, src: reg(2), mnemonic: 'clr' }],
    ['cg %r1,0(%r2)', { op: 'compare', signed: true, width: 64, r1: 1, src: { k: 'mem', addr: addr(0, 2) }, mnemonic: 'cg' }],
    ['chi %r1,-5', { op: 'compare', signed: true, width: 32, r1: 1, src: imm(-5), mnemonic: 'chi' }],
    ['clgfi %r1,7', { op: 'compare', signed: false, width: 64, r1: 1, src: imm(7), mnemonic: 'clgfi' }],
    ['cgrj %r1,%r2,8,L', { op: 'compareBranch', signed: true, width: 64, r1: 1, src: reg(2), mask: 8, target: 'L', mnemonic: 'cgrj' }],
    ['clgrjne %r1,%r2,L', { op: 'compareBranch', signed: false, width: 64, r1: 1, src: reg(2), mask: 6, target: 'L', mnemonic: 'clgrjne' }],
    ['cij %r1,-1,4,L', { op: 'compareBranch', signed: true, width: 32, r1: 1, src: imm(-1), mask: 4, target: 'L', mnemonic: 'cij' }],
    ['laa %r1,%r2,0(%r3)', { op: 'interlocked', alu: 'add', width: 32, r1: 1, r3: 2, addr: addr(0, 3), mnemonic: 'laa' }],
    ['laalg %r1,%r2,-8(%r3)', { op: 'interlocked', alu: 'addLogical', width: 64, r1: 1, r3: 2, addr: addr(-8, 3), mnemonic: 'laalg' }],
    ['lang %r1,%r2,0(%r3)', { op: 'interlocked', alu: 'and', width: 64, r1: 1, r3: 2, addr: addr(0, 3), mnemonic: 'lang' }],
    ['lao %r1,%r2,0(%r3)', { op: 'interlocked', alu: 'or', width: 32, r1: 1, r3: 2, addr: addr(0, 3), mnemonic: 'lao' }],
    ['laxg %r1,%r2,0(%r3)', { op: 'interlocked', alu: 'xor', width: 64, r1: 1, r3: 2, addr: addr(0, 3), mnemonic: 'laxg' }],
    ['cs %r0,%r1,0(%r2)', { op: 'cs', width: 32, r1: 0, r3: 1, addr: addr(0, 2), mnemonic: 'cs' }],
    ['csy %r0,%r1,-4(%r2)', { op: 'cs', width: 32, r1: 0, r3: 1, addr: addr(-4, 2), mnemonic: 'csy' }],
    ['csg %r0,%r1,0(%r2)', { op: 'cs', width: 64, r1: 0, r3: 1, addr: addr(0, 2), mnemonic: 'csg' }],
    ['brc 4,L', { op: 'branch', mask: 4, target: 'L', mnemonic: 'brc' }],
    ['brcl 8,L', { op: 'branch', mask: 8, target: 'L', mnemonic: 'brcl' }],
    ['jne L', { op: 'branch', mask: 7, target: 'L', mnemonic: 'jne' }],
    ['jnh L', { op: 'branch', mask: 13, target: 'L', mnemonic: 'jnh' }],
    ['j L', { op: 'branch', mask: 15, target: 'L', mnemonic: 'j' }],
    ['jgl L', { op: 'branch', mask: 4, target: 'L', mnemonic: 'jgl' }],
    ['bcr 14,0', { op: 'bcr', mask: 14, mnemonic: 'bcr' }],
    ['bcr 15,%r0', { op: 'bcr', mask: 15, mnemonic: 'bcr' }],
    ['nopr', { op: 'bcr', mask: 0, mnemonic: 'nopr' }],
  ]);

  it('reads registers in the initial state and the condition as r0-r15, with or without %', () => {
    const test = parse(S390X, program(S390X, ['nopr'], '0:%r1=x; 0:r2=1;', '0:%r15=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: 'r1' }, { reg: 'r2' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: 'r15' } });
  });
});

describe('s390x errors', () => {
  errorTests(S390X, [
    ['foo %r1', '4:2', "unknown instruction 'foo'"],
    ['constructor %r1', '4:2', "unknown instruction 'constructor'"],
    ['cgrjconstructor %r1,%r2,L', '4:2', "unknown instruction 'cgrjconstructor'"],
    ['cds %r0,%r2,0(%r3)', '4:2', "'cds' is an s390x instruction that bpf-herd does not support"],
    ['br %r14', '4:2', "'br' is an s390x instruction that bpf-herd does not support: a branch to a register"],
    ['lg %r1', '4:2', 'missing operand: lg takes r1, d2(x2,b2)'],
    ['lgr %r1,%r2,%r3', '4:14', 'too many operands: lgr takes r1, r2'],
    ['lg %r16,0(%r2)', '4:5', "unknown register '%r16' (s390x has %r0-%r15 or r0-r15)"],
    ['lg %r1,%r2', '4:9', "expected a storage operand d(x,b) (d2(x2,b2)), found '%r2'"],
    ['l %r1,4096(%r2)', '4:8', 'displacement 4096 is out of range (0..4095)'],
    ['ly %r1,524288(%r2)', '4:9', 'displacement 524288 is out of range (-524288..524287)'],
    ['cs %r0,%r1,0(%r2,%r3)', '4:15', 'd2(b2) takes no index register: write d(b)'],
    ['lg %r1,8()', '4:9', 'd2(x2,b2) needs a base register'],
    ['lhi %r1,32768', '4:10', 'immediate 32768 is out of range (-32768..32767)'],
    ['llilf %r1,-1', '4:12', 'immediate -1 is out of range (0..4294967295)'],
    ['brc 16,L', '4:6', 'mask 16 is out of range (0..15)'],
    ['bcr 14,%r1', '4:9', 'bcr with a register other than 0 branches to it'],
    ['j %r1', '4:4', "expected a label (label), found '%r1'"],
    ['brc 4,M', '4:2', "label 'M' is not defined in P0"],
  ]);

  it('rejects an unknown register in the initial state', () => {
    expect(errorOf(S390X, program(S390X, ['nopr'], '0:r16=x;'))).toContain("2:5: unknown register 'r16' (expected %r0-%r15 or r0-r15)");
  });
});

describe('s390x semantics', () => {
  it('writes only the low word of r1 in 32-bit forms, and all of it in g forms', () => {
    expect(finalRegs(S390X, ['lghi %r1,-1', 'lhi %r1,5', 'llilf %r2,0xffffffff', 'lr %r3,%r2', 'lgfr %r4,%r2', 'llgfr %r5,%r1', 'lgr %r6,%r2'])).toMatchObject({
      r1: -0xfffffffbn, r2: 0xffffffffn, r3: 0xffffffffn, r4: -1n, r5: 5n, r6: 0xffffffffn,
    }); // prettier-ignore
    expect(finalRegs(S390X, ['llilf %r1,0x7fffffff', 'ahi %r1,1', 'lghi %r2,-1', 'ar %r2,%r2', 'lghi %r3,3', 'xgr %r3,%r3', 'lghi %r4,12', 'nilf %r4,10'])).toMatchObject({
      r1: 0x80000000n, r2: -2n, r3: 0n, r4: 8n,
    }); // prettier-ignore
  });

  it('computes la addresses, register 0 adding nothing as a base or an index', async () => {
    expect(finalRegs(S390X, ['lghi %r0,100', 'lghi %r3,8', 'la %r4,16(%r3,%r3)', 'la %r5,4(%r0,%r3)'], '')).toMatchObject({ r4: 32n, r5: 12n });
    const text = ['S390X t', '{ x=5; 0:r1=x; }', ' P0 ;', ' lghi %r0,64 ;', ' lg %r3,0(%r0,%r1) ;', 'exists (0:r3=5)', ''].join('\n');
    expect(await observation(text)).toBe('Always');
  });

  it('extends loads as the mnemonic says', async () => {
    const text = [
      'S390X t', '{ x=0xffffffff; 0:r1=x; }', ' P0 ;', ' lghi %r2,-1 ;', ' l %r2,0(%r1) ;', ' lgf %r3,0(%r1) ;', ' llgf %r4,0(%r1) ;', ' llgc %r5,0(%r1) ;', ' lgb %r6,0(%r1) ;',
      'exists (0:r2=-1 /\\ 0:r3=-1 /\\ 0:r4=4294967295 /\\ 0:r5=255 /\\ 0:r6=-1)', '',
    ].join('\n'); // prettier-ignore
    expect(await observation(text)).toBe('Always');
  });

  it('sets the condition code from compares and arithmetic, and branches on a mask', () => {
    const taken = (...cells: string[]) => finalRegs(S390X, [...cells, 'lghi %r9,1'], '').r9 === undefined;
    expect(taken('lghi %r1,-1', 'cghi %r1,0', 'jl L')).toBe(true); // signed: -1 < 0
    expect(taken('lghi %r1,-1', 'clgfi %r1,0', 'jh L')).toBe(true); // logical: 2^64-1 > 0
    expect(taken('lghi %r1,3', 'lghi %r2,3', 'cgrj %r1,%r2,8,L')).toBe(true);
    expect(taken('lghi %r1,3', 'lghi %r2,3', 'clgrjne %r1,%r2,L')).toBe(false);
    expect(taken('llilf %r1,0x7fffffff', 'ahi %r1,1', 'jo L')).toBe(true); // 32-bit overflow: CC 3
    expect(taken('lghi %r1,0', 'ahi %r1,0', 'brc 8,L')).toBe(true); // zero: CC 0
    expect(taken('lghi %r1,5', 'ngr %r1,%r1', 'jz L')).toBe(false);
    expect(taken('j L')).toBe(true);
  });

  it('makes an interlocked access one atomic read and write tagged IA, with the old value in r1', async () => {
    const skel = skeleton(S390X, ['laag %r3,%r4,0(%r1)']);
    const path = skel.threads[0]!.paths[0]!;
    expect(kinds(eventsOf(skel, path))).toEqual(['R[IA]', 'W[IA]']);
    expect(path.amo).toEqual([path.events]);
    const cases: [string, bigint, bigint, string][] = [
      // [instruction, r4, value stored, condition code's branch]; x holds 6
      ['laa', 3n, 9n, 'jh'], ['laag', -6n, 0n, 'je'], ['lan', 3n, 2n, 'jnz'], ['lao', 1n, 7n, 'jne'], ['laxg', 6n, 0n, 'jz'], ['laal', -6n, 0n, 'brc 2,'],
    ]; // prettier-ignore
    for (const [mnemonic, r4, stored, branch] of cases) {
      const text = [
        'S390X t', `{ x=6; 0:r1=x; 0:r4=${r4}; }`, ' P0 ;', ` ${mnemonic} %r3,%r4,0(%r1) ;`, ` ${branch.endsWith(',') ? branch + 'L' : branch + ' L'} ;`, ' lghi %r5,1 ;', ' L: ;',
        `exists (0:r3=6 /\\ x=${stored} /\\ 0:r5=0)`, '',
      ].join('\n'); // prettier-ignore
      expect(await observation(text), mnemonic).toBe('Always');
    }
  });

  it('makes compare and swap a read tagged CS, with a write related by amo only when it succeeds', async () => {
    const skel = skeleton(S390X, ['csg %r3,%r4,0(%r1)']);
    const shapes = skel.threads[0]!.paths.map((p) => ({ events: kinds(eventsOf(skel, p)), amo: p.amo.length }));
    expect(shapes).toEqual(expect.arrayContaining([{ events: ['R[CS]', 'W[CS]'], amo: 1 }, { events: ['R[CS]'], amo: 0 }]));
    // cs compares the low word: it fails on x = 7 (r3 gets 7, CC 1) and succeeds on x = 5 (CC 0)
    for (const [x, r3, stored, cc] of [[7n, 7n, 7n, 'jne'], [5n, 5n, 9n, 'je']] as const) {
      const text = ['S390X t', `{ x=${x}; 0:r1=x; 0:r3=0x100000005; 0:r4=9; }`, ' P0 ;', ' cs %r3,%r4,0(%r1) ;', ` ${cc} L ;`, ' lghi %r5,1 ;', ' L: ;',
        `exists (0:r3=${r3 === 5n ? 0x100000005n : 0x100000007n} /\\ x=${stored} /\\ 0:r5=0)`, ''].join('\n'); // prettier-ignore
      expect(await observation(text), `x=${x}`).toBe('Always');
    }
  });

  it('makes bcr 14,0 and bcr 15,0 fences and other bcr M,0 nothing', () => {
    const skel = skeleton(S390X, ['bcr 14,0', 'bcr 15,0', 'bcr 0,0', 'bcr 7,0', 'nopr']);
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual(['F[BCR14]', 'F[BCR15]']);
  });

  it('carries address, data and control dependencies through registers and the condition code', () => {
    const skel = skeleton(S390X, ['lg %r3,0(%r1)', 'lgr %r4,%r3', 'xgr %r4,%r3', 'la %r5,0(%r4,%r2)', 'lg %r6,0(%r5)', 'stg %r3,0(%r2)', 'cghi %r6,0', 'jne L', 'stg %r0,0(%r1)']);
    const path = skel.threads[0]!.paths.find((p) => p.events.length === 4)!;
    const [r1, r2, w1, w2] = path.events;
    expect(path.deps.addr).toEqual([[r1, r2]]);
    expect(path.deps.data).toEqual([[r1, w1]]);
    expect(path.deps.ctrl).toEqual([[r2, w2]]);
  });
});

// ---------------------------------------------------------------- sparc64

describe('sparc64 instruction forms', () => {
  const imm = (v: number) => ({ k: 'imm', value: BigInt(v) });
  const reg = (n: number) => ({ k: 'reg', reg: n });
  const alu = (name: string, alu: string, setsCC: boolean, rs1: number, src: object, rd: number) => ({ op: 'alu', alu, setsCC, rs1, src, rd, mnemonic: name });
  formTests(SPARC, [
    ['ldx [%o0+8], %o1', { op: 'load', size: 64, signed: false, rd: 9, addr: { base: 8, offset: imm(8) }, mnemonic: 'ldx' }],
    ['ld [%o0], %o1', { op: 'load', size: 32, signed: false, rd: 9, addr: { base: 8, offset: imm(0) }, mnemonic: 'ld' }],
    ['ldsw [%o0-4], %o1', { op: 'load', size: 32, signed: true, rd: 9, addr: { base: 8, offset: imm(-4) }, mnemonic: 'ldsw' }],
    ['ldub [%o0 + %o2], %l0', { op: 'load', size: 8, signed: false, rd: 16, addr: { base: 8, offset: reg(10) }, mnemonic: 'ldub' }],
    ['ldsh [%i0+2], %i1', { op: 'load', size: 16, signed: true, rd: 25, addr: { base: 24, offset: imm(2) }, mnemonic: 'ldsh' }],
    ['stx %o1, [%o0]', { op: 'store', size: 64, rd: 9, addr: { base: 8, offset: imm(0) }, mnemonic: 'stx' }],
    ['stb %g1, [%sp+8]', { op: 'store', size: 8, rd: 1, addr: { base: 14, offset: imm(8) }, mnemonic: 'stb' }],
    ['st %o1, [%fp-4]', { op: 'store', size: 32, rd: 9, addr: { base: 30, offset: imm(-4) }, mnemonic: 'st' }],
    ['cas [%o0], %o1, %o2', { op: 'cas', size: 32, rs1: 8, rs2: 9, rd: 10, mnemonic: 'cas' }],
    ['casx [%o0], %o1, %o2', { op: 'cas', size: 64, rs1: 8, rs2: 9, rd: 10, mnemonic: 'casx' }],
    ['membar #StoreLoad', { op: 'membar', mask: 2, mnemonic: 'membar' }],
    ['membar #StoreLoad | #StoreStore', { op: 'membar', mask: 10, mnemonic: 'membar' }],
    ['membar #loadload', { op: 'membar', mask: 1, mnemonic: 'membar' }],
    ['membar 0x40', { op: 'membar', mask: 64, mnemonic: 'membar' }],
    ['add %o0, 8, %o1', alu('add', 'add', false, 8, imm(8), 9)],
    ['subcc %o0, %o1, %g0', alu('subcc', 'sub', true, 8, reg(9), 0)],
    ['andn %o0, %o1, %o2', alu('andn', 'andn', false, 8, reg(9), 10)],
    ['xor %r9, -1, %r10', alu('xor', 'xor', false, 9, imm(-1), 10)],
    ['sllx %o1, 32, %o1', alu('sllx', 'sllx', false, 9, imm(32), 9)],
    ['srl %o1, %o2, %o3', alu('srl', 'srl', false, 9, reg(10), 11)],
    ['mov 1, %o2', alu('mov', 'or', false, 0, imm(1), 10)],
    ['mov %o1, %o2', alu('mov', 'or', false, 0, reg(9), 10)],
    ['clr %o1', alu('clr', 'or', false, 0, reg(0), 9)],
    ['cmp %o1, 0', alu('cmp', 'sub', true, 9, imm(0), 0)],
    ['btst 1, %o1', alu('btst', 'and', true, 9, imm(1), 0)],
    ['tst %o1', alu('tst', 'or', true, 0, reg(9), 0)],
    ['set 0xffffffff, %o1', { op: 'set', value: 4294967295n, rd: 9, mnemonic: 'set' }],
    ['set -1, %o1', { op: 'set', value: -1n, rd: 9, mnemonic: 'set' }],
    ['bne L', { op: 'branch', cond: 'ne', annul: false, target: 'L', mnemonic: 'bne' }],
    ['bnz,a L', { op: 'branch', cond: 'ne', annul: true, target: 'L', mnemonic: 'bnz,a' }],
    ['be,pt %xcc, L', { op: 'branch', cond: 'e', cc: 'xcc', annul: false, predict: 'pt', target: 'L', mnemonic: 'be,pt' }],
    ['bgeu,a,pn %icc, L', { op: 'branch', cond: 'cc', cc: 'icc', annul: true, predict: 'pn', target: 'L', mnemonic: 'bgeu,a,pn' }],
    ['bl %xcc, L', { op: 'branch', cond: 'l', cc: 'xcc', annul: false, target: 'L', mnemonic: 'bl' }],
    ['ba L', { op: 'branch', cond: 'a', annul: false, target: 'L', mnemonic: 'ba' }],
    ['nop', { op: 'nop', mnemonic: 'nop' }],
  ]);

  it('reads registers in the initial state and the condition with or without %', () => {
    const test = parse(SPARC, program(SPARC, ['nop'], '0:%o0=x; 0:l7=1; 0:%sp=0;', '0:%i7=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: 'o0' }, { reg: 'l7' }, { reg: 'o6' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: 'i7' } });
  });
});

describe('sparc64 errors', () => {
  errorTests(SPARC, [
    ['foo %o1', '4:2', "unknown instruction 'foo'"],
    ['toString %o1', '4:2', "unknown instruction 'toString'"],
    ['swap [%o0], %o1', '4:2', "'swap' is a SPARC instruction that bpf-herd does not support"],
    ['addcc %o0, 1, %o1', '4:2', "'addcc' is a SPARC instruction that bpf-herd does not support"],
    ['add %o0, %o1', '4:2', 'missing operand: add takes rs1, reg_or_imm, rd'],
    ['mov %q1, %o1', '4:6', "unknown register '%q1'"],
    ['ldx [%o0+4096], %o1', '4:11', 'offset 4096 is out of range (-4096..4095)'],
    ['ldx [%o0-%o1], %o1', '4:11', 'an index register is added, not subtracted'],
    ['ldx %o0, %o1', '4:6', "expected an address [reg+offset] ([address]), found '%o0'"],
    ['cas [%o0+8], %o1, %o2', '4:11', 'cas and casx address memory by a register alone: write [%o0]'],
    ['add %o0, 4096, %o1', '4:11', 'immediate 4096 is out of range (-4096..4095)'],
    ['sll %o1, 32, %o1', '4:11', 'shift count 32 is out of range (0..31)'],
    ['membar #StoreFoo', '4:9', "unknown membar mask '#StoreFoo'"],
    ['bne %o1, L', '4:6', "expected a condition-code register (%icc or %xcc), found '%o1'"],
    ['bne,x L', '4:2', "unknown instruction 'bne,x'"],
    ['bne,pt L', '4:2', 'missing operand: bne,pt takes %icc or %xcc, label'],
  ]);

  it('needs an instruction in the delay slot of each branch, and no branch there', () => {
    expect(errorOf(SPARC, program(SPARC, ['nop', 'bne L']))).toContain('5:2: a branch needs an instruction in its delay slot: write nop after');
    expect(errorOf(SPARC, program(SPARC, ['bne L', 'ba L', 'nop']))).toContain('5:2: a branch cannot be in the delay slot of another branch');
  });
});

describe('sparc64 semantics', () => {
  it('runs the delay slot of a branch whether or not it is taken', () => {
    expect(finalRegs(SPARC, ['mov 1, %o1', 'cmp %o1, 1', 'be L', 'mov 2, %o2', 'mov 3, %o3'], '')).toMatchObject({ o2: 2n });
    expect(finalRegs(SPARC, ['mov 1, %o1', 'cmp %o1, 1', 'be L', 'mov 2, %o2', 'mov 3, %o3'], '').o3).toBeUndefined();
    expect(finalRegs(SPARC, ['mov 1, %o1', 'cmp %o1, 1', 'bne L', 'mov 2, %o2', 'mov 3, %o3'], '')).toMatchObject({ o2: 2n, o3: 3n });
  });

  it('runs the delay slot of an annulled branch only when it is taken (ba,a never, bn,a skips it)', () => {
    const run = (branch: string, o1: number) => finalRegs(SPARC, [`mov ${o1}, %o1`, 'cmp %o1, 1', branch, 'mov 2, %o2', 'mov 3, %o3'], '');
    expect(run('be,a L', 1)).toEqual({ o1: 1n, o2: 2n });
    expect(run('be,a L', 0)).toEqual({ o1: 0n, o3: 3n });
    expect(run('ba,a L', 0)).toEqual({ o1: 0n });
    expect(run('bn,a L', 0)).toEqual({ o1: 0n, o3: 3n });
    expect(run('bn L', 0)).toEqual({ o1: 0n, o2: 2n, o3: 3n });
  });

  it('makes the delay slot independent of the branch and what follows control-dependent', () => {
    const skel = skeleton(SPARC, ['ldx [%o0], %o1', 'cmp %o1, 0', 'bne L', 'stx %g0, [%o4]', 'stx %g0, [%o0]']);
    const path = skel.threads[0]!.paths.find((p) => p.events.length === 3)!;
    const [r, slot, after] = path.events;
    expect(path.deps.ctrl).toEqual([[r, after]]);
    expect(path.deps.ctrl.some(([, e]) => e === slot)).toBe(false);
  });

  it('compares on icc (the low words) or xcc (all 64 bits), signed and unsigned', () => {
    const taken = (...cells: string[]) => finalRegs(SPARC, [...cells, 'nop', 'mov 1, %o5'], '').o5 === undefined;
    expect(taken('set 0xffffffff, %o1', 'cmp %o1, 0', 'bl %icc, L')).toBe(true);
    expect(taken('set 0xffffffff, %o1', 'cmp %o1, 0', 'bl %xcc, L')).toBe(false);
    expect(taken('mov -1, %o1', 'cmp %o1, 1', 'bgu %xcc, L')).toBe(true);
    expect(taken('mov -1, %o1', 'cmp %o1, 1', 'bcs %xcc, L')).toBe(false);
    expect(taken('mov 2, %o1', 'cmp %o1, 2', 'bleu L')).toBe(true);
    expect(taken('mov 6, %o1', 'btst 1, %o1', 'be L')).toBe(true);
    expect(taken('mov -1, %o1', 'tst %o1', 'bneg %xcc, L')).toBe(true);
  });

  it('computes shifts and logic as SPARC V9 defines them, and ignores writes to %g0', () => {
    expect(finalRegs(SPARC, ['mov -1, %o1', 'srl %o1, 28, %o2', 'sra %o1, 4, %o3', 'srlx %o1, 60, %o4', 'mov 1, %o5', 'sllx %o5, 63, %l0', 'sll %o5, 31, %l1'], '')).toMatchObject({
      o2: 15n, o3: -1n, o4: 15n, l0: -(2n ** 63n), l1: 2n ** 31n,
    }); // prettier-ignore
    expect(finalRegs(SPARC, ['mov 12, %o1', 'andn %o1, 4, %o2', 'orn %g0, 0, %o3', 'mov 5, %g0', 'add %g0, 1, %o4'], '')).toMatchObject({ o2: 8n, o3: -1n, o4: 1n });
  });

  it('extends loads as the mnemonic says (a location holds a value: a narrow access sees its low bits)', async () => {
    const text = [
      'SPARC64 t', '{ x=0xffffffff; 0:o0=x; }', ' P0 ;', ' ld [%o0], %o1 ;', ' ldsw [%o0], %o2 ;', ' ldub [%o0], %o3 ;', ' ldsb [%o0], %o4 ;', ' ldx [%o0], %o5 ;',
      'exists (0:o1=4294967295 /\\ 0:o2=-1 /\\ 0:o3=255 /\\ 0:o4=-1 /\\ 0:o5=4294967295)', '',
    ].join('\n'); // prettier-ignore
    expect(await observation(text)).toBe('Always');
  });

  it('makes cas a read tagged CAS and, when it succeeds, a write related by amo; rd gets the old value', async () => {
    const skel = skeleton(SPARC, ['casx [%o0], %o1, %o2']);
    const shapes = skel.threads[0]!.paths.map((p) => ({ events: kinds(eventsOf(skel, p)), amo: p.amo.length }));
    expect(shapes).toEqual(expect.arrayContaining([{ events: ['R[CAS]', 'W[CAS]'], amo: 1 }, { events: ['R[CAS]'], amo: 0 }]));
    // cas compares the low word of rs2 with x and zero-extends the old value into rd
    for (const [x, stored] of [[5n, 9n], [7n, 7n]] as const) {
      const text = ['SPARC64 t', `{ x=${x}; 0:o0=x; 0:o1=0x100000005; 0:o2=9; }`, ' P0 ;', ' cas [%o0], %o1, %o2 ;', `exists (0:o2=${x} /\\ x=${stored})`, ''].join('\n');
      expect(await observation(text), `x=${x}`).toBe('Always');
    }
  });

  it('tags membar fences with their mask bits', () => {
    const skel = skeleton(SPARC, ['membar #StoreLoad|#Sync', 'membar 0x0f', 'membar 0']);
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual(['F[StoreLoad,Sync]', 'F[LoadLoad,StoreLoad,LoadStore,StoreStore]', 'F[]']);
  });
});

// ---------------------------------------------------------------- LoongArch64

describe('LoongArch64 instruction forms', () => {
  const imm = (v: number | bigint) => ({ k: 'imm', value: BigInt(v) });
  const reg = (n: number) => ({ k: 'reg', reg: n });
  const alu = (name: string, alu: string, word: boolean, rd: number, rj: number, src: object) => ({ op: 'alu', alu, word, rd, rj, src, mnemonic: name });
  formTests(LOONGARCH, [
    ['ld.w $a0, $a1, 8', { op: 'load', size: 32, signed: true, rd: 4, rj: 5, offset: imm(8), mnemonic: 'ld.w' }],
    ['ld.bu $t0, $a0, -1', { op: 'load', size: 8, signed: false, rd: 12, rj: 4, offset: imm(-1), mnemonic: 'ld.bu' }],
    ['ld.d $r4, $r3, 0', { op: 'load', size: 64, signed: true, rd: 4, rj: 3, offset: imm(0), mnemonic: 'ld.d' }],
    ['ld.hu a0, sp, 2', { op: 'load', size: 16, signed: false, rd: 4, rj: 3, offset: imm(2), mnemonic: 'ld.hu' }],
    ['ldx.d $a0, $a1, $a2', { op: 'load', size: 64, signed: true, rd: 4, rj: 5, offset: reg(6), mnemonic: 'ldx.d' }],
    ['ldptr.w $a0, $a1, 4', { op: 'load', size: 32, signed: true, rd: 4, rj: 5, offset: imm(4), mnemonic: 'ldptr.w' }],
    ['st.d $a0, $sp, 0', { op: 'store', size: 64, rd: 4, rj: 3, offset: imm(0), mnemonic: 'st.d' }],
    ['st.b $a0, $a1, 1', { op: 'store', size: 8, rd: 4, rj: 5, offset: imm(1), mnemonic: 'st.b' }],
    ['stx.h $a0, $a1, $a2', { op: 'store', size: 16, rd: 4, rj: 5, offset: reg(6), mnemonic: 'stx.h' }],
    ['ll.w $t0, $a0, 0', { op: 'll', size: 32, rd: 12, rj: 4, offset: 0n, mnemonic: 'll.w' }],
    ['ll.d $t0, $a0', { op: 'll', size: 64, rd: 12, rj: 4, offset: 0n, mnemonic: 'll.d' }],
    ['sc.d $t1, $a0, 8', { op: 'sc', size: 64, rd: 13, rj: 4, offset: 8n, mnemonic: 'sc.d' }],
    ['amadd.w $t0, $t1, $a0', { op: 'amo', amo: 'add', size: 32, db: false, rd: 12, rk: 13, rj: 4, mnemonic: 'amadd.w' }],
    ['amswap_db.d $zero, $t1, $a0', { op: 'amo', amo: 'swap', size: 64, db: true, rd: 0, rk: 13, rj: 4, mnemonic: 'amswap_db.d' }],
    ['amor_db.w $t0, $t1, $a0', { op: 'amo', amo: 'or', size: 32, db: true, rd: 12, rk: 13, rj: 4, mnemonic: 'amor_db.w' }],
    ['ammax_db.wu $t0, $t1, $a0', { op: 'amo', amo: 'maxu', size: 32, db: true, rd: 12, rk: 13, rj: 4, mnemonic: 'ammax_db.wu' }],
    ['dbar 0', { op: 'dbar', hint: 0, mnemonic: 'dbar' }],
    ['dbar 0x700', { op: 'dbar', hint: 0x700, mnemonic: 'dbar' }],
    ['dbar 0x14', { op: 'dbar', hint: 0x14, mnemonic: 'dbar' }],
    ['add.w $a0, $a1, $a2', alu('add.w', 'add', true, 4, 5, reg(6))],
    ['sub.d $a0, $a1, $a2', alu('sub.d', 'sub', false, 4, 5, reg(6))],
    ['addi.d $a0, $a0, -1', alu('addi.d', 'add', false, 4, 4, imm(-1))],
    ['andi $a0, $a1, 4095', alu('andi', 'and', false, 4, 5, imm(4095))],
    ['xor $a0, $a1, $a2', alu('xor', 'xor', false, 4, 5, reg(6))],
    ['nor $a0, $a1, $zero', alu('nor', 'nor', false, 4, 5, reg(0))],
    ['slli.d $a0, $a0, 32', alu('slli.d', 'sll', false, 4, 4, imm(32))],
    ['srai.w $a0, $a0, 31', alu('srai.w', 'sra', true, 4, 4, imm(31))],
    ['sltu $a0, $a1, $a2', alu('sltu', 'sltu', false, 4, 5, reg(6))],
    ['move $a0, $a1', alu('move', 'or', false, 4, 5, reg(0))],
    ['nop', alu('nop', 'and', false, 0, 0, imm(0))],
    ['li.w $a0, 0xffffffff', { op: 'li', rd: 4, value: -1n, mnemonic: 'li.w' }],
    ['li.d $a0, 0x123456789', { op: 'li', rd: 4, value: 0x123456789n, mnemonic: 'li.d' }],
    ['li $a0, -2', { op: 'li', rd: 4, value: -2n, mnemonic: 'li' }],
    ['bstrpick.d $a0, $a1, 31, 0', { op: 'bstrpick', rd: 4, rj: 5, msb: 31, lsb: 0, mnemonic: 'bstrpick.d' }],
    ['beq $a0, $a1, L', { op: 'branch', cond: 'eq', rj: 4, rd: 5, target: 'L', mnemonic: 'beq' }],
    ['bltu $a0, $a1, L', { op: 'branch', cond: 'ltu', rj: 4, rd: 5, target: 'L', mnemonic: 'bltu' }],
    ['bgt $a0, $a1, L', { op: 'branch', cond: 'lt', rj: 5, rd: 4, target: 'L', mnemonic: 'bgt' }],
    ['bnez $t0, L', { op: 'branch', cond: 'ne', rj: 12, rd: 0, target: 'L', mnemonic: 'bnez' }],
    ['b L', { op: 'jump', target: 'L', mnemonic: 'b' }],
  ]);

  it('reads registers in the initial state and the condition as $r0-$r31, ABI names too', () => {
    const test = parse(LOONGARCH, program(LOONGARCH, ['nop'], '0:$a0=x; 0:r5=1; 0:$fp=0;', '0:$s8=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: '$r4' }, { reg: '$r5' }, { reg: '$r22' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: '$r31' } });
  });
});

describe('LoongArch64 errors', () => {
  errorTests(LOONGARCH, [
    ['foo $a0', '4:2', "unknown instruction 'foo'"],
    ['valueOf $a0', '4:2', "unknown instruction 'valueOf'"],
    ['ld.du $a0, $a1, 0', '4:2', "unknown instruction 'ld.du'"],
    ['jirl $ra, $a0, 0', '4:2', "'jirl' is a LoongArch instruction that bpf-herd does not support"],
    ['amcas_db.w $a0, $a1, $a2', '4:2', "'amcas_db.w' is a LoongArch instruction that bpf-herd does not support"],
    ['amadd.b $a0, $a1, $a2', '4:2', "'amadd.b' is a LoongArch instruction that bpf-herd does not support"],
    ['ld.w $a0, $a1', '4:2', 'missing operand: ld.w takes rd, rj, si12'],
    ['ld.w $a0, $a1, 0, 1', '4:20', 'too many operands: ld.w takes rd, rj, si12'],
    ['ld.w $a0, $a1, 2048', '4:17', 'immediate 2048 is out of range (-2048..2047)'],
    ['ld.w $x9, $a1, 0', '4:7', "unknown register '$x9' (LoongArch has $r0-$r31 or an ABI name"],
    ['ld.w $a0, L, 0', '4:12', "expected a register (rj), found 'L'"],
    ['ll.w $t0, $a0, 2', '4:17', 'offset 2 is not a multiple of 4'],
    ['amadd.w $a0, $a1, $a0', '4:10', 'amadd.w: rd must differ from rj (the result is undefined)'],
    ['amswap_db.d $a1, $a1, $a0', '4:14', 'amswap_db.d: rd must differ from rk'],
    ['dbar 0x20', '4:7', 'dbar hint 0x20 is reserved'],
    ['dbar 0x8000', '4:7', 'hint 32768 is out of range (0..32767)'],
    ['andi $a0, $a1, -1', '4:17', 'immediate -1 is out of range (0..4095)'],
    ['bstrpick.d $a0, $a1, 0, 31', '4:23', 'bstrpick.d: msbd must not be below lsbd'],
    ['beq $a0, $a1, $a2', '4:16', "expected a label (label), found '$a2'"],
  ]);
});

describe('LoongArch64 semantics', () => {
  it('computes .w operations on 32 bits and sign-extends them', () => {
    expect(finalRegs(LOONGARCH, ['li.w $a0, 0x7fffffff', 'addi.w $a1, $a0, 1', 'addi.d $a2, $a0, 1', 'li.d $a3, 1', 'slli.w $a4, $a3, 31', 'slli.d $a5, $a3, 31'], '')).toMatchObject({
      $r5: -(2n ** 31n), $r6: 2n ** 31n, $r8: -(2n ** 31n), $r9: 2n ** 31n,
    }); // prettier-ignore
    expect(finalRegs(LOONGARCH, ['li.d $a0, -1', 'srli.w $a1, $a0, 28', 'srai.d $a2, $a0, 60', 'srli.d $a3, $a0, 60', 'bstrpick.d $a4, $a0, 31, 0', 'andi $a5, $a0, 4095'], '')).toMatchObject({
      $r5: 15n, $r6: -1n, $r7: 15n, $r8: 0xffffffffn, $r9: 4095n,
    }); // prettier-ignore
    expect(finalRegs(LOONGARCH, ['li.d $a0, 12', 'li.d $a1, 4', 'nor $a2, $a0, $a1', 'andn $a3, $a0, $a1', 'orn $a4, $zero, $zero', 'slt $a5, $a2, $zero', 'sltu $a6, $a2, $zero', 'li.d $zero, 5', 'move $a7, $zero'], '')).toMatchObject({
      $r6: -13n, $r7: 8n, $r8: -1n, $r9: 1n, $r10: 0n, $r11: 0n,
    }); // prettier-ignore
  });

  it('extends loads as the mnemonic says', async () => {
    const text = [
      'LOONGARCH64 t', '{ x=0xffffffff; 0:$a0=x; }', ' P0 ;', ' ld.w $t0, $a0, 0 ;', ' ld.wu $t1, $a0, 0 ;', ' ld.b $t2, $a0, 0 ;', ' ld.hu $t3, $a0, 0 ;', ' ll.w $t4, $a0, 0 ;',
      'exists (0:$t0=-1 /\\ 0:$t1=4294967295 /\\ 0:$t2=-1 /\\ 0:$t3=65535 /\\ 0:$t4=-1)', '',
    ].join('\n'); // prettier-ignore
    expect(await observation(text)).toBe('Always');
  });

  it('computes each AMO on the old value and rk, the old value sign-extended into rd', async () => {
    const cases: [string, bigint, bigint][] = [
      // [instruction, rk, stored value]; memory holds 6
      ['amadd.w', 3n, 9n], ['amand_db.w', 3n, 2n], ['amor.d', 3n, 7n], ['amxor.w', 3n, 5n], ['amswap_db.w', 3n, 3n],
      ['ammax.w', -1n, 6n], ['ammax.wu', -1n, 0xffffffffn], ['ammin_db.d', -1n, -1n], ['ammin.du', -1n, 6n],
    ]; // prettier-ignore
    for (const [mnemonic, rk, stored] of cases) {
      const text = ['LOONGARCH64 t', `{ x=6; 0:$a0=x; 0:$t1=${rk}; }`, ' P0 ;', ` ${mnemonic} $t0, $t1, $a0 ;`, `exists (0:$t0=6 /\\ x=${stored})`, ''].join('\n');
      expect(await observation(text), mnemonic).toBe('Always');
    }
  });

  it('tags AMOs AMO (and DB for _db), related by amo, and ll/sc pairs X, related by rmw', () => {
    const skel = skeleton(LOONGARCH, ['amadd_db.w $t0, $t1, $a0', 'amswap.d $zero, $t1, $a1']);
    const path = skel.threads[0]!.paths[0]!;
    expect(kinds(eventsOf(skel, path))).toEqual(['R[AMO,DB]', 'W[AMO,DB]', 'R[AMO]', 'W[AMO]']);
    expect(path.amo).toEqual([path.events.slice(0, 2), path.events.slice(2)]);
    const llsc = skeleton(LOONGARCH, ['ll.d $t0, $a0, 0', 'sc.d $t1, $a0, 0']);
    const success = llsc.threads[0]!.paths.find((p) => p.events.length === 2)!;
    expect(kinds(eventsOf(llsc, success))).toEqual(['R[X]', 'W[X]']);
    expect(success.rmw).toEqual([success.events]);
    expect(success.amo).toEqual([]);
    expect(evalExpr(success.regs.get('$r13')!, () => 0n)).toBe(1n);
  });

  it('fails an sc without a matching reservation: no event, rd = 0', () => {
    for (const cells of [['sc.w $t1, $a0, 0'], ['ll.w $t0, $a0, 0', 'sc.w $t1, $a1, 0'], ['ll.d $t0, $a0, 0', 'sc.w $t1, $a0, 0']]) {
      const skel = skeleton(LOONGARCH, cells);
      for (const path of skel.threads[0]!.paths) {
        expect(evalExpr(path.regs.get('$r13')!, () => 0n), cells.join('; ')).toBe(0n);
        expect(eventsOf(skel, path).filter((e) => e.write)).toEqual([]);
      }
    }
  });

  it('tags dbar fences with what their hint orders', () => {
    expect(dbarTags(0)).toEqual(['BarPrevR', 'BarPrevW', 'BarSuccR', 'BarSuccW']);
    expect(dbarTags(0x10)).toEqual(['BarPrevR', 'BarPrevW', 'BarSuccR', 'BarSuccW']);
    expect(dbarTags(0x14)).toEqual(['BarPrevR', 'BarSuccR', 'BarSuccW']); // ldacq_mb
    expect(dbarTags(0x12)).toEqual(['BarPrevR', 'BarPrevW', 'BarSuccW']); // strel_mb
    expect(dbarTags(0x15)).toEqual(['BarPrevR', 'BarSuccR']); // o_rsync: rmb
    expect(dbarTags(0x1a)).toEqual(['BarPrevW', 'BarSuccW']); // o_wsync: wmb
    expect(dbarTags(0x1f)).toEqual([]);
    expect(dbarTags(0x700)).toEqual(['BarSameAddrRR']);
    const skel = skeleton(LOONGARCH, ['dbar 0', 'dbar 0x700']);
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual(['F[BarPrevR,BarPrevW,BarSuccR,BarSuccW]', 'F[BarSameAddrRR]']);
  });

  it('carries address, data and control dependencies through registers', () => {
    const skel = skeleton(LOONGARCH, ['ld.d $t0, $a0, 0', 'xor $t1, $t0, $t0', 'ldx.d $t2, $a1, $t1', 'st.d $t0, $a1, 0', 'bnez $t2, L', 'st.d $zero, $a0, 0']);
    const path = skel.threads[0]!.paths.find((p) => p.events.length === 4)!;
    const [r1, r2, w1, w2] = path.events;
    expect(path.deps.addr).toEqual([[r1, r2]]);
    expect(path.deps.data).toEqual([[r1, w1]]);
    expect(path.deps.ctrl).toEqual([[r2, w2]]);
  });
});

// ---------------------------------------------------------------- MIPS64

describe('MIPS64 instruction forms', () => {
  const imm = (v: number | bigint) => ({ k: 'imm', value: BigInt(v) });
  const reg = (n: number) => ({ k: 'reg', reg: n });
  const alu = (name: string, alu: string, word: boolean, rd: number, rs: number, src: object) => ({ op: 'alu', alu, word, rd, rs, src, mnemonic: name });
  formTests(MIPS, [
    ['lw $t0, 0($a0)', { op: 'load', size: 32, signed: true, rt: 12, base: 4, offset: 0n, mnemonic: 'lw' }],
    ['lwu $2, -4($sp)', { op: 'load', size: 32, signed: false, rt: 2, base: 29, offset: -4n, mnemonic: 'lwu' }],
    ['ld $v0, 8($a1)', { op: 'load', size: 64, signed: true, rt: 2, base: 5, offset: 8n, mnemonic: 'ld' }],
    ['lbu $t0, ($a0)', { op: 'load', size: 8, signed: false, rt: 12, base: 4, offset: 0n, mnemonic: 'lbu' }],
    ['lh $t0, 2($a0)', { op: 'load', size: 16, signed: true, rt: 12, base: 4, offset: 2n, mnemonic: 'lh' }],
    ['sd $t1, 8($a0)', { op: 'store', size: 64, rt: 13, base: 4, offset: 8n, mnemonic: 'sd' }],
    ['sb $t1, 0($a0)', { op: 'store', size: 8, rt: 13, base: 4, offset: 0n, mnemonic: 'sb' }],
    ['ll $t0, 0($a0)', { op: 'll', size: 32, rt: 12, base: 4, offset: 0n, mnemonic: 'll' }],
    ['lld $t0, 0($a0)', { op: 'll', size: 64, rt: 12, base: 4, offset: 0n, mnemonic: 'lld' }],
    ['sc $t1, 0($a0)', { op: 'sc', size: 32, rt: 13, base: 4, offset: 0n, mnemonic: 'sc' }],
    ['scd $t1, 16($a0)', { op: 'sc', size: 64, rt: 13, base: 4, offset: 16n, mnemonic: 'scd' }],
    ['sync', { op: 'sync', stype: 0, mnemonic: 'sync' }],
    ['sync 0x10', { op: 'sync', stype: 16, mnemonic: 'sync' }],
    ['sync 0x12', { op: 'sync', stype: 18, mnemonic: 'sync' }],
    ['addu $t0, $t1, $t2', alu('addu', 'add', true, 12, 13, reg(14))],
    ['daddu $t0, $t1, $zero', alu('daddu', 'add', false, 12, 13, reg(0))],
    ['dsubu $t0, $t1, $t2', alu('dsubu', 'sub', false, 12, 13, reg(14))],
    ['and $t0, $t1, $t2', alu('and', 'and', false, 12, 13, reg(14))],
    ['nor $t0, $t1, $t2', alu('nor', 'nor', false, 12, 13, reg(14))],
    ['sltu $t0, $t1, $t2', alu('sltu', 'sltu', false, 12, 13, reg(14))],
    ['addiu $t0, $t1, -1', alu('addiu', 'add', true, 12, 13, imm(-1))],
    ['daddiu $sp, $sp, -16', alu('daddiu', 'add', false, 29, 29, imm(-16))],
    ['andi $t0, $t1, 65535', alu('andi', 'and', false, 12, 13, imm(65535))],
    ['sltiu $t0, $t1, -1', alu('sltiu', 'sltu', false, 12, 13, imm(-1))],
    ['sll $t0, $t1, 3', alu('sll', 'sll', true, 12, 13, imm(3))],
    ['dsrl32 $t0, $t1, 0', alu('dsrl32', 'srl', false, 12, 13, imm(32))],
    ['dsllv $t0, $t1, $t2', alu('dsllv', 'sll', false, 12, 13, reg(14))],
    ['move $t0, $t1', alu('move', 'or', false, 12, 13, reg(0))],
    ['nop', alu('nop', 'sll', true, 0, 0, imm(0))],
    ['li $t0, -1', { op: 'li', rd: 12, value: -1n, mnemonic: 'li' }],
    ['dli $t0, 0x123456789abc', { op: 'li', rd: 12, value: 0x123456789abcn, mnemonic: 'dli' }],
    ['lui $t0, 0x8000', { op: 'li', rd: 12, value: -2147483648n, mnemonic: 'lui' }],
    ['dext $t0, $t1, 0, 32', { op: 'dext', rt: 12, rs: 13, lsb: 0, size: 32, mnemonic: 'dext' }],
    ['beq $t0, $t1, L', { op: 'branch', cond: 'eq', rs: 12, rt: 13, target: 'L', mnemonic: 'beq' }],
    ['bnez $t0, L', { op: 'branch', cond: 'ne', rs: 12, rt: 0, target: 'L', mnemonic: 'bnez' }],
    ['bltz $t0, L', { op: 'branch', cond: 'ltz', rs: 12, rt: 0, target: 'L', mnemonic: 'bltz' }],
    ['b L', { op: 'branch', cond: 'eq', rs: 0, rt: 0, target: 'L', mnemonic: 'b' }],
  ]);

  it('reads registers in the initial state and the condition as $0-$31, n64 ABI names too', () => {
    const test = parse(MIPS, program(MIPS, ['nop'], '0:$a0=x; 0:$ta0=1; 0:$t0=0; 0:$31=0;', '0:$s8=0'));
    expect(test.init.map((e) => e.target)).toMatchObject([{ reg: '$4' }, { reg: '$8' }, { reg: '$12' }, { reg: '$31' }]);
    expect(test.condition.prop).toMatchObject({ k: 'atom', lhs: { reg: '$30' } });
  });
});

describe('MIPS64 errors', () => {
  errorTests(MIPS, [
    ['foo $t0', '4:2', "unknown instruction 'foo'"],
    ['constructor $t0', '4:2', "unknown instruction 'constructor'"],
    ['add $t0, $t1, $t2', '4:2', "'add' is a MIPS instruction that bpf-herd does not support: it traps on overflow: write addu"],
    ['beql $t0, $t1, L', '4:2', "'beql' is a MIPS instruction that bpf-herd does not support: branch-likely"],
    ['jr $ra', '4:2', "'jr' is a MIPS instruction that bpf-herd does not support"],
    ['sync 5', '4:7', 'sync stype 0x5 is implementation-specific or reserved'],
    ['lw $t0, 32768($a0)', '4:10', 'offset 32768 is out of range (-32768..32767)'],
    ['lw $t0, $a0', '4:10', "expected a memory operand offset(base) (offset(base)), found '$a0'"],
    ['addu $t0, $t1', '4:2', 'missing operand: addu takes rd, rs, rt'],
    ['lw $t4, 0($a0)', '4:5', "unknown register '$t4' (MIPS has $0-$31 or an n64 ABI name"],
    ['sll $t0, $t1, 32', '4:16', 'immediate 32 is out of range (0..31)'],
    ['andi $t0, $t1, -1', '4:17', 'immediate -1 is out of range (0..65535)'],
    ['beq $t0, $t1, $t2', '4:16', "expected a label (label), found '$t2'"],
    ['lw t0, 0($a0)', '4:5', "expected a register (rt), found 't0'"],
  ]);

  it('needs an instruction in the delay slot of each branch, and no branch there', () => {
    expect(errorOf(MIPS, program(MIPS, ['nop', 'b L']))).toContain('5:2: a branch needs an instruction in its delay slot: write nop after');
    expect(errorOf(MIPS, program(MIPS, ['beqz $t0, L', 'bnez $t0, L', 'nop']))).toContain('5:2: a branch cannot be in the delay slot of another branch');
  });
});

describe('MIPS64 semantics', () => {
  it('sign-extends the results of 32-bit operations', () => {
    expect(finalRegs(MIPS, ['li $t0, 0x7fffffff', 'addiu $t1, $t0, 1', 'daddiu $t2, $t0, 1', 'li $t3, 1', 'sll $s0, $t3, 31', 'dsll32 $s1, $t3, 0'], '')).toMatchObject({
      $13: -(2n ** 31n), $14: 2n ** 31n, $16: -(2n ** 31n), $17: 2n ** 32n,
    }); // prettier-ignore
    expect(finalRegs(MIPS, ['li $t0, -1', 'srl $t1, $t0, 28', 'sra $t2, $t0, 4', 'dsrl32 $t3, $t0, 28', 'andi $s0, $t0, 65535', 'sltiu $s1, $zero, -1', 'lui $s2, 0x8000', 'dext $s3, $t0, 4, 8'], '')).toMatchObject({
      $13: 15n, $14: -1n, $15: 15n, $16: 65535n, $17: 1n, $18: -(2n ** 31n), $19: 255n,
    }); // prettier-ignore
    expect(finalRegs(MIPS, ['li $t0, 12', 'li $t1, 4', 'nor $t2, $t0, $t1', 'subu $t3, $t1, $t0', 'li $zero, 5', 'move $s0, $zero'], '')).toMatchObject({ $14: -13n, $15: -8n, $16: 0n });
  });

  it('runs the delay slot of a branch whether or not it is taken', () => {
    expect(finalRegs(MIPS, ['b L', 'li $t0, 1', 'li $t1, 1'], '')).toEqual({ $12: 1n });
    expect(finalRegs(MIPS, ['bnez $zero, L', 'li $t0, 1', 'li $t1, 1'], '')).toEqual({ $12: 1n, $13: 1n });
    expect(finalRegs(MIPS, ['li $t2, -1', 'bltz $t2, L', 'li $t0, 1', 'li $t1, 1'], '')).toEqual({ $14: -1n, $12: 1n });
  });

  it('makes the delay slot independent of the branch and what follows control-dependent', () => {
    const skel = skeleton(MIPS, ['ld $t0, 0($a0)', 'beqz $t0, L', 'sd $zero, 0($a1)', 'sd $zero, 0($a0)']);
    const path = skel.threads[0]!.paths.find((p) => p.events.length === 3)!;
    const [r, , after] = path.events;
    expect(path.deps.ctrl).toEqual([[r, after]]);
  });

  it('extends loads as the mnemonic says', async () => {
    const text = [
      'MIPS64 t', '{ x=0xffffffff; 0:$a0=x; }', ' P0 ;', ' lw $t0, 0($a0) ;', ' lwu $t1, 0($a0) ;', ' lb $t2, 0($a0) ;', ' lhu $t3, 0($a0) ;', ' ll $s0, 0($a0) ;', ' ld $s1, 0($a0) ;',
      'exists (0:$t0=-1 /\\ 0:$t1=4294967295 /\\ 0:$t2=-1 /\\ 0:$t3=65535 /\\ 0:$s0=-1 /\\ 0:$s1=4294967295)', '',
    ].join('\n'); // prettier-ignore
    expect(await observation(text)).toBe('Always');
  });

  it('pairs an sc with the last ll of the same address and size: X events related by rmw, rt = 1; otherwise rt = 0', () => {
    const skel = skeleton(MIPS, ['lld $t0, 0($a0)', 'scd $t1, 0($a0)']);
    const success = skel.threads[0]!.paths.find((p) => p.events.length === 2)!;
    expect(kinds(eventsOf(skel, success))).toEqual(['R[X]', 'W[X]']);
    expect(success.rmw).toEqual([success.events]);
    expect(evalExpr(success.regs.get('$13')!, () => 0n)).toBe(1n);
    for (const cells of [['sc $t1, 0($a0)'], ['ll $t0, 0($a0)', 'sc $t1, 0($a1)'], ['lld $t0, 0($a0)', 'sc $t1, 0($a0)']]) {
      for (const path of skeleton(MIPS, cells).threads[0]!.paths) expect(evalExpr(path.regs.get('$13')!, () => 0n), cells.join('; ')).toBe(0n);
    }
  });

  it('tags sync fences with what their stype orders', () => {
    expect(syncTags(0)).toEqual(['SyncPredR', 'SyncPredW', 'SyncSuccR', 'SyncSuccW']);
    expect(syncTags(0x10)).toEqual(['SyncPredR', 'SyncPredW', 'SyncSuccR', 'SyncSuccW']);
    expect(syncTags(0x4)).toEqual(['SyncPredW', 'SyncSuccW']);
    expect(syncTags(0x11)).toEqual(['SyncPredR', 'SyncSuccR', 'SyncSuccW']);
    expect(syncTags(0x12)).toEqual(['SyncPredR', 'SyncPredW', 'SyncSuccW']);
    expect(syncTags(0x13)).toEqual(['SyncPredR', 'SyncSuccR']);
    const skel = skeleton(MIPS, ['sync', 'sync 0x13']);
    expect(kinds(eventsOf(skel, skel.threads[0]!.paths[0]!))).toEqual(['F[SyncPredR,SyncPredW,SyncSuccR,SyncSuccW]', 'F[SyncPredR,SyncSuccR]']);
  });
});

// ---------------------------------------------------------------- our tests and what each ordering instruction does

const ARCH_FOLDERS = ['s390x', 'sparc64', 'loongarch64', 'mips64'] as const;

describe.each(ARCH_FOLDERS)('litmus/%s', (folder) => {
  const dir = new URL(`../litmus/${folder}/`, import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.litmus')).sort();
  const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

  it('has at least four tests, each printing to text that parses to the same test', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const test = parseLitmus(read(file), file, [isaFor(folder)!.syntax]);
      const again = parseLitmus(printLitmus(test, isaFor(folder)!.syntax), file, [isaFor(folder)!.syntax]);
      expect(stripped(again), file).toEqual(stripped(test));
    }
  });

  it.each(files)('%s gives its Result with both engines', async (file) => {
    const byEnum = await checkText(file, read(file), { engine: 'enum', unroll: 2, verdictOnly: false });
    const bySmt = await checkText(file, read(file), { engine: 'smt', unroll: 2, verdictOnly: false });
    expect(byEnum.error).toBeUndefined();
    expect(byEnum.expected).toBeDefined();
    expect(byEnum.matches, `${file}: ${byEnum.observation}, expected ${byEnum.expected}`).toBe(true);
    expect(bySmt.states).toEqual(byEnum.states);
    expect(bySmt.observation).toBe(byEnum.observation);
  }, 20_000);
});

describe('each ordering instruction is what forbids its test', () => {
  const litmus = (path: string) => readFileSync(new URL(`../litmus/${path}`, import.meta.url), 'utf8');
  const variants: [string, string, string, string][] = [
    // [test, text replaced, replacement, observation then]
    ['s390x/SB+bcr14s.litmus', /bcr 14,0/g.source, 'bcr 13,0', 'Sometimes'],
    ['s390x/SB+laal-bcr14s.litmus', /bcr 14,0/g.source, 'nopr', 'Sometimes'],
    ['sparc64/SB+membar-storeloads.litmus', /#StoreLoad/g.source, '#MemIssue', 'Never'],
    ['sparc64/SB+membar-storeloads.litmus', /#StoreLoad/g.source, '#Lookaside', 'Sometimes'],
    ['loongarch64/SB+dbar0s.litmus', /dbar 0 /g.source, 'dbar 0x10', 'Never'],
    ['loongarch64/MP+dbar0x12+dbar0x14.litmus', /dbar 0x12/g.source, 'dbar 0x16', 'Sometimes'], // 0x16 leaves out earlier stores
    ['loongarch64/MP+dbar0x12+dbar0x14.litmus', /dbar 0x14/g.source, 'dbar 0x15', 'Never'], // 0x15 (rmb) still orders the loads
    ['loongarch64/SB+amadd_db.ws.litmus', /amadd_db\.w/g.source, 'amswap_db.w', 'Never'],
    ['mips64/SB+syncs.litmus', /sync /g.source, 'sync 0x12', 'Sometimes'], // release: no store-to-load order
    ['mips64/SB+syncs.litmus', /sync /g.source, 'sync 0x10', 'Never'],
    ['mips64/MP+sync0x12+addr.litmus', /sync 0x12/g.source, 'sync 0x13', 'Sometimes'],
    ['mips64/MP+syncs.litmus', /\| sync /g.source, '| sync 0x11', 'Never'], // acquire orders the reader's loads
  ];
  it.each(variants)('%s with %s replaced by %s: %s', async (file, pattern, replacement, expected) => {
    const text = litmus(file).replace(new RegExp(pattern, 'g'), replacement).replace(/Result: \w+/, `Result: ${expected}`);
    expect(text).not.toBe(litmus(file));
    expect(await observation(text)).toBe(expected);
  });
});

