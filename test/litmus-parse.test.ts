import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type * as ohm from 'ohm-js';
import { describe, expect, it } from 'vitest';
import type { Cond, LitmusTest } from '../src/litmus/ast.js';
import { detectArch, parseLitmus } from '../src/litmus/parse.js';
import { printCond, printLitmus } from '../src/litmus/print.js';
import type { IsaSyntax, Located } from '../src/litmus/syntax.js';
import type { BpfInstr } from '../src/isa/bpf/instr.js';
import { bpfSyntax } from '../src/isa/bpf/syntax.js';
import { cachedGrammar } from '../src/grammar-recipes.js';
import { grammarSources } from '../src/litmus/grammars.js';
import { stripped } from './support/stripped.js';

function parse(text: string): LitmusTest<BpfInstr> {
  return parseLitmus(text, 't.litmus', [bpfSyntax]);
}

/** `line:col: message` of the InputError that parsing `text` throws. */
function errorOf(text: string, syntaxes: IsaSyntax<any>[] = [bpfSyntax]): string {
  try {
    parseLitmus(text, 't.litmus', syntaxes);
  } catch (e) {
    return (e as Error).message.replace(/^t\.litmus:/, '');
  }
  throw new Error('parsed without error');
}

const at = (line: number, col: number) => ({ file: 't.litmus', line, col });


const EXAMPLE = [
  /*  1 */ 'BPF MP+test.1-x (MPAlt) "a doc string"',
  /*  2 */ '(* Result: Forbidden',
  /*  3 */ '   (* nested (* twice *) *) Result: Allowed *)',
  /*  4 */ 'Cycle=Rfe PodRR Fre',
  /*  5 */ 'Relax = Rfe ',
  /*  6 */ '{',
  /*  7 */ '  int buf; int y = 10; uint64_t z;',
  /*  8 */ '  int *p = &buf; x = 1; [w] = -2;',
  /*  9 */ '  0:r0 = buf; 1:r6 = 0x10; q = y; P1:r1=-0x10;',
  /* 10 */ '}',
  /* 11 */ ' P0                    | P1                    ;',
  /* 12 */ ' *(u32 *)(r0 + 0) = 1  | L0:                   ;',
  /* 13 */ ' (* empty *)           | r3 = *(u32 *)(r0 + 0) ;',
  /* 14 */ ' goto END              | if r3 == 0 goto L0    ;',
  /* 15 */ ' END: exit             |                       ;',
  /* 16 */ 'locations [x; 0:r0; [y];]',
  /* 17 */ 'filter (1:r3=1)',
  /* 18 */ 'exists (1:r3=1 /\\ ~x=1 \\/ [y]=10 => true)',
].join('\n');

