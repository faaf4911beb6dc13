/**
 * The s390x, LoongArch64, MIPS64 and sparc64 JIT tables (src/jit/tables/s390x.ts,
 * loongarch64.ts, mips64.ts, sparc64.ts): the regression tests of litmus/jit/ are unsound under
 * the table before each fix and sound under the current one; every current table is sound,
 * stronger or unsupported on the BPF tests of litmus/ (and of the shared corpus, when it is
 * there), except for the unsoundness the architecture models find in the current LoongArch
 * cmpxchg and in every MIPS64 value-returning atomic. Those findings are pinned down: each such
 * test uses the operation in question, and the same test is sound once that operation is given
 * the barriers the model asks for (the `cmpxchg-dbar0` and `llsc-mb` variants, which are
 * proposals, not kernel commits).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMapping } from '../src/jit/check.js';
import type { JitTable } from '../src/jit/table.js';
import { s390x } from '../src/jit/tables/s390x.js';
import { loongarch64 } from '../src/jit/tables/loongarch64.js';
import { mips64 } from '../src/jit/tables/mips64.js';
import { sparc64 } from '../src/jit/tables/sparc64.js';
import { shutdownZ3 } from '../src/engine/smt/z3.js';
import type { CheckOptions } from '../src/check/check.js';
import { describeCorpusSweeps, expectCompleteTables, loadBaseline, SWEEP } from './support/jit.js';

const OPTS: CheckOptions = { engine: 'auto', unroll: 2, verdictOnly: false };
/**
 * The sweeps (SWEEP, test/support/jit.ts) take no backward branch (unroll 0): the lowered retry loops (ll/sc, lld/scd, the
 * s390x csy/csg and the sparc64 cas loops) then run once. A retry only repeats a read whose
 * value the next iteration replaces, so an execution with retries has one without them that
 * reaches the same final state; the tests' own loops are cut alike on both sides. At unroll 2
 * the single-thread tests with six or eight loops (lock-ops-values, fetch-ops-values-*,
 * xchg-cmpxchg-values) take minutes.
 */
const TABLES: JitTable[] = [s390x, loongarch64, mips64, sparc64];

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const at = (file: string) => path.join(root, file);


describe('s390x, loongarch64, mips64 and sparc64 tables', () => {
  it('have a row for every operation, in every variant, and are registered', () => {
    expectCompleteTables(TABLES, /^arch\/(s390|loongarch|mips|sparc)\/net\//);
    expect(Object.keys(s390x.variants ?? {})).toContain('before-68378982f0b2');
    expect(Object.keys(loongarch64.variants ?? {})).toContain('before-576412d98297');
  });
});

const REGRESSIONS: [file: string, table: JitTable, variant: string][] = [
  ['litmus/jit/SB+afadd+afadd.litmus', s390x, 'before-68378982f0b2'],
  ['litmus/jit/SB+afadd+afadd.litmus', loongarch64, 'before-576412d98297'],
  ['litmus/jit/MP+xchg+fetch-add.litmus', loongarch64, 'before-576412d98297'],
];

describe('regression tests of the ordering fixes', () => {
  for (const [file, table, variant] of REGRESSIONS) {
    it(`${path.basename(file)}: ${table.name} ${variant} unsound, ${table.name} sound`, async () => {
      expect(readFileSync(at(file), 'utf8')).toContain(`JIT: ${table.name} ${variant} unsound, ${table.name} sound`);
      const base = await loadBaseline(at(file), OPTS);
      const before = await checkMapping(base, table, variant, OPTS);
      expect(before.verdict, before.reason).toBe('unsound');
      expect(before.extraStates.length).toBeGreaterThan(0);
      expect(before.witness).toBeTruthy();
      expect(before.bpfAxiom).toBeTruthy();
      const now = await checkMapping(base, table, undefined, OPTS);
      expect(now.verdict, now.reason).toBe('sound');
    }, 30_000);
  }
});

/** What the models find in the current tables, and the barriers that remove it. */
const FINDINGS: [file: string, table: JitTable, fix: string][] = [
  ['litmus/SB+success-cmpxchg.litmus', loongarch64, 'cmpxchg-dbar0'],
  ['litmus/MP+fetch-add+cmpxchg.litmus', loongarch64, 'cmpxchg-dbar0'],
  ['litmus/jit/SB+afadd+afadd.litmus', mips64, 'llsc-mb'],
  ['litmus/jit/MP+xchg+fetch-add.litmus', mips64, 'llsc-mb'],
  ['litmus/SB+success-cmpxchg.litmus', mips64, 'llsc-mb'],
];

describe('unsoundness the models find in the current tables', () => {
  for (const [file, table, fix] of FINDINGS) {
    it(`${path.basename(file)}: ${table.name} unsound, ${table.name} ${fix} sound`, async () => {
      const base = await loadBaseline(at(file), OPTS);
      const now = await checkMapping(base, table, undefined, OPTS);
      expect(now.verdict, now.reason).toBe('unsound');
      expect(now.witness).toBeTruthy();
      expect(now.bpfAxiom).toBeTruthy();
      const fixed = await checkMapping(base, table, fix, OPTS);
      expect(fixed.verdict, fixed.reason).toBe('sound');
    }, 30_000);
  }
});

/**
 * An unsound result is accepted only where the model finds the operation wanting: a test using
 * cmpxchg on loongarch64, a value-returning atomic on mips64, and only if the same test is
 * sound, stronger or unsupported once that operation has the barriers (the named variant).
 */
const ACCEPTED_UNSOUND: Record<string, { uses: RegExp; fix: string }> = {
  loongarch64: { uses: /cmpxchg/, fix: 'cmpxchg-dbar0' },
  mips64: { uses: /atomic(64)?_fetch_|xchg|cmpxchg/, fix: 'llsc-mb' },
};

async function sweep(files: string[]): Promise<string[]> {
  const bad: string[] = [];
  const fine = (v: string) => ['sound', 'stronger', 'unsupported'].includes(v);
  for (const f of files) {
    const base = await loadBaseline(f, SWEEP);
    for (const t of TABLES) {
      const r = await checkMapping(base, t, undefined, SWEEP);
      if (fine(r.verdict)) continue;
      const accepted = ACCEPTED_UNSOUND[t.name];
      if (r.verdict === 'unsound' && accepted && accepted.uses.test(readFileSync(f, 'utf8'))) {
        const fixed = await checkMapping(base, t, accepted.fix, SWEEP);
        if (fine(fixed.verdict)) continue;
        bad.push(`${path.basename(f)} ${t.name} ${accepted.fix}: ${fixed.verdict} ${fixed.reason ?? ''} ${fixed.extraStates.join(' | ')}`);
        continue;
      }
      bad.push(`${path.basename(f)} ${t.name}: ${r.verdict} ${r.reason ?? ''} ${r.extraStates.join(' | ')}`);
    }
  }
  return bad;
}

describeCorpusSweeps(sweep, 'sound, stronger or unsupported (or a pinned-down finding)');

afterAll(async () => {
  await shutdownZ3();
});
