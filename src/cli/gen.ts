/**
 * `bpf-herd gen "PodWW Rfe PodRR Fre"`: the BPF litmus test of a cycle, on stdout or in a folder.
 * `bpf-herd gen --all --max-edges N [--max-threads T] [--annotations LETTERS] --out DIR`: every
 * cycle up to N edges, one file each, named as diy7 names them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { CycleError, type Annotation } from '../fuzz/cycle.js';
import { cycleTest } from '../fuzz/cycle-test.js';
import { boundedCycles, DEFAULT_CYCLE_LIMIT, vocabularyWith } from '../fuzz/all-cycles.js';
import { positiveInt } from './args.js';

interface GenCliOptions {
  all?: boolean;
  maxEdges: number;
  maxThreads?: number;
  annotations?: string;
  out?: string;
  limit: number;
}

export function addGenCommand(program: Command, done: (exitCode: number) => void): void {
  program
    .command('gen')
    .description('write the BPF litmus test of a cycle of relaxations (diy7 vocabulary), or of every cycle up to N edges')
    .argument('[cycle]', 'edges, e.g. "PodWW Rfe PodRR Fre" (annotations: PodWRLA = release write then acquire read)')
    .option('--all', 'every cycle up to --max-edges edges')
    .option('--max-edges <n>', 'with --all: the longest cycle', positiveInt, 4)
    .option('--max-threads <n>', 'with --all: the most threads', positiveInt)
    .option('--annotations <letters>', 'with --all: also annotate accesses with these letters (A L F X S C)')
    .option('--out <dir>', 'write NAME.litmus files in this folder (default: the test on stdout)')
    .option('--limit <n>', 'with --all: refuse to write more tests than this', positiveInt, DEFAULT_CYCLE_LIMIT)
    .action((cycle: string | undefined, o: GenCliOptions) => done(runGen(cycle, o)));
}

function runGen(cycle: string | undefined, o: GenCliOptions): number {
  try {
    if (o.all) {
      if (cycle !== undefined) throw new CycleError('give a cycle or --all, not both');
      if (!o.out) throw new CycleError('--all writes one file per cycle: give --out DIR');
      const letters = [...(o.annotations ?? '')] as Annotation[];
      const bad = letters.find((l) => !'ALFXSC'.includes(l));
      if (bad) throw new CycleError(`--annotations: unknown letter '${bad}' (expected some of A L F X S C)`);
      mkdirSync(o.out, { recursive: true });
      let n = 0;
      const options = { maxEdges: o.maxEdges, ...(o.maxThreads ? { maxThreads: o.maxThreads } : {}), vocabulary: vocabularyWith(letters) };
      for (const _ of boundedCycles(options, o.limit)); // count first: nothing is written past the limit
      for (const t of boundedCycles(options, o.limit)) {
        writeFileSync(path.join(o.out, `${t.name}.litmus`), t.text);
        n++;
      }
      process.stdout.write(`${n} tests written to ${o.out}\n`);
      return 0;
    }
    if (cycle === undefined) throw new CycleError('give a cycle, e.g. "PodWW Rfe PodRR Fre", or --all');
    const t = cycleTest(cycle);
    if (o.out) {
      mkdirSync(o.out, { recursive: true });
      writeFileSync(path.join(o.out, `${t.name}.litmus`), t.text);
      process.stdout.write(`${path.join(o.out, `${t.name}.litmus`)}\n`);
    } else process.stdout.write(t.text);
    return 0;
  } catch (e) {
    if (!(e instanceof CycleError)) throw e;
    process.stderr.write(`bpf-herd gen: ${e.message}\n`);
    return 2;
  }
}
