/**
 * The two engines against each other and against the tests' stated verdicts: our litmus/ tests,
 * random small tests (eager and lazy SMT checks), verdict-only mode, and the ring family.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkText, type CheckOptions, type TestResult } from '../src/check/check.js';
import { arbBpfTest } from '../src/fuzz/random-bpf.js';
import { shutdownZ3 } from '../src/engine/smt/z3.js';
import { estimateCandidates, outOfMemory } from '../src/engine/decide.js';
import { allSyntaxes, isaFor } from '../src/isa/registry.js';
import { parseLitmus } from '../src/litmus/parse.js';
import { buildSkeleton } from '../src/semantics/build.js';

const LITMUS = path.resolve(import.meta.dirname, '../litmus');
const base: CheckOptions = { engine: 'enum', unroll: 2, verdictOnly: false };
const check = (text: string, opts: Partial<CheckOptions> = {}) => checkText('t.litmus', text, { ...base, ...opts });
const summary = (r: TestResult) => ({ observation: r.observation, states: r.states, positive: r.positive, negative: r.negative, error: r.error });

describe('litmus/*.litmus', () => {
  const files = readdirSync(LITMUS).filter((f) => f.endsWith('.litmus')).sort();
  it('has at least 40 tests', () => expect(files.length).toBeGreaterThanOrEqual(40));
  for (const f of files) {
    it(f, async () => {
      const text = readFileSync(path.join(LITMUS, f), 'utf8');
      const e = await checkText(f, text, base);
      expect(e.error).toBeUndefined();
      expect(e.expected, 'the test states its expected verdict in a Result: comment').toBeDefined();
      expect(e.observation).toBe(e.expected);
      const s = await checkText(f, text, { ...base, engine: 'smt' });
      expect(summary(s)).toEqual(summary(e));
    });
  }
});

describe('smt and enum agree on random tests', () => {
  const agree = (eagerBudget: number) => async (text: string) => {
    const e = await check(text);
    const s = await check(text, { engine: 'smt', eagerBudget });
    expect(summary(s)).toEqual(summary(e));
    const v = await check(text, { engine: 'smt', eagerBudget, verdictOnly: true });
    expect(v.observation).toBe(e.observation);
  };
  it('with every axiom encoded (eager)', async () => {
    await fc.assert(fc.asyncProperty(arbBpfTest(), agree(Infinity)), { numRuns: 25, seed: 42 });
  });
  it('with every axiom checked on candidates (lazy)', async () => {
    await fc.assert(fc.asyncProperty(arbBpfTest(), agree(0)), { numRuns: 25, seed: 43 });
  });
});

describe('the ring family', () => {
  const ring = (n: number, fence: boolean) => {
    const rows = [
      Array.from({ length: n }, () => 'r1 = *(u32 *)(r10 + 0)'),
      ...(fence ? [Array.from({ length: n }, () => 'r2 = atomic_fetch_add((u64 *)(r8 + 0), r2)')] : []),
      Array.from({ length: n }, () => '*(u32 *)(r9 + 0) = 1'),
    ];
    return [
      `BPF RING${n}`,
      `{ ${Array.from({ length: n }, (_, i) => `${i}:r10=x${i}; ${i}:r9=x${(i + 1) % n}; ${i}:r8=t${i};`).join(' ')} }`,
      `${Array.from({ length: n }, (_, i) => `P${i}`).join(' | ')} ;`,
      ...rows.map((r) => `${r.join(' | ')} ;`),
      `exists (${Array.from({ length: n }, (_, i) => `${i}:r1=1`).join(' /\\ ')})`,
    ].join('\n');
  };
  // a load-buffering cycle: forbidden only when each thread has a full barrier
  for (const fence of [true, false]) {
    it(`4 threads ${fence ? 'with' : 'without'} fetch-add fences`, async () => {
      const want = fence ? 'Never' : 'Sometimes';
      expect((await check(ring(4, fence))).observation).toBe(want);
      expect((await check(ring(4, fence), { engine: 'smt' })).observation).toBe(want);
      expect((await check(ring(8, fence), { engine: 'smt', verdictOnly: true })).observation).toBe(want);
    });
  }

  it('the candidate estimate counts only the sources a read can take', () => {
    // each thread: x_i from the initial write or P(i-1); the fetch-add on t_i only from the
    // initial write (its own write comes after its read): 2 choices per thread
    const test = parseLitmus(ring(12, true), 'ring12.litmus', allSyntaxes());
    const skel = buildSkeleton(test, isaFor(test.arch)!.semantics, { unroll: 2 });
    expect(estimateCandidates(skel)).toBe(2 ** 12);
  });
});

describe('running out of memory', () => {
  it('is told apart from other failures: such a test is Unknown, anything else stays an error', () => {
    expect(outOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(outOfMemory(new RangeError('Invalid array length'))).toBe(true);
    expect(outOfMemory(new Error('Aborted(OOM)'))).toBe(true);
    expect(outOfMemory(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(outOfMemory(new Error('internal: observable [x] not in the state'))).toBe(false);
  });
});

afterAll(async () => { await shutdownZ3(); });
