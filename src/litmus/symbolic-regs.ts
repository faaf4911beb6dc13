/**
 * herd's symbolic registers: `%x0=x` in the initial state names a register that the code
 * writes `%x0`; its thread is the one whose code uses it. The ISA decides whether it
 * accepts such names (normaliseReg).
 */
import { fail } from '../diag.js';
import { UNRESOLVED_THREAD } from './build.js';
import type { LitmusTest } from './ast.js';
import { observablesOf } from './checks.js';
import { located, type IsaSyntax } from './syntax.js';

function usedIn(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}(?![A-Za-z0-9_])`).test(text);
}

export function resolveSymbolicRegisters<I>(test: LitmusTest<I>, syntax: IsaSyntax<I>): void {
  for (const o of observablesOf(test)) {
    if (o.kind !== 'reg' || o.thread !== UNRESOLVED_THREAD) continue;
    const users = test.threads.filter((t) => t.lines.some((l) => l.instr !== undefined && usedIn(located(l.instr).text, o.reg)));
    if (users.length !== 1)
      fail(o.pos, `symbolic register ${o.reg} must be used by exactly one thread (used by ${users.length})`);
    const canonical = syntax.normaliseReg(o.reg);
    if (canonical === undefined) fail(o.pos, `unknown register '${o.reg}' (expected ${syntax.registerHint})`);
    o.thread = users[0]!.id;
    o.reg = canonical;
  }
}
