/**
 * `bpf-herd doc reorderings [--models M,...] [--format md|html] [--out PATH] [-j N]`:
 * the tables of what each model keeps in order, every cell decided by a generated test. With
 * --out, the tests are written beside the document, in tests/<column>/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../diag.js';
import { DEFAULT_COLUMNS, resolveColumns } from '../doc/columns.js';
import { renderHtml } from '../doc/render-html.js';
import { renderMarkdown } from '../doc/render-md.js';
import { buildReorderings } from '../doc/reorderings.js';
import { writeTests } from '../doc/write-docs.js';
import { positiveInt } from './args.js';

interface DocCliOptions {
  models: string;
  format?: 'md' | 'html';
  out?: string;
  jobs: number;
}

export function addDocCommand(program: Command, done: (exitCode: number) => void): void {
  const doc = program.command('doc').description('generated documentation, every claim backed by a litmus test');
  doc
    .command('reorderings')
    .description('which pairs of accesses each model keeps in order, and the classic shapes, per model')
    .option('--models <names>', 'columns: bpf, CPU models (their first JIT table) or JIT table names', DEFAULT_COLUMNS.join(','))
    .addOption(new Option('--format <format>', 'md or html (default: from --out, else md)').choices(['md', 'html']))
    .option('--out <path>', 'write the document there, and its tests in tests/<column>/ beside it')
    .addOption(new Option('-j, --jobs <n>', 'parallel workers').argParser(positiveInt).default(availableParallelism(), 'the number of cores'))
    .action(async (o: DocCliOptions) => done(await runReorderings(o)));
}

async function runReorderings(o: DocCliOptions): Promise<number> {
  const names = o.models.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    resolveColumns(names);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`bpf-herd: ${e.message}\n`);
    return 2;
  }
  const format = o.format ?? (o.out && /\.html?$/i.test(o.out) ? 'html' : 'md');
  const docDir = o.out ? path.dirname(o.out) : undefined;
  const r = await buildReorderings({
    columns: names, jobs: o.jobs,
    ...(process.stderr.isTTY ? { progress: (done: number, total: number) => process.stderr.write(`\rdecided ${done}/${total} tests`) } : {}),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const text = format === 'html' ? renderHtml(r) : renderMarkdown(r);
  if (!o.out) {
    process.stdout.write(text);
    process.stderr.write('bpf-herd: the cells link to tests/<column>/NAME.litmus; give --out to write them\n');
    return 0;
  }
  mkdirSync(docDir!, { recursive: true });
  writeFileSync(o.out, text);
  const n = writeTests(docDir!, r);
  process.stderr.write(`wrote ${o.out} and ${n} tests in ${path.join(docDir!, 'tests')}/\n`);
  return 0;
}
