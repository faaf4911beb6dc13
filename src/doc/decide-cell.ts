/**
 * One cell: a generated BPF test decided for one column, directly under the BPF model or as a
 * JIT lowers it under the CPU's model. The test each cell links to is returned with a `Result:`
 * comment holding the verdict and a digest of the model that gave it, so `bpf-herd check` on the
 * committed tests re-checks every cell, and a regeneration may reuse a verdict whose test and
 * model have not changed (the doc test does: the CPU columns' LL/SC loops take minutes).
 */
import { createHash } from 'node:crypto';
import { analyse, type CheckOptions } from '../check/check.js';
import { loadModelFiles } from '../cat/load.js';
import type { BpfInstr } from '../isa/bpf/instr.js';
import { allSyntaxes } from '../isa/registry.js';
import { TableError, tryLower } from '../jit/lower.js';
import type { LitmusTest } from '../litmus/ast.js';
import { parseLitmus } from '../litmus/parse.js';
import type { Column } from './columns.js';

export type Observed = 'Never' | 'Sometimes' | 'Always';

export type CellResult =
  | { k: 'decided'; observation: Observed; test: string; reused?: boolean }
  | { k: 'unsupported'; reason: string } // the JIT leaves an operation to the interpreter, or its table lacks a row
  | { k: 'no-table' }
  | { k: 'error'; reason: string };

/** The committed text of a cell's test, if any (for reuse). */
export type PriorTest = (column: Column, name: string) => string | undefined;

/**
 * The explicit engine: these tests are small, and its pruning beats the candidate estimate that
 * would send LL/SC loops to the SMT engine (50 ms against 13 s for some). A lowered test's only
 * backward branches are the retry loops of LL/SC sequences, and a retry adds executions but no
 * final state, so CPU tests are decided without taking them (unroll 0): a test with three loops
 * went from 7 s to 0.2 s. `bpf-herd check` on the committed test (unroll 2) gives the same verdict.
 */
const BPF_OPTS: CheckOptions = { engine: 'enum', unroll: 2, verdictOnly: true, timeoutMs: 60_000 };
const CPU_OPTS: CheckOptions = { ...BPF_OPTS, unroll: 0 };

/** `parsed` is the BPF test already parsed, when the caller decides it for several columns. */
export async function decideCell(name: string, bpfText: string, column: Column, prior?: PriorTest, parsed?: LitmusTest<BpfInstr>): Promise<CellResult> {
  if (column.missingTable) return { k: 'no-table' };
  const before = prior?.(column, name);
  if (!column.table) return decideText(`${name}.litmus`, bpfText, 'bpf', before, BPF_OPTS);
  const test = parsed ?? parseBpf(name, bpfText);
  let lowering;
  try {
    lowering = tryLower(test, column.table);
  } catch (e) {
    if (e instanceof TableError) return { k: 'unsupported', reason: e.message };
    throw e;
  }
  if (lowering.k === 'unsupported') return { k: 'unsupported', reason: `${lowering.op}: ${lowering.reason}` };
  return decideText(`${name}.${column.table.name}.litmus`, lowering.text, column.model, before, CPU_OPTS);
}

export function parseBpf(name: string, text: string): LitmusTest<BpfInstr> {
  return parseLitmus(text, `${name}.litmus`, allSyntaxes()) as LitmusTest<BpfInstr>;
}

async function decideText(file: string, text: string, model: string, before: string | undefined, opts: CheckOptions): Promise<CellResult> {
  const digest = modelDigest(model);
  const kept = before !== undefined ? reusable(before, text, digest) : undefined;
  if (kept) return { k: 'decided', observation: kept, test: withResult(text, kept, model, digest), reused: true };
  const { result } = await analyse(file, text, { ...opts, model });
  const o = result.observation;
  if (o === 'Error' || o === 'Unknown') return { k: 'error', reason: result.error ?? o };
  return { k: 'decided', observation: o, test: withResult(text, o, model, digest) };
}

const RESULT_LINE = /^\(\* Result: (Never|Sometimes|Always) \(bpf-herd doc, models\/(\S+)\.cat ([0-9a-f]+)\) \*\)\n/m;

/** The verdict as a `Result:` comment after the test's first line, as our litmus tests state it. */
function withResult(text: string, o: Observed, model: string, digest: string): string {
  const nl = text.indexOf('\n');
  return `${text.slice(0, nl + 1)}(* Result: ${o} (bpf-herd doc, models/${model}.cat ${digest}) *)\n${text.slice(nl + 1)}`;
}

/** The verdict a committed test records, if it is this very test under this very model. */
function reusable(committed: string, text: string, digest: string): Observed | undefined {
  const m = RESULT_LINE.exec(committed);
  if (!m || m[3] !== digest || committed.replace(RESULT_LINE, '') !== text) return undefined;
  return m[1] as Observed;
}

/** The verdict recorded in a committed test (for the test suite). */
export function recordedVerdict(committed: string): Observed | undefined {
  return RESULT_LINE.exec(committed)?.[1] as Observed | undefined;
}

const digests = new Map<string, string>();

/** A short digest of a model's statements, its includes expanded: a changed model changes it. */
export function modelDigest(model: string): string {
  let d = digests.get(model);
  if (!d) {
    const stmts = JSON.stringify(loadModelFiles(model).stmts, (k, v: unknown) => (k === 'pos' ? undefined : typeof v === 'bigint' ? v.toString() : v));
    digests.set(model, (d = createHash('sha256').update(stmts).digest('hex').slice(0, 12)));
  }
  return d;
}
