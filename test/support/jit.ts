/** What the JIT table suites share: the BPF tests to sweep, and the shape every table must have. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckOptions } from '../../src/check/check.js';
import { baseline, type Baseline } from '../../src/jit/check.js';
import { OP_KEYS, type JitTable } from '../../src/jit/table.js';
import { rowsOf } from '../../src/jit/lower.js';
import { tableNamed } from '../../src/jit/tables/index.js';

/**
 * How a sweep decides: no retry-loop unrolling (a retry adds executions, never a final state),
 * and a time limit so that one slow test fails alone.
 */
export const SWEEP: CheckOptions = { engine: 'auto', unroll: 0, verdictOnly: false, timeoutMs: 20_000 };

/** The BPF test of a file, decided, for checkMapping. */
export const loadBaseline = (file: string, opts: CheckOptions): Promise<Baseline> => baseline(file, readFileSync(file, 'utf8'), opts);

/** The BPF litmus files of a folder (none when it is missing). */
export function bpfTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.litmus'))
    .map((f) => path.join(dir, f))
    .filter((f) => /^\s*BPF\b/.test(readFileSync(f, 'utf8')));
}

/**
 * Every table is registered and has a row for every operation in every variant, each row naming
 * its kernel source under `sources`, and an operation left out says why.
 */
export function expectCompleteTables(tables: readonly JitTable[], sources: RegExp): void {
  for (const t of tables) {
    expect(tableNamed(t.name)).toBe(t);
    for (const v of [undefined, ...Object.keys(t.variants ?? {})]) {
      const rows = rowsOf(t, v);
      expect(OP_KEYS.filter((k) => !rows.has(k)), `${t.name} ${v ?? ''}`).toEqual([]);
      for (const r of rows.values()) {
        expect(r.source.file).toMatch(sources);
        if (typeof r.emit === 'string') expect(r.emit).toMatch(/^(not JITed|not modelled):/);
      }
    }
  }
}

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Every current table on our BPF tests and on ../shared/conformance/bpf (skipped without it):
 * `sweep` returns what is wrong, `what` says what is accepted.
 */
export function describeCorpusSweeps(sweep: (files: string[]) => Promise<string[]>, what: string): void {
  describe('every current table on the BPF corpora', () => {
    const mine = bpfTests(path.join(ROOT, 'litmus'));
    it(`litmus/*.litmus: ${what}`, async () => {
      expect(mine.length).toBeGreaterThan(50);
      expect(await sweep(mine)).toEqual([]);
    }, 60_000);

    const shared = bpfTests(path.join(ROOT, '..', 'shared', 'conformance', 'bpf'));
    it.skipIf(shared.length === 0)(`../shared/conformance/bpf: ${what}`, async () => {
      expect(await sweep(shared)).toEqual([]);
    }, 90_000);
  });
}
