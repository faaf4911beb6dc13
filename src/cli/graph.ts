/**
 * `bpf-herd graph FILE [--state S] [--model M] [--unroll N] --out x.svg|x.png|x.dot`: draw one
 * execution of a test: the witness of its condition, or, for a forbidden state, the execution
 * that breaks the model with the violated axiom's cycle in red.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../diag.js';
import { drawTest } from '../doc/graph/draw-test.js';
import { formatOf } from '../doc/graph/render.js';
import { nonNegativeInt } from './args.js';

interface GraphCliOptions {
  out: string;
  state?: string;
  model?: string;
  unroll: number;
}

export function addGraphCommand(program: Command, done: (exitCode: number) => void): void {
  program
    .command('graph')
    .description('draw an execution of a test: the witness of its condition, or why a state is forbidden')
    .argument('<file>', 'a litmus test')
    .requiredOption('--out <path>', 'the picture: .svg, .png or .dot')
    .option('--state <state>', 'draw an execution reaching this final state instead, e.g. "1:r3=1; 1:r4=0;"')
    .option('--model <name|path>', "cat model (default: the architecture's)")
    .option('--unroll <n>', 'times a backward branch may be taken', nonNegativeInt, 2)
    .action(async (file: string, o: GraphCliOptions) => done(await runGraph(file, o)));
}

async function runGraph(file: string, o: GraphCliOptions): Promise<number> {
  const format = formatOf(o.out);
  if (!format) {
    process.stderr.write(`bpf-herd: --out ${o.out}: the picture's name must end in .svg, .png or .dot\n`);
    return 2;
  }
  try {
    const text = readFileSync(file, 'utf8');
    const picture = await drawTest(file, text, format, {
      unroll: o.unroll,
      ...(o.state !== undefined ? { state: o.state } : {}),
      ...(o.model !== undefined ? { model: o.model } : {}),
    });
    writeFileSync(o.out, picture);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`${e.pos ? '' : 'bpf-herd: '}${e.message}\n`);
      return 2;
    }
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`bpf-herd: cannot read ${file}: no such file\n`);
      return 2;
    }
    throw e;
  }
}