describe('the common litmus format', () => {
  const test = parse(EXAMPLE);

  it('reads the header: arch, name, second name, doc string, metadata, expectation', () => {
    expect(test).toMatchObject({
      file: 't.litmus',
      arch: 'BPF',
      name: 'MP+test.1-x',
      altName: 'MPAlt',
      doc: 'a doc string',
      meta: [
        { key: 'Cycle', value: 'Rfe PodRR Fre' },
        { key: 'Relax', value: 'Rfe' },
      ],
      expectation: 'Forbidden',
    });
  });

  it('reads every kind of initial-state entry, with positions', () => {
    expect(test.init).toEqual([
      { pos: at(7, 3), type: 'int', target: { kind: 'loc', loc: 'buf', pos: at(7, 7) }, value: { kind: 'int', value: 0n } },
      { pos: at(7, 12), type: 'int', target: { kind: 'loc', loc: 'y', pos: at(7, 16) }, value: { kind: 'int', value: 10n } },
      { pos: at(7, 24), type: 'uint64_t', target: { kind: 'loc', loc: 'z', pos: at(7, 33) }, value: { kind: 'int', value: 0n } },
      { pos: at(8, 3), type: 'int *', target: { kind: 'loc', loc: 'p', pos: at(8, 8) }, value: { kind: 'addr', loc: 'buf' } },
      { pos: at(8, 18), target: { kind: 'loc', loc: 'x', pos: at(8, 18) }, value: { kind: 'int', value: 1n } },
      { pos: at(8, 25), target: { kind: 'loc', loc: 'w', pos: at(8, 25) }, value: { kind: 'int', value: -2n } },
      { pos: at(9, 3), target: { kind: 'reg', thread: 0, reg: 'r0', pos: at(9, 3) }, value: { kind: 'addr', loc: 'buf' } },
      { pos: at(9, 15), target: { kind: 'reg', thread: 1, reg: 'r6', pos: at(9, 15) }, value: { kind: 'int', value: 16n } },
      { pos: at(9, 28), target: { kind: 'loc', loc: 'q', pos: at(9, 28) }, value: { kind: 'addr', loc: 'y' } },
      { pos: at(9, 35), target: { kind: 'reg', thread: 1, reg: 'r1', pos: at(9, 35) }, value: { kind: 'int', value: -16n } },
    ]);
  });

  it('reads the thread table: labels alone or with an instruction, empty cells dropped', () => {
    const [p0, p1] = test.threads;
    expect(p0).toMatchObject({ id: 0, pos: at(11, 2) });
    expect(p1).toMatchObject({ id: 1, pos: at(11, 26) });
    expect(p0!.lines.map((l) => [l.pos, l.label, l.instr?.op, l.instr?.pos])).toEqual([
      [at(12, 2), undefined, 'store', at(12, 2)],
      [at(14, 2), undefined, 'goto', at(14, 2)],
      [at(15, 2), 'END', 'exit', at(15, 7)],
    ]);
    expect(p1!.lines.map((l) => [l.pos, l.label, l.instr?.op])).toEqual([
      [at(12, 26), 'L0', undefined],
      [at(13, 26), undefined, 'load'],
      [at(14, 26), undefined, 'if'],
    ]);
    expect(p1!.lines[1]!.instr!.text).toBe('r3 = *(u32 *)(r0 + 0)');
  });

  it('reads locations, filter and condition', () => {
    expect(test.locations).toEqual([
      { kind: 'loc', loc: 'x', pos: at(16, 12) },
      { kind: 'reg', thread: 0, reg: 'r0', pos: at(16, 15) },
      { kind: 'loc', loc: 'y', pos: at(16, 21) },
    ]);
    expect(test.filter).toEqual({
      k: 'atom',
      pos: at(17, 9),
      lhs: { kind: 'reg', thread: 1, reg: 'r3', pos: at(17, 9) },
      rhs: { kind: 'int', value: 1n },
    });
    expect(test.condition.pos).toEqual(at(18, 1));
    expect(test.condition.quantifier).toBe('exists');
    expect(stripped(test.condition.prop)).toEqual({
      k: 'implies',
      a: {
        k: 'or',
        a: {
          k: 'and',
          a: { k: 'atom', lhs: { kind: 'reg', thread: 1, reg: 'r3' }, rhs: { kind: 'int', value: 1n } },
          b: { k: 'not', c: { k: 'atom', lhs: { kind: 'loc', loc: 'x' }, rhs: { kind: 'int', value: 1n } } },
        },
        b: { k: 'atom', lhs: { kind: 'loc', loc: 'y' }, rhs: { kind: 'int', value: 10n } },
      },
      b: { k: 'true' },
    });
  });

  it('prints aligned text that parses back to the same test', () => {
    const printed = printLitmus(test, bpfSyntax);
    expect(printed).toBe(
      [
        'BPF MP+test.1-x (MPAlt)',
        '"a doc string"',
        '(* Result: Forbidden *)',
        'Cycle=Rfe PodRR Fre',
        'Relax=Rfe',
        '{',
        '  int buf;',
        '  int y = 10;',
        '  uint64_t z;',
        '  int *p = buf;',
        '  x=1;',
        '  w=-2;',
        '  0:r0=buf;',
        '  1:r6=16;',
        '  q=y;',
        '  1:r1=-16;',
        '}',
        ' P0                   | P1                    ;',
        ' *(u32 *)(r0 + 0) = 1 | L0:                   ;',
        ' goto END             | r3 = *(u32 *)(r0 + 0) ;',
        ' END: exit            | if r3 == 0 goto L0    ;',
        'locations [x; 0:r0; y]',
        'filter (1:r3=1)',
        'exists (1:r3=1 /\\ ~x=1 \\/ y=10 => true)',
        '',
      ].join('\n'),
    );
    expect(stripped(parse(printed))).toEqual(stripped(test));
  });
});

