/**
 * The powerpc and RISC-V JIT tables (src/jit/tables/ppc.ts, riscv.ts): the regression tests of
 * litmus/jit/ are unsound under the table before each fix and sound under the current one, and
 * every current table is sound, stronger or unsupported on the BPF tests of litmus/ (and of the
 * shared corpus, when it is there).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { baseline, checkMapping } from '../src/jit/check.js';
import type { JitTable } from '../src/jit/table.js';
import { ppc32, ppc64 } from '../src/jit/tables/ppc.js';
import { riscv32, riscv64, riscv64Zacas } from '../src/jit/tables/riscv.js';
import { shutdownZ3 } from '../src/engine/smt/z3.js';
import type { CheckOptions } from '../src/check/check.js';
import { describeCorpusSweeps, expectCompleteTables, loadBaseline, SWEEP } from './support/jit.js';

const OPTS: CheckOptions = { engine: 'auto', unroll: 2, verdictOnly: false };
/**
 * The corpus sweeps (SWEEP, test/support/jit.ts) take no backward branch (unroll 0). Besides the tests' own loops, whose BPF
 * and lowered forms are cut alike, the only backward branches of a lowered test are the
 * l[wd]arx/st[wd]cx. and lr/sc retries; a failed store-conditional only adds a read whose value
 * is dropped, so cutting them loses no final state, and it keeps the single-thread tests with six
 * Power reservation loops (lock-ops-values, fetch-ops-values-*) from 3^6 paths each.
 */
const TABLES: JitTable[] = [ppc64, ppc32, riscv64, riscv64Zacas, riscv32];

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));


