import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/diag.js';
import type { CatBinOp, CatBinding, CatExpr, CatPostOp, CatStmt } from '../src/cat/ast.js';
import { knownModels, loadModelFiles, MODELS_DIR } from '../src/cat/load.js';
import { parseCat } from '../src/cat/parse.js';

/** An expression printed back with every operator application in parentheses, to make precedence visible. */
function paren(e: CatExpr): string {
  switch (e.k) {
    case 'var':
      return e.name;
    case 'empty':
      return '0';
    case 'universe':
      return '_';
    case 'bin':
      return `(${paren(e.a)} ${e.op} ${paren(e.b)})`;
    case 'post':
      return `(${paren(e.e)}${e.op})`;
    case 'compl':
      return `(~${paren(e.e)})`;
    case 'idset':
      return `[${paren(e.e)}]`;
    case 'app':
      return `${e.fn}(${e.args.map(paren).join(', ')})`;
    case 'try':
      return `(try ${paren(e.e)} with ${paren(e.fallback)})`;
    case 'letin':
      return `(let ${e.rec ? 'rec ' : ''}${e.binds.map(bindingText).join(' and ')} in ${paren(e.body)})`;
  }
}

function bindingText(b: CatBinding): string {
  return `${b.name}${b.params ? `(${b.params.join(', ')})` : ''} = ${paren(b.body)}`;
}

const parse = (text: string) => parseCat(text, 't.cat');

function onlyStmt(text: string): CatStmt {
  const { stmts } = parse(text);
  expect(stmts).toHaveLength(1);
  return stmts[0]!;
}

/** The expression `text`, parsed as the body of a `let`. */
function parseExpr(text: string): CatExpr {
  const stmt = onlyStmt(`let x = ${text}`);
  if (stmt.k !== 'let') throw new Error('expected a let');
  return stmt.binds[0]!.body;
}

const shape = (text: string) => paren(parseExpr(text));

/** The InputError thrown by `fn`, as `line:col: message`. */
function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.pos ? `${err.pos.line}:${err.pos.col}: ${err.detail}` : err.detail;
  }
  throw new Error('no error thrown');
}

describe('operator precedence and associativity', () => {
  it.each([
    ['a | b ; c', '(a | (b ; c))'],
    ['a ; b | c', '((a ; b) | c)'],
    ['a ; b \\ c', '(a ; (b \\ c))'],
    ['a \\ b ; c', '((a \\ b) ; c)'],
    ['a \\ b \\ c', '((a \\ b) \\ c)'],
    ['a \\ b & c', '(a \\ (b & c))'],
    ['a & b \\ c', '((a & b) \\ c)'],
    ['a & b | c', '((a & b) | c)'],
    ['a | b & c', '(a | (b & c))'],
    ['M * W ; po', '((M * W) ; po)'],
    ['po & M * W', '(po & (M * W))'],
    ['a | b | c', '(a | (b | c))'],
    ['a ; b ; c', '(a ; (b ; c))'],
    ['a & b & c', '(a & (b & c))'],
    ['(a | b) ; c', '((a | b) ; c)'],
    ['~a ; b', '((~a) ; b)'],
    ['~a+', '(~(a+))'],
    ['~~a', '(~(~a))'],
    ['rf^-1 ; co', '((rf^-1) ; co)'],
    ['r^-1+', '((r^-1)+)'],
    ['rfe? ; ppo', '((rfe?) ; ppo)'],
  ])('%s is %s', (text, expected) => {
    expect(shape(text)).toBe(expected);
  });
});

describe('postfix star versus cartesian product', () => {
  it.each([
    ['hb*', '(hb*)'],
    ['(rf;rmw)*', '((rf ; rmw)*)'],
    ['po* ; x', '((po*) ; x)'],
    ['M * W', '(M * W)'],
    ['M*W', '(M * W)'],
    ['_ * B', '(_ * B)'],
    ['M * [W]', '(M * [W])'],
    ['M * (W | R)', '(M * (W | R))'],
    ['M * ~W', '(M * (~W))'],
    ['M * 0', '(M * 0)'],
    ['M * _', '(M * _)'],
    ['r* & s', '((r*) & s)'],
    ['r* * s', '((r*) * s)'],
    ['r**', '((r*)*)'],
    ['M * W*', '(M * (W*))'],
    ['(po*)', '(po*)'],
  ])('%s is %s', (text, expected) => {
    expect(shape(text)).toBe(expected);
  });

  it('is postfix before the next statement, even one starting with ~', () => {
    const { stmts } = parse('let x = r*\n~empty y as no-y\nlet z = s*\nacyclic z*');
    expect(stmts.map((s) => s.k)).toEqual(['let', 'check', 'let', 'check']);
    expect(paren((stmts[0] as { binds: CatBinding[] }).binds[0]!.body)).toBe('(r*)');
  });
});

