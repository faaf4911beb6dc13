/**
 * The weakest sound barriers: for each family of operations a JIT lowers, try the weaker
 * sequences of src/jit/candidates.ts. A candidate survives when its table is sound on every
 * generated cycle up to N edges that uses the family (smallest first) and on the given BPF tests;
 * a rejected candidate is reported with the smallest test that kills it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckOptions } from '../check/check.js';
import { allCycles, vocabularyWith } from '../fuzz/all-cycles.js';
import { baseline, checkMapping, type Baseline } from './check.js';
import { CANDIDATES, type Candidate, type OpFamily } from './candidates.js';
import type { JitTable, Row } from './table.js';

export interface CandidateVerdict {
  label: string;
  sound: boolean;
  /** Tests the JIT could lower and that were decided (the others are unsupported). */
  checked?: number;
  /** The smallest test that makes it unsound, with the state it lets through. */
  killedBy?: { name: string; text: string; state: string };
  /** Tests on which it is sound and the current sequence is stronger (barrier cost saved). */
  relaxes?: string[];
}

export interface FamilyReport {
  family: string;
  current: string; // the current sequence of the family's 64-bit (or widest) row
  weakestSound: string[]; // labels: the first sound candidates in weakest-first order
  candidates: CandidateVerdict[];
  tests: number;
}

export interface BarrierOptions {
  maxEdges: number;
  /** BPF tests checked after the generated ones (litmus/*.litmus). */
  extraTests: string[];
  check: CheckOptions;
  onProgress?: (family: string, candidate: string, done: number, total: number) => void;
}

export function familiesOf(table: JitTable): OpFamily[] {
  return CANDIDATES[table.name] ?? [];
}

export async function searchBarriers(table: JitTable, opts: BarrierOptions): Promise<FamilyReport[]> {
  const reports: FamilyReport[] = [];
  const baselines = new Map<string, Promise<Baseline>>();
  const base = (name: string, text: string) => {
    let b = baselines.get(text);
    if (!b) baselines.set(text, (b = baseline(`${name}.litmus`, text, opts.check)));
    return b;
  };
  for (const family of familiesOf(table)) {
    const tests = testsFor(family, opts);
    const rows = table.rows.filter((r) => covers(family, r.op));
    const verdicts: CandidateVerdict[] = [];
    for (const c of family.candidates) {
      const weaker = rewrite(table, family, c);
      if (!weaker) { verdicts.push({ label: `${c.label} (not applicable)`, sound: false }); continue; }
      const v: CandidateVerdict = { label: c.label, sound: true, relaxes: [], checked: 0 };
      let k = 0;
      for (const t of tests) {
        opts.onProgress?.(family.name, c.label, ++k, tests.length);
        const r = await checkMapping(await base(t.name, t.text), weaker, undefined, opts.check);
        if (r.verdict === 'sound' || r.verdict === 'stronger' || r.verdict === 'unsound') v.checked!++;
        if (r.verdict === 'unsound') {
          Object.assign(v, { sound: false, killedBy: { name: t.name, text: t.text, state: r.extraStates[0]! } });
          delete v.relaxes;
          break;
        }
      }
      // a candidate no test could exercise is not shown sound
      if (v.sound && v.checked === 0) { v.sound = false; v.label = `${c.label} (untested: the JIT lowers none of the tests)`; }
      verdicts.push(v);
    }
    const widest = rows.find((r) => r.op.endsWith('.64')) ?? rows[0];
    reports.push({
      family: family.name,
      current: widest ? show(widest) : '(no row)',
      weakestSound: verdicts.filter((v) => v.sound).map((v) => v.label).slice(0, 1),
      candidates: verdicts,
      tests: tests.length,
    });
  }
  return reports;
}

const covers = (f: OpFamily, op: string) => f.ops.some((p) => op.startsWith(p));

function show(r: Row): string {
  return typeof r.emit === 'string' ? r.emit : r.emit.join('; ');
}

/** The table with the family's rows rewritten; undefined when the candidate changes nothing. */
function rewrite(table: JitTable, family: OpFamily, c: Candidate): JitTable | undefined {
  let changed = false;
  const rows = table.rows.map((r) => {
    if (!covers(family, r.op) || typeof r.emit === 'string') return r;
    const emit = r.emit.flatMap((instr) => {
      let out = instr;
      for (const [re, to] of c.rewrites) out = out.replace(re, to);
      if (out !== instr) changed = true;
      return out === '' ? [] : [out];
    });
    return { ...r, emit };
  });
  return changed ? { ...table, name: `${table.name}[${c.label}]`, rows } : undefined;
}

/**
 * The family's tests, smallest first: every cycle up to N edges with one access of the family
 * (its annotation letter), every cycle whose fences use the family's idiom, then the extra tests.
 */
function testsFor(family: OpFamily, opts: BarrierOptions): { name: string; text: string }[] {
  const out: { name: string; text: string; size: number }[] = [];
  const seen = new Set<string>();
  const add = (name: string, text: string, size: number) => { if (!seen.has(text)) { seen.add(text); out.push({ name, text, size }); } };
  if (family.letter) {
    for (const t of allCycles({ maxEdges: opts.maxEdges, vocabulary: vocabularyWith([family.letter]) })) {
      if (occurrences(t.text, KEYWORD[family.letter]) === 1) add(t.name, t.text, t.cycle.split(' ').length);
    }
  }
  if (family.fence) {
    for (const t of allCycles({ maxEdges: opts.maxEdges, fence: family.fence })) {
      if (t.cycle.includes('Fenced')) add(t.name, t.text, t.cycle.split(' ').length);
    }
  }
  out.sort((a, b) => a.size - b.size);
  for (const f of opts.extraTests) add(path.basename(f, '.litmus'), readFileSync(f, 'utf8'), Infinity);
  return out;
}

/** The instruction an annotation letter puts in a generated test (see src/fuzz/cycle-test.ts). */
const KEYWORD: Record<string, string> = {
  A: 'load_acquire(', L: 'store_release(', F: 'atomic_fetch_or(', X: 'lock *', S: 'xchg_64(', C: 'cmpxchg_64(',
};

const occurrences = (text: string, word: string | undefined) => (word ? text.split(word).length - 1 : 0);
