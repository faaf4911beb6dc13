/**
 * An execution as text, for witnesses: the events of each thread in program order (with the
 * instruction that made them and the value they read or wrote), then rf, co and the dependencies.
 */
import type { Execution } from '../engine/outcome.js';
import type { Violation } from '../engine/enum/judge.js';
import { evalExpr } from '../semantics/expr.js';
import { DEP_KINDS, type MemEvent, type Skeleton } from '../semantics/skeleton.js';
import { visibleSteps } from './execution-edges.js';
import { formatValue } from './format.js';

/** Short names for events: a, b, c ... in program order, thread by thread; `x0` for x's initial write. */
export function eventNames(skel: Skeleton, x: Execution): Map<number, string> {
  const names = new Map<number, string>();
  let k = 0;
  const letters = (n: number): string => (n < 26 ? String.fromCharCode(97 + n) : letters(Math.floor(n / 26) - 1) + letters(n % 26));
  for (const id of x.events) {
    const e = skel.events[id]!;
    names.set(id, e.thread < 0 ? `${skel.locations[e.mayLocs[0]!]}0` : letters(k++));
  }
  return names;
}

export function describeEvent(skel: Skeleton, x: Execution, e: MemEvent): string {
  if (e.fence) return `F[${e.tags.join(',')}]`;
  const read = (id: number) => x.values.get(id) ?? 0n;
  const loc = e.mayLocs.length === 1 ? skel.locations[e.mayLocs[0]!]! : `@${evalExpr(e.addr, read)}`;
  const val = (v: bigint) => formatValue(v, skel.locations);
  const kind = e.read && e.write ? 'RW' : e.read ? 'R' : 'W';
  const tags = e.tags.length > 0 ? `[${e.tags.join(',')}]` : '';
  const r = e.read ? val(read(e.id)) : '';
  const w = e.write ? val(evalExpr(e.wval!, read)) : '';
  const value = e.read && e.write ? `${r}->${w}` : e.read ? r : w;
  return `${kind}${tags} ${loc}=${value}`;
}

export function formatExecution(skel: Skeleton, x: Execution, violation?: Violation): string {
  const names = eventNames(skel, x);
  const name = (id: number) => names.get(id)!;
  const lines: string[] = [];
  for (const t of skel.threads) {
    const path = t.paths[x.paths[t.id] ?? 0]!;
    const evs = path.events.map((id) => skel.events[id]!);
    evs.forEach((e, i) => {
      const head = i === 0 ? `P${t.id}:` : '';
      const instr = e.instr ? `  (${e.instr.text})` : '';
      lines.push(`  ${head.padEnd(5)}${name(e.id)}: ${describeEvent(skel, x, e)}${instr}`);
    });
  }
  const pairs = (ps: [number, number][]) => ps.map(([a, b]) => `${name(a)}->${name(b)}`).join(' ');
  lines.push(`  rf: ${pairs(x.rf)}`);
  if (x.co.length > 0) lines.push(`  co: ${pairs(x.co)}`);
  for (const t of skel.threads) {
    const path = t.paths[x.paths[t.id] ?? 0]!;
    for (const k of DEP_KINDS) if (path.deps[k].length > 0) lines.push(`  ${k} (P${t.id}): ${pairs(path.deps[k])}`);
  }
  if (violation?.kind === 'cycle') {
    const ev = violation.events;
    const steps = visibleSteps(skel, x, ev.map((a, i): [number, number] => [a, ev[(i + 1) % ev.length]!]));
    lines.push(`  cycle: ${name(steps[0]!.from)}${steps.map((st) => ` -${st.kind}-> ${name(st.to)}`).join('')}`);
  }
  return lines.join('\n');
}
