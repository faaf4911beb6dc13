/**
 * Test -> Skeleton. Each thread's code is run symbolically once per control-flow path (depth-first
 * over the decisions a run meets); a read produces a fresh symbolic value, so a path is a straight
 * line of events whose addresses and values are expressions over earlier reads.
 */
import { fail } from '../diag.js';
import type { Cond as LitmusCond, LitmusTest, Observable, ThreadCode } from '../litmus/ast.js';
import type { CodeLayout, IsaSemantics, SymVal, ThreadMachine } from '../isa/semantics.js';
import { MASK64, addressOf, konst, not, readOf, un, type Cond, type Expr } from './expr.js';
import { resolveLocations } from './locations.js';
import type { DepKind, MemEvent, Skeleton, ThreadPath, ThreadSkeleton } from './skeleton.js';

export interface BuildOptions {
  /** How many times a backward branch may be taken on one path (herd7's -unroll, default 2). */
  unroll: number;
}

const NO_DEPS: ReadonlySet<number> = new Set();
/** A path longer than this is cut like an unrolled loop: only a runaway program gets there. */
const MAX_STEPS = 10_000;

export function buildSkeleton<I>(test: LitmusTest<I>, sem: IsaSemantics<I>, opts: BuildOptions): Skeleton {
  const locations = collectLocations(test, sem);
  const locIndex = new Map(locations.map((l, i) => [l, i]));
  const initValues = locations.map(() => 0n);
  for (const entry of test.init) {
    if (entry.target.kind !== 'loc') continue;
    initValues[locIndex.get(entry.target.loc)!] = valueOf(entry.value, locIndex);
  }
  const events: MemEvent[] = locations.map((_, i) => ({
    id: i, thread: -1, path: -1, seq: -1, read: false, write: true, fence: false, tags: [], size: 64,
    addr: konst(addressOf(i)), wval: konst(initValues[i]!), mayLocs: [i],
  }));

  const threads = test.threads.map((code) => {
    const regs = new Map<string, SymVal>();
    for (const entry of test.init) {
      if (entry.target.kind === 'reg' && entry.target.thread === code.id) {
        regs.set(entry.target.reg, { e: konst(valueOf(entry.value, locIndex)), deps: NO_DEPS });
      }
    }
    return explore(code, sem, regs, events, locIndex, opts);
  });

  resolveLocations(events, locations);
  return {
    test: test as LitmusTest,
    locations,
    initValues,
    events,
    threads,
    observables: observablesOf(test),
    tagNames: sem.tagNames,
  };
}

function valueOf(v: { kind: 'int'; value: bigint } | { kind: 'addr'; loc: string }, locIndex: Map<string, number>): bigint {
  return v.kind === 'int' ? v.value & MASK64 : addressOf(locIndex.get(v.loc)!);
}

function collectLocations<I>(test: LitmusTest<I>, sem: IsaSemantics<I>): string[] {
  const names = new Set<string>();
  const addValue = (v: { kind: string; loc?: string }) => { if (v.kind === 'addr') names.add(v.loc!); };
  for (const e of test.init) {
    if (e.target.kind === 'loc') names.add(e.target.loc);
    addValue(e.value);
  }
  for (const o of test.locations) if (o.kind === 'loc') names.add(o.loc);
  const walk = (c: LitmusCond | undefined): void => {
    if (!c) return;
    switch (c.k) {
      case 'atom': if (c.lhs.kind === 'loc') names.add(c.lhs.loc); addValue(c.rhs); break;
      case 'not': walk(c.c); break;
      case 'and': case 'or': case 'implies': walk(c.a); walk(c.b); break;
      default: break;
    }
  };
  walk(test.condition.prop);
  walk(test.filter);
  if (sem.locationsIn) {
    for (const t of test.threads) for (const l of t.lines) if (l.instr) for (const n of sem.locationsIn(l.instr)) names.add(n);
  }
  return [...names].sort();
}

