/**
 * BPF test -> the target's litmus test, instruction by instruction as the JIT emits it (JITs
 * translate one instruction at a time, with no if-conversion). The result is litmus text in the
 * target's herd syntax, so it is parsed by the target's own front end, written by --emit as is,
 * and runs in herd7 for the ISAs herd7 knows.
 */
import type { Cond, InitEntry, LitmusTest, Observable, Value } from '../litmus/ast.js';
import type { BpfInstr, Reg } from '../isa/bpf/instr.js';
import type { JitTable, OpKey, Row } from './table.js';

export type Lowering =
  | { k: 'lowered'; text: string; registers: Map<string, string> } // BPF register -> target register
  | { k: 'unsupported'; op: OpKey; reason: string };

/** A table's rows with a variant's rows in place of the rows they replace. */
export function rowsOf(table: JitTable, variant?: string): Map<OpKey, Row> {
  const rows = new Map(table.rows.map((r) => [r.op, r]));
  if (variant !== undefined) for (const r of table.variants![variant]!.rows) rows.set(r.op, r);
  return rows;
}

/** The operation a BPF instruction is, as a table key. */
export function opKey(i: BpfInstr): OpKey {
  const width = (r: Reg) => (r.wide ? 64 : 32);
  switch (i.op) {
    case 'mov': return `mov${width(i.dst)}.${i.src.k}`;
    case 'alu': return `alu${width(i.dst)}.${i.alu}.${i.src.k}`;
    case 'neg': return `neg${width(i.dst)}`;
    case 'movsx': return `movsx${i.from}`;
    case 'bswap': return `bswap.${i.kind}${i.bits}`;
    case 'load': return `${i.signed ? 'load-signed' : 'load'}.${i.mem.size}`;
    case 'store': return `${i.src.k === 'imm' ? 'store-imm' : 'store'}.${i.mem.size}`;
    case 'load_acquire': return `load_acquire.${i.mem.size}`;
    case 'store_release': return `store_release.${i.mem.size}`;
    case 'atomic': return `atomic.${i.fetch ? 'fetch_' : ''}${i.aop}.${i.mem.size}`;
    case 'xchg': return `xchg.${i.mem.size}`;
    case 'cmpxchg': return `cmpxchg.${i.mem.size}`;
    case 'goto': return 'goto';
    case 'if': return `jmp${width(i.lhs)}.${i.cond}.${i.rhs.k}`;
    case 'exit': return 'exit';
  }
}

export class TableError extends Error {}

export function lower(test: LitmusTest<BpfInstr>, table: JitTable, variant?: string): Lowering {
  const rows = rowsOf(table, variant);
  const reg = (r: string) => table.regs[r] ?? tableError(table, `has no register for BPF ${r}`);
  const threads: string[][] = [];
  for (const t of test.threads) {
    const cells: string[] = [];
    const end = `END${t.id}`;
    let fresh = 0;
    let pendingLabel: string | undefined;
    const { targets, jumps } = relativeTargets(t.lines.map((l) => l.instr), end);
    t.lines.forEach((line, li) => {
      if (line.label !== undefined) { flushLabel(cells, pendingLabel); pendingLabel = line.label; }
      const here = targets.get(li);
      if (here) { flushLabel(cells, pendingLabel); pendingLabel = here; }
      if (!line.instr) return;
      const key = opKey(line.instr);
      const row = rows.get(key);
      if (!row) tableError(table, `has no row for ${key} (used at ${line.pos.file}:${line.pos.line}:${line.pos.col})`);
      if (typeof row.emit === 'string') throw new Unsupported(key, row.emit);
      const labels = new Map<string, string>();
      const ctx: Fill = {
        table, reg, end,
        label: (name) => labels.get(name) ?? labels.set(name, `J${t.id}x${fresh++}`).get(name)!,
        target: targetOf(line.instr, li, jumps),
      };
      row.emit.forEach((tpl) => {
        const text = fill(tpl, line.instr!, ctx);
        // a template line `{L1}:` is a label; the instruction after it gets it
        const lab = /^([A-Za-z_][\w]*):\s*$/.exec(text);
        if (lab) { flushLabel(cells, pendingLabel); pendingLabel = lab[1]; return; }
        cells.push(pendingLabel !== undefined ? `${pendingLabel}: ${text}` : text);
        pendingLabel = undefined;
      });
    });
    flushLabel(cells, pendingLabel);
    cells.push(`${end}:`);
    threads.push(cells);
  }
  return { k: 'lowered', text: render(test, table, threads, reg), registers: registerMap(test, table) };
}

