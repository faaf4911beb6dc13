/**
 * `bpf-herd jit [--arch A[,B...]|all] [--variant V] [--table FILE] [--emit DIR] [--json] FILES...`:
 * check each BPF test against each selected JIT's lowering; end with one row per JIT.
 * Exit 1 when a lowering is unsound, 2 on bad input or usage.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import type { CheckOptions } from '../check/check.js';
import { InputError } from '../diag.js';
import type { EngineChoice } from '../engine/decide.js';
import type { JitResult, JitVerdict } from '../jit/check.js';
import { checkJitFile, type JitJob } from '../jit/file.js';
import { nonNegativeInt, positiveInt, positiveSeconds } from './args.js';
import { CycleError } from '../fuzz/cycle.js';
import { boundedCycles, DEFAULT_CYCLE_LIMIT, vocabularyWith } from '../fuzz/all-cycles.js';
import type { Annotation } from '../fuzz/cycle.js';
import { runInOrder } from './pool.js';
import { archHelp, selectTables } from './tables.js';

interface JitCliOptions {
  exhaustive?: number;
  annotations?: string;
  limit: number;
  arch?: string;
  variant?: string;
  table?: string;
  emit?: string;
  json?: boolean;
  jobs: number;
  engine: EngineChoice;
  unroll: number;
  timeout?: number;
  color: boolean;
}

export function addJitCommand(program: Command, done: (exitCode: number) => void): void {
  program
    .command('jit')
    .description("check that each BPF JIT's lowering keeps the BPF model: no outcome BPF forbids becomes possible")
    .argument('[files...]', 'BPF litmus tests')
    .option('--exhaustive <n>', 'also check every generated cycle up to n edges (bpf-herd gen --all)', positiveInt)
    .option('--annotations <letters>', 'with --exhaustive: annotate accesses with these letters too (A L F X S C)')
    .option('--limit <n>', 'with --exhaustive: refuse to generate more tests than this', positiveInt, DEFAULT_CYCLE_LIMIT)
    .option('--arch <names>', archHelp())
    .option('--variant <name>', 'a variant of the tables, e.g. before-20a759df3bba (the table before that fix)')
    .option('--table <file>', 'a lowering table of your own (JSON, the format of src/jit/table.ts)')
    .option('--emit <dir>', 'write each lowered test as a litmus file in <dir>/<jit>/')
    .option('--json', 'one JSON object per test and JIT (NDJSON)')
    .addOption(new Option('-j, --jobs <n>', 'parallel workers').argParser(positiveInt).default(availableParallelism(), 'the number of cores'))
    .addOption(new Option('--engine <engine>', 'decision engine').choices(['auto', 'smt', 'enum']).default('auto'))
    .option('--unroll <n>', 'times a backward branch may be taken', nonNegativeInt, 2)
    .option('--timeout <seconds>', 'time limit per test and JIT', positiveSeconds)
    .option('--no-color', 'no colours, even on a terminal')
    .action(async (files: string[], o: JitCliOptions) => done(await runJit(files, o)));
}

async function runJit(given: string[], o: JitCliOptions): Promise<number> {
  let job: JitJob;
  let files = given;
  const t0 = performance.now();
  try {
    job = jitJob(o);
    if (o.exhaustive !== undefined) files = [...given, ...generatedTests(o.exhaustive, o.annotations ?? '', o.limit)];
    if (files.length === 0) throw new InputError(undefined, 'no tests: give BPF litmus files, or --exhaustive N');
  } catch (e) {
    if (!(e instanceof InputError) && !(e instanceof CycleError)) throw e;
    process.stderr.write(`bpf-herd: ${e.message}\n`);
    return 2;
  }
  const color = o.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const counts = new Map<string, Record<JitVerdict, number>>(job.tables.map((t) => [t.name, { sound: 0, stronger: 0, unsound: 0, unsupported: 0, error: 0 }]));
  let errors = 0;
  await runInOrder(files, o.jobs, job.opts.timeoutMs, {
    local: (file) => checkJitFile(file, job),
    task: (file) => ({ kind: 'jit', file, job }),
    unfinished: (file, ms, _why, message) => job.tables.map((t): JitResult => ({
      file, name: file, arch: t.name, variant: job.variant ?? null, verdict: 'error', extraStates: [], missingStates: [], ms, reason: message,
    })),
  }, (results) => {
    for (const r of results) {
      counts.get(r.arch)![r.verdict]++;
      if (r.verdict === 'error') { errors++; process.stderr.write(`${r.reason}\n`); }
      if (o.emit && r.lowered) emitLowered(o.emit, r);
      process.stdout.write(o.json ? `${JSON.stringify(jsonOf(r))}\n` : textOf(r, color));
    }
  });
  if (!o.json) process.stdout.write(summary(counts, job.variant));
  if (o.exhaustive !== undefined && !o.json) {
    process.stdout.write(`${files.length} tests (cycles up to ${o.exhaustive} edges${given.length > 0 ? ` and ${given.length} given` : ''}) x ${job.tables.length} JITs in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const unsound = [...counts.values()].some((c) => c.unsound > 0);
  return errors > 0 ? 2 : unsound ? 1 : 0;
}

/** Every cycle up to n edges, written to a temporary folder (gone at exit) so that the workers read them as files. */
function generatedTests(n: number, letters: string, limit: number): string[] {
  const bad = [...letters].find((l) => !'ALFXSC'.includes(l));
  if (bad) throw new InputError(undefined, `--annotations: unknown letter '${bad}' (expected some of A L F X S C)`);
  const options = { maxEdges: n, vocabulary: vocabularyWith([...letters] as Annotation[]) };
  for (const _ of boundedCycles(options, limit)); // count first: nothing is written past the limit
  const dir = mkdtempSync(path.join(tmpdir(), 'bpf-herd-cycles-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const t of boundedCycles(options, limit)) {
    const file = path.join(dir, `${t.name}.litmus`);
    writeFileSync(file, t.text);
    files.push(file);
  }
  return files;
}

function jitJob(o: JitCliOptions): JitJob {
  const tables = selectTables(o);
  const opts: CheckOptions = {
    engine: o.engine,
    unroll: o.unroll,
    verdictOnly: false,
    ...(o.timeout !== undefined ? { timeoutMs: Math.round(o.timeout * 1000) } : {}),
  };
  return { tables, opts, ...(o.variant !== undefined ? { variant: o.variant } : {}) };
}

function emitLowered(dir: string, r: JitResult): void {
  const folder = path.join(dir, r.variant ? `${r.arch}-${r.variant}` : r.arch);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `${r.name}.litmus`), r.lowered!);
}

