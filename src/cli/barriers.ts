/**
 * `bpf-herd barriers --arch A [--max-edges N] [--json] [TESTS...]`: for each family of operations
 * the JIT lowers, the current sequence, the weakest sound one, and for each rejected weaker
 * choice the smallest test that kills it. The tests given (default litmus/*.litmus) are checked
 * after the generated cycles.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { InputError } from '../diag.js';
import { familiesOf, searchBarriers, type FamilyReport } from '../jit/barriers.js';
import { NOTHING_TO_WEAKEN } from '../jit/candidates.js';
import { positiveInt } from './args.js';
import { archHelp, selectTables } from './tables.js';

interface BarrierCliOptions {
  arch?: string;
  maxEdges: number;
  json?: boolean;
}

const LITMUS = fileURLToPath(new URL('../../litmus/', import.meta.url));

export function addBarriersCommand(program: Command, done: (exitCode: number) => void): void {
  program
    .command('barriers')
    .description('search the weakest sound instruction sequences for each operation a JIT lowers')
    .argument('[tests...]', 'BPF tests checked after the generated cycles (default: litmus/*.litmus)')
    .option('--arch <names>', archHelp())
    .option('--max-edges <n>', 'the longest generated cycle', positiveInt, 6)
    .option('--json', 'one JSON object per JIT and family of operations')
    .action(async (tests: string[], o: BarrierCliOptions) => done(await runBarriers(tests, o)));
}

async function runBarriers(tests: string[], o: BarrierCliOptions): Promise<number> {
  let tables;
  try {
    tables = selectTables(o);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`bpf-herd: ${e.message}\n`);
    return 2;
  }
  const extraTests = tests.length > 0 ? tests : readdirSync(LITMUS).filter((f) => f.endsWith('.litmus')).map((f) => path.join(LITMUS, f));
  for (const table of tables) {
    if (familiesOf(table).length === 0) {
      const why = NOTHING_TO_WEAKEN.has(table.name)
        ? 'its sequences have no barrier or ordering annotation to drop: they are already the weakest'
        : 'no weaker candidate sequences are known for this JIT (src/jit/candidates.ts)';
      process.stdout.write(`${table.name}\n  ${why}\n\n`);
      continue;
    }
    const reports = await searchBarriers(table, {
      maxEdges: o.maxEdges, extraTests, check: { engine: 'auto', unroll: 2, verdictOnly: false },
      onProgress: (f, c, i, n) => { if (process.stderr.isTTY && i % 20 === 0) process.stderr.write(`\r${table.name} ${f} ${c}: ${i}/${n}   `); },
    });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (o.json) for (const r of reports) process.stdout.write(`${JSON.stringify({ arch: table.name, ...r, candidates: r.candidates.map(({ killedBy, ...c }) => ({ ...c, ...(killedBy ? { killedBy: { name: killedBy.name, state: killedBy.state } } : {}) })) })}\n`);
    else process.stdout.write(textOf(table.name, reports));
  }
  return 0;
}

function textOf(arch: string, reports: FamilyReport[]): string {
  const lines = [`${arch}`];
  for (const r of reports) {
    lines.push(`  ${r.family} (${r.tests} tests)`, `    current: ${r.current}`, `    weakest sound: ${r.weakestSound.length > 0 ? r.weakestSound.join(', ') : 'the current sequence'}`);
    for (const c of r.candidates) {
      if (c.sound) lines.push(`    ${c.label}: sound (on the ${c.checked} tests the JIT lowers)`);
      else if (c.killedBy) lines.push(`    ${c.label}: unsound, killed by ${c.killedBy.name} (${c.killedBy.state})`);
      else lines.push(`    ${c.label}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}
