/**
 * Property-based search for unsound JIT lowerings: generate BPF tests (cycle-shaped, and random
 * small programs), lower and check each against the selected tables, and on the first unsound
 * one let fast-check shrink it to a minimal test. The seed reproduces the run.
 */
import fc from 'fast-check';
import type { CheckOptions } from '../check/check.js';
import { baseline, checkMapping, type JitResult } from '../jit/check.js';
import type { JitTable } from '../jit/table.js';
import { arbCycleCase, caseTest } from './arb-cycle.js';
import { arbBpfTest } from './random-bpf.js';

export interface FuzzOptions {
  tables: JitTable[];
  variant?: string;
  runs: number;
  seed: number;
  check: CheckOptions;
  /** Called after each generated test (for progress). */
  onRun?: (n: number) => void;
}

export interface Counterexample {
  name: string;
  text: string; // the BPF test
  result: JitResult; // its unsound lowering: lowered test, extra states, witness, BPF axiom
}

export interface FuzzReport {
  runs: number;
  counterexample?: Counterexample;
  /** Tests whose lowering the tables do not support, or that errored: not counterexamples. */
  skipped: number;
}

/** A generated test: cycle-shaped three times out of four, else a random small program. */
const arbTest: fc.Arbitrary<{ name: string; text: string }> = fc.oneof(
  { weight: 3, arbitrary: arbCycleCase.map((c) => caseTest(c) ?? { name: 'invalid', text: '' }) },
  { weight: 1, arbitrary: arbBpfTest({ maxThreads: 3, maxInstrs: 3 }).map((text) => ({ name: 'random', text })) },
);

export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  let runs = 0;
  let skipped = 0;
  const unsoundOf = async (t: { name: string; text: string }): Promise<JitResult | undefined> => {
    if (t.text === '') return undefined;
    const base = await baseline(`${t.name}.litmus`, t.text, opts.check);
    for (const table of opts.tables) {
      const variant = opts.variant !== undefined && table.variants?.[opts.variant] ? opts.variant : undefined;
      const r = await checkMapping(base, table, variant, opts.check);
      if (r.verdict === 'unsound') return r;
      if (r.verdict === 'unsupported' || r.verdict === 'error') skipped++;
    }
    return undefined;
  };
  const details = await fc.check(
    fc.asyncProperty(arbTest, async (t) => {
      opts.onRun?.(++runs);
      return (await unsoundOf(t)) === undefined;
    }),
    { numRuns: opts.runs, seed: opts.seed },
  );
  const report: FuzzReport = { runs: details.numRuns, skipped };
  if (details.failed && details.counterexample) {
    const [t] = details.counterexample;
    const result = await unsoundOf(t);
    if (result) report.counterexample = { name: t.name, text: t.text, result };
  }
  return report;
}
