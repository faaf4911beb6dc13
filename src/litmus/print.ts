/** LitmusTest -> herd-style text (aligned thread table) that parses back to the same test. */
import type { Cond, Condition, InitEntry, Line, LitmusTest, Observable, Value } from './ast.js';
import type { IsaSyntax } from './syntax.js';

export function printValue(v: Value): string {
  return v.kind === 'int' ? v.value.toString() : v.loc;
}

/** `0:r1`, `x`; a herd symbolic register `%x0` goes without its thread (the code that uses it tells). */
export function printObservable(o: Observable): string {
  if (o.kind === 'loc') return o.loc;
  return o.reg.startsWith('%') ? o.reg : `${o.thread}:${o.reg}`;
}

// Binding strength, loosest first; `=>` groups to the right, `/\` and `\/` to the left.
const PRECEDENCE = { implies: 1, or: 2, and: 3, not: 4, atom: 5 } as const;

function precedenceOf(c: Cond): number {
  return c.k === 'true' || c.k === 'false' || c.k === 'atom' ? PRECEDENCE.atom : PRECEDENCE[c.k];
}

/** A proposition with the parentheses its tree needs and no more. */
export function printCond(c: Cond, context = 0): string {
  let text: string;
  switch (c.k) {
    case 'true':
    case 'false':
      return c.k;
    case 'atom':
      return `${printObservable(c.lhs)}=${printValue(c.rhs)}`;
    case 'not':
      text = `~${printCond(c.c, PRECEDENCE.not)}`;
      break;
    case 'and':
      text = `${printCond(c.a, PRECEDENCE.and)} /\\ ${printCond(c.b, PRECEDENCE.and + 1)}`;
      break;
    case 'or':
      text = `${printCond(c.a, PRECEDENCE.or)} \\/ ${printCond(c.b, PRECEDENCE.or + 1)}`;
      break;
    case 'implies':
      text = `${printCond(c.a, PRECEDENCE.implies + 1)} => ${printCond(c.b, PRECEDENCE.implies)}`;
      break;
  }
  return precedenceOf(c) < context ? `(${text})` : text;
}

export function printCondition(c: Condition): string {
  return `${c.quantifier} (${printCond(c.prop)})`;
}

function printInitEntry(e: InitEntry): string {
  const target = printObservable(e.target);
  if (e.type === undefined) return `${target}=${printValue(e.value)};`;
  const declared = e.type.endsWith('*') ? `${e.type}${target}` : `${e.type} ${target}`;
  const zero = e.value.kind === 'int' && e.value.value === 0n;
  return zero ? `${declared};` : `${declared} = ${printValue(e.value)};`;
}

function printCell<I>(line: Line<I> | undefined, syntax: IsaSyntax<I>): string {
  if (!line) return '';
  const instr = line.instr ? syntax.printInstr(line.instr) : '';
  if (line.label === undefined) return instr;
  return instr ? `${line.label}: ${instr}` : `${line.label}:`;
}

/** The thread table, one column per thread, each column as wide as its widest cell. */
function printCode<I>(test: LitmusTest<I>, syntax: IsaSyntax<I>): string[] {
  const height = Math.max(0, ...test.threads.map((t) => t.lines.length));
  const columns = test.threads.map((t) => [
    `P${t.id}`,
    ...Array.from({ length: height }, (_, row) => printCell(t.lines[row], syntax)),
  ]);
  const widths = columns.map((col) => Math.max(...col.map((cell) => cell.length)));
  return Array.from({ length: height + 1 }, (_, row) =>
    ` ${columns.map((col, i) => col[row]!.padEnd(widths[i]!)).join(' | ')} ;`,
  );
}

export function printLitmus<I>(test: LitmusTest<I>, syntax: IsaSyntax<I>): string {
  const out: string[] = [];
  out.push(`${test.arch} ${test.name}${test.altName !== undefined ? ` (${test.altName})` : ''}`);
  if (test.doc !== undefined) out.push(`"${test.doc}"`);
  if (test.expectation) out.push(`(* Result: ${test.expectation} *)`);
  for (const { key, value } of test.meta) out.push(`${key}=${value}`);
  out.push('{', ...test.init.map((e) => `  ${printInitEntry(e)}`), '}');
  out.push(...printCode(test, syntax));
  if (test.locations.length) out.push(`locations [${test.locations.map(printObservable).join('; ')}]`);
  if (test.filter) out.push(`filter (${printCond(test.filter)})`);
  out.push(printCondition(test.condition));
  return `${out.join('\n')}\n`;
}