class Unsupported extends Error {
  constructor(readonly op: OpKey, readonly reason: string) {
    super(reason);
  }
}

/** lower(), with operations the JIT leaves to the interpreter reported instead of thrown. */
export function tryLower(test: LitmusTest<BpfInstr>, table: JitTable, variant?: string): Lowering {
  try {
    return lower(test, table, variant);
  } catch (e) {
    if (e instanceof Unsupported) return { k: 'unsupported', op: e.op, reason: e.reason };
    throw e;
  }
}

function tableError(table: JitTable, what: string): never {
  throw new TableError(`table ${table.name} ${what}`);
}

function flushLabel(cells: string[], label: string | undefined): void {
  if (label !== undefined) cells.push(`${label}:`);
}

/**
 * Relative jumps (`goto +2`) land on lines that get a label of their own: `targets` maps a target
 * line to its label, `jumps` a jumping line to the label it goes to.
 */
function relativeTargets(instrs: (BpfInstr | undefined)[], end: string): { targets: Map<number, string>; jumps: Map<number, string> } {
  const lines = instrs.flatMap((i, li) => (i ? [li] : []));
  const targets = new Map<number, string>();
  const jumps = new Map<number, string>();
  instrs.forEach((i, li) => {
    if (!i || (i.op !== 'goto' && i.op !== 'if') || i.target.k !== 'rel') return;
    const line = lines[lines.indexOf(li) + 1 + i.target.off];
    if (line === undefined) { jumps.set(li, end); return; } // just past the last instruction: the end
    if (!targets.has(line)) targets.set(line, `T${line}`);
    jumps.set(li, targets.get(line)!);
  });
  return { targets, jumps };
}

function targetOf(i: BpfInstr, line: number, jumps: Map<number, string>): string | undefined {
  if (i.op !== 'goto' && i.op !== 'if') return undefined;
  return i.target.k === 'label' ? i.target.name : jumps.get(line);
}

interface Fill {
  table: JitTable;
  reg(bpfReg: string): string;
  end: string;
  label(name: string): string;
  target: string | undefined;
}

function fill(tpl: string, i: BpfInstr, ctx: Fill): string {
  const operands = operandsOf(i);
  const view = (target: string, w32: boolean) => (w32 ? ctx.table.regs32?.[target] ?? target : target);
  return tpl.replace(/\{(\w+)(:32)?\}/g, (all, name: string, w32: string | undefined) => {
    const narrow = w32 !== undefined;
    const reg = (x: Reg | undefined) => (x ? view(ctx.reg(`r${x.n}`), narrow) : missing(all, i, ctx));
    switch (name) {
      case 'dst': return reg(operands.dst);
      case 'src': return reg(operands.src);
      case 'base': return reg(operands.base);
      case 'r0': return view(ctx.reg('r0'), narrow);
      case 'tmp1': case 'tmp2': case 'tmp3': {
        const t = ctx.table.scratch[Number(name.slice(3)) - 1];
        return t !== undefined ? view(t, narrow) : missing(all, i, ctx);
      }
      case 'imm': return operands.imm !== undefined ? operands.imm.toString() : missing(all, i, ctx);
      case 'target': return ctx.target ?? missing(all, i, ctx);
      case 'end': return ctx.end;
      default:
        if (/^L\d$/.test(name)) return ctx.label(name);
        return missing(all, i, ctx);
    }
  });
}

