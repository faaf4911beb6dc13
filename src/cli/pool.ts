/**
 * Check files one by one in this thread, or in parallel on a piscina worker pool; either way the
 * results are handed over in input order, each as soon as every earlier one is done. With a time
 * limit the checks always run in workers, since only a worker can be stopped from outside.
 */
import { Piscina } from 'piscina';
import type { CheckOptions, TestResult } from '../check/check.js';
import { checkFile, unfinishedResult } from '../check/file.js';
import type { WorkerTask } from './worker.js';

export type Emit = (result: TestResult) => void;

type CheckPool = Piscina<WorkerTask, TestResult | null>;

export async function checkFiles(files: readonly string[], opts: CheckOptions, jobs: number, emit: Emit): Promise<void> {
  const threads = Math.max(1, Math.min(jobs, files.length));
  if (threads === 1 && opts.timeoutMs === undefined) {
    for (const file of files) emit(await checkFile(file, opts));
    return;
  }
  await checkInPool(files, opts, threads, emit);
}

async function checkInPool(files: readonly string[], opts: CheckOptions, threads: number, emit: Emit): Promise<void> {
  const pool: CheckPool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: threads, // all started at once, so that the shutdown tasks reach each of them
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  const inOrder = orderedEmitter(files.length, emit);
  let next = 0;
  // one lane per thread keeps a task's start close to its dispatch, which the hard time limit needs
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      inOrder(i, await checkInWorker(pool, files[i]!, opts));
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await shutdownWorkers(pool, threads);
    await pool.destroy();
  }
}

async function checkInWorker(pool: CheckPool, file: string, opts: CheckOptions): Promise<TestResult> {
  const limit = hardLimitMs(opts.timeoutMs);
  const t0 = performance.now();
  try {
    const result = await pool.run({ kind: 'check', file, opts }, limit ? { signal: AbortSignal.timeout(limit) } : {});
    return result!;
  } catch (e) {
    const ms = performance.now() - t0;
    if (limit && (e as Error).name === 'AbortError') return unfinishedResult(file, opts, ms, 'Unknown', `timeout: stopped after ${(ms / 1000).toFixed(1)} s`);
    return unfinishedResult(file, opts, ms, 'Error', `${file}: internal error: the worker failed (${(e as Error).message})`);
  }
}

/**
 * The engines stop themselves at --timeout, but only where they look at the clock; this backstop
 * (twice the limit, and at least 5 s more) stops a worker stuck elsewhere, e.g. building a huge
 * encoding, and gives the test an Unknown of its own.
 */
function hardLimitMs(timeoutMs: number | undefined): number | undefined {
  return timeoutMs === undefined ? undefined : timeoutMs + Math.max(timeoutMs, 5000);
}

/** Give each worker a task that shuts its Z3 down (see worker.ts for why each gets exactly one). */
async function shutdownWorkers(pool: CheckPool, threads: number): Promise<void> {
  const arrived = new SharedArrayBuffer(4);
  await Promise.allSettled(Array.from({ length: threads }, () => pool.run({ kind: 'shutdown', arrived, workers: threads })));
}

/** `put(i, r)` in any order calls `emit` in index order, as soon as the results before i are in. */
function orderedEmitter(count: number, emit: Emit): (i: number, r: TestResult) => void {
  const waiting = new Map<number, TestResult>();
  let next = 0;
  return (i, r) => {
    waiting.set(i, r);
    while (next < count && waiting.has(next)) {
      emit(waiting.get(next)!);
      waiting.delete(next++);
    }
  };
}
