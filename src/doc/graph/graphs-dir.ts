/**
 * `bpf-herd check --graphs DIR`: one SVG per checked test, as herd7's -o writes one picture per
 * test: the witness of the condition when the model allows it, else why it is forbidden.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestResult } from '../../check/check.js';
import { InputError } from '../../diag.js';
import { drawTest } from './draw-test.js';

/** Draw each test that was checked; a test that cannot be drawn gets a line on stderr, not a failure. */
export async function writeGraphs(dir: string, results: readonly TestResult[], o: { model?: string; unroll: number }): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const r of results) {
    if (r.observation === 'Error') continue;
    try {
      const svg = await drawTest(r.file, readFileSync(r.file, 'utf8'), 'svg', { unroll: o.unroll, ...(o.model ? { model: o.model } : {}) });
      writeFileSync(path.join(dir, `${safeName(r.name)}.svg`), svg);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`--graphs: ${r.name}: ${e.message}\n`);
    }
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.+-]/g, '_');
}