function missing(placeholder: string, i: BpfInstr, ctx: Fill): never {
  return tableError(ctx.table, `uses ${placeholder} in the row for ${opKey(i)}, which has no such operand`);
}

function operandsOf(i: BpfInstr): { dst?: Reg; src?: Reg; base?: Reg; imm?: bigint } {
  switch (i.op) {
    case 'mov': case 'alu':
      return i.src.k === 'reg' ? { dst: i.dst, src: i.src.reg } : { dst: i.dst, imm: i.src.value };
    case 'neg': case 'bswap': return { dst: i.dst };
    case 'movsx': return { dst: i.dst, src: i.src };
    case 'load': case 'load_acquire': return { dst: i.dst, base: i.mem.base };
    case 'store': return i.src.k === 'reg' ? { base: i.mem.base, src: i.src.reg } : { base: i.mem.base, imm: i.src.value };
    case 'store_release': return { base: i.mem.base, src: i.src };
    case 'atomic': case 'xchg': case 'cmpxchg': return { base: i.mem.base, src: i.src };
    case 'if': return i.rhs.k === 'reg' ? { dst: i.lhs, src: i.rhs.reg } : { dst: i.lhs, imm: i.rhs.value };
    case 'goto': case 'exit': return {};
  }
}

// ---------------------------------------------------------------- the lowered test's text

function registerMap(test: LitmusTest, table: JitTable): Map<string, string> {
  return new Map(Object.entries(table.regs).filter(([bpf]) => /^r\d+$/.test(bpf)));
}

function render(test: LitmusTest<BpfInstr>, table: JitTable, threads: string[][], reg: (r: string) => string): string {
  const obs = (o: Observable) => (o.kind === 'reg' ? `${o.thread}:${reg(o.reg)}` : o.loc);
  const value = (v: Value) => (v.kind === 'int' ? v.value.toString() : v.loc);
  const init = test.init.map((e: InitEntry) => `${obs(e.target)}=${value(e.value)};`);
  const rows = Math.max(0, ...threads.map((t) => t.length));
  const widths = threads.map((t, i) => Math.max(`P${i}`.length, ...t.map((c) => c.length)));
  const row = (cells: string[]) => ` ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} ;`;
  const cond = (c: Cond): string => {
    switch (c.k) {
      case 'true': return 'true';
      case 'false': return 'false';
      case 'atom': return `${obs(c.lhs)}=${value(c.rhs)}`;
      case 'not': return `~(${cond(c.c)})`;
      case 'and': return `(${cond(c.a)} /\\ ${cond(c.b)})`;
      case 'or': return `(${cond(c.a)} \\/ ${cond(c.b)})`;
      case 'implies': return `(${cond(c.a)} => ${cond(c.b)})`;
    }
  };
  const shown = [...new Set([...test.locations, ...observablesOf(test.condition.prop)].map(obs))];
  return [
    `${table.arch} ${test.name}`,
    `(* ${test.name} as the ${table.name} JIT lowers it (bpf-herd) *)`,
    '{',
    ...init.map((l) => ` ${l}`),
    '}',
    row(threads.map((_, i) => `P${i}`)),
    ...Array.from({ length: rows }, (_, k) => row(threads.map((t) => t[k] ?? ''))),
    ...(shown.length > 0 ? [`locations [${shown.join('; ')};]`] : []),
    ...(test.filter ? [`filter ${cond(test.filter)}`] : []),
    `${test.condition.quantifier} ${parenthesised(cond(test.condition.prop))}`,
    '',
  ].join('\n');
}

const parenthesised = (c: string) => (c.startsWith('(') ? c : `(${c})`);

function observablesOf(c: Cond): Observable[] {
  switch (c.k) {
    case 'atom': return [c.lhs];
    case 'not': return observablesOf(c.c);
    case 'and': case 'or': case 'implies': return [...observablesOf(c.a), ...observablesOf(c.b)];
    default: return [];
  }
}
