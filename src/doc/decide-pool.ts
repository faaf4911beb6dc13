/**
 * Decide every (test, column) cell, in this thread or on a worker pool: the tables hold a few
 * thousand small decisions, and the CPU columns' LL/SC loops make some of them slow.
 */
import { Piscina } from 'piscina';
import { resolveColumns } from './columns.js';
import { decideCell, parseBpf, type CellResult } from './decide-cell.js';

export interface DecideTask {
  name: string;
  text: string;
  columns: readonly string[];
  /** The committed tests of this row, by column name, for reuse (see decide-cell.ts). */
  prior?: Record<string, string>;
}

/** `progress(done, total)` after each test. */
export async function decideCells(tasks: DecideTask[], jobs: number, progress?: (done: number, total: number) => void): Promise<CellResult[][]> {
  let done = 0;
  const tick = <T>(x: T): T => { progress?.(++done, tasks.length); return x; };
  // the worker is the built JavaScript: run from the TypeScript sources (vitest, tsx), stay in this thread
  if (jobs <= 1 || import.meta.url.endsWith('.ts')) {
    const out: CellResult[][] = [];
    for (const t of tasks) out.push(tick(await decideTest(t)));
    return out;
  }
  const pool = new Piscina<DecideTask, CellResult[]>({
    filename: new URL('./decide-worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
  });
  try {
    return await Promise.all(tasks.map(async (t) => tick(await pool.run(t))));
  } finally {
    await pool.destroy();
  }
}

export async function decideTest(task: DecideTask): Promise<CellResult[]> {
  const out: CellResult[] = [];
  const parsed = parseBpf(task.name, task.text);
  for (const c of resolveColumns(task.columns)) out.push(await decideCell(task.name, task.text, c, (col) => task.prior?.[col.name], parsed));
  return out;
}
