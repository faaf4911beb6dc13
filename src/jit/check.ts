/**
 * Is a JIT's lowering of a BPF test sound? Decide the BPF test under the BPF model and the
 * lowered test under the CPU's model, and compare their final states (register by register,
 * through the JIT's register map). More states on the CPU: unsound, with a witness execution of
 * the lowered test and the BPF axiom that forbids that outcome. Fewer: stronger than needed.
 */
import path from 'node:path';
import { analyse, type Analysis, type CheckOptions } from '../check/check.js';
import { formatExecution } from '../check/execution-text.js';
import { whyForbidden } from '../engine/enum/enumerate.js';
import type { Cond, LitmusTest, Observable } from '../litmus/ast.js';
import { addressOf } from '../semantics/expr.js';
import type { BpfInstr } from '../isa/bpf/instr.js';
import { opKey, TableError, tryLower } from './lower.js';
import type { JitTable } from './table.js';

export type JitVerdict = 'sound' | 'stronger' | 'unsound' | 'unsupported' | 'error';

export interface JitResult {
  file: string;
  name: string;
  arch: string; // the table's name
  variant: string | null;
  verdict: JitVerdict;
  /** States the CPU allows and BPF forbids (unsound), in BPF names, as herd7 prints states. */
  extraStates: string[];
  /** States BPF allows and the CPU forbids (stronger). */
  missingStates: string[];
  ms: number;
  reason?: string; // unsupported: the operation and why; error: the message
  /** For an unsound result: an execution of the lowered test reaching the first extra state. */
  witness?: string;
  /** ... and why BPF forbids that state: the axiom, and the BPF execution that violates it. */
  bpfAxiom?: string;
  /** The lowered test, as litmus text (for --emit). */
  lowered?: string;
  /**
   * For a stronger result of a table as it is: the proposed variants (not a before- fix) that
   * change an operation of this test and give fewer missing states, without being unsound. They
   * name the operations where the JIT pays for order BPF does not ask for.
   */
  weakerVariants?: { variant: string; ops: string[]; verdict: JitVerdict }[];
}

/** The BPF side of a test, decided once and compared with every JIT. */
export interface Baseline {
  file: string;
  analysis: Analysis;
}

export async function baseline(file: string, text: string, opts: CheckOptions): Promise<Baseline> {
  return { file, analysis: await analyse(file, text, { ...opts, model: 'bpf', verdictOnly: false }) };
}

export async function checkMapping(base: Baseline, table: JitTable, variant: string | undefined, opts: CheckOptions): Promise<JitResult> {
  const t0 = performance.now();
  const { result: bpf, decided } = base.analysis;
  const head = { file: base.file, name: bpf.name, arch: table.name, variant: variant ?? null, extraStates: [], missingStates: [] };
  const done = (r: Omit<JitResult, 'ms' | keyof typeof head> & Partial<JitResult>): JitResult => ({ ...head, ...r, ms: performance.now() - t0 });
  if (!decided || bpf.observation === 'Error') return done({ verdict: 'error', reason: bpf.error ?? 'the BPF test could not be decided' });
  if (bpf.observation === 'Unknown') return done({ verdict: 'error', reason: `the BPF test is Unknown: ${bpf.error}` });
  if (decided.test.arch.toUpperCase() !== 'BPF') return done({ verdict: 'error', reason: `${base.file} is not a BPF test` });

  let lowering;
  try {
    lowering = tryLower(decided.test as LitmusTest<BpfInstr>, table, variant);
  } catch (e) {
    if (e instanceof TableError) return done({ verdict: 'error', reason: e.message });
    throw e;
  }
  if (lowering.k === 'unsupported') return done({ verdict: 'unsupported', reason: `${lowering.op}: ${lowering.reason}` });

  const loweredFile = `${path.basename(base.file, '.litmus')}.${table.name}.litmus`;
  // The JIT's own loops (LL/SC and cmpxchg retries) repeat a failed attempt, which adds
  // executions but no final state: when the BPF test has no loop of its own, the lowered test
  // is decided without taking any backward branch (a retried attempt is a cut path).
  const unroll = hasBackwardJump(decided.test as LitmusTest<BpfInstr>) ? opts.unroll : 0;
  const archOpts: CheckOptions = { ...opts, unroll, verdictOnly: false, ...(table.model ? { model: table.model } : {}) };
  delete archOpts.kinds;
  const arch = await analyse(loweredFile, lowering.text, archOpts);
  if (arch.result.observation === 'Error') {
    return done({ verdict: 'error', reason: `the lowered test does not check: ${arch.result.error}`, lowered: lowering.text });
  }
  if (arch.result.observation === 'Unknown') return done({ verdict: 'error', reason: `the lowered test is Unknown: ${arch.result.error}`, lowered: lowering.text });

  if (arch.result.states.length === 0 && bpf.states.length > 0) {
    // every execution of the lowered code was dropped (an access outside every location, say):
    // neither sound nor stronger, something to look at
    const why = arch.result.warnings.join('; ') || 'no execution of the lowered test ends';
    return done({ verdict: 'error', reason: `the lowered test has no final state (${why})`, lowered: lowering.text });
  }
  const back = inverse(lowering.registers);
  const bpfStates = new Set(bpf.states.map((s) => normalise(s)));
  const archStates = new Set(arch.result.states.map((s) => normalise(s, back)));
  const extraStates = [...archStates].filter((s) => !bpfStates.has(s)).sort();
  const missingStates = [...bpfStates].filter((s) => !archStates.has(s)).sort();
  const verdict: JitVerdict = extraStates.length > 0 ? 'unsound' : missingStates.length > 0 ? 'stronger' : 'sound';
  const out = done({ verdict, extraStates, missingStates, lowered: lowering.text });
  if (verdict === 'unsound') Object.assign(out, await explain(base, extraStates[0]!, lowering.text, loweredFile, lowering.registers, archOpts));
  if (verdict === 'stronger' && variant === undefined) {
    const weaker = await weakerVariants(base, table, decided.test as LitmusTest<BpfInstr>, missingStates.length, opts);
    if (weaker.length > 0) out.weakerVariants = weaker;
  }
  out.ms = performance.now() - t0;
  return out;
}

