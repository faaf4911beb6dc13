/**
 * The command line as a user runs it: `node dist/cli/bin.js` (build first: `npm test` does, or
 * `npx tsc -p tsconfig.build.json`). Few spawns, small tests written to a temporary folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli as run } from './support/run-cli.js';

const CONFORMANCE = fileURLToPath(new URL('../../shared/conformance/bpf/', import.meta.url));
const SPAWN_MS = 60_000;

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

const MP = `BPF MP
(* Result: Sometimes *)
{
0:r0=x; 0:r1=y;
1:r0=x; 1:r1=y;
}
P0                   | P1                    ;
*(u32 *)(r0 + 0) = 1 | r3 = *(u32 *)(r1 + 0) ;
*(u32 *)(r1 + 0) = 1 | r4 = *(u32 *)(r0 + 0) ;
exists (1:r3=1 /\\ 1:r4=0)
`;

/** Variants of MP, each with its own name; the bad ones carry one mistake each. */
const TESTS: Record<string, string> = {
  mp: MP,
  sb: MP.replace('BPF MP', 'BPF SB').replace('exists (1:r3=1 /\\ 1:r4=0)', '~exists (1:r3=1 /\\ 1:r4=0)').replace('Sometimes', 'Allowed'),
  mismatch: MP.replace('BPF MP', 'BPF MISMATCH').replace('Result: Sometimes', 'Result: Never'),
  syntax: MP.replace('BPF MP', 'BPF SYNTAX').replace('1:r4=0)', ')'),
  instr: MP.replace('BPF MP', 'BPF INSTR').replace('*(u32 *)(r0 + 0) = 1 |', 'frobnicate r0        |'),
  reg: MP.replace('BPF MP', 'BPF REG').replace('r4 = *(u32 *)(r0 + 0)', 'r12 = *(u32 *)(r0 + 0)'),
  goto: MP.replace('BPF MP', 'BPF GOTO').replace('*(u32 *)(r1 + 0) = 1 |', 'goto nowhere         |'),
  thread: MP.replace('BPF MP', 'BPF THREAD').replace('1:r4=0)', '3:r4=0)'),
};
const BAD = ['syntax', 'instr', 'reg', 'goto', 'thread'];