describe('ppc and RISC-V tables', () => {
  it('have a row for every operation, in every variant, and are registered', () => {
    expectCompleteTables(TABLES, /^arch\/(powerpc|riscv)\/net\/|^kernel\//);
  });
});

const REGRESSIONS: [file: string, table: JitTable, variant: string][] = [
  ['litmus/jit/SB+atomic_add+fetch.litmus', ppc64, 'before-b1e7cee96127'],
  ['litmus/jit/SB+atomic_add+fetch.litmus', ppc32, 'before-b1e7cee96127'],
  ['litmus/jit/MP+success_cmpxchg+fence.litmus', riscv64, 'before-e59db0623f69'],
  ['litmus/jit/SB+fetch-add+xchg.litmus', riscv64, 'before-20a759df3bba'],
];

describe('regression tests of the ordering fixes', () => {
  for (const [file, table, variant] of REGRESSIONS) {
    it(`${path.basename(file)}: ${table.name} ${variant} unsound, ${table.name} sound`, async () => {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect(text).toContain(`JIT: ${table.name} ${variant} unsound, ${table.name} sound`);
      const base = await loadBaseline(path.join(root, file), OPTS);
      const before = await checkMapping(base, table, variant, OPTS);
      expect(before.verdict).toBe('unsound');
      expect(before.extraStates.length).toBeGreaterThan(0);
      expect(before.witness).toBeTruthy();
      expect(before.bpfAxiom).toBeTruthy();
      const now = await checkMapping(base, table, undefined, OPTS);
      expect(now.verdict, now.reason).toBe('sound');
    }, 30_000);
  }
});

/**
 * Values: the rows that the corpora barely use (signed division and its verifier guards, ALU32
 * zero-extension, JMP32 and JSET, byte swaps, movsx, sign-extending... ) compute BPF's values.
 */
const VALUE_TESTS: [string, string][] = [
  ['jit-values-div', `BPF jit-values-div
{ 0:r0=0; }
 P0 ;
 r1 = -7 ;
 r2 = 2 ;
 r1 s/= r2 ;
 r3 = -7 ;
 r3 s%= r2 ;
 r4 = 9 ;
 r5 = 0 ;
 r4 s/= r5 ;
 r6 = 9 ;
 r6 s%= r5 ;
 r7 = -5 ;
 r8 = -1 ;
 r7 s/= r8 ;
 r9 = 100 ;
 w9 /= w5 ;
 w0 = -9 ;
 w0 s/= 2 ;
 w2 = -9 ;
 w2 s%= w8 ;
exists (0:r1=0 /\\ 0:r3=0 /\\ 0:r4=0 /\\ 0:r6=0 /\\ 0:r7=0 /\\ 0:r9=0 /\\ 0:r0=0 /\\ 0:r2=0)
`],
  ['jit-values-alu32-jmp32', `BPF jit-values-alu32-jmp32
{ 0:r0=0; }
 P0 ;
 r1 = -7 ;
 w1 += 3 ;
 r2 = -7 ;
 w2 *= 3 ;
 r3 = -1 ;
 w3 >>= 4 ;
 r4 = -1 ;
 w4 s>>= 4 ;
 r5 = 5 ;
 w5 = -w5 ;
 r6 = -1 ;
 w6 = w6 ;
 r7 = 7 ;
 w7 %= 0x3 ;
 r8 = -1 ;
 w8 ^= 0x70 ;
 r9 = 3 ;
 w9 <<= 31 ;
 r0 = 0 ;
 if w3 > 0x0fff goto L1 ;
 r0 = 1 ;
L1: ;
 if w4 s< 0 goto L2 ;
 r0 += 2 ;
L2: ;
 if r4 & 0x100 goto L3 ;
 r0 += 4 ;
L3: ;
 if w8 & w1 goto L4 ;
 r0 += 8 ;
L4: ;
 if w6 != -1 goto L5 ;
 r0 += 16 ;
L5: ;
exists (0:r1=0 /\\ 0:r3=0 /\\ 0:r4=0 /\\ 0:r5=0 /\\ 0:r6=0 /\\ 0:r7=0 /\\ 0:r9=0 /\\ 0:r0=0 /\\ 0:r2=0 /\\ 0:r8=0)
`],
  ['jit-values-bswap-movsx', `BPF jit-values-bswap-movsx
{ 0:r0=0; }
 P0 ;
 r1 = 0x1234 ;
 r1 = be16 r1 ;
 r2 = 0x1234 ;
 r2 = bswap32 r2 ;
 r3 = 0x1234 ;
 r3 = bswap64 r3 ;
 r4 = -2 ;
 r4 = le16 r4 ;
 r5 = -2 ;
 r5 = le32 r5 ;
 r6 = -2 ;
 r6 = (s8) r6 ;
 r7 = 0x7f80 ;
 r7 = (s16) r7 ;
 r8 = -16 ;
 r8 = (s32) r8 ;
 r9 = -3 ;
 r9 = le64 r9 ;
 r0 = -3 ;
 r0 = bswap16 r0 ;
exists (0:r1=0 /\\ 0:r2=0 /\\ 0:r3=0 /\\ 0:r4=0 /\\ 0:r5=0 /\\ 0:r6=0 /\\ 0:r7=0 /\\ 0:r8=0 /\\ 0:r9=0 /\\ 0:r0=0)
`],
];

describe('ALU, jump and byte-swap rows compute the BPF values', () => {
  for (const [name, text] of VALUE_TESTS) {
    it(name, async () => {
      const base = await baseline(`${name}.litmus`, text, SWEEP);
      for (const t of TABLES) {
        const r = await checkMapping(base, t, undefined, SWEEP);
        expect(r.verdict === 'sound' || (r.verdict === 'unsupported' && t.name.endsWith('32')), `${t.name}: ${r.verdict} ${r.reason ?? ''} ${r.extraStates.join(' | ')}`).toBe(true);
      }
    }, 30_000);
  }
});

async function sweep(files: string[]): Promise<string[]> {
  const bad: string[] = [];
  for (const f of files) {
    const base = await loadBaseline(f, SWEEP);
    for (const t of TABLES) {
      const r = await checkMapping(base, t, undefined, SWEEP);
      if (!['sound', 'stronger', 'unsupported'].includes(r.verdict)) {
        bad.push(`${path.basename(f)} ${t.name}: ${r.verdict} ${r.reason ?? ''} ${r.extraStates.join(' | ')}`);
      }
    }
  }
  return bad;
}

describeCorpusSweeps(sweep, 'sound, stronger or unsupported');

afterAll(async () => {
  await shutdownZ3();
});
