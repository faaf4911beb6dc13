/**
 * `bpf-herd fuzz --arch A [--variant V | --table F] [--runs N] [--seed S]`: generate BPF tests,
 * lower and check them; on a counterexample print the minimal BPF test, its lowering and the
 * witness. Exit 1 when a counterexample is found, 2 on bad usage.
 */
import { Command } from 'commander';
import { InputError } from '../diag.js';
import { fuzz } from '../fuzz/fuzz.js';
import type { JitTable } from '../jit/table.js';
import { nonNegativeInt, positiveInt } from './args.js';
import { archHelp, selectTables } from './tables.js';

interface FuzzCliOptions {
  arch?: string;
  variant?: string;
  table?: string;
  runs: number;
  seed: number;
}

export function addFuzzCommand(program: Command, done: (exitCode: number) => void): void {
  program
    .command('fuzz')
    .description('search generated BPF tests for an unsound JIT lowering, and shrink the first one found')
    .option('--arch <names>', archHelp())
    .option('--variant <name>', 'a variant of the tables (e.g. before-20a759df3bba)')
    .option('--table <file>', 'a lowering table of your own (JSON)')
    .option('--runs <n>', 'generated tests', positiveInt, 1000)
    .option('--seed <n>', 'the random seed (a run with the same seed is the same run)', nonNegativeInt, 1)
    .action(async (o: FuzzCliOptions) => done(await runFuzz(o)));
}

async function runFuzz(o: FuzzCliOptions): Promise<number> {
  let tables: JitTable[];
  try {
    tables = selectTables(o);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`bpf-herd: ${e.message}\n`);
    return 2;
  }
  const t0 = performance.now();
  const what = `${tables.map((t) => t.name).join(', ')}${o.variant ? ` (${o.variant})` : ''}`;
  const report = await fuzz({
    tables, runs: o.runs, seed: o.seed, check: { engine: 'auto', unroll: 2, verdictOnly: false },
    ...(o.variant !== undefined ? { variant: o.variant } : {}),
    onRun: (n) => { if (process.stderr.isTTY && n % 10 === 0) process.stderr.write(`\r${n}/${o.runs}`); },
  });
  if (process.stderr.isTTY) process.stderr.write('\r');
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const c = report.counterexample;
  if (!c) {
    process.stdout.write(`no unsound lowering of ${what} in ${report.runs} generated tests (seed ${o.seed}, ${secs} s)\n`);
    return 0;
  }
  const r = c.result;
  process.stdout.write([
    `${r.arch}${r.variant ? ` ${r.variant}` : ''} is unsound: counterexample after ${report.runs} tests (seed ${o.seed}, ${secs} s), shrunk to:`,
    '',
    c.text.trimEnd(),
    '',
    `states the CPU allows and BPF forbids: ${r.extraStates.join('  ')}`,
    '',
    'lowered:',
    (r.lowered ?? '').trimEnd(),
    '',
    ...(r.witness ? [`an execution of the lowered test reaching ${r.extraStates[0]}:`, r.witness, ''] : []),
    ...(r.bpfAxiom ? [`BPF forbids it by ${r.bpfAxiom}`, ''] : []),
    `reproduce: bpf-herd fuzz --arch ${r.arch}${r.variant ? ` --variant ${r.variant}` : ''} --runs ${o.runs} --seed ${o.seed}`,
    '',
  ].join('\n'));
  return 1;
}
