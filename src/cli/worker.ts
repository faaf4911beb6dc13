/**
 * A piscina worker: checks one file per task. Z3 starts lazily in each worker that needs it and
 * runs threads of its own, so before the pool is destroyed every worker gets a `shutdown` task.
 */
import { checkFile } from '../check/file.js';
import type { CheckOptions, TestResult } from '../check/check.js';
import { shutdownZ3 } from '../engine/smt/z3.js';
import { checkJitFile, type JitJob } from '../jit/file.js';
import type { JitResult } from '../jit/check.js';
import type { CellResult } from '../doc/decide-cell.js';
import type { DecideTask } from '../doc/decide-pool.js';

export type WorkerTask =
  | { kind: 'check'; file: string; opts: CheckOptions }
  | { kind: 'jit'; file: string; job: JitJob }
  | { kind: 'doc'; test: DecideTask }
  /** `arrived` counts the workers that have shut Z3 down; `workers` is how many must arrive. */
  | { kind: 'shutdown'; arrived: SharedArrayBuffer; workers: number };

/** How long a shutdown task waits for the other workers before giving up on the barrier. */
const BARRIER_MS = 2000;

export default async function runTask(task: WorkerTask): Promise<TestResult | JitResult[] | CellResult[] | null> {
  if (task.kind === 'check') return checkFile(task.file, task.opts);
  if (task.kind === 'jit') return checkJitFile(task.file, task.job);
  // loaded on demand: a check or jit worker need not start the documentation's modules
  if (task.kind === 'doc') return (await import('../doc/decide-pool.js')).decideTest(task.test);
  await shutdownZ3();
  awaitOthers(new Int32Array(task.arrived), task.workers);
  return null;
}

/**
 * Block this worker until every worker has taken a shutdown task: a blocked worker takes no other
 * task, so the `workers` shutdown tasks land on `workers` different workers.
 */
function awaitOthers(arrived: Int32Array, workers: number): void {
  Atomics.add(arrived, 0, 1);
  Atomics.notify(arrived, 0);
  const deadline = Date.now() + BARRIER_MS;
  for (let seen = Atomics.load(arrived, 0); seen < workers; seen = Atomics.load(arrived, 0)) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    Atomics.wait(arrived, 0, seen, left);
  }
}
