/** A worker of decide-pool.ts: one generated test, every column. */
import { decideTest, type DecideTask } from './decide-pool.js';
import type { CellResult } from './decide-cell.js';

export default function run(task: DecideTask): Promise<CellResult[]> {
  return decideTest(task);
}
