/** The final state asked for with --state (`1:r3=1; 1:r4=0; [x]=2;`), and the atoms of a state. */
import { InputError } from '../../diag.js';
import { allSyntaxes } from '../../isa/registry.js';
import type { Cond, LitmusTest, Observable, Value } from '../../litmus/ast.js';
import { parseLitmus } from '../../litmus/parse.js';

/**
 * The test, and its text, with its condition replaced by `exists (state)`: the state goes
 * through the test's own grammar, so its registers and locations are named and checked as the
 * condition's are.
 */
export function withStateCondition(file: string, text: string, test: LitmusTest, state: string): { test: LitmusTest; text: string } {
  const atoms = state.split(';').map((a) => a.trim()).filter(Boolean);
  if (atoms.length === 0) throw new InputError(undefined, '--state: no atom (expected e.g. "1:r3=1; 1:r4=0;")');
  const { line, col } = test.condition.pos;
  const lines = text.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
  const restated = `${text.slice(0, start)}exists (${atoms.join(' /\\ ')})\n`;
  try {
    return { test: parseLitmus(restated, file, allSyntaxes()), text: restated };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(undefined, `--state "${state}": ${e.detail}`);
    throw e;
  }
}

/** The atoms of a conjunction of equalities, or undefined if the condition is anything else. */
export function conjunctionAtoms(c: Cond): { lhs: Observable; rhs: Value }[] | undefined {
  if (c.k === 'atom') return [{ lhs: c.lhs, rhs: c.rhs }];
  if (c.k !== 'and') return undefined;
  const a = conjunctionAtoms(c.a), b = conjunctionAtoms(c.b);
  return a && b ? [...a, ...b] : undefined;
}
