/**
 * Check files one by one in this thread, or in parallel on a piscina worker pool; either way the
 * results are handed over in input order, each as soon as every earlier one is done. With a time
 * limit the checks always run in workers, since only a worker can be stopped from outside.
 */
import { Piscina } from 'piscina';
import type { CheckOptions, TestResult } from '../check/check.js';
import { checkFile, unfinishedResult } from '../check/file.js';
import type { WorkerTask } from './worker.js';

export type Emit<R> = (result: R) => void;

type Pool = Piscina<WorkerTask, unknown>;

export function checkFiles(files: readonly string[], opts: CheckOptions, jobs: number, emit: Emit<TestResult>): Promise<void> {
  return runInOrder(files, jobs, opts.timeoutMs, {
    local: (file) => checkFile(file, opts),
    task: (file) => ({ kind: 'check', file, opts }),
    unfinished: (file, ms, why, message) => unfinishedResult(file, opts, ms, why, message),
  }, emit);
}

/** How one kind of work runs: in this thread, as a worker task, and what a stopped task yields. */
export interface Work<R> {
  local(file: string): Promise<R>;
  task(file: string): WorkerTask;
  unfinished(file: string, ms: number, why: 'Unknown' | 'Error', message: string): R | Promise<R>;
}

/**
 * One result per file, handed to `emit` in input order. In this thread when one thread does;
 * with a time limit always in workers, since only a worker can be stopped from outside.
 */
export async function runInOrder<R>(files: readonly string[], jobs: number, timeoutMs: number | undefined, work: Work<R>, emit: Emit<R>): Promise<void> {
  const threads = Math.max(1, Math.min(jobs, files.length));
  if (threads === 1 && timeoutMs === undefined) {
    for (const file of files) emit(await work.local(file));
    return;
  }
  const pool: Pool = new Piscina({
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
      inOrder(i, await runInWorker(pool, files[i]!, timeoutMs, work));
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await shutdownWorkers(pool, threads);
    await pool.destroy();
  }
}

async function runInWorker<R>(pool: Pool, file: string, timeoutMs: number | undefined, work: Work<R>): Promise<R> {
  const limit = hardLimitMs(timeoutMs);
  const t0 = performance.now();
  try {
    return (await pool.run(work.task(file), limit ? { signal: AbortSignal.timeout(limit) } : {})) as R;
  } catch (e) {
    const ms = performance.now() - t0;
    if (limit && (e as Error).name === 'AbortError') return await work.unfinished(file, ms, 'Unknown', `timeout: stopped after ${(ms / 1000).toFixed(1)} s`);
    // a test too big for memory has no answer, which is Unknown, not an error of the input or of bpf-herd
    if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return await work.unfinished(file, ms, 'Unknown', `out of memory after ${(ms / 1000).toFixed(1)} s`);
    return await work.unfinished(file, ms, 'Error', `${file}: internal error: the worker failed (${(e as Error).message})`);
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
async function shutdownWorkers(pool: Pool, threads: number): Promise<void> {
  const arrived = new SharedArrayBuffer(4);
  await Promise.allSettled(Array.from({ length: threads }, () => pool.run({ kind: 'shutdown', arrived, workers: threads })));
}

/** `put(i, r)` in any order calls `emit` in index order, as soon as the results before i are in. */
function orderedEmitter<R>(count: number, emit: Emit<R>): (i: number, r: R) => void {
  const waiting = new Map<number, R>();
  let next = 0;
  return (i, r) => {
    waiting.set(i, r);
    while (next < count && waiting.has(next)) {
      emit(waiting.get(next)!);
      waiting.delete(next++);
    }
  };
}
