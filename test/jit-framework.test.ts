/**
 * The JIT checker's framework, independent of any one table's contents: lowering (labels,
 * relative jumps, register maps, unsupported rows), the mapping verdicts on a table made weak on
 * purpose, user tables read from JSON, and the command line's errors and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BpfInstr } from '../src/isa/bpf/instr.js';
import { bpfSyntax } from '../src/isa/bpf/syntax.js';
import { baseline, checkMapping } from '../src/jit/check.js';
import { lower } from '../src/jit/lower.js';
import type { JitTable } from '../src/jit/table.js';
import { arm64 } from '../src/jit/tables/arm64.js';
import { readTable } from '../src/jit/user-table.js';
import { parseLitmus } from '../src/litmus/parse.js';
import type { LitmusTest } from '../src/litmus/ast.js';

const opts = { engine: 'auto' as const, unroll: 2, verdictOnly: false };
const bpf = (text: string) => parseLitmus(text, 't.litmus', [bpfSyntax]) as LitmusTest<BpfInstr>;

const SB_FENCED = `BPF SB+fetch-adds
{ 0:r1=x; 0:r2=y; 0:r5=f; 1:r1=x; 1:r2=y; 1:r5=g; }
 P0                                          | P1                                          ;
 *(u64 *)(r1 + 0) = 1                        | *(u64 *)(r2 + 0) = 1                        ;
 r6 = atomic_fetch_add((u64 *)(r5 + 0), r6)  | r6 = atomic_fetch_add((u64 *)(r5 + 0), r6)  ;
 r3 = *(u64 *)(r2 + 0)                       | r3 = *(u64 *)(r1 + 0)                       ;
exists (0:r3=0 /\\ 1:r3=0)
`;

/** arm64 with the fetch ops relaxed (LDADD without A or L): the SB above becomes possible. */
const weakArm64: JitTable = {
  ...arm64,
  name: 'arm64-weak',
  rows: arm64.rows.map((r) => (r.op.startsWith('atomic.fetch_add') && Array.isArray(r.emit) ? { ...r, emit: r.emit.map((i) => i.replace('LDADDAL', 'LDADD')) } : r)),
};

describe('lowering', () => {
  it('maps registers through the table, keeps locations, and observes what the condition names', () => {
    const out = lower(bpf(SB_FENCED), arm64);
    expect(out.k).toBe('lowered');
    if (out.k !== 'lowered') return;
    expect(out.text).toContain('0:X0=x;'); // r1 -> x0
    expect(out.text).toMatch(/LDADDAL X\d+,X\d+,\[X4\]/); // r5 -> x4
    expect(out.text).toContain('exists (0:X2=0 /\\ 1:X2=0)'); // r3 -> x2
    expect(out.registers.get('r3')).toBe('X2');
  });

  it('gives labels and relative jumps targets the target front end accepts', async () => {
    const loop = bpf(`BPF spin
{ 0:r1=x; 1:r1=x; }
 P0                   | P1                        ;
 *(u64 *)(r1 + 0) = 1 | L: r2 = *(u64 *)(r1 + 0)  ;
                      | if r2 == 0 goto L         ;
                      | if r2 != 1 goto +1        ;
                      | r3 = 1                    ;
exists (1:r3=1)
`);
    const out = lower(loop, arm64);
    expect(out.k).toBe('lowered');
    if (out.k === 'lowered') expect(out.text).toMatch(/B\.NE END1/); // `goto +1` past the last instruction: the end
    const r = await checkMapping(await baseline('spin.litmus', SPIN_TEXT, opts), arm64, undefined, opts);
    expect(r.verdict).toMatch(/sound|stronger/);
  });
});

const SPIN_TEXT = `BPF spin
{ 0:r1=x; 1:r1=x; }
 P0                   | P1                        ;
 *(u64 *)(r1 + 0) = 1 | L: r2 = *(u64 *)(r1 + 0)  ;
                      | if r2 == 0 goto L         ;
                      | if r2 != 1 goto +1        ;
                      | r3 = 1                    ;
exists (1:r3=1)
`;

