/**
 * `npm run bench`: wall times of the real command line (`node dist/cli/bin.js`, worker pool and
 * all), side by side with herd7 7.58's times on this machine kind, one process each, from
 * ../shared/conformance/README.md and the check issue.
 *   - the shared conformance folders (when ../shared is there)
 *   - the load-buffering ring family of ../shared/bench/gen-ring.sh, with and without fences
 *   - the JIT checker: the shared BPF corpus against every JIT, and --exhaustive to 6 edges
 * Run `npm run build` first (npm test does).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SHARED = path.resolve(ROOT, '../shared');
const CLI = path.join(ROOT, 'dist/cli/bin.js');

/** herd7 7.58, one process, this machine kind (seconds). */
const HERD_FOLDER: Record<string, number> = { bpf: 3.3, aarch64: 67.4, ppc: 186.5, riscv: 55.7, x86: 1.8 };
/** herd7 on the fenced ring: 28 s at 12 threads, about x6 for every two more threads; verdict-only 26 s at 14. */
const herdRing = (n: number, verdictOnly: boolean): number | undefined =>
  verdictOnly ? (n === 14 ? 26 : undefined) : n >= 12 ? 28 * 6 ** ((n - 12) / 2) : undefined;

function run(args: string[], timeoutS: number): { seconds: number; ok: boolean; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, ok: r.status === 0 || r.status === 1, out: r.stdout ?? '' };
}

const fmt = (s: number | undefined) => (s === undefined ? '-' : s >= 100 ? s.toFixed(0) : s.toFixed(2));
const ratio = (herd: number | undefined, ours: number) => (herd === undefined ? '' : `${(herd / ours).toFixed(1)}x`);

function row(cells: string[]): void {
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(12))).join(''));
}

function folders(): void {
  const dirs = Object.keys(HERD_FOLDER).filter((a) => existsSync(path.join(SHARED, 'conformance', a, 'kinds.txt')));
  if (dirs.length === 0) { console.log('(../shared/conformance not found: folder benchmark skipped)\n'); return; }
  console.log('Conformance folders (check --json, default engine, all cores)');
  row(['folder', 'tests', 'bpf-herd s', 'herd7 s', 'speed-up']);
  for (const a of dirs) {
    const dir = path.join(SHARED, 'conformance', a);
    const files = readdirSync(dir).filter((f) => f.endsWith('.litmus')).map((f) => path.join(dir, f));
    const r = run(['check', '--json', ...files], 1800);
    row([a, String(files.length), fmt(r.seconds) + (r.ok ? '' : ' (!)'), fmt(HERD_FOLDER[a]), ratio(HERD_FOLDER[a], r.seconds)]);
  }
  console.log('');
}

function ringFile(dir: string, n: number, kind: 'fence' | 'plain'): string {
  const file = path.join(dir, `ring${n}-${kind}.litmus`);
  const gen = path.join(SHARED, 'bench/gen-ring.sh');
  const text = existsSync(gen) ? execFileSync('bash', [gen, String(n), kind], { encoding: 'utf8' }) : ringText(n, kind);
  writeFileSync(file, text);
  return file;
}

/** The same family as gen-ring.sh, for when ../shared is absent. */
function ringText(n: number, kind: 'fence' | 'plain'): string {
  const cols = (cell: string) => Array.from({ length: n }, () => cell).join(' | ') + ' ;';
  return [
    `BPF RING${n}-${kind}`,
    `(* Result: ${kind === 'fence' ? 'Never' : 'Sometimes'} *)`,
    `{ ${Array.from({ length: n }, (_, i) => `${i}:r10=x${i}; ${i}:r9=x${(i + 1) % n}; ${i}:r8=t${i};`).join(' ')} }`,
    Array.from({ length: n }, (_, i) => `P${i}`).join(' | ') + ' ;',
    cols('r1 = *(u32 *)(r10 + 0)'),
    ...(kind === 'fence' ? [cols('r2 = atomic_fetch_add((u64 *)(r8 + 0), r2)')] : []),
    cols('*(u32 *)(r9 + 0) = 1'),
    `exists (${Array.from({ length: n }, (_, i) => `${i}:r1=1`).join(' /\\ ')})`,
  ].join('\n');
}

function rings(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'bpf-herd-ring-'));
  console.log('Ring family (N threads, load buffering; fence = a fetch-add between the accesses)');
  row(['test', 'mode', 'bpf-herd s', 'herd7 s', 'speed-up']);
  const limit = 600;
  for (const verdictOnly of [false, true]) {
    for (let n = 4; n <= 16; n += 2) {
      for (const kind of ['fence', 'plain'] as const) {
        // listing all 2^N states of the full report is the cost herd7 pays too; stop at 14
        if (!verdictOnly && n > 14) continue;
        const args = ['check', ...(verdictOnly ? ['--verdict-only'] : []), '--timeout', String(limit), ringFile(dir, n, kind)];
        const r = run(args, limit + 30);
        const herd = kind === 'fence' ? herdRing(n, verdictOnly) : undefined;
        row([`ring${n}-${kind}`, verdictOnly ? 'verdict' : 'states', fmt(r.seconds) + (r.ok ? '' : ' (!)'), fmt(herd), ratio(herd, r.seconds)]);
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('');
}

/** The JIT checker: the shared BPF corpus against every JIT, and every cycle up to 6 edges (issue goal: 10 min). */
function jits(): void {
  console.log('JIT mapping checks (all JITs, default engine, all cores)');
  row(['run', 'tests', 'bpf-herd s', '', '']);
  const dir = path.join(SHARED, 'conformance', 'bpf');
  if (existsSync(dir)) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.litmus')).map((f) => path.join(dir, f));
    const r = run(['jit', '--json', ...files], 3600);
    // the known findings (README) make this run exit 1 (unsound) or 2 (an error verdict): count them instead
    const verdicts = r.out.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { verdict: string }).verdict);
    const findings = ['unsound', 'error'].map((v) => `${verdicts.filter((x) => x === v).length} ${v}`).join(', ');
    row(['shared BPF corpus x all JITs', String(files.length), fmt(r.seconds) + (verdicts.length ? '' : ' (!)'), '', findings]);
  }
  for (const n of [4, 5, 6]) {
    const r = run(['jit', '--exhaustive', String(n)], 3600);
    const tests = /^(\d+) tests/m.exec(r.out)?.[1] ?? '?';
    row([`--exhaustive ${n} x all JITs`, tests, fmt(r.seconds) + (r.ok ? '' : ' (!)'), n === 6 ? '600' : '', '']);
  }
  console.log('');
}

if (!existsSync(CLI)) {
  console.error('dist/cli/bin.js is missing: run `npm run build` first');
  process.exit(2);
}
const only = process.argv[2];
if (!only || only === 'folders') folders();
if (!only || only === 'rings') rings();
if (!only || only === 'jit') jits();