describe('atoms', () => {
  it('reads names with - and . and keyword prefixes', () => {
    expect(shape('po-loc | A-cumul | dmb.full | rmw-seq | x1_y')).toBe('(po-loc | (A-cumul | (dmb.full | (rmw-seq | x1_y))))');
    expect(shape('letter | android | include-x | asx | empty-set')).toBe(
      '(letter | (android | (include-x | (asx | empty-set))))',
    );
  });

  it('reads 0, _ and [S]', () => {
    expect(parseExpr('0').k).toBe('empty');
    expect(parseExpr('_').k).toBe('universe');
    expect(shape('[R & W] | amo')).toBe('([(R & W)] | amo)');
    expect(shape('[M] ; po ; [SC]')).toBe('([M] ; (po ; [SC]))');
  });

  it('reads applications', () => {
    expect(shape('fencerel(B)')).toBe('fencerel(B)');
    expect(shape('f(a, b ; c)+')).toBe('(f(a, (b ; c))+)');
    expect(shape('[range(rmw)] ; lrs')).toBe('([range(rmw)] ; lrs)');
    expect(shape('domain(r) * M')).toBe('(domain(r) * M)');
    expect(shape('f (a)')).toBe('f(a)');
    const app = parseExpr('domain(r)');
    expect(app).toMatchObject({ k: 'app', fn: 'domain', args: [{ k: 'var', name: 'r' }] });
  });

  it('reads let ... in and try ... with, whose bodies extend as far as possible', () => {
    expect(shape('let y = a | b in y ; c')).toBe('(let y = (a | b) in (y ; c))');
    expect(shape('a | let y = b in y ; c')).toBe('(a | (let y = b in (y ; c)))');
    expect(shape('let rec y = a | y ; b and z = c in y | z')).toBe('(let rec y = (a | (y ; b)) and z = c in (y | z))');
    expect(shape('try dmb.full with 0')).toBe('(try dmb.full with 0)');
    expect(shape('(try A with 0) | L')).toBe('((try A with 0) | L)');
  });

  it('ignores nested comments', () => {
    expect(shape('a (* one (* two *) still one *) | b')).toBe('(a | b)');
  });
});

describe('positions', () => {
  it('gives each node the position where its text starts', () => {
    const e = parseExpr('a |\n  (b ; c)*');
    expect(e.pos).toEqual({ file: 't.cat', line: 1, col: 9 });
    if (e.k !== 'bin') throw new Error('expected a union');
    expect(e.b).toMatchObject({ k: 'post', pos: { line: 2, col: 3 } });
    if (e.b.k !== 'post') throw new Error('expected a closure');
    expect(e.b.e.pos).toEqual({ file: 't.cat', line: 2, col: 4 });
  });
});

describe('statements', () => {
  it('reads let, let rec ... and, and functions', () => {
    expect(onlyStmt('let a = b')).toMatchObject({ k: 'let', rec: false, binds: [{ name: 'a' }] });
    const rec = onlyStmt('let rec a = b ; a and c = a | d');
    expect(rec).toMatchObject({ k: 'let', rec: true, binds: [{ name: 'a' }, { name: 'c' }] });
    const fn = onlyStmt('let fencerel(B) = (po & (_ * B)) ; po');
    if (fn.k !== 'let') throw new Error('expected a let');
    expect(fn.binds[0]!.params).toEqual(['B']);
    expect(bindingText(fn.binds[0]!)).toBe('fencerel(B) = ((po & (_ * B)) ; po)');
    const two = onlyStmt('let f(a, b) = a ; b');
    expect(two).toMatchObject({ binds: [{ name: 'f', params: ['a', 'b'] }] });
    expect((onlyStmt('let a = b') as { binds: CatBinding[] }).binds[0]!.params).toBeUndefined();
  });

  it('reads checks with ~, flag and as', () => {
    expect(onlyStmt('acyclic po | rf as sc')).toMatchObject({
      k: 'check',
      check: 'acyclic',
      negated: false,
      flag: false,
      name: 'sc',
      e: { k: 'bin', op: '|' },
    });
    expect(onlyStmt('irreflexive fre ; prop')).toMatchObject({ check: 'irreflexive', flag: false });
    expect(onlyStmt('irreflexive fre ; prop')).not.toHaveProperty('name');
    expect(onlyStmt('~empty r')).toMatchObject({ check: 'empty', negated: true, flag: false });
    expect(onlyStmt('flag ~empty a & b as data-race')).toMatchObject({
      check: 'empty',
      negated: true,
      flag: true,
      name: 'data-race',
    });
    expect(onlyStmt('flag acyclic r as x')).toMatchObject({ check: 'acyclic', negated: false, flag: true });
  });

  it('reads show and unshow', () => {
    expect(onlyStmt('show a, b-c')).toEqual({ k: 'show', names: ['a', 'b-c'], pos: { file: 't.cat', line: 1, col: 1 } });
    expect(onlyStmt('show po ; rf as porf')).toMatchObject({ k: 'show', names: ['porf'] });
    expect(onlyStmt('unshow po')).toMatchObject({ k: 'unshow', names: ['po'] });
  });

  it('reads include', () => {
    expect(onlyStmt('include "stdlib.cat"')).toMatchObject({ k: 'include', file: 'stdlib.cat' });
  });

  it('reads a string title, a bare name title, or none', () => {
    expect(parse('"ARMv8 AArch64"\nlet a = b').title).toBe('ARMv8 AArch64');
    expect(parse('(* header *) X86\nlet a = b').title).toBe('X86');
    expect(parse('let a = b')).not.toHaveProperty('title');
    expect(parse('')).toEqual({ file: 't.cat', stmts: [] });
  });
});

