/**
 * The command line: one commander program, one module per subcommand (`src/cli/<cmd>.ts`).
 * Exit codes: 0 everything ran (and matched its expectations), 1 a verdict contradicts its
 * expectation, 2 bad input or bad usage.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { shutdownZ3 } from '../engine/smt/z3.js';
import { addCheckCommand } from './check.js';
import { addDocCommand } from './doc.js';
import { addGraphCommand } from './graph.js';
import { addJitCommand } from './jit.js';
import { addGenCommand } from './gen.js';
import { addFuzzCommand } from './fuzz.js';
import { addBarriersCommand } from './barriers.js';

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write("bpf-herd: missing command (try 'bpf-herd --help')\n");
    return 2;
  }
  let exitCode = 0;
  const done = (code: number) => { exitCode = code; };
  const program = new Command('bpf-herd')
    .description('a memory-model checker for BPF: litmus tests, cat models, Z3')
    .version(packageVersion())
    .exitOverride() // throw instead of exiting, so usage errors get exit code 2; subcommands inherit it
    .configureOutput({ outputError: (message, write) => write(`bpf-herd: ${message.replace(/^error: /, '')}`) });
  addCheckCommand(program, done);
  addJitCommand(program, done);
  addDocCommand(program, done);
  addGraphCommand(program, done);
  addGenCommand(program, done);
  addFuzzCommand(program, done);
  addBarriersCommand(program, done);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // help and --version exit with 0
    const err = e as Error;
    process.stderr.write(`bpf-herd: internal error: ${err.message}\n${process.env.BPF_HERD_DEBUG ? `${err.stack}\n` : ''}`);
    return 2;
  } finally {
    await shutdownZ3(); // the in-process checks may have started Z3, whose threads keep Node alive
  }
  return exitCode;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
