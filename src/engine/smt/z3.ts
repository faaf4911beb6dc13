/**
 * The Z3 context of this thread: created on first use (its WebAssembly start-up costs a few
 * hundred milliseconds, which tests decided by the explicit engine never pay) and shared by
 * every test. `shutdownZ3` ends Z3's worker threads, without which Node does not exit.
 */
import type { Context } from 'z3-solver';

export type Z3 = Context<'bpf-herd'>;

let instance: Promise<{ ctx: Z3; stop: () => void }> | undefined;

export function z3(): Promise<Z3> {
  instance ??= (async () => {
    const { init } = await import('z3-solver');
    const { Context, em } = await init();
    return { ctx: Context('bpf-herd'), stop: () => em.PThread.terminateAllThreads() };
  })();
  return instance.then((i) => i.ctx);
}

export async function shutdownZ3(): Promise<void> {
  if (!instance) return;
  const { stop } = await instance;
  stop();
  instance = undefined;
}
