/**
 * herd7's verdicts and state lists on the shared BPF corpus (../shared/conformance/bpf), when it
 * is there; Positive/Negative counts too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceDir, hasConformance, runCorpus, type CorpusRow } from './support/corpus.js';
import { shutdownZ3 } from '../src/engine/smt/z3.js';

const present = hasConformance('bpf');
if (!present) console.log('conformance: ../shared/conformance/bpf not found, skipping the herd7 comparison');

describe.skipIf(!present)('conformance: BPF corpus against herd7', () => {
  let rows: CorpusRow[] = [];
  it('runs every test', async () => {
    rows = await runCorpus(conformanceDir('bpf'));
    expect(rows.length).toBe(84);
  }, 120_000);
  it('gives every kinds.txt verdict', () => {
    expect(rows.filter((r) => r.want !== r.got).map((r) => `${r.name}: want ${r.want}, got ${r.got}`)).toEqual([]);
  });
  it("lists herd7's states", () => {
    expect(rows.filter((r) => !r.statesAgree).map((r) => r.name)).toEqual([]);
  });
  it("counts herd7's positive and negative executions", () => {
    const off = rows.filter((r) => `${r.result.positive} ${r.result.negative}` !== r.herdCounts.join(' '));
    expect(off.map((r) => `${r.name}: ${r.result.positive} ${r.result.negative} vs ${r.herdCounts.join(' ')}`)).toEqual([]);
  });
  it('the SMT engine gives the same verdicts, states and counts', async () => {
    const smt = await runCorpus(conformanceDir('bpf'), { engine: 'smt' });
    const byName = new Map(rows.map((r) => [r.name, r.result]));
    const differ = smt.filter((r) => {
      const e = byName.get(r.name)!;
      return r.result.observation !== e.observation || JSON.stringify(r.result.states) !== JSON.stringify(e.states) ||
        r.result.positive !== e.positive || r.result.negative !== e.negative;
    });
    expect(differ.map((r) => r.name)).toEqual([]);
  }, 300_000);
});

afterAll(async () => { await shutdownZ3(); });
