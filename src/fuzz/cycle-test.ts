/**
 * A cycle of relaxations -> the BPF litmus test whose condition witnesses it, named as diy7
 * names such tests (family + one descriptor per thread, e.g. MP+popl+poap, SB+fences).
 *
 * Registers in each thread: r1-r3 hold the values read, r4 a value to store, r5 a computed
 * address, r0 cmpxchg's expected value; r6-r9 the addresses of the locations, r10 the thread's
 * private location for the fetch-add fence idiom.
 */
import { CycleError, eventsOf, parseCycle, rotated, type Annotation, type CycleEvent, type Edge } from './cycle.js';
import type { FenceIdiom } from './arb-cycle.js';

const LOCS = ['x', 'y', 'z', 'a'];
const READ_REGS = ['r1', 'r2', 'r3'];

export interface CycleTest {
  name: string;
  cycle: string;
  text: string;
}

/**
 * The test of a cycle. Fenced edges use `fence`, a value-returning atomic on the thread's private
 * location (BPF has no fence instruction): fetch_add (the usual idiom), fetch_or, xchg, or a
 * cmpxchg that always succeeds (only its thread writes that location).
 */
export function cycleTest(cycle: string, fence: FenceIdiom = 'fetch_add'): CycleTest {
  const edges = parseCycle(cycle);
  const unordered = eventsOf(edges);
  if (unordered.length > 8) throw new CycleError('at most 8 threads');
  const locs = new Set(unordered.flat().map((e) => e.loc));
  if (locs.size > LOCS.length) throw new CycleError(`at most ${LOCS.length} locations`);
  const { name, first } = nameOf(edges, unordered);
  // threads in the family's order (MP's writer first), numbered again
  const threads = [...unordered.slice(first), ...unordered.slice(0, first)];
  threads.forEach((evs, t) => evs.forEach((e) => { e.thread = t; }));
  const code = threads.map((evs, t) => threadCode(evs, t, fence));
  const init = threads.map((evs, t) => {
    const used = [...new Set(evs.map((e) => e.loc))].sort();
    const fence = evs.some((e) => e.via?.kind === 'fenced') ? ` ${t}:r10=f${t};` : '';
    return `${used.map((l) => `${t}:r${6 + l}=${LOCS[l]};`).join(' ')}${fence}`;
  });
  const cond = [...code.flatMap((c) => c.cond), ...finalValues(threads.flat())];
  const rows = Math.max(...code.map((c) => c.lines.length));
  const widths = code.map((c, t) => Math.max(`P${t}`.length, ...c.lines.map((l) => l.length)));
  const row = (cells: string[]) => ` ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} ;`;
  const text = [
    `BPF ${name}`,
    `"${edges.map((e) => e.name).join(' ')}"`,
    `Cycle=${edges.map((e) => e.name).join(' ')}`,
    '{',
    ...init.map((l) => ` ${l}`),
    '}',
    row(code.map((_, t) => `P${t}`)),
    ...Array.from({ length: rows }, (_, k) => row(code.map((c) => c.lines[k] ?? ''))),
    `exists (${cond.join(' /\\ ')})`,
    '',
  ].join('\n');
  return { name, cycle: edges.map((e) => e.name).join(' '), text };
}

function threadCode(events: CycleEvent[], t: number, fence: FenceIdiom): { lines: string[]; cond: string[] } {
  const lines: string[] = [];
  const cond: string[] = [];
  const regOf = new Map<CycleEvent, string>();
  let nextRead = 0;
  let labels = 0;
  let fences = 0;
  events.forEach((ev, k) => {
    const base = `r${6 + ev.loc}`;
    const prevReg = k > 0 ? regOf.get(events[k - 1]!) : undefined;
    const via = ev.via;
    let addr = base;
    let label = '';
    if (via?.kind === 'fenced') lines.push(...fenceCode(fence, ++fences));
    if (via?.kind === 'addr') lines.push(`r5 = ${prevReg}`, `r5 ^= ${prevReg}`, `r5 += ${base}`), (addr = 'r5');
    if (via?.kind === 'ctrl') { label = `LC${t}${labels++}`; lines.push(`if ${prevReg} != 0 goto ${label}`); }
    const emit = (first: string, ...rest: string[]) => { lines.push(label ? `${label}: ${first}` : first, ...rest); label = ''; };
    if (ev.dir === 'R') {
      if (nextRead >= READ_REGS.length) throw new CycleError(`a thread reads more than ${READ_REGS.length} times`);
      const r = READ_REGS[nextRead++]!;
      regOf.set(ev, r);
      if (ev.ann === 'A') emit(`${r} = load_acquire((u64 *)(${addr} + 0))`);
      else if (ev.ann === 'F') emit(`${r} = 0`, `${r} = atomic_fetch_or((u64 *)(${addr} + 0), ${r})`);
      else emit(`${r} = *(u64 *)(${addr} + 0)`);
      if (ev.reads !== undefined) cond.push(`${t}:${r}=${ev.reads}`);
      return;
    }
    const v = ev.value!;
    // r4 = n: a constant, or (data dependency) computed from the previous read
    const r4 = (n: number): [string, ...string[]] =>
      via?.kind === 'data' ? [`r4 = ${prevReg}`, `r4 ^= ${prevReg}`, `r4 += ${n}`] : [`r4 = ${n}`];
    switch (ev.ann as Annotation) {
      case 'L': emit(...r4(v), `store_release((u64 *)(${addr} + 0), r4)`); break;
      case 'X': emit(...r4(1), `lock *(u64 *)(${addr} + 0) += r4`); break; // old + 1 is v when it read v - 1
      case 'S': emit(...r4(v), `r4 = xchg_64(${addr} + 0, r4)`); break;
      case 'C': {
        emit(...r4(v), `r0 = ${v - 1}`, `r0 = cmpxchg_64(${addr} + 0, r0, r4)`);
        if (nextRead >= READ_REGS.length) throw new CycleError(`a thread reads more than ${READ_REGS.length} times`);
        const r = READ_REGS[nextRead++]!;
        lines.push(`${r} = r0`);
        cond.push(`${t}:${r}=${v - 1}`); // the cmpxchg succeeded
        break;
      }
      default:
        if (via?.kind === 'data') emit(...r4(v), `*(u64 *)(${addr} + 0) = r4`);
        else emit(`*(u64 *)(${addr} + 0) = ${v}`);
    }
  });
  return { lines, cond };
}