/** The proposals of `table` that touch an operation of `test` and lose fewer BPF states, soundly. */
async function weakerVariants(base: Baseline, table: JitTable, test: LitmusTest<BpfInstr>, missing: number, opts: CheckOptions):
  Promise<NonNullable<JitResult['weakerVariants']>> {
  const used = new Set(test.threads.flatMap((t) => t.lines.flatMap((l) => (l.instr ? [opKey(l.instr)] : []))));
  const out: NonNullable<JitResult['weakerVariants']> = [];
  for (const [name, v] of Object.entries(table.variants ?? {})) {
    if (name.startsWith('before-')) continue; // the code before a fix is no proposal
    const ops = [...new Set(v.rows.map((r) => r.op))].filter((op) => used.has(op));
    if (ops.length === 0) continue;
    const r = await checkMapping(base, table, name, opts);
    if (r.verdict === 'sound' || (r.verdict === 'stronger' && r.missingStates.length < missing)) out.push({ variant: name, ops, verdict: r.verdict });
  }
  return out;
}

function hasBackwardJump(test: LitmusTest<BpfInstr>): boolean {
  return test.threads.some((t) => t.lines.some((line, li) => {
    const i = line.instr;
    if (!i || (i.op !== 'goto' && i.op !== 'if')) return false;
    if (i.target.k === 'rel') return i.target.off < 0;
    const name = i.target.name;
    return t.lines.findIndex((l) => l.label === name) <= li;
  }));
}

/** A state as sorted atoms `1:r3=0; [x]=1;`, registers renamed through `rename`. */
function normalise(state: string, rename?: Map<string, string>): string {
  return state
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const m = /^(\d+):([\w$]+)=(.*)$/.exec(a);
      return m && rename ? `${m[1]}:${rename.get(m[2]!) ?? m[2]}=${m[3]}` : a;
    })
    .sort()
    .map((a) => `${a};`)
    .join(' ');
}

function inverse(m: Map<string, string>): Map<string, string> {
  return new Map([...m].map(([k, v]) => [v, k]));
}

/** The witness of an extra state on the CPU, and the BPF axiom its BPF counterpart violates. */
async function explain(base: Baseline, state: string, loweredText: string, loweredFile: string, registers: Map<string, string>,
  opts: CheckOptions): Promise<Partial<JitResult>> {
  const out: Partial<JitResult> = {};
  const archCond = stateCond(state, (r) => registers.get(r) ?? r);
  const arch = await analyse(loweredFile, loweredText, { ...opts, verdictOnly: true }, archCond);
  const w = arch.decided?.outcome.witness;
  if (arch.decided && w) out.witness = formatExecution(arch.decided.skel, w);
  const d = base.analysis.decided!;
  const atoms = parseAtoms(state);
  const values = d.observables.map((o) => {
    const key = o.kind === 'reg' ? `${o.thread}:${o.reg}` : `[${o.loc}]`;
    const v = atoms.get(key);
    return v === undefined ? undefined : valueBits(v, d.skel.locations);
  });
  if (values.every((v): v is bigint => v !== undefined)) {
    const why = whyForbidden(d.skel, d.model, d.observables, values);
    if (why) out.bpfAxiom = `${why.check.name} (${d.test.file}):\n${formatExecution(d.skel, why.execution, why.violation)}`;
  }
  return out;
}

function parseAtoms(state: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of state.split(';').map((x) => x.trim()).filter(Boolean)) {
    const i = a.lastIndexOf('=');
    m.set(a.slice(0, i), a.slice(i + 1));
  }
  return m;
}

function valueBits(v: string, locations: readonly string[]): bigint {
  if (/^-?\d+$/.test(v)) return BigInt.asUintN(64, BigInt(v));
  return addressOf(locations.indexOf(v));
}

/** A state as a condition over the (renamed) observables. */
function stateCond(state: string, rename: (reg: string) => string): Cond {
  const pos = { file: '', line: 0, col: 0 };
  const atoms: Cond[] = [...parseAtoms(state)].map(([k, v]) => {
    const reg = /^(\d+):([\w$]+)$/.exec(k);
    const lhs: Observable = reg ? { kind: 'reg', thread: Number(reg[1]), reg: rename(reg[2]!), pos } : { kind: 'loc', loc: k.slice(1, -1), pos };
    const rhs = /^-?\d+$/.test(v) ? { kind: 'int' as const, value: BigInt(v) } : { kind: 'addr' as const, loc: v };
    return { k: 'atom', pos, lhs, rhs };
  });
  return atoms.reduce((a, b) => ({ k: 'and', a, b }));
}