describe('conditions', () => {
  const prop = (text: string): unknown => stripped(parse(`BPF t\n{}\n P0 ;\nexists ${text}`).condition.prop);
  const a = { k: 'atom', lhs: { kind: 'loc', loc: 'a' }, rhs: { kind: 'int', value: 1n } };
  const b = { k: 'atom', lhs: { kind: 'loc', loc: 'b' }, rhs: { kind: 'int', value: 1n } };
  const c = { k: 'atom', lhs: { kind: 'loc', loc: 'c' }, rhs: { kind: 'int', value: 1n } };

  it('binds ~ tighter than /\\, /\\ tighter than \\/, \\/ tighter than =>', () => {
    expect(prop('(a=1 \\/ b=1 /\\ c=1)')).toEqual({ k: 'or', a, b: { k: 'and', a: b, b: c } });
    expect(prop('(~a=1 /\\ b=1)')).toEqual({ k: 'and', a: { k: 'not', c: a }, b });
    expect(prop('(a=1 => b=1 \\/ c=1)')).toEqual({ k: 'implies', a, b: { k: 'or', a: b, b: c } });
  });

  it('groups /\\ and \\/ to the left and => to the right', () => {
    expect(prop('(a=1 /\\ b=1 /\\ c=1)')).toEqual({ k: 'and', a: { k: 'and', a, b }, b: c });
    expect(prop('(a=1 \\/ b=1 \\/ c=1)')).toEqual({ k: 'or', a: { k: 'or', a, b }, b: c });
    expect(prop('(a=1 => b=1 => c=1)')).toEqual({ k: 'implies', a, b: { k: 'implies', a: b, b: c } });
  });

  it('accepts not, true, false, parentheses, no parentheses at all, and line breaks', () => {
    expect(prop('(not (a=1 /\\ b=1))')).toEqual({ k: 'not', c: { k: 'and', a, b } });
    expect(prop('(true \\/ false)')).toEqual({ k: 'or', a: { k: 'true' }, b: { k: 'false' } });
    expect(prop('a=1')).toEqual(a);
    expect(prop('\n((a=1))')).toEqual(a);
  });

  it('reads every kind of atom', () => {
    expect(prop('(0:r1=1 /\\ P0:r2=-1 /\\ 0: r3 = x /\\ x=y /\\ [x]=0x10)')).toEqual({
      k: 'and',
      a: {
        k: 'and',
        a: {
          k: 'and',
          a: {
            k: 'and',
            a: { k: 'atom', lhs: { kind: 'reg', thread: 0, reg: 'r1' }, rhs: { kind: 'int', value: 1n } },
            b: { k: 'atom', lhs: { kind: 'reg', thread: 0, reg: 'r2' }, rhs: { kind: 'int', value: -1n } },
          },
          b: { k: 'atom', lhs: { kind: 'reg', thread: 0, reg: 'r3' }, rhs: { kind: 'addr', loc: 'x' } },
        },
        b: { k: 'atom', lhs: { kind: 'loc', loc: 'x' }, rhs: { kind: 'addr', loc: 'y' } },
      },
      b: { k: 'atom', lhs: { kind: 'loc', loc: 'x' }, rhs: { kind: 'int', value: 16n } },
    });
  });

  it('prints with the parentheses the tree needs and no more', () => {
    const atom = (loc: string): Cond => ({ k: 'atom', pos: at(1, 1), lhs: { kind: 'loc', loc, pos: at(1, 1) }, rhs: { kind: 'int', value: 1n } });
    const [x, y, z] = [atom('x'), atom('y'), atom('z')];
    expect(printCond({ k: 'and', a: x, b: { k: 'and', a: y, b: z } })).toBe('x=1 /\\ (y=1 /\\ z=1)');
    expect(printCond({ k: 'and', a: { k: 'or', a: x, b: y }, b: z })).toBe('(x=1 \\/ y=1) /\\ z=1');
    expect(printCond({ k: 'implies', a: { k: 'implies', a: x, b: y }, b: z })).toBe('(x=1 => y=1) => z=1');
    expect(printCond({ k: 'not', c: { k: 'not', c: x } })).toBe('~~x=1');
    expect(printCond({ k: 'not', c: { k: 'or', a: x, b: y } })).toBe('~(x=1 \\/ y=1)');
  });

  it('reads every quantifier, the old `final` form, and a missing condition as forall (true)', () => {
    const condition = (tail: string) => parse(`BPF t\n{}\n P0 ;\n${tail}`).condition;
    expect(condition('exists (x=1)').quantifier).toBe('exists');
    expect(condition('~exists (x=1)').quantifier).toBe('~exists');
    expect(condition('~ exists (x=1)').quantifier).toBe('~exists');
    expect(condition('forall x=1').quantifier).toBe('forall');
    expect(condition('final (x=1);\nwith\ntso: ~exists;\ncc: exists;\n').quantifier).toBe('exists');
    expect(condition('')).toMatchObject({ quantifier: 'forall', prop: { k: 'true' } });
  });
});

