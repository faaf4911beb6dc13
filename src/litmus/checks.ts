/** Checks of a built test that need the whole AST: thread names and references, labels, ISA rules. */
import { fail, type Pos } from '../diag.js';
import type { Cond, LitmusTest, Observable, ThreadCode } from './ast.js';
import { located, type IsaSyntax } from './syntax.js';

/** Every observable of a test: initial state, `locations`, `filter` and condition. */
export function observablesOf(test: LitmusTest<unknown>): Observable[] {
  const found: Observable[] = [...test.init.map((e) => e.target), ...test.locations];
  const walk = (c: Cond): void => {
    switch (c.k) {
      case 'atom':
        found.push(c.lhs);
        break;
      case 'not':
        walk(c.c);
        break;
      case 'and':
      case 'or':
      case 'implies':
        walk(c.a);
        walk(c.b);
        break;
      case 'true':
      case 'false':
        break;
    }
  };
  if (test.filter) walk(test.filter);
  walk(test.condition.prop);
  return found;
}

function checkThreadNames(threads: readonly ThreadCode<unknown>[]): void {
  threads.forEach((t, i) => {
    if (t.id !== i) fail(t.pos, `threads must be named P0, P1, ... in order: expected P${i} here, found P${t.id}`);
  });
}

function checkThreadReferences(test: LitmusTest<unknown>): void {
  const n = test.threads.length;
  const has = n === 1 ? 'only P0' : `threads P0-P${n - 1}`;
  for (const o of observablesOf(test)) {
    if (o.kind === 'reg' && o.thread >= n) fail(o.pos, `thread P${o.thread} does not exist: the test has ${has}`);
  }
}

function checkLabels<I>(code: ThreadCode<I>, syntax: IsaSyntax<I>): void {
  const defined = new Map<string, Pos>();
  for (const line of code.lines) {
    if (line.label === undefined) continue;
    const first = defined.get(line.label);
    if (first) fail(line.pos, `label '${line.label}' is defined twice in P${code.id} (first at line ${first.line})`);
    defined.set(line.label, line.pos);
  }
  for (const { instr } of code.lines) {
    if (!instr) continue;
    for (const label of syntax.labelsUsed(instr)) {
      if (!defined.has(label)) fail(located(instr).pos, `label '${label}' is not defined in P${code.id}`);
    }
  }
}

export function checkTest<I>(test: LitmusTest<I>, syntax: IsaSyntax<I>): void {
  checkThreadNames(test.threads);
  checkThreadReferences(test);
  for (const code of test.threads) {
    checkLabels(code, syntax);
    syntax.checkThread?.(code);
  }
}
