/**
 * Compare bpf-herd with herd7 on a conformance folder (../shared/conformance/<arch>/): the kind of
 * each test (kinds.txt) and its list of final states (expected/<file>.expected).
 * Used by the vitest conformance suites and runnable by hand:
 *   npx tsx test/support/corpus.ts ../shared/conformance/bpf [enum|smt|auto] [name-filter]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkText, kindOf, type CheckOptions, type TestResult } from '../../src/check/check.js';

export const SHARED = path.resolve(fileURLToPath(new URL('../../../shared/', import.meta.url)));
export const conformanceDir = (arch: string) => path.join(SHARED, 'conformance', arch);
const announced = new Set<string>();
/** Whether ../shared/conformance/<arch> is there; when it is not, says once that its tests are skipped. */
export function hasConformance(arch: string): boolean {
  const present = existsSync(path.join(conformanceDir(arch), 'kinds.txt'));
  if (!present && !announced.has(arch)) {
    announced.add(arch);
    console.log(`conformance: ${conformanceDir(arch)} not found, skipping the herd7 comparison for ${arch}`);
  }
  return present;
}

export interface CorpusRow {
  file: string;
  name: string;
  want: string;
  got: string;
  result: TestResult;
  herdStates: string[];
  herdCounts: [number, number];
  statesAgree: boolean;
}

const norm = (s: string) => s.split(';').map((a) => a.trim().replace(/ /g, '')).filter(Boolean).sort().join(' ');

export function herdReport(dir: string, file: string): { states: string[]; counts: [number, number] } {
  const lines = readFileSync(path.join(dir, 'expected', `${file}.expected`), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('States '));
  const n = Number(lines[i]!.split(' ')[1]);
  const obs = lines.find((l) => l.startsWith('Observation'))!.trim().split(/\s+/);
  return { states: lines.slice(i + 1, i + 1 + n).map(norm).sort(), counts: [Number(obs[3]), Number(obs[4])] };
}

export async function runCorpus(dir: string, opts: Partial<CheckOptions> = {}, filter = ''): Promise<CorpusRow[]> {
  const kinds = new Map(
    readFileSync(path.join(dir, 'kinds.txt'), 'utf8').trim().split('\n')
      .map((l) => l.trim().split(/\s+/) as [string, string]).map(([n, k]) => [n.replace(/\.litmus$/, ''), k]),
  );
  const rows: CorpusRow[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.litmus') && f.includes(filter)).sort()) {
    const result = await checkText(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8'), {
      engine: 'auto', unroll: 2, verdictOnly: false, ...opts,
    });
    const name = result.name.replace(/\.litmus$/, '');
    const herd = herdReport(dir, file);
    const mine = result.states.map(norm).sort();
    rows.push({
      file, name, want: kinds.get(name) ?? '?', got: kindOf(result.observation, result.quantifier), result,
      herdStates: herd.states, herdCounts: herd.counts, statesAgree: JSON.stringify(mine) === JSON.stringify(herd.states),
    });
  }
  return rows;
}

// run by hand
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dir, engine = 'auto', filter = ''] = process.argv.slice(2);
  const t0 = Date.now();
  const rows = await runCorpus(dir!, { engine: engine as CheckOptions['engine'], timeoutMs: 120_000 }, filter);
  let verdicts = 0, states = 0;
  for (const r of rows) {
    if (r.want === r.got) verdicts++;
    if (r.statesAgree) states++;
    const counts = `${r.result.positive} ${r.result.negative}`;
    if (r.want !== r.got || !r.statesAgree || counts !== r.herdCounts.join(' ') || process.env.V) {
      console.log(`${r.file}: want ${r.want} got ${r.got}${r.result.error ? ` (${r.result.error})` : ''}; states ${r.statesAgree ? 'agree' : `differ (${r.result.states.length} vs herd ${r.herdStates.length})`}; counts ${counts} vs herd ${r.herdCounts.join(' ')}; ${r.result.engine} ${r.result.ms.toFixed(0)} ms`);
    }
  }
  console.log(`verdicts ${verdicts}/${rows.length}, states ${states}/${rows.length}, ${Date.now() - t0} ms`);
  const { shutdownZ3 } = await import('../../src/engine/smt/z3.js');
  await shutdownZ3();
}