describe('tolerance for the format as the architecture corpora write it', () => {
  it('accepts x86-style headers, P-prefixed registers, `{...};`, trailing `;` and tool sections', () => {
    const text = [
      'BPF iwp2.7/amd7 (iwpTwoSeven) "Locked instructions"',
      '{x = 0; y = 0; P0:r1 = 1};',
      '        P0      |       P1      ;',
      '  r2 = 1  \t|  r3 = 1  \t;',
      '~ exists (P1:r3 = 1 /\\ P0:r2 = 0 );',
      '',
      '<<',
      'show flags false',
      '>>',
      '<<',
      'readfrom generated/x.dot',
      '>>',
    ].join('\n');
    const test = parse(text);
    expect(test).toMatchObject({ name: 'iwp2.7/amd7', altName: 'iwpTwoSeven', doc: 'Locked instructions' });
    expect(test.init.map((e) => e.target)).toMatchObject([{ loc: 'x' }, { loc: 'y' }, { thread: 0, reg: 'r1' }]);
    expect(test.condition.quantifier).toBe('~exists');
  });

  it('accepts a doc string that is never closed, locations with a trailing `;` or on the next line', () => {
    const text = ['BPF co8', '"Coherence tests', '{ }', 'P0 ;', 'r1 = 1 ;', 'locations', '[0:r1; x;]'].join('\n');
    const test = parse(text);
    expect(test.doc).toBe('Coherence tests');
    expect(test.locations.map((o) => (o.kind === 'loc' ? o.loc : o.reg))).toEqual(['r1', 'x']);
  });

  it('finds the thread of a herd symbolic register from the code that uses it', () => {
    const raw = rawSyntax();
    const text = ['PPC MP', '{ %x0=x; 1:r5=y; }', ' P0            | P1 ;', ' stw r1,0(%x0) | li r1,1 ;', 'exists (1:r1=1)'].join('\n');
    const test = parseLitmus(text, 't.litmus', [raw]);
    expect(test.init[0]!.target).toMatchObject({ kind: 'reg', thread: 0, reg: '%x0' });
    expect(printLitmus(test, raw)).toContain('  %x0=x;');
    expect(errorOf(text.replace('stw r1,0(%x0)', 'stw r1,0(r2)'), [raw])).toBe(
      '2:3: symbolic register %x0 must be used by exactly one thread (used by 0)',
    );
  });
});

describe('expectation and architecture', () => {
  const withComment = (comment: string) => `BPF t\n${comment}\n{}\n P0 ;\nexists (x=1)`;

  it('takes the expectation from the first comment that states one', () => {
    expect(parse(withComment('(* Result: Never *)')).expectation).toBe('Never');
    expect(parse(withComment('(* Result: maybe *) (* Result: Sometimes *)')).expectation).toBe('Sometimes');
    expect(parse(withComment('(*\n * Result:   Always\n *)')).expectation).toBe('Always');
    for (const v of ['Allowed', 'Forbidden', 'Required'] as const) expect(parse(withComment(`(* Result: ${v} *)`)).expectation).toBe(v);
    expect(parse(withComment('(* no verdict *)')).expectation).toBeUndefined();
  });

  it('detects the architecture after blanks and comments', () => {
    expect(detectArch('BPF MP')).toBe('BPF');
    expect(detectArch('\n  (* a (* nested *) comment *)\nAArch64 MP')).toBe('AArch64');
    expect(detectArch('')).toBeUndefined();
  });

  it('picks the syntax by architecture, whatever its case', () => {
    const syntaxes: IsaSyntax<unknown>[] = [rawSyntax(), bpfSyntax];
    expect(parseLitmus('bpf t\n{}\n P0 ;\nexists (x=1)', 't.litmus', syntaxes).arch).toBe('bpf');
  });
});

