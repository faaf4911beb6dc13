/** `bpf-herd check [options] FILES...`: decide litmus tests and report them as herd7 does. */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import type { CheckOptions, TestResult } from '../check/check.js';
import { loadModelFiles } from '../cat/load.js';
import { InputError } from '../diag.js';
import type { EngineChoice } from '../engine/decide.js';
import { nonNegativeInt, positiveInt, positiveSeconds } from './args.js';
import { readKinds } from './kinds.js';
import { checkFiles } from './pool.js';
import { diagnosticsSink, reportSink, tallySink, type ResultSink } from './sinks.js';

interface CheckCliOptions {
  model?: string;
  engine: EngineChoice;
  unroll: number;
  verdictOnly?: boolean;
  json?: boolean;
  kinds?: string;
  jobs: number;
  timeout?: number;
  color: boolean;
  graphs?: string;
}

export function addCheckCommand(program: Command, done: (exitCode: number) => void): void {
  program
    .command('check')
    .description('decide litmus tests under a memory model and report them as herd7 does')
    .argument('<files...>', 'litmus tests')
    .option('--model <name|path>', "cat model: a name in models/ or a .cat file (default: the architecture's)")
    .addOption(new Option('--engine <engine>', 'decision engine').choices(['auto', 'smt', 'enum']).default('auto'))
    .option('--unroll <n>', 'times a backward branch may be taken', nonNegativeInt, 2)
    .option('--verdict-only', 'decide the condition only: no states, no counts')
    .option('--json', 'one JSON object per test and line (NDJSON) instead of the text report')
    .option('--kinds <file>', "expected kinds ('NAME Allowed|Forbidden|Required' per line), instead of the tests' Result: comments")
    .addOption(new Option('-j, --jobs <n>', 'parallel workers').argParser(positiveInt).default(availableParallelism(), 'the number of cores'))
    .option('--timeout <seconds>', 'time limit per test; past it the test is Unknown', positiveSeconds)
    .option('--no-color', 'no colours, even on a terminal')
    .option('--graphs <dir>', 'write one SVG per test in <dir>: the witness of its condition, or why it is forbidden')
    .action(async (files: string[], o: CheckCliOptions) => done(await runCheck(files, o)));
}

async function runCheck(files: string[], o: CheckCliOptions): Promise<number> {
  let opts: CheckOptions;
  try {
    opts = checkOptions(o);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`${e.pos ? '' : 'bpf-herd: '}${e.message}\n`);
    return 2;
  }
  const verdictOnly = opts.verdictOnly;
  const tally = tallySink(o.json ? process.stderr : process.stdout, o.color);
  const sinks: ResultSink[] = [reportSink(o.json ? 'json' : 'text', verdictOnly), diagnosticsSink(o.color), tally];
  const checked: TestResult[] = [];
  await checkFiles(files, opts, o.jobs, (r) => {
    const shown = verdictOnly ? verdictAlone(r) : r;
    sinks.forEach((s) => s.add(shown));
    if (o.graphs) checked.push(r);
  });
  sinks.forEach((s) => s.end());
  if (o.graphs) {
    const { writeGraphs } = await import('../doc/graph/graphs-dir.js'); // Graphviz, only when asked for
    await writeGraphs(o.graphs, checked, { unroll: opts.unroll, ...(opts.model ? { model: opts.model } : {}) });
  }
  return tally.exitCode();
}

/** --verdict-only promises the verdict alone: states or counts an engine found anyway are not shown. */
function verdictAlone({ positive: _p, negative: _n, ...r }: TestResult): TestResult {
  return { ...r, states: [] };
}

/** Command-line options → engine options; a bad --kinds file or --model is bad usage, found before any test runs. */
function checkOptions(o: CheckCliOptions): CheckOptions {
  // a model that does not load would fail every test alike: one message says it better than one per test
  if (o.model !== undefined) loadsModel(o.model);
  return {
    engine: o.engine,
    unroll: o.unroll,
    verdictOnly: o.verdictOnly ?? false,
    ...(o.model !== undefined ? { model: o.model } : {}),
    ...(o.timeout !== undefined ? { timeoutMs: Math.round(o.timeout * 1000) } : {}),
    ...(o.kinds !== undefined ? { kinds: readKinds(o.kinds) } : {}),
  };
}

function loadsModel(model: string): void {
  try {
    loadModelFiles(model);
  } catch (e) {
    // an error inside a model file points into it; one about the name itself names the option
    if (e instanceof InputError && !e.pos) throw new InputError(undefined, `--model: ${e.detail}`);
    throw e;
  }
}
