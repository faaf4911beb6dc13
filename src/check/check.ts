/**
 * `bpf-herd check` for one test: parse, build the skeleton, load the model, run an engine, and
 * turn its outcome into herd7's verdict (Observation, Ok/No, Positive/Negative).
 */
import { InputError } from '../diag.js';
import type { Cond, Expectation, LitmusTest, Observable, Quantifier } from '../litmus/ast.js';
import type { Model } from '../cat/ir.js';
import { parseLitmus } from '../litmus/parse.js';
import { allSyntaxes, isaFor } from '../isa/registry.js';
import { buildSkeleton } from '../semantics/build.js';
import type { Skeleton } from '../semantics/skeleton.js';
import { loadModel } from '../cat/model.js';
import { decide, type EngineChoice } from '../engine/decide.js';
import type { Outcome } from '../engine/outcome.js';
import { holds, observableKey, observablesIn, stateLookup } from '../engine/props.js';
import { compareStates, formatCond, formatState } from './format.js';

export interface CheckOptions {
  model?: string; // overrides the architecture's default model
  engine: EngineChoice;
  unroll: number;
  verdictOnly: boolean;
  timeoutMs?: number;
  /** SMT tuning (tests use it to exercise the lazy checks): see Query.eagerBudget. */
  eagerBudget?: number;
  /** Expected kinds by test name without `.litmus` (from --kinds); otherwise the test's own Result: comment. */
  kinds?: ReadonlyMap<string, string>;
}

export type Observation = 'Never' | 'Sometimes' | 'Always' | 'Unknown' | 'Error';

export interface TestResult {
  file: string;
  name: string;
  arch: string;
  model: string;
  engine?: 'enum' | 'smt';
  quantifier?: Quantifier;
  condition?: string; // herd7's spelling, e.g. `exists (1:r3=1 /\ 1:r4=0)`
  observation: Observation;
  ok?: boolean; // the condition is validated
  states: string[]; // in herd7's order (compareStates)
  positive?: number;
  negative?: number;
  ms: number;
  error?: string;
  warnings: string[];
  flags: string[];
  expected?: string; // the expectation compared against, if any
  matches?: boolean;
  hash?: string; // of the test's text (set by checkFile)
}

export const DEFAULT_OPTIONS: CheckOptions = { engine: 'auto', unroll: 2, verdictOnly: false };

export async function checkText(file: string, text: string, opts: CheckOptions = DEFAULT_OPTIONS): Promise<TestResult> {
  return (await analyse(file, text, opts)).result;
}

/** Everything a check found: the result, and (when the test parsed) what it was decided on. */
export interface Analysis {
  result: TestResult;
  decided?: { test: LitmusTest; skel: Skeleton; model: Model; outcome: Outcome; observables: Observable[] };
}

/** checkText, keeping the skeleton, the compiled model and the engine's outcome (witnesses, graphs, JIT checks). */
export async function analyse(file: string, text: string, opts: CheckOptions = DEFAULT_OPTIONS, prop?: Cond): Promise<Analysis> {
  const t0 = performance.now();
  let test: LitmusTest | undefined;
  let model = opts.model ?? '';
  try {
    test = parseLitmus(text, file, allSyntaxes());
    const isa = isaFor(test.arch)!;
    model = opts.model ?? isa.defaultModel;
    const skel = buildSkeleton(test, isa.semantics, { unroll: opts.unroll });
    const compiled = loadModel({ name: model, tags: skel.tagNames, symbolicAddresses: hasSymbolicAddresses(skel) });
    const observables = queryObservables(skel);
    const outcome = await decide(skel, compiled, {
      observables,
      ...(test.filter ? { filter: test.filter } : {}),
      prop: prop ?? test.condition.prop,
      verdictOnly: opts.verdictOnly,
      // the limit is per test: parsing and building the skeleton have used part of it
      ...(opts.timeoutMs !== undefined ? { timeoutMs: Math.max(1, opts.timeoutMs - (performance.now() - t0)) } : {}),
      ...(opts.eagerBudget !== undefined ? { eagerBudget: opts.eagerBudget } : {}),
    }, opts.engine);
    const result = withExpectation(verdict(test, skel, model, outcome, observables, performance.now() - t0), test.expectation, opts);
    return { result, decided: { test, skel, model: compiled, outcome, observables } };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // an error without a position (an unknown model, say) still names the test it stopped
    const error = e.pos ? e.message : `${file}: ${e.message}`;
    return {
      result: withExpectation({
        file, name: test?.name ?? nameFromText(text, file), arch: test?.arch ?? '', model, observation: 'Error',
        states: [], ms: performance.now() - t0, error, warnings: [], flags: [],
      }, test?.expectation, opts),
    };
  }
}

