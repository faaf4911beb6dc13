/** Litmus test text -> LitmusTest: picks the ISA from the first word, parses, builds and checks the AST. */
import type * as ohm from 'ohm-js';
import { fail, InputError } from '../diag.js';
import type { LitmusTest } from './ast.js';
import { commonActions, type BuildContext } from './build.js';
import { checkTest } from './checks.js';
import { expectationOf, skipBlanks } from './comments.js';
import { grammarFor } from './grammars.js';
import { SourceText } from './source.js';
import { resolveSymbolicRegisters } from './symbolic-regs.js';
import { END_OF_INPUT, expectedAt, foundAt, oneOf, syntaxError } from './syntax-errors.js';
import { BUILD_OPERATION, SourceError, type IsaSyntax } from './syntax.js';

/** The architecture word a test starts with (after blanks and comments), e.g. `BPF`. */
export function detectArch(text: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9_]*/.exec(text.slice(skipBlanks(text)))?.[0];
}

function syntaxFor<I>(text: string, file: string, syntaxes: readonly IsaSyntax<I>[]): IsaSyntax<I> {
  const arch = detectArch(text);
  const wanted = arch?.toLowerCase();
  const syntax = syntaxes.find((s) => s.archNames.some((name) => name.toLowerCase() === wanted));
  if (syntax) return syntax;
  const known = syntaxes.flatMap((s) => s.archNames).join(', ');
  const what = arch === undefined ? 'a test must start with its architecture' : `unknown architecture '${arch}'`;
  return fail({ file, line: 1, col: 1 }, `${what}: expected one of ${known}`);
}

/** `unknown instruction '...'`, with the grammar's hint when the text is close to an instruction. */
function badInstrMessage(grammar: ohm.Grammar, text: string): string {
  const base = `unknown instruction '${text}'`;
  const match = grammar.match(text, 'Instr');
  if (!match.failed()) return `${base}: unexpected text after the instruction`;
  const offset = match.getRightmostFailurePosition();
  const expected = expectedAt(match);
  if (offset === 0) return base;
  if (expected.includes(END_OF_INPUT)) return `${base}: unexpected ${foundAt(text, offset)}`;
  if (expected.length > 3) return base;
  return `${base}: expected ${oneOf(expected)} after '${text.slice(0, offset).trimEnd()}'`;
}

interface FrontEnd {
  grammar: ohm.Grammar;
  semantics: ohm.Semantics;
  ctx: BuildContext<unknown>;
}

const frontEnds = new WeakMap<IsaSyntax<unknown>, FrontEnd>();

/** The grammar and the semantic actions of an ISA, built once: each parse only sets `ctx.src`. */
function frontEndFor<I>(syntax: IsaSyntax<I>): FrontEnd {
  const key = syntax as IsaSyntax<unknown>;
  let fe = frontEnds.get(key);
  if (!fe) {
    const grammar = grammarFor(key);
    const ctx: BuildContext<unknown> = { src: new SourceText('', ''), syntax: key, describeBadInstr: (t) => badInstrMessage(grammar, t) };
    const semantics = grammar.createSemantics().addOperation(BUILD_OPERATION, { ...commonActions(ctx), ...syntax.instrActions });
    fe = { grammar, semantics, ctx };
    frontEnds.set(key, fe);
  }
  return fe;
}

export function parseLitmus<I>(
  text: string,
  file: string,
  syntaxes: readonly IsaSyntax<I>[],
): LitmusTest<I> {
  const syntax = syntaxFor(text, file, syntaxes);
  const src = new SourceText(text, file);
  const { grammar, semantics, ctx } = frontEndFor(syntax);
  const match = grammar.match(text);
  if (match.failed()) throw syntaxError(match, src);

  let test: LitmusTest<I>;
  try {
    ctx.src = src;
    test = semantics(match)[BUILD_OPERATION]();
  } catch (e) {
    if (e instanceof SourceError) throw new InputError(src.pos(e.offset), e.detail);
    throw e;
  }
  resolveSymbolicRegisters(test, syntax);
  checkTest(test, syntax);
  const expectation = expectationOf(text);
  if (expectation) test.expectation = expectation;
  return test;
}
