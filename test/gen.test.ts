/**
 * Cycles of relaxations -> BPF litmus tests: the classic shapes come out with diy7's names and
 * the verdicts the BPF model gives them (reasoned in each case below), and bad cycles are refused.
 */
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { cycleTest } from '../src/fuzz/cycle-test.js';
import { allCycles, boundedCycles } from '../src/fuzz/all-cycles.js';
import { CycleError } from '../src/fuzz/cycle.js';

const decide = async (cycle: string) => {
  const t = cycleTest(cycle);
  const r = await checkText(`${t.name}.litmus`, t.text, { engine: 'enum', unroll: 2, verdictOnly: false });
  return { name: t.name, observation: r.observation, error: r.error };
};

describe('classic shapes from their cycles', () => {
  // Plain program order orders nothing in BPF: every classic shape is allowed.
  // With the fetch-add idiom (a full barrier) on every thread that has two accesses, each cycle
  // needs an edge no barrier can make: hb or pb (propagation) forbids it, as for SC.
  const shapes: [string, string, string][] = [
    ['MP', 'PodWW Rfe PodRR Fre', 'FencedWW Rfe FencedRR Fre'],
    ['SB', 'PodWR Fre PodWR Fre', 'FencedWR Fre FencedWR Fre'],
    ['LB', 'PodRW Rfe PodRW Rfe', 'FencedRW Rfe FencedRW Rfe'],
    ['IRIW', 'Rfe PodRR Fre Rfe PodRR Fre', 'Rfe FencedRR Fre Rfe FencedRR Fre'],
    ['WRC', 'Rfe PodRW Rfe PodRR Fre', 'Rfe FencedRW Rfe FencedRR Fre'],
    ['ISA2', 'PodWW Rfe PodRW Rfe PodRR Fre', 'FencedWW Rfe FencedRW Rfe FencedRR Fre'],
    ['2+2W', 'PodWW Coe PodWW Coe', 'FencedWW Coe FencedWW Coe'],
    ['S', 'PodWW Rfe PodRW Coe', 'FencedWW Rfe FencedRW Coe'],
    ['R', 'PodWW Coe PodWR Fre', 'FencedWW Coe FencedWR Fre'],
  ];
  for (const [family, plain, fenced] of shapes) {
    it(`${family}: allowed with program order, forbidden with fences`, async () => {
      expect(await decide(plain)).toEqual({ name: family, observation: 'Sometimes', error: undefined });
      const f = await decide(fenced);
      expect(f.name).toBe(`${family}+fences`);
      expect(f.observation).toBe('Never');
    });
  }

  it('dependencies and annotations name and order as the model says', async () => {
    // release/acquire message passing: [M];po;[RL] and [AQ];po;[M] make an hb cycle
    expect(await decide('PodWWPL Rfe PodRRAP Fre')).toMatchObject({ name: 'MP+popl+poap', observation: 'Never' });
    // RCpc: a release then an acquire of another location is not ordered
    expect(await decide('PodWRLA Fre PodWRLA Fre')).toMatchObject({ name: 'SB+polas', observation: 'Sometimes' });
    // LB with address and data dependencies: [R];addr;[M] and [R];data;[W] are ppo
    expect(await decide('DpAddrdW Rfe DpDatadW Rfe')).toMatchObject({ name: 'LB+addr+data', observation: 'Never' });
    // a control dependency orders a later write, not a later read (MP+fence+ctrl is allowed)
    expect(await decide('DpCtrldW Rfe DpCtrldW Rfe')).toMatchObject({ name: 'LB+ctrls', observation: 'Never' });
    expect(await decide('FencedWW Rfe DpCtrldR Fre')).toMatchObject({ name: 'MP+fence+ctrl', observation: 'Sometimes' });
    // a non-fetch atomic orders nothing; an xchg is a full barrier
    expect(await decide('PodWRXP Fre PodWRXP Fre')).toMatchObject({ name: 'SB+poxps', observation: 'Sometimes' });
  });
});

describe('bad cycles', () => {
  it('refuses edges that do not chain, unknown edges and single-location cycles', () => {
    expect(() => cycleTest('PodWW Rfe')).toThrow(/'Rfe' ends on a read but 'PodWW' starts from a write/);
    expect(() => cycleTest('PodXY Rfe')).toThrow(/unknown edge 'PodXY'/);
    expect(() => cycleTest('PosWR Fre PosWR Fre')).toThrow(/two locations/);
    expect(() => cycleTest('PodWRLL Fre PodWR Fre')).toThrow(/annotation L does not apply to a read/);
  });
});

describe('every cycle up to N edges', () => {
  it('enumerates each cycle once, named uniquely, all of them valid tests', async () => {
    const all = [...allCycles({ maxEdges: 4 })];
    expect(all.length).toBeGreaterThan(30);
    expect(new Set(all.map((t) => t.name)).size).toBe(all.length);
    expect(all.map((t) => t.name)).toEqual(expect.arrayContaining(['MP', 'SB', 'LB', '2+2W', 'S', 'R', 'SB+fences', 'LB+addr+data']));
    for (const t of all.slice(0, 10)) {
      const r = await checkText(`${t.name}.litmus`, t.text, { engine: 'enum', unroll: 2, verdictOnly: false });
      expect(r.error).toBeUndefined();
    }
  });

  it('refuses to make more tests than the limit, and makes them all up to it', () => {
    const count = [...allCycles({ maxEdges: 4 })].length;
    expect([...boundedCycles({ maxEdges: 4 }, count)]).toHaveLength(count);
    expect(() => [...boundedCycles({ maxEdges: 4 }, count - 1)]).toThrow(CycleError);
  });
});