function hasSymbolicAddresses(skel: Skeleton): boolean {
  return skel.events.some((e) => (e.read || e.write) && e.addr.k !== 'const');
}

/** The test's observables, then any the filter needs (dropped again when states are printed). */
function queryObservables(skel: Skeleton): Observable[] {
  const seen = new Set(skel.observables.map(observableKey));
  const extra = observablesIn(skel.test.filter).filter((o) => {
    const k = observableKey(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return [...skel.observables, ...extra];
}

function verdict(test: LitmusTest, skel: Skeleton, model: string, out: Outcome, observables: Observable[], ms: number): TestResult {
  const q = test.condition.quantifier;
  const shown = skel.observables.length;
  const base = {
    file: test.file, name: test.name, arch: test.arch, model, engine: out.engine, quantifier: q,
    condition: `${q} (${formatCond(test.condition.prop)})`, ms, flags: out.flags,
    warnings: warningsOf(skel),
  };
  if (out.unknown) return { ...base, observation: 'Unknown', states: [], error: out.unknown };

  let positive = 0, negative = 0;
  let someSat = out.someSatisfies ?? false, someViol = out.someViolates ?? false;
  const printed = new Map<string, bigint[]>();
  for (const st of out.states) {
    const sat = holds(test.condition.prop, stateLookup(observables, st.values), skel.locations);
    if (sat) { positive += st.executions ?? 0; someSat = true; } else { negative += st.executions ?? 0; someViol = true; }
    const values = st.values.slice(0, shown);
    printed.set(formatState(skel.observables, values, skel.locations), values);
  }
  const observation: Observation = !someSat ? 'Never' : someViol ? 'Sometimes' : 'Always';
  const ok = q === 'exists' ? someSat : q === '~exists' ? !someSat : !someViol;
  const counted = !out.states.some((s) => s.executions === undefined) && !(out.someSatisfies !== undefined && out.states.length === 0);
  return {
    ...base, observation, ok,
    states: [...printed].sort(([, a], [, b]) => compareStates(a, b, skel.locations)).map(([state]) => state),
    ...(counted ? { positive, negative } : {}),
  };
}

function warningsOf(skel: Skeleton): string[] {
  const out: string[] = [];
  if (skel.threads.some((t) => t.cutPaths > 0)) out.push('unrolling limit exceeded, legal outcomes may be missing');
  for (const e of skel.events) {
    if (!e.strayAddress) continue;
    const at = e.instr ? `${e.instr.pos.line}:${e.instr.pos.col}` : '?';
    out.push(`${at}: some executions compute an address that is not a location; they are dropped, as herd7 drops them`);
  }
  return out;
}

/** herd7's kind for an observation under a quantifier. */
export function kindOf(observation: Observation, q: Quantifier | undefined): string {
  if (observation === 'Never') return 'Forbidden';
  if (observation === 'Always') return q === 'forall' ? 'Required' : 'Allowed';
  if (observation === 'Sometimes') return 'Allowed';
  return observation;
}

function withExpectation(r: TestResult, own: Expectation | undefined, opts: CheckOptions): TestResult {
  const expected = opts.kinds ? opts.kinds.get(r.name.replace(/\.litmus$/, '')) : own;
  if (expected === undefined) return r;
  const isKind = expected === 'Allowed' || expected === 'Forbidden' || expected === 'Required';
  const got = isKind ? kindOf(r.observation, r.quantifier) : r.observation;
  return { ...r, expected, matches: got === expected };
}

function nameFromText(text: string, file: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '')?.trim().split(/\s+/);
  return first?.[1] ?? file.replace(/^.*\//, '').replace(/\.litmus$/, '');
}
