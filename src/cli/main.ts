/**
 * The command line: one commander program, one module per subcommand (`src/cli/<cmd>.ts`).
 * Exit codes: 0 everything ran (and matched its expectations), 1 a verdict contradicts its
 * expectation, 2 bad input or bad usage.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { shutdownZ3 } from '../engine/smt/z3.js';

type AddCommand = (program: Command, done: (exitCode: number) => void) => void;

/**
 * The subcommands, in the order --help lists them. Each is loaded only when named (or for the
 * general help): a run of `check` need not load the fuzzer, the JIT tables or Graphviz.
 */
const COMMANDS: Record<string, () => Promise<AddCommand>> = {
  check: async () => (await import('./check.js')).addCheckCommand,
  jit: async () => (await import('./jit.js')).addJitCommand,
  doc: async () => (await import('./doc.js')).addDocCommand,
  graph: async () => (await import('./graph.js')).addGraphCommand,
  gen: async () => (await import('./gen.js')).addGenCommand,
  fuzz: async () => (await import('./fuzz.js')).addFuzzCommand,
  barriers: async () => (await import('./barriers.js')).addBarriersCommand,
};

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
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  for (const name of named) (await COMMANDS[name]!())(program, done);
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
