/**
 * Which execution `bpf-herd graph` draws: one that reaches the asked state (the test's condition,
 * or --state) if the model allows one; otherwise the candidate execution reaching that state
 * that gets furthest through the model's checks, with the cycle of the check it fails
 * (whyForbidden), so the picture shows why the state is forbidden.
 */
import { analyse, type CheckOptions } from '../../check/check.js';
import { formatCond } from '../../check/format.js';
import { InputError } from '../../diag.js';
import { whyForbidden } from '../../engine/enum/enumerate.js';
import type { Execution } from '../../engine/outcome.js';
import { valueBits } from '../../engine/props.js';
import type { Cond } from '../../litmus/ast.js';
import { parseLitmus } from '../../litmus/parse.js';
import { allSyntaxes } from '../../isa/registry.js';
import type { Skeleton } from '../../semantics/skeleton.js';
import { conjunctionAtoms, withStateCondition } from './state.js';

export interface ChosenExecution {
  name: string;
  skel: Skeleton;
  execution: Execution;
  allowed: boolean;
  /** The check a forbidden execution fails, and the steps of its cycle (or its offending pair), in skeleton ids. */
  axiom?: string;
  highlight: [number, number][];
  caption: string[];
}

export interface GraphOptions {
  model?: string;
  state?: string;
  unroll?: number;
}

export async function chooseExecution(file: string, text: string, o: GraphOptions = {}): Promise<ChosenExecution> {
  const parsed = parseLitmus(text, file, allSyntaxes());
  const { test, text: asText } = o.state !== undefined ? withStateCondition(file, text, parsed, o.state) : { test: parsed, text };
  const prop: Cond = test.condition.prop;
  // the explicit engine: it keeps a witness, and test graphs are small
  const opts: CheckOptions = { engine: 'enum', unroll: o.unroll ?? 2, verdictOnly: true, ...(o.model ? { model: o.model } : {}) };
  const { result, decided } = await analyse(file, asText, opts);
  if (!decided) throw new InputError(undefined, result.error ?? `${file}: cannot be checked`);
  const asked = o.state !== undefined ? `the state ${formatCond(prop)}` : `${test.condition.quantifier} (${formatCond(prop)})`;
  const head = `${test.name} under ${result.model}`;
  const w = decided.outcome.witness;
  if (w) {
    return { name: test.name, skel: decided.skel, execution: w, allowed: true, highlight: [], caption: [head, `allowed: an execution reaching ${asked}`] };
  }
  const atoms = conjunctionAtoms(prop);
  if (!atoms) throw new InputError(undefined, `${file}: no allowed execution satisfies the condition, and it is not one final state: name one with --state`);
  const values = atoms.map((a) => valueBits(a.rhs, decided.skel.locations));
  const why = whyForbidden(decided.skel, decided.model, atoms.map((a) => a.lhs), values);
  if (!why) throw new InputError(undefined, `${file}: no execution of the test reaches ${asked}, whatever the model`);
  const v = why.violation;
  const highlight: [number, number][] = v.kind === 'cycle' ? v.events.map((a, i) => [a, v.events[(i + 1) % v.events.length]!])
    : v.kind === 'pair' ? [[v.i, v.j]] : [];
  return {
    name: test.name, skel: decided.skel, execution: why.execution, allowed: false, axiom: why.check.name, highlight,
    caption: [head, `forbidden: ${asked}`, `${why.check.name} fails: ${v.kind === 'cycle' ? 'its cycle' : 'the offending pair'} in red`],
  };
}