describe('syntax errors', () => {
  it.each([
    ['let = x', '1:5: syntax error: expected a name or \'rec\', found \'=\''],
    ['let in = x', '1:5: syntax error: expected a name or \'rec\', found \'in\''],
    ['let x = (a | b\nlet y = c', "2:1: syntax error: expected ')', '(' or an operator, found 'let'"],
    ['let x = a b', "1:11: syntax error: expected end of file, a statement, 'and', '(' or an operator, found 'b'"],
    ['acyclic', '1:8: syntax error: expected', 'end of file'],
    ['flag ~empty r', "1:14: syntax error: expected 'as', found end of file"],
    ['let x = a\n\n  a = b', "3:3: syntax error: expected end of file, a statement, 'and', '(' or an operator, found 'a'"],
    ['include stdlib', "1:9: syntax error: expected a quoted string, found 'stdlib'"],
    ['let x = a (* open (* nested *)', '1:11: syntax error: comment is not closed by *)'],
    ['"(* title" let x = a b', "1:22: syntax error: expected"],
    ['let f() = a', "1:7: syntax error: expected a name, found ')'"],
  ])('%j', (text, ...expected) => {
    const message = inputError(() => parse(text));
    for (const part of expected) expect(message).toContain(part);
  });

  it('carries the file name', () => {
    expect(() => parseCat('let', 'models/x.cat')).toThrow(/^models\/x\.cat:1:4: syntax error/);
  });
});

describe('the shipped models', () => {
  it('parses models/stdlib.cat and models/bpf.cat', () => {
    for (const name of ['stdlib', 'bpf']) {
      const file = path.join(MODELS_DIR, `${name}.cat`);
      expect(() => parseCat(readFileSync(file, 'utf8'), file)).not.toThrow();
    }
  });

  it('loads bpf with the statements of stdlib in place of its include', () => {
    const model = loadModelFiles('bpf');
    expect(model.title).toBe('BPF');
    expect(model.files.map((f) => path.basename(f.file))).toEqual(['bpf.cat', 'stdlib.cat']);
    expect(model.stmts.some((s) => s.k === 'include')).toBe(false);
    const letNames = model.stmts.flatMap((s) => (s.k === 'let' ? s.binds.map((b) => b.name) : []));
    expect(letNames.slice(0, 2)).toEqual(['po-loc', 'rfe']);
    expect(letNames.indexOf('fencerel')).toBeLessThan(letNames.indexOf('atomic-rmw'));
    const checks = model.stmts.flatMap((s) => (s.k === 'check' ? [`${s.check} ${s.name}`] : []));
    expect(checks).toEqual(['acyclic coherence', 'acyclic happens-before', 'acyclic propagation', 'empty atomicity']);
    expect(model.stmts[0]!.pos.file).toMatch(/stdlib\.cat$/);
  });
});