let dir: string;
const file = (name: string) => path.join(dir, `${name}.litmus`);

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npx tsc -p tsconfig.build.json)`);
  dir = mkdtempSync(path.join(tmpdir(), 'bpf-herd-cli-'));
  for (const [name, text] of Object.entries(TESTS)) writeFileSync(file(name), text);
  writeFileSync(path.join(dir, 'kinds.txt'), 'MISMATCH.litmus Allowed\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// the spawns are independent processes: running them concurrently halves the wall time on two cores
describe.concurrent('bpf-herd check', () => {
  it('reports a test that meets its Result: with exit code 0 and a summary last', async ({ expect }) => {
    const r = await run('check', file('mp'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('Test MP Allowed');
    expect(out).toContain('Observation MP Sometimes 1 3');
    expect(out).toContainEqual(expect.stringMatching(/^Time MP \d+\.\d\d$/));
    expect(out).toContainEqual(expect.stringMatching(/^Hash=[0-9a-f]{32}$/));
    expect(out.at(-1)).toBe('1 passed, 0 failed');
  }, SPAWN_MS);

  it('exits with 1 and lists the test when a verdict contradicts its Result:', async ({ expect }) => {
    const r = await run('check', file('mismatch'));
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['FAIL MISMATCH: expected Never, got Sometimes']);
    expect(lines(r.stdout).at(-1)).toBe('0 passed, 1 failed');
  }, SPAWN_MS);

  it('takes the expectation from --kinds over the Result: comment', async ({ expect }) => {
    const r = await run('check', '--kinds', path.join(dir, 'kinds.txt'), file('mismatch'));
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toBe('1 passed, 0 failed');
  }, SPAWN_MS);

  it('reports each bad file in one line file:line:col and still checks the others (exit 2)', async ({ expect }) => {
    const missing = path.join(dir, 'missing.litmus');
    const r = await run('check', '-j', '2', file('mp'), ...BAD.map(file), missing, file('sb'));
    expect(r.code).toBe(2);
    const err = lines(r.stderr);
    expect(err.filter((l) => /^\s+at /.test(l))).toEqual([]); // no stack trace
    for (const bad of BAD) {
      const about = err.filter((l) => l.startsWith(file(bad)));
      expect(about, bad).toHaveLength(1);
      expect(about[0], bad).toMatch(new RegExp(`^${escape(file(bad))}:\\d+:\\d+: \\S`));
    }
    expect(err).toContain(`${missing}: cannot read file (no such file or directory)`);
    const out = lines(r.stdout);
    expect(out.filter((l) => l.startsWith('Test '))).toEqual(['Test MP Allowed', 'Test SB Forbidden']);
    // ~exists: herd7's Positive counts the executions where the proposition fails; Observation's do not swap
    expect(out).toContain('Positive: 3 Negative: 1');
    expect(out).toContain('Observation SB Sometimes 1 3');
    expect(out.at(-1)).toBe(`2 passed, ${BAD.length} failed`); // a test that cannot be checked fails its Result:
  }, SPAWN_MS);

  it('prints NDJSON in input order with -j 2, errors included', async ({ expect }) => {
    const order = ['sb', 'instr', 'mp', 'mismatch'];
    const r = await run('check', '--json', '-j', '2', ...order.map(file));
    expect(r.code).toBe(2);
    const records = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((x) => x.file)).toEqual(order.map(file));
    const keys = ['file', 'name', 'arch', 'model', 'quantifier', 'observation', 'ok', 'states', 'positive', 'negative', 'ms', 'error'];
    for (const x of records) expect(Object.keys(x)).toEqual(expect.arrayContaining(keys));
    expect(records[0]).toMatchObject({ name: 'SB', arch: 'BPF', model: 'bpf', quantifier: '~exists', observation: 'Sometimes', ok: false, positive: 1, negative: 3, error: null });
    expect(records[1]).toMatchObject({ name: 'INSTR', observation: 'Error', error: expect.stringMatching(/instr\.litmus:8:1: /) });
    expect(records[2]!.states).toEqual(['1:r3=0; 1:r4=0;', '1:r3=0; 1:r4=1;', '1:r3=1; 1:r4=0;', '1:r3=1; 1:r4=1;']);
    expect(lines(r.stderr).at(-1)).toBe('2 passed, 2 failed'); // stdout stays pure NDJSON
  }, SPAWN_MS);

  it('prints neither states nor counts with --verdict-only', async ({ expect }) => {
    const r = await run('check', '--verdict-only', file('mp'));
    const out = lines(r.stdout);
    expect(out.slice(0, 5)).toEqual(['Test MP Allowed', 'States ?', 'Ok', 'Witnesses', 'Positive: ? Negative: ?']);
    expect(out).toContain('Observation MP Sometimes ? ?');
    expect(r.code).toBe(0);
  }, SPAWN_MS);

  it('rejects an unknown model in one line, with exit code 2', async ({ expect }) => {
    const r = await run('check', '--model', 'nosuch', file('mp'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown model 'nosuch'/);
  }, SPAWN_MS);

  it('answers bad usage with one line and exit code 2', async ({ expect }) => {
    const usages = [['check', '--jobs', '0', file('mp')], ['frobnicate'], ['check']];
    const runs = await Promise.all(usages.map((args) => run(...args)));
    runs.forEach((r, i) => {
      expect(r.code, usages[i]!.join(' ')).toBe(2);
      expect(lines(r.stderr), usages[i]!.join(' ')).toHaveLength(1);
    });
  }, SPAWN_MS);
});

describe.skipIf(!existsSync(CONFORMANCE))('herd7 conformance of the text report', () => {
  it('prints MP+poonceonces as herd7 does, apart from Time and Hash', async ({ expect }) => {
    const name = 'MP+poonceonces.litmus';
    const r = await run('check', path.join(CONFORMANCE, name));
    const ours = lines(r.stdout).filter((l) => !/^(Time |Hash=|\d+ passed, \d+ failed$)/.test(l));
    const herd = lines(readFileSync(path.join(CONFORMANCE, 'expected', `${name}.expected`), 'utf8')).filter((l) => !l.startsWith('Hash='));
    expect(ours).toEqual(herd);
  }, SPAWN_MS);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
