/** Parses one cat file (grammar/cat.ohm) into the AST of ./ast.ts. Includes are left as statements: see ./load.ts. */
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { InputError, type Pos } from '../diag.js';
import { cachedGrammar } from '../grammar-recipes.js';
import type { CatBinOp, CatBinding, CatCheckKind, CatExpr, CatFile, CatPostOp, CatStmt } from './ast.js';

/** Maps an offset in the source to a `file:line:col` position. */
type PosAt = (offset: number) => Pos;

// Relative to this module, so it resolves both from src/cat/ (vitest) and dist/cat/ (after tsc).
const GRAMMAR_URL = new URL('../../grammar/cat.ohm', import.meta.url);

let compiled: { grammar: ohm.Grammar; semantics: ohm.Semantics } | undefined;

/** The cat grammar alone: from its stored recipe, or compiled. */
function catGrammarOnly(): ohm.Grammar {
  const { sources, compile } = catGrammarSources();
  return cachedGrammar('Cat', sources, compile);
}

export function catGrammarSources(): { sources: string[]; compile: () => ohm.Grammar } {
  const source = readFileSync(GRAMMAR_URL, 'utf8');
  return { sources: [source], compile: () => ohm.grammar(source) };
}

function catGrammar(): { grammar: ohm.Grammar; semantics: ohm.Semantics } {
  if (!compiled) {
    const grammar = catGrammarOnly();
    compiled = { grammar, semantics: buildSemantics(grammar) };
  }
  return compiled;
}

export function parseCat(text: string, file: string): CatFile {
  const { grammar, semantics } = catGrammar();
  const at = positionsIn(text, file);
  const match = grammar.match(text);
  if (match.failed()) throw syntaxError(match, text, at);
  return semantics(match)['file'](at, file) as CatFile;
}

function positionsIn(text: string, file: string): PosAt {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    // The last line start at or before `offset`.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
}

/** Ohm's rightmost failure, as `expected X, found Y`. */
function syntaxError(match: ohm.FailedMatchResult, text: string, at: PosAt): InputError {
  // Ohm records no failures inside `space`, so it would blame some token inside an unclosed comment.
  const comment = unclosedCommentStart(text);
  if (comment !== undefined) return new InputError(at(comment), 'syntax error: comment is not closed by *)');
  const offset = match.getRightmostFailurePosition();
  return new InputError(at(offset), `syntax error: expected ${describeExpected(match)}, found ${describeInputAt(text, offset)}`);
}

// Not in ohm-js's typings, but present on its MatchResult (17.x): the failures behind getExpectedText().
interface OhmFailure {
  getText(): string;
  getType(): string;
  isFluffy(): boolean;
}

const OPERATORS = new Set(['|', ';', '\\', '&', '*', '^-1', '+', '?']);
const STATEMENT_KEYWORDS = new Set(['let', 'include', 'flag', 'acyclic', 'irreflexive', 'empty', 'show', 'unshow']);

/** Ohm lists every token it tried; group operators and statement keywords so the message stays short. */
function describeExpected(match: ohm.FailedMatchResult): string {
  const failures = (match as unknown as { getRightmostFailures?(): OhmFailure[] }).getRightmostFailures?.();
  if (!failures) return match.getExpectedText();
  const literals = failures.filter((f) => !f.isFluffy() && f.getType() === 'string').map((f) => f.getText());
  const atStatementStart = literals.includes('let') && literals.includes('include');
  const groupOperators = literals.filter((l) => OPERATORS.has(l)).length >= 3;
  const items: string[] = [];
  for (const f of failures) {
    if (f.isFluffy()) continue;
    const text = f.getText();
    let item: string;
    if (f.getType() !== 'string') item = text === 'end of input' ? 'end of file' : text;
    else if (atStatementStart && STATEMENT_KEYWORDS.has(text)) item = 'a statement';
    else if (groupOperators && OPERATORS.has(text)) item = 'an operator';
    else item = `'${text}'`;
    if (!items.includes(item)) items.push(item);
  }
  if (items.length === 0) return match.getExpectedText();
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** Where the outermost `(*` that is never closed starts, if any. */
function unclosedCommentStart(text: string): number | undefined {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (depth === 0 && text[i] === '"') {
      while (i + 1 < text.length && text[i + 1] !== '"' && text[i + 1] !== '\n') i++; // a string may hold `(*`
      i++;
    } else if (text.startsWith('(*', i)) {
      if (depth++ === 0) start = i;
      i++;
    } else if (depth > 0 && text.startsWith('*)', i)) {
      depth--;
      i++;
    }
  }
  return depth > 0 ? start : undefined;
}

function describeInputAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const word = /^[A-Za-z0-9_.-]+/.exec(text.slice(offset));
  const token = word ? word[0] : text[offset]!;
  return token === '\n' ? 'end of line' : `'${token}'`;
}

// ---- Building the AST ----------------------------------------------------------------------------

// Ohm operations are untyped; these wrappers give each one its type.
const expr = (n: ohm.Node, at: PosAt): CatExpr => n['expr'](at);
const stmt = (n: ohm.Node, at: PosAt): CatStmt => n['stmt'](at);
const binding = (n: ohm.Node, at: PosAt): CatBinding => n['binding'](at);
const listItems = (n: ohm.Node): ohm.Node[] => n.asIteration().children;
const optional = (n: ohm.Node): ohm.Node | undefined => n.children[0];
const names = (list: ohm.Node): string[] => listItems(list).map((n) => n.sourceString);
/** A string literal's contents; the grammar allows no escapes. */
const stringValue = (n: ohm.Node): string => n.sourceString.slice(1, -1);