describe('loading models and includes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cat-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('includes from the including folder first, then models/, each file once', () => {
    write('base.cat', 'let base = po');
    write('left.cat', 'include "base.cat"\nlet left = base');
    write('right.cat', 'include "base.cat"\ninclude "stdlib.cat"\nlet right = base');
    const top = write('top.cat', '"Top"\ninclude "left.cat"\ninclude "right.cat"\nacyclic left | right');
    const model = loadModelFiles(top);
    expect(model.title).toBe('Top');
    expect(model.files.map((f) => path.basename(f.file))).toEqual(['top.cat', 'left.cat', 'base.cat', 'right.cat', 'stdlib.cat']);
    const order = model.stmts.map((s) => (s.k === 'let' ? s.binds[0]!.name : s.k));
    expect(order.slice(0, 3)).toEqual(['base', 'left', 'po-loc']);
    expect(order.slice(-2)).toEqual(['right', 'check']);
    expect(order.filter((n) => n === 'base')).toHaveLength(1);
  });

  it('finds model names in searchDirs before models/', () => {
    write('bpf.cat', '"Shadow"\nlet a = b');
    expect(loadModelFiles('bpf', { searchDirs: [dir] }).title).toBe('Shadow');
    expect(loadModelFiles('bpf').title).toBe('BPF');
    expect(knownModels([dir])).toContain('top');
  });

  it('reports an include cycle at the include that closes it', () => {
    write('cyc-a.cat', 'let a = b\ninclude "cyc-b.cat"');
    write('cyc-b.cat', '\n\n  include "cyc-a.cat"');
    const message = inputError(() => loadModelFiles(path.join(dir, 'cyc-a.cat')));
    expect(message).toMatch(/^3:3: include cycle: .*cyc-a\.cat includes .*cyc-b\.cat includes .*cyc-a\.cat$/);
  });

  it('reports a file including itself', () => {
    const self = write('self.cat', 'include "self.cat"');
    expect(inputError(() => loadModelFiles(self))).toMatch(/^1:1: include cycle: .*self\.cat includes .*self\.cat$/);
  });

  it('reports a missing include at its position', () => {
    const file = write('missing.cat', 'let a = b\n include "nowhere.cat"');
    expect(inputError(() => loadModelFiles(file))).toMatch(/^2:2: cannot find included file 'nowhere\.cat' \(searched: /);
  });

  it('reports a syntax error in an included file with that file name', () => {
    write('broken.cat', 'let = 1');
    const file = write('uses-broken.cat', 'include "broken.cat"');
    expect(() => loadModelFiles(file)).toThrow(/broken\.cat:1:5: syntax error/);
  });

  it('reports an unknown model with the known ones', () => {
    expect(inputError(() => loadModelFiles('foo'))).toMatch(/^unknown model 'foo' \(known: (.*, )?bpf(, .*)?\)$/);
    expect(inputError(() => loadModelFiles(path.join(dir, 'none.cat')))).toMatch(/^cannot read model file '.*none\.cat': no such file$/);
  });
});

// Round trip: random expressions printed with the fewest parentheses the precedence rules allow parse back to themselves.
describe('printing with minimal parentheses and parsing back', () => {
  const level: Record<CatBinOp, number> = { '|': 1, ';': 2, '\\': 3, '&': 4, '*': 5 };
  const leftAssoc = new Set<CatBinOp>(['\\', '*']);
  const PREFIX = 6;
  const POSTFIX = 7;
  const ATOM = 8;
  const levelOf = (e: CatExpr): number =>
    e.k === 'bin' ? level[e.op] : e.k === 'compl' ? PREFIX : e.k === 'post' ? POSTFIX : ATOM;

  function minimal(e: CatExpr): string {
    const wrap = (child: CatExpr, needs: boolean) => (needs ? `(${minimal(child)})` : minimal(child));
    switch (e.k) {
      case 'bin': {
        const l = level[e.op];
        const left = leftAssoc.has(e.op) ? levelOf(e.a) < l : levelOf(e.a) <= l;
        const right = leftAssoc.has(e.op) ? levelOf(e.b) <= l : levelOf(e.b) < l;
        return `${wrap(e.a, left)} ${e.op} ${wrap(e.b, right)}`;
      }
      case 'compl':
        return `~${wrap(e.e, levelOf(e.e) < PREFIX)}`;
      case 'post':
        return `${wrap(e.e, levelOf(e.e) < POSTFIX)}${e.op}`;
      default:
        return paren(e);
    }
  }

  const at = { file: 't.cat', line: 1, col: 1 };
  const exprArb = fc.letrec<{ e: CatExpr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<CatExpr>({ k: 'var', name: 'po-loc', pos: at }, { k: 'var', name: 'M', pos: at }, { k: 'empty', pos: at }, { k: 'universe', pos: at }),
      fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom<CatBinOp>('|', ';', '\\', '&', '*'), a: tie('e'), b: tie('e'), pos: fc.constant(at) }),
      fc.record({ k: fc.constant('post' as const), op: fc.constantFrom<CatPostOp>('^-1', '+', '*', '?'), e: tie('e'), pos: fc.constant(at) }),
      fc.record({ k: fc.constant('compl' as const), e: tie('e'), pos: fc.constant(at) }),
      fc.record({ k: fc.constant('idset' as const), e: tie('e'), pos: fc.constant(at) }),
    ) as fc.Arbitrary<CatExpr>,
  })).e;

  it('keeps the structure', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        expect(shape(minimal(e))).toBe(paren(e));
      }),
      { numRuns: 500 },
    );
  });
});
