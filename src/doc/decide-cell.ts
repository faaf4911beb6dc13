/**
 * One cell: a generated BPF test decided for one column, directly under the BPF model or as a
 * JIT lowers it under the CPU's model. The test each cell links to is returned with a `Result:`
 * comment holding the verdict and the model that gave it, so `bpf-herd check` on the committed
 * tests re-checks every cell.
 */
import { analyse, type CheckOptions } from '../check/check.js';
import type { BpfInstr } from '../isa/bpf/instr.js';
import { allSyntaxes } from '../isa/registry.js';
import { TableError, tryLower } from '../jit/lower.js';
import type { LitmusTest } from '../litmus/ast.js';
import { parseLitmus } from '../litmus/parse.js';
import type { Column } from './columns.js';

export type Observed = 'Never' | 'Sometimes' | 'Always';

export type CellResult =
  | { k: 'decided'; observation: Observed; test: string }
  | { k: 'unsupported'; reason: string } // the JIT leaves an operation to the interpreter, or its table lacks a row
  | { k: 'no-table' }
  | { k: 'error'; reason: string };

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
export async function decideCell(name: string, bpfText: string, column: Column, parsed?: LitmusTest<BpfInstr>): Promise<CellResult> {
  if (column.missingTable) return { k: 'no-table' };
  if (!column.table) return decideText(`${name}.litmus`, bpfText, 'bpf', BPF_OPTS);
  const test = parsed ?? parseBpf(name, bpfText);
  let lowering;
  try {
    lowering = tryLower(test, column.table);
  } catch (e) {
    if (e instanceof TableError) return { k: 'unsupported', reason: e.message };
    throw e;
  }
  if (lowering.k === 'unsupported') return { k: 'unsupported', reason: `${lowering.op}: ${lowering.reason}` };
  return decideText(`${name}.${column.table.name}.litmus`, lowering.text, column.model, CPU_OPTS);
}

export function parseBpf(name: string, text: string): LitmusTest<BpfInstr> {
  return parseLitmus(text, `${name}.litmus`, allSyntaxes()) as LitmusTest<BpfInstr>;
}

async function decideText(file: string, text: string, model: string, opts: CheckOptions): Promise<CellResult> {
  const { result } = await analyse(file, text, { ...opts, model });
  const o = result.observation;
  if (o === 'Error' || o === 'Unknown') return { k: 'error', reason: result.error ?? o };
  return { k: 'decided', observation: o, test: withResult(text, o, model) };
}

const RESULT_LINE = /^\(\* Result: (Never|Sometimes|Always) \(bpf-herd doc, models\/\S+\.cat\) \*\)\n/m;

/** The verdict as a `Result:` comment after the test's first line, as our litmus tests state it. */
function withResult(text: string, o: Observed, model: string): string {
  const nl = text.indexOf('\n');
  return `${text.slice(0, nl + 1)}(* Result: ${o} (bpf-herd doc, models/${model}.cat) *)\n${text.slice(nl + 1)}`;
}

/** The verdict recorded in a committed test (for the test suite). */
export function recordedVerdict(committed: string): Observed | undefined {
  return RESULT_LINE.exec(committed)?.[1] as Observed | undefined;
}
