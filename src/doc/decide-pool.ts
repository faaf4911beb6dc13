/**
 * Decide every (test, column) cell, in this thread or on the worker pool of `bpf-herd check`
 * (src/cli/pool.ts): the tables hold a few thousand small decisions.
 */
import { runInOrder } from '../cli/pool.js';
import { resolveColumns } from './columns.js';
import { decideCell, parseBpf, type CellResult } from './decide-cell.js';

export interface DecideTask {
  name: string;
  text: string;
  columns: readonly string[];
}

/** `progress(done, total)` after each test. */
export async function decideCells(tasks: DecideTask[], jobs: number, progress?: (done: number, total: number) => void): Promise<CellResult[][]> {
  const out: CellResult[][] = [];
  // the workers run the built JavaScript: from the TypeScript sources (vitest, tsx), stay in this thread
  const threads = import.meta.url.endsWith('.ts') ? 1 : jobs;
  const byKey = new Map(tasks.map((t, i) => [String(i), t]));
  await runInOrder([...byKey.keys()], threads, undefined, {
    local: (key) => decideTest(byKey.get(key)!),
    task: (key) => ({ kind: 'doc', test: byKey.get(key)! }),
    unfinished: (key, _ms, _why, message) => resolveColumns(byKey.get(key)!.columns).map((): CellResult => ({ k: 'error', reason: message })),
  }, (cells) => {
    out.push(cells);
    progress?.(out.length, tasks.length);
  });
  return out;
}

export async function decideTest(task: DecideTask): Promise<CellResult[]> {
  const out: CellResult[] = [];
  const parsed = parseBpf(task.name, task.text);
  for (const c of resolveColumns(task.columns)) out.push(await decideCell(task.name, task.text, c, parsed));
  return out;
}