describe('mapping verdicts', () => {
  it('a relaxed fetch-add is unsound, with a witness and the BPF axiom', async () => {
    const base = await baseline('sb.litmus', SB_FENCED, opts);
    const r = await checkMapping(base, weakArm64, undefined, opts);
    expect(r.verdict).toBe('unsound');
    expect(r.extraStates).toEqual(['0:r3=0; 1:r3=0;']);
    expect(r.witness).toMatch(/LDADD X/);
    expect(r.bpfAxiom).toMatch(/^(propagation|happens-before)/);
    // the axiom's cycle, step by step along relations a reader can check against the events
    const cycle = /^ {2}cycle: (.*)$/m.exec(r.bpfAxiom ?? '')?.[1];
    expect(cycle).toMatch(/^[a-z]+( -(po|rf|co|fr|addr|data|ctrl|rmw|amo)-> [a-z]+)+$/);
    expect(cycle!.split(' ')[0]).toBe(cycle!.split(' ').at(-1));
    expect((await checkMapping(base, arm64, undefined, opts)).verdict).toBe('sound');
  });

  it('an operation the JIT leaves to the interpreter makes the test unsupported', async () => {
    const noAcquire: JitTable = { ...arm64, name: 'arm64-noacq', rows: arm64.rows.map((r) => (r.op.startsWith('load_acquire') ? { ...r, emit: 'not JITed: a test' } : r)) };
    const text = SB_FENCED.replace('r3 = *(u64 *)(r2 + 0)                       |', 'r3 = load_acquire((u64 *)(r2 + 0))          |');
    const r = await checkMapping(await baseline('acq.litmus', text, opts), noAcquire, undefined, opts);
    expect(r.verdict).toBe('unsupported');
    expect(r.reason).toBe('load_acquire.64: not JITed: a test');
  });
});

describe('user tables', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bpf-herd-table-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, t: unknown) => { const f = path.join(dir, name); writeFileSync(f, JSON.stringify(t)); return f; };
  it('reads a table in the built-in format', () => {
    const t = readTable(write('ok.json', weakArm64));
    expect(t.name).toBe('arm64-weak');
    expect(t.rows.length).toBe(weakArm64.rows.length);
  });
  it('names the field that is wrong', () => {
    expect(() => readTable(write('op.json', { ...weakArm64, rows: [{ op: 'frob', emit: [], source: { file: 'f', fn: 'g' } }] }))).toThrow(/rows\[0\]\.op: unknown operation "frob"/);
    expect(() => readTable(write('regs.json', { ...weakArm64, regs: { r0: 'X7' } }))).toThrow(/regs: no target register for r1/);
    expect(() => readTable(path.join(dir, 'missing.json'))).toThrow(/cannot read the table/);
  });
});

describe('bpf-herd jit on the command line', () => {
  const BIN = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'bpf-herd-jit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sb = path.join(dir, 'sb.litmus');
  writeFileSync(sb, SB_FENCED);
  const table = path.join(dir, 'weak.json');
  writeFileSync(table, JSON.stringify(weakArm64));
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('exits 1 on an unsound table, with the witness, and 0 on a sound one', () => {
    const bad = run('jit', '-j', '1', '--table', table, sb);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('SB+fetch-adds  arm64-weak  unsound');
    expect(bad.stdout).toMatch(/an execution of the lowered test/);
    const good = run('jit', '-j', '1', '--arch', 'arm64', '--json', sb);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout.trim())).toMatchObject({ name: 'SB+fetch-adds', arch: 'arm64', verdict: 'sound', extraStates: [], missingStates: [] });
  });

  it('bad usage is one line and exit 2', () => {
    for (const args of [['--arch', 'vax', sb], ['--arch', 'arm64', '--variant', 'before-nothing', sb], ['--table', path.join(dir, 'none.json'), sb]]) {
      const r = run('jit', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