describe('errors of the common format', () => {
  const table = (rows: string[], tail = 'exists (0:r1=0)') => ['BPF t', '{ 0:r1=x; }', ...rows, tail].join('\n');
  const cases: [string, string, string][] = [
    ['unknown architecture', 'FOO t\n{}', "1:1: unknown architecture 'FOO': expected one of BPF"],
    ['no architecture', '', '1:1: a test must start with its architecture: expected one of BPF'],
    ['no test name', 'BPF\n{}\n P0 ;\nexists (x=1)', "1:4: expected the test name after 'BPF'"],
    ['stray preamble line', 'BPF t\nfoo bar\n{}\n P0 ;\nexists (x=1)', "2:1: expected '{' (the initial state) or a 'key = value' line, found 'foo'"],
    ['no initial state', 'BPF t\n P0 ;\nexists (x=1)', "2:2: expected '{' (the initial state) or a 'key = value' line, found 'P0'"],
    ['missing ; in the initial state', 'BPF t\n{ x=1 y=2 }\n P0 ;\nexists (x=1)', "2:7: expected '}' or ';', found 'y=2'"],
    ['bad value', 'BPF t\n{ x= }\n P0 ;\nexists (x=1)', "2:6: expected a location name or a number, found '}'"],
    ['number too big', 'BPF t\n{ x=18446744073709551616 }\n P0 ;\nexists (x=1)', '2:5: 18446744073709551616 does not fit in 64 bits'],
    ['row without ;', table([' P0     | P1     ;', ' r1 = 1 | r2 = 1', ' r3 = 1 | r4 = 1 ;']), "4:17: expected ';' at the end of the row"],
    ['last row without ;', table([' P0     | P1     ;', ' r1 = 1 | r2 = 1']), "4:17: expected ';' at the end of the row"],
    ['header without ;', table([' P0 | P1', ' r1 = 1 | r2 = 1 ;']), "3:9: expected ';' at the end of the row"],
    ['too many cells', table([' P0 | P1 ;', ' r1 = 1 | r2 = 1 | r3 = 1 ;']), '4:2: row has 3 cells, header has 2 threads'],
    ['too few cells', table([' P0 | P1 ;', ' r1 = 1 ;']), '4:2: row has 1 cell, header has 2 threads'],
    ['threads out of order', table([' P0 | P2 ;', ' r1 = 1 | r2 = 1 ;']), '3:7: threads must be named P0, P1, ... in order: expected P1 here, found P2'],
    ['no header', table([' r1 = 1 ;']), "3:2: expected a thread name such as P0 or ';', found 'r1'"],
    ['thread missing in init', 'BPF t\n{ 0:r1=x; 1:r2=y; }\n P0 ;\n r1 = 1 ;\nexists (x=1)', '2:11: thread P1 does not exist: the test has only P0'],
    ['thread missing in condition', table([' P0 | P1 ;', ' r1 = 1 | r2 = 1 ;'], 'exists (0:r1=1 /\\ 2:r1=1)'), '5:19: thread P2 does not exist: the test has threads P0-P1'],
    ['thread missing in locations', table([' P0 ;', ' r1 = 1 ;'], 'locations [3:r1]\nexists (x=1)'), '5:12: thread P3 does not exist: the test has only P0'],
    ['thread missing in filter', table([' P0 ;', ' r1 = 1 ;'], 'filter (1:r1=0)\nexists (x=1)'), '5:9: thread P1 does not exist: the test has only P0'],
    ['unknown register in init', 'BPF t\n{ 0:x1=x; }\n P0 ;\nexists (x=1)', "2:5: unknown register 'x1' (expected r0-r10 or fp; wN registers only appear in instructions)"],
    ['unknown register in condition', table([' P0 ;'], 'exists (0:r11=1)'), "4:11: unknown register 'r11' (expected r0-r10 or fp; wN registers only appear in instructions)"],
    ['unknown register in locations', table([' P0 ;'], 'locations [0:w1]\nexists (x=1)'), "4:14: unknown register 'w1' (expected r0-r10 or fp; wN registers only appear in instructions)"],
    ['duplicate label', table([' P0 ;', ' L: r1 = 1 ;', ' L: ;']), "5:2: label 'L' is defined twice in P0 (first at line 4)"],
    ['missing label', table([' P0 | P1 ;', ' L: | goto L ;']), "4:7: label 'L' is not defined in P1"],
    ['unknown instruction', table([' P0 ;', ' r1 = foo ;']), "4:2: unknown instruction 'r1 = foo'"],
    ['bad condition', table([' P0 ;'], 'exists (0:r1=)'), "4:14: expected a location name or a number, found ')'"],
    ['unclosed condition', table([' P0 ;'], 'exists (0:r1=1'), "4:15: expected ')', found the end of the file"],
    ['text after the condition', table([' P0 ;'], 'exists (0:r1=1) junk'), "4:17: expected the end of the test, found 'junk'"],
    ['unclosed comment', table([' P0 ;'], 'exists (0:r1=1)\n(* never closed'), "5:1: comment not closed: expected '*)'"],
  ];
  it.each(cases)('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});

/** An ISA whose instructions are any text: enough to exercise the common grammar on every corpus. */
function rawSyntax(): IsaSyntax<Located & { raw: string }> {
  return {
    archNames: ['AArch64', 'PPC', 'RISCV', 'X86', 'X86_64'],
    grammarFile: '(inline)',
    grammarName: 'Raw',
    grammarSource: 'Raw <: Litmus {\n  Instr := rawInstr\n  rawInstr = (~cellEnd ~"\\n" any)+\n}',
    instrActions: {
      rawInstr(this: ohm.Node, _chars: ohm.Node) {
        return { raw: this.sourceString.trim() };
      },
    },
    registerHint: 'any name',
    normaliseReg: (name) => name,
    compareRegs: (a, b) => a.localeCompare(b),
    printInstr: (i) => i.raw,
    labelsUsed: () => [],
  };
}

const CONFORMANCE = new URL('../../shared/conformance/', import.meta.url);

describe.skipIf(!existsSync(CONFORMANCE))('the common grammar on every architecture corpus (skipped without ../shared/conformance)', () => {
  const raw = rawSyntax();
  for (const arch of ['aarch64', 'ppc', 'riscv', 'x86']) {
    const dir = new URL(`${arch}/`, CONFORMANCE);
    // Parsing is ~3 µs a character: print back one test in four to keep the suite quick.
    it.skipIf(!existsSync(dir))(`${arch}: every test parses; printed back, a test parses to the same test`, () => {
      const files = readdirSync(dir).filter((f) => f.endsWith('.litmus'));
      expect(files.length).toBeGreaterThan(200);
      files.forEach((file, i) => {
        const test = parseLitmus(readFileSync(new URL(file, dir), 'utf8'), file, [raw]);
        expect(test.threads.length, file).toBeGreaterThan(0);
        if (i % 4 === 0) expect(stripped(parseLitmus(printLitmus(test, raw), file, [raw])), file).toEqual(stripped(test));
      });
    }, 60_000);
  }
});

describe('grammar recipes (dist/recipes, written by npm run build)', () => {
  const syntax = bpfSyntax as unknown as IsaSyntax<unknown>;

  it('a grammar whose sources changed is compiled afresh, not taken from a stale recipe', () => {
    const { sources, compile } = grammarSources(syntax);
    const fresh = compile();
    let compiled = 0;
    const got = cachedGrammar(syntax.grammarName, [...sources, '// edited'], () => { compiled++; return fresh; });
    expect(compiled).toBe(1);
    expect(got).toBe(fresh);
  });

  it.skipIf(!existsSync(new URL('../dist/recipes/BPF.json', import.meta.url)))('the stored recipe parses as the compiled grammar does', () => {
    const { sources, compile } = grammarSources(syntax);
    let compiled = 0;
    const stored = cachedGrammar(syntax.grammarName, sources, () => { compiled++; return compile(); });
    expect(compiled, 'the recipe is up to date after npm run build').toBe(0);
    const text = readFileSync(new URL('../litmus/MP+release+acquire.litmus', import.meta.url), 'utf8');
    const fresh = compile();
    expect(stored.match(text).succeeded()).toBe(true);
    const bad = text.replace('}', ''); // the init block left open
    const [a, b] = [stored.match(bad), fresh.match(bad)];
    expect(a.failed() && b.failed()).toBe(true);
    expect(a.failed() && a.shortMessage).toBe(b.failed() && b.shortMessage);
  });
});
