/**
 * The suites every architecture's tests share: our own tests in litmus/<arch>/ (each gives its
 * `Result:` line, and both engines the same states), and the conformance corpus of
 * ../shared/conformance/<arch>/ (it prints and parses back, herd7's verdicts and states, and the
 * engines agree on a sample). Skipped, with a message, when ../shared is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText, kindOf, type CheckOptions } from '../../src/check/check.js';
import type { LitmusTest } from '../../src/litmus/ast.js';
import { conformanceDir, hasConformance, runCorpus } from './corpus.js';
import { stripped } from './stripped.js';

const ENUM: CheckOptions = { engine: 'enum', unroll: 2, verdictOnly: false };
const SMT: CheckOptions = { ...ENUM, engine: 'smt' };

export interface OwnTests {
  /** Tests that must be there (file names without .litmus); else at least `minimum` tests. */
  required?: readonly string[];
  minimum?: number;
  /** The model the tests must be decided under by default. */
  model?: string;
}

/** litmus/<arch>/: every test gives its Result line, and smt the states and verdict of enum. */
export function describeOwnTests(arch: string, o: OwnTests): void {
  const dir = new URL(`../../litmus/${arch}/`, import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.litmus')).sort();
  const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');

  describe(`litmus/${arch}`, () => {
    it('has a test for each ordering instruction of the JIT mapping', () => {
      for (const name of o.required ?? []) expect(files).toContain(`${name}.litmus`);
      expect(files.length).toBeGreaterThanOrEqual(o.minimum ?? 1);
    });

    it.each(files)('%s gives its Result with both engines', async (file) => {
      const byEnum = await checkText(file, read(file), ENUM);
      const bySmt = await checkText(file, read(file), SMT);
      expect(byEnum.error).toBeUndefined();
      if (o.model) expect(byEnum.model).toBe(o.model);
      expect(byEnum.expected).toBeDefined();
      expect(byEnum.matches, `${file}: ${byEnum.observation}, expected ${byEnum.expected}`).toBe(true);
      expect(bySmt.states).toEqual(byEnum.states);
      expect(bySmt.observation).toBe(byEnum.observation);
    }, 20_000);
  });
}

export interface Conformance {
  /** How many tests the folder holds. */
  count: number;
  parse(text: string): LitmusTest;
  print(test: LitmusTest): string;
  /** Which tests to print and parse back (default: all). */
  printed?: (file: string, i: number) => boolean;
  /** Which tests both engines decide, and at least how many that makes. */
  engineSample: (file: string, i: number) => boolean;
  minEngineSample: number;
  /** Whether the Positive/Negative counts must agree with herd7's too. */
  counts?: boolean;
}

/** ../shared/conformance/<arch>/ against herd7's verdicts and reports. */
export function describeConformance(arch: string, o: Conformance): void {
  describe.skipIf(!hasConformance(arch))(`conformance/${arch}`, () => {
    const dir = conformanceDir(arch);
    const files = hasConformance(arch) ? readdirSync(dir).filter((f) => f.endsWith('.litmus')).sort() : [];
    const read = (file: string) => readFileSync(`${dir}/${file}`, 'utf8');

    it(`has the ${o.count} tests, and they print to text that parses to the same test`, () => {
      expect(files).toHaveLength(o.count);
      for (const file of files.filter(o.printed ?? (() => true))) {
        const test = o.parse(read(file));
        expect(stripped(o.parse(o.print(test))), file).toEqual(stripped(test));
      }
    }, 30_000);

    it('gives the verdicts and states of herd7', async () => {
      const rows = await runCorpus(dir, { engine: 'auto' });
      expect(rows).toHaveLength(o.count);
      expect(rows.filter((r) => r.want !== r.got).map((r) => `${r.name}: ${r.got}, herd7 ${r.want}`)).toEqual([]);
      expect(rows.filter((r) => !r.statesAgree).map((r) => r.name)).toEqual([]);
      if (o.counts) expect(rows.filter((r) => `${r.result.positive} ${r.result.negative}` !== r.herdCounts.join(' ')).map((r) => r.name)).toEqual([]);
    }, 60_000);

    it('gives the same states with enum and smt on a sample', async () => {
      const sample = files.filter(o.engineSample);
      expect(sample.length).toBeGreaterThanOrEqual(o.minEngineSample);
      for (const file of sample) {
        const byEnum = await checkText(file, read(file), ENUM);
        const bySmt = await checkText(file, read(file), SMT);
        expect(bySmt.states, file).toEqual(byEnum.states);
        expect(kindOf(bySmt.observation, bySmt.quantifier), file).toBe(kindOf(byEnum.observation, byEnum.quantifier));
      }
    }, 60_000);
  });
}