/** Registers and locations of the final state, in herd7's order: registers by thread and name, then locations. */
function observablesOf(test: LitmusTest): Observable[] {
  const seen = new Map<string, Observable>();
  const add = (o: Observable) => {
    const key = o.kind === 'reg' ? `${o.thread}:${o.reg}` : `[${o.loc}]`;
    if (!seen.has(key)) seen.set(key, o);
  };
  const walk = (c: LitmusCond): void => {
    switch (c.k) {
      case 'atom': add(c.lhs); break;
      case 'not': walk(c.c); break;
      case 'and': case 'or': case 'implies': walk(c.a); walk(c.b); break;
      default: break;
    }
  };
  for (const o of test.locations) add(o);
  walk(test.condition.prop);
  const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return [...seen.values()].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'reg' ? -1 : 1;
    if (a.kind === 'reg' && b.kind === 'reg') return a.thread - b.thread || natural(a.reg, b.reg);
    return natural((a as { loc: string }).loc, (b as { loc: string }).loc);
  });
}

// ---------------------------------------------------------------- path exploration

class PathCut extends Error {}

function explore<I>(
  code: ThreadCode<I>,
  sem: IsaSemantics<I>,
  initRegs: ReadonlyMap<string, SymVal>,
  events: MemEvent[],
  locIndex: ReadonlyMap<string, number>,
  opts: BuildOptions,
): ThreadSkeleton {
  const layout = layoutOf(code, (i) => sem.slots?.(i) ?? 1);
  const paths: ThreadPath[] = [];
  let cutPaths = 0;
  const pending: boolean[][] = [[]];
  while (pending.length > 0) {
    const forced = pending.pop()!;
    const base = events.length;
    try {
      paths.push(runPath(code, sem, layout, initRegs, events, locIndex, opts, forced, pending, paths.length));
    } catch (e) {
      if (!(e instanceof PathCut)) throw e;
      events.length = base; // drop the cut path's events
      cutPaths++;
    }
  }
  return { id: code.id, paths, cutPaths };
}

function layoutOf<I>(code: ThreadCode<I>, slots: (instr: I) => number): CodeLayout {
  const labels = new Map<string, number>();
  code.lines.forEach((l, i) => { if (l.label !== undefined) labels.set(l.label, i); });
  // the slot where each instruction line starts (BPF's 64-bit immediate load takes two)
  const slotOfLine = new Map<number, number>();
  const lineOfSlot = new Map<number, number>();
  let slot = 0;
  code.lines.forEach((l, i) => {
    if (l.instr === undefined) return;
    slotOfLine.set(i, slot);
    lineOfSlot.set(slot, i);
    slot += slots(l.instr);
  });
  lineOfSlot.set(slot, code.lines.length); // just past the end: the thread exits
  return {
    labelLine: (name) => labels.get(name)!,
    relativeLine(fromLine, off) {
      const here = code.lines[fromLine]!;
      const target = lineOfSlot.get(slotOfLine.get(fromLine)! + slots(here.instr!) + off);
      if (target === undefined) fail(here.pos, `jump offset ${off} does not land on an instruction`);
      return target;
    },
  };
}

