/**
 * One BPF file against the selected tables (in-process or in a worker): the BPF side is decided
 * once, then each table's lowering is checked; every failure becomes an `error` result.
 */
import { readFile } from 'node:fs/promises';
import type { CheckOptions } from '../check/check.js';
import { baseline, checkMapping, type JitResult } from './check.js';
import type { JitTable } from './table.js';

export interface JitJob {
  tables: JitTable[];
  variant?: string; // applied to the tables that have it
  opts: CheckOptions;
}

export async function checkJitFile(file: string, job: JitJob): Promise<JitResult[]> {
  const t0 = performance.now();
  const failed = (reason: string): JitResult[] =>
    job.tables.map((t) => ({ file, name: file, arch: t.name, variant: null, verdict: 'error', extraStates: [], missingStates: [], ms: performance.now() - t0, reason }));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return failed(`${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const base = await baseline(file, text, job.opts);
    const out: JitResult[] = [];
    for (const t of job.tables) {
      const variant = job.variant !== undefined && t.variants?.[job.variant] ? job.variant : undefined;
      out.push(await checkMapping(base, t, variant, job.opts));
    }
    return out;
  } catch (e) {
    return failed(`${file}: internal error: ${(e as Error).message}`);
  }
}