function buildSemantics(grammar: ohm.Grammar): ohm.Semantics {
  const semantics = grammar.createSemantics();
  const startOf = (n: ohm.Node, at: PosAt): Pos => at(n.source.startIdx);

  semantics.addOperation<CatFile>('file(at, file)', {
    File(title, stmts) {
      const at: PosAt = this.args['at'];
      const titleNode = optional(title);
      const file: CatFile = { file: this.args['file'], stmts: stmts.children.map((s) => stmt(s, at)) };
      if (titleNode) file.title = titleNode.sourceString.startsWith('"') ? stringValue(titleNode) : titleNode.sourceString;
      return file;
    },
  });

  semantics.addOperation<CatStmt>('stmt(at)', {
    Include(_kw, file) {
      return { k: 'include', file: stringValue(file), pos: startOf(this, this.args['at']) };
    },
    Let(_let, rec, binds) {
      const at: PosAt = this.args['at'];
      return { k: 'let', rec: rec.numChildren > 0, binds: listItems(binds).map((b) => binding(b, at)), pos: startOf(this, at) };
    },
    Check_flagged(_flag, test, e, _as, name) {
      const at: PosAt = this.args['at'];
      return { k: 'check', ...checkTest(test), flag: true, e: expr(e, at), name: name.sourceString, pos: startOf(this, at) };
    },
    Check_plain(test, e, _as, name) {
      const at: PosAt = this.args['at'];
      const check: CatStmt = { k: 'check', ...checkTest(test), flag: false, e: expr(e, at), pos: startOf(this, at) };
      const nameNode = optional(name);
      if (nameNode) check.name = nameNode.sourceString;
      return check;
    },
    Show_as(_show, _e, _as, name) {
      return { k: 'show', names: [name.sourceString], pos: startOf(this, this.args['at']) };
    },
    Show_names(_show, list) {
      return { k: 'show', names: names(list), pos: startOf(this, this.args['at']) };
    },
    Unshow(_unshow, list) {
      return { k: 'unshow', names: names(list), pos: startOf(this, this.args['at']) };
    },
  });

  semantics.addOperation<CatBinding>('binding(at)', {
    Binding(name, params, _eq, body) {
      const at: PosAt = this.args['at'];
      const bind: CatBinding = { name: name.sourceString, body: expr(body, at), pos: startOf(this, at) };
      const paramList = optional(params);
      if (paramList) bind.params = names(paramList.children[1]!);
      return bind;
    },
  });

  // Every node's position is where its source text starts.
  const binary = (op: CatBinOp) =>
    function (this: ohm.Node, a: ohm.Node, _op: ohm.Node, b: ohm.Node): CatExpr {
      const at: PosAt = this.args['at'];
      return { k: 'bin', op, a: expr(a, at), b: expr(b, at), pos: startOf(this, at) };
    };

  semantics.addOperation<CatExpr>('expr(at)', {
    Union_union: binary('|'),
    Seq_seq: binary(';'),
    Diff_diff: binary('\\'),
    Inter_inter: binary('&'),
    Cart_product: binary('*'),
    Prefix_compl(_tilde, e) {
      const at: PosAt = this.args['at'];
      return { k: 'compl', e: expr(e, at), pos: startOf(this, at) };
    },
    Postfix_post(e, op) {
      const at: PosAt = this.args['at'];
      return { k: 'post', op: op.sourceString as CatPostOp, e: expr(e, at), pos: startOf(this, at) };
    },
    Atom_paren(_open, e, _close) {
      return expr(e, this.args['at']);
    },
    Atom_idset(_open, e, _close) {
      const at: PosAt = this.args['at'];
      return { k: 'idset', e: expr(e, at), pos: startOf(this, at) };
    },
    Atom_app(fn, _open, args, _close) {
      const at: PosAt = this.args['at'];
      return { k: 'app', fn: fn.sourceString, args: listItems(args).map((a) => expr(a, at)), pos: startOf(this, at) };
    },
    Atom_var(name) {
      return { k: 'var', name: name.sourceString, pos: startOf(this, this.args['at']) };
    },
    Atom_empty(_zero) {
      return { k: 'empty', pos: startOf(this, this.args['at']) };
    },
    Atom_universe(_underscore) {
      return { k: 'universe', pos: startOf(this, this.args['at']) };
    },
    Atom_letin(_let, rec, binds, _in, body) {
      const at: PosAt = this.args['at'];
      return {
        k: 'letin',
        rec: rec.numChildren > 0,
        binds: listItems(binds).map((b) => binding(b, at)),
        body: expr(body, at),
        pos: startOf(this, at),
      };
    },
    Atom_try(_try, e, _with, fallback) {
      const at: PosAt = this.args['at'];
      return { k: 'try', e: expr(e, at), fallback: expr(fallback, at), pos: startOf(this, at) };
    },
  });

  return semantics;
}

/** `[~] acyclic|irreflexive|empty`, the test of a check. */
function checkTest(test: ohm.Node): { check: CatCheckKind; negated: boolean } {
  const [tilde, kind] = test.children as [ohm.Node, ohm.Node];
  return { check: kind.sourceString as CatCheckKind, negated: tilde.numChildren > 0 };
}