function runPath<I>(
  code: ThreadCode<I>,
  sem: IsaSemantics<I>,
  layout: CodeLayout,
  initRegs: ReadonlyMap<string, SymVal>,
  events: MemEvent[],
  locIndex: ReadonlyMap<string, number>,
  opts: BuildOptions,
  forced: boolean[],
  pending: boolean[][],
  pathIndex: number,
): ThreadPath {
  const thread = code.id;
  const regs = new Map(initRegs);
  const guard: Cond[] = [];
  const taken: boolean[] = [];
  const pathEvents: number[] = [];
  const deps: Record<DepKind, [number, number][]> = { addr: [], data: [], ctrl: [], pick: [], 'pick-addr': [] };
  const rmw: [number, number][] = [];
  const amo: [number, number][] = [];
  let ctrlDeps = new Set<number>();
  let seq = 0;
  let line = 0;
  let instrInfo: MemEvent['instr'];

  /** The next decision of this run: forced by an earlier run, or new (take true, come back for false). */
  const split = (): boolean => {
    let v: boolean;
    if (taken.length < forced.length) v = forced[taken.length]!;
    else {
      pending.push([...taken, false]);
      v = true;
    }
    taken.push(v);
    return v;
  };
  const decide = (c: Cond): boolean => {
    if (c.k === 'bool') return c.v;
    const v = split();
    guard.push(v ? c : not(c));
    return v;
  };

  const newEvent = (fields: Partial<MemEvent> & { addr: Expr; size: number }, addr: Pick<SymVal, 'deps' | 'pick'>): MemEvent => {
    const ev: MemEvent = {
      id: events.length, thread, path: pathIndex, seq, read: false, write: false, fence: false, tags: [],
      mayLocs: [], instr: instrInfo, ...fields,
    };
    events.push(ev);
    pathEvents.push(ev.id);
    for (const d of addr.deps) deps.addr.push([d, ev.id]);
    for (const d of addr.pick ?? NO_DEPS) { deps.pick.push([d, ev.id]); deps['pick-addr'].push([d, ev.id]); }
    for (const d of ctrlDeps) deps.ctrl.push([d, ev.id]);
    return ev;
  };
  const truncate = (v: Expr, size: number): Expr => (size < 64 ? un(`zext${size as 8 | 16 | 32}`, v) : v);
  const dataInto = (ev: number, from: Pick<SymVal, 'deps' | 'pick'>) => {
    for (const d of from.deps) if (d !== ev) deps.data.push([d, ev]);
    for (const d of from.pick ?? NO_DEPS) if (d !== ev) deps.pick.push([d, ev]);
  };

  const m: ThreadMachine = {
    getReg: (name) => regs.get(name) ?? { e: konst(0n), deps: NO_DEPS },
    setReg: (name, v) => { regs.set(name, v); },
    read(addr, o) {
      const ev = newEvent({ read: true, addr: addr.e, size: o.size, tags: o.tags ?? [] }, addr);
      return { ev: ev.id, value: { e: truncate(readOf(ev.id), o.size), deps: new Set([ev.id]) } };
    },
    write(addr, value, o) {
      const ev = newEvent({ write: true, addr: addr.e, size: o.size, tags: o.tags ?? [], wval: truncate(value.e, o.size) }, addr);
      dataInto(ev.id, value);
      return ev.id;
    },
    readWrite(addr, o, update) {
      const ev = newEvent({ read: true, write: true, addr: addr.e, size: o.size, tags: o.tags ?? [] }, addr);
      const old: SymVal = { e: truncate(readOf(ev.id), o.size), deps: new Set([ev.id]) };
      const next = update(old);
      ev.wval = truncate(next.e, o.size);
      dataInto(ev.id, next);
      return { ev: ev.id, old };
    },
    fence(tags) {
      return newEvent({ fence: true, addr: konst(0n), size: 0, tags }, { deps: NO_DEPS }).id;
    },
    retag(ev, tags) { events[ev]!.tags = tags; },
    relate(kind, r, w) { (kind === 'rmw' ? rmw : amo).push([r, w]); if (kind === 'amo') rmw.push([r, w]); },
    choose: decide,
    either: split,
    addressOf(loc) {
      const i = locIndex.get(loc);
      if (i === undefined) fail(instrInfo?.pos, `unknown location '${loc}'`);
      return { e: konst(addressOf(i)), deps: NO_DEPS };
    },
    scratch: new Map(),
  };

  const backJumps = new Map<number, number>();
  const jumpTo = (from: number, target: number) => {
    if (target <= from) {
      const n = (backJumps.get(from) ?? 0) + 1;
      if (n > opts.unroll) throw new PathCut();
      backJumps.set(from, n);
    }
    line = target;
  };

  let steps = 0;
  while (line < code.lines.length) {
    const here = code.lines[line]!;
    if (here.instr === undefined) { line++; continue; }
    if (++steps > MAX_STEPS) throw new PathCut();
    instrInfo = { pos: here.pos, text: instrText(here.instr) };
    const flow = sem.step(here.instr, m, line, layout);
    seq++;
    switch (flow.k) {
      case 'next': line++; break;
      case 'exit': line = code.lines.length; break;
      case 'jump': jumpTo(line, flow.target); break;
      case 'branch': {
        const from = line;
        ctrlDeps = new Set([...ctrlDeps, ...flow.deps]);
        if (decide(flow.cond)) jumpTo(from, flow.target);
        else line++;
        break;
      }
    }
  }
  const finalRegs = new Map<string, Expr>();
  for (const [r, v] of regs) finalRegs.set(r, v.e);
  return { thread, index: pathIndex, guard, events: pathEvents, deps, rmw, amo, regs: finalRegs };
}

function instrText(instr: unknown): string {
  const t = (instr as { text?: unknown }).text;
  return typeof t === 'string' ? t : '';
}