/** Locations written more than once end with their coherence-last value. */
function finalValues(events: CycleEvent[]): string[] {
  const writes = new Map<number, number>();
  for (const e of events) if (e.dir === 'W') writes.set(e.loc, Math.max(writes.get(e.loc) ?? 0, e.value!));
  return [...writes].filter(([, n]) => n > 1).sort(([a], [b]) => a - b).map(([l, n]) => `[${LOCS[l]}]=${n}`);
}

// ---------------------------------------------------------------- diy7's names

/** Families by their communication edges, from the first thread on, and by which threads have one event. */
const FAMILIES: [string, string][] = [
  ['Rf-Fr', 'MP'], ['Fr-Fr', 'SB'], ['Rf-Rf', 'LB'], ['Co-Co', '2+2W'], ['Rf-Co', 'S'], ['Co-Fr', 'R'],
  ['1Rf-Rf-Fr', 'WRC'], ['Rf-Rf-Fr', 'ISA2'], ['1Rf-Fr-Fr', 'RWC'], ['Rf-Fr-Fr', 'W+RWC'],
  ['Rf-Co-Fr', 'Z6.0'], ['Co-Rf-Co', 'Z6.1'], ['Rf-Rf-Co', 'Z6.2'], ['Co-Rf-Fr', 'Z6.3'],
  ['1Rf-Co-Fr', 'WWC'], ['Fr-Fr-Fr', '3.SB'], ['Rf-Rf-Rf', '3.LB'], ['Co-Co-Co', '3.2W'],
  ['1Rf-Fr-1Rf-Fr', 'IRIW'], ['Fr-Fr-Fr-Fr', '4.SB'], ['Rf-Rf-Rf-Rf', '4.LB'],
];

/** The full-barrier idiom of the k-th Fenced edge of a thread. */
function fenceCode(fence: FenceIdiom, k: number): string[] {
  switch (fence) {
    case 'fetch_add': return ['r4 = 1', 'r4 = atomic_fetch_add((u64 *)(r10 + 0), r4)'];
    case 'fetch_or': return ['r4 = 1', 'r4 = atomic_fetch_or((u64 *)(r10 + 0), r4)'];
    case 'xchg': return ['r4 = 1', 'r4 = xchg_64(r10 + 0, r4)'];
    case 'cmpxchg': return [`r0 = ${k - 1}`, `r4 = ${k}`, 'r0 = cmpxchg_64(r10 + 0, r0, r4)']; // succeeds: only this thread writes there
  }
}

/** The test's name, and the thread the family starts with (diy7 prints MP's writer first). */
export function nameOf(edges: Edge[], threads: CycleEvent[][]): { name: string; first: number } {
  const rot = rotated(edges);
  const ext = rot.filter((e) => e.external); // ext[i] leaves thread i
  const n = threads.length;
  // the thread of the cycle's first edge comes first when the family allows it, as in diy7's names
  const firstEdgeAt = rot.indexOf(edges[0]!);
  const home = rot.slice(0, firstEdgeAt).filter((e) => e.external).length % n;
  for (let j = 0; j < n; j++) {
    const k = (home + j) % n;
    const order = Array.from({ length: n }, (_, i) => (i + k) % n);
    const key = order.map((t) => `${threads[t]!.length === 1 ? '1' : ''}${kindOf(ext[t]!)}`).join('-');
    const family = FAMILIES.find(([pattern]) => pattern === key)?.[1];
    if (family) return { name: [family, ...descriptors(order.map((t) => threads[t]!))].join('+'), first: k };
  }
  return { name: edges.map((e) => e.name).join('_'), first: 0 };
}

/** The communication edge that leaves a thread. */
function kindOf(e: Edge): string {
  return e.kind === 'rf' ? 'Rf' : e.kind === 'co' ? 'Co' : 'Fr';
}

/** One descriptor per thread with more than one event (po, pos, addr, data, ctrl, fence), with
 * annotation letters when an access is not plain; identical descriptors are written once, plural. */
function descriptors(threads: CycleEvent[][]): string[] {
  const ds = threads.filter((t) => t.length > 1).map((t) => t.slice(1).map((ev, i) => {
    const via = ev.via!;
    const base = via.kind === 'po' ? 'po' : via.kind === 'fenced' ? 'fence' : via.kind;
    const word = via.sameLoc && via.kind !== 'po' ? `${base}s` : via.sameLoc ? 'pos' : base;
    const anns = `${t[i]!.ann}${ev.ann}`;
    return anns === 'PP' ? word : `${word}${anns.toLowerCase()}`;
  }).join('-'));
  // diy7: MP, not MP+pos; SB+fences, not SB+fence+fence
  if (ds.every((d) => d === 'po')) return [];
  return ds.length > 1 && ds.every((d) => d === ds[0]) ? [`${ds[0]}s`] : ds;
}
