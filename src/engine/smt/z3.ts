/**
 * Z3 for this thread. Its WebAssembly start-up costs a few hundred milliseconds, so it is
 * loaded on first use: tests decided by the explicit engine never pay it.
 *
 * Memory: z3-solver frees terms from JavaScript finalizers, which may run on the main thread
 * while a check runs on Z3's worker thread, and Z3's term manager is not thread-safe (we saw
 * heap corruption). So finalizers are switched off for Z3's objects, each test gets its own
 * context, and the whole context is deleted when the test is done.
 * `shutdownZ3` ends Z3's worker threads, without which Node does not exit.
 */
import type { Context, Z3LowLevel } from 'z3-solver';

export type Z3 = Context<'bpf-herd'>;

interface Z3Module {
  Context: (name: 'bpf-herd') => Z3;
  low: Z3LowLevel['Z3'];
  stop: () => void;
}

let instance: Promise<Z3Module> | undefined;

function load(): Promise<Z3Module> {
  instance ??= (async () => {
    const { init } = await import('z3-solver');
    const Registry = globalThis.FinalizationRegistry;
    // z3-solver creates its registry inside init(): give it one that never calls back
    globalThis.FinalizationRegistry = class {
      register(): void {}
      unregister(): boolean { return false; }
    } as unknown as typeof FinalizationRegistry;
    try {
      const api = await init();
      return { Context: api.Context as unknown as Z3Module['Context'], low: api.Z3, stop: () => api.em.PThread.terminateAllThreads() };
    } finally {
      globalThis.FinalizationRegistry = Registry;
    }
  })();
  return instance;
}

/** Run `fn` with a fresh context, deleted (with every term made in it) when `fn` is done. */
export async function withZ3<T>(fn: (ctx: Z3) => Promise<T>): Promise<T> {
  const z = await load();
  const ctx = z.Context('bpf-herd');
  try {
    return await fn(ctx);
  } finally {
    z.low.del_context(ctx.ptr);
  }
}

export async function shutdownZ3(): Promise<void> {
  if (!instance) return;
  const { stop } = await instance;
  stop();
  instance = undefined;
}