function jsonOf(r: JitResult): Record<string, unknown> {
  const { lowered: _lowered, ...rest } = r;
  return { ...rest, ms: Math.round(r.ms * 100) / 100 };
}

function textOf(r: JitResult, color: boolean): string {
  const paint: Record<JitVerdict, (s: string) => string> = color
    ? { sound: pc.green, stronger: pc.cyan, unsound: pc.red, unsupported: pc.yellow, error: pc.red }
    : { sound: (s) => s, stronger: (s) => s, unsound: (s) => s, unsupported: (s) => s, error: (s) => s };
  const jit = r.variant ? `${r.arch} ${r.variant}` : r.arch;
  const lines = [`${r.name}  ${jit}  ${paint[r.verdict](r.verdict)}${r.reason && r.verdict !== 'error' ? ` (${r.reason})` : ''}`];
  if (r.verdict === 'unsound') {
    lines.push(`  states the CPU allows and BPF forbids: ${r.extraStates.join('  ')}`);
    if (r.witness) lines.push(`  an execution of the lowered test reaching ${r.extraStates[0]}:`, indent(r.witness));
    if (r.bpfAxiom) lines.push(`  BPF forbids it by ${indent(r.bpfAxiom).trimStart()}`);
  }
  if (r.verdict === 'stronger') lines.push(`  states BPF allows and the CPU forbids: ${r.missingStates.join('  ')}`);
  for (const w of r.weakerVariants ?? []) lines.push(`  ${w.verdict} with --variant ${w.variant}, which lowers ${w.ops.join(', ')} otherwise: stronger than BPF needs`);
  return `${lines.join('\n')}\n`;
}

const indent = (s: string) => s.split('\n').map((l) => `  ${l}`).join('\n');

function summary(counts: Map<string, Record<JitVerdict, number>>, variant: string | undefined): string {
  const cols: JitVerdict[] = ['sound', 'stronger', 'unsound', 'unsupported', 'error'];
  const width = Math.max(4, ...[...counts.keys()].map((k) => k.length));
  const head = `${'JIT'.padEnd(width)}  ${cols.map((c) => c.padStart(12)).join('')}`;
  const rows = [...counts].map(([name, c]) => `${name.padEnd(width)}  ${cols.map((k) => String(c[k]).padStart(12)).join('')}`);
  return `\n${variant ? `variant ${variant}\n` : ''}${head}\n${rows.join('\n')}\n`;
}
