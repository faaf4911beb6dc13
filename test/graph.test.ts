/**
 * Execution graphs: the DOT of known tests (nodes, edges, the highlighted cycle), rendering to
 * SVG and PNG, the `graph` command and `check --graphs`, and the HTML page in headless Chromium
 * when Chromium is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseExecution } from '../src/doc/graph/choose-execution.js';
import { executionDot } from '../src/doc/graph/dot.js';
import { dotToSvg, svgToPng } from '../src/doc/graph/render.js';
import { runCli as run } from './support/run-cli.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MP = path.join(ROOT, 'docs/graphs/MP.litmus');
const SB_FENCED = path.join(ROOT, 'litmus/SB+fetch-add-fences.litmus');
const tmp = mkdtempSync(path.join(tmpdir(), 'bpf-herd-graph-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function dotOf(file: string, state?: string): Promise<string> {
  const c = await chooseExecution(file, readFileSync(file, 'utf8'), state ? { state } : {});
  return executionDot({ skel: c.skel, execution: c.execution, highlight: c.highlight, caption: c.caption, ...(c.axiom ? { axiom: c.axiom } : {}) });
}

/** `a -> b [... label ...]` edges of a DOT text as `from kind to`, by node label letter. */
function edges(dot: string): string[] {
  const names = new Map<string, string>();
  for (const m of dot.matchAll(/^\s*(e\d+) \[label=<<b>(\w+)<\/b>/gm)) names.set(m[1]!, m[2]!);
  const out: string[] = [];
  for (const m of dot.matchAll(/^\s*(e\d+) -> (e\d+) \[(.*)\];$/gm)) {
    if (m[3]!.includes('style=invis')) continue;
    const kind = /(?:head|tail)label=" (\S+) "/.exec(m[3]!)?.[1] ?? 'po';
    const [a, b] = m[3]!.includes('dir=back') ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    out.push(`${names.get(a)} ${kind} ${names.get(b)}${m[3]!.includes('penwidth') ? ' (cycle)' : ''}`);
  }
  return out.sort();
}

describe('the DOT of an execution', () => {
  it('MP: the witness, events in thread columns with their instructions, po rf fr', async () => {
    const dot = await dotOf(MP);
    expect(dot).toContain('subgraph cluster_P0');
    expect(dot).toContain('subgraph cluster_P1');
    expect(dot).toContain('subgraph cluster_init');
    expect(dot).toContain('<b>a</b>: W x=1<br/>');
    expect(dot).toContain('*(u64 *)(r1 + 0) = 1');
    expect(dot).toContain('<b>d</b>: R x=0');
    expect(dot).toContain('allowed: an execution reaching exists (1:r3=1 /\\ 1:r4=0)');
    expect(edges(dot)).toEqual(['a po b', 'b rf c', 'c po d', 'd fr a', 'x0 rf d'].sort());
  });

  it('SB with fetch-add fences: forbidden, the violated axiom named and its cycle in red', async () => {
    const dot = await dotOf(SB_FENCED);
    expect(dot).toContain('forbidden: exists (0:r3=0 /\\ 1:r3=0)');
    expect(dot).toMatch(/happens-before|propagation/);
    const cycle = edges(dot).filter((e) => e.endsWith('(cycle)'));
    expect(cycle.length).toBeGreaterThan(0);
    expect(dot).toContain('RW[SC] f=');
  });

  it('--state picks another final state', async () => {
    const dot = await dotOf(MP, '1:r3=0; 1:r4=1;');
    expect(dot).toContain('allowed: an execution reaching the state 1:r3=0 /\\ 1:r4=1');
    expect(dot).toContain('<b>c</b>: R y=0');
  });

  it('--state is read by the test\'s grammar: locations too, and a clear error for a thread that is not there', async () => {
    expect(await dotOf(MP, '[x]=1; 1:r4=0;')).toContain('the state [x]=1 /\\ 1:r4=0');
    await expect(dotOf(MP, '3:r3=0;')).rejects.toThrow(/^--state "3:r3=0;": thread P3 does not exist/);
  });
});

describe('rendering', () => {
  it('Graphviz (WebAssembly) makes an SVG, resvg a PNG', async () => {
    const svg = await dotToSvg(await dotOf(MP));
    expect(svg).toMatch(/^<\?xml|^<svg|<svg/);
    expect(svg).toContain('W x=1');
    const png = await svgToPng(svg);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('bpf-herd graph writes the picture its --out names; check --graphs one SVG per test', async () => {
    const out = path.join(tmp, 'mp.svg');
    expect((await run('graph', MP, '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
    const bad = await run('graph', MP, '--out', path.join(tmp, 'mp.jpg'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.svg, .png or .dot');
    const dir = path.join(tmp, 'graphs');
    expect((await run('check', '-j', '1', '--graphs', dir, MP, SB_FENCED)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['MP.svg', 'SB+fetch-add-fences.svg']);
  });
});

const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('which', [b]).status === 0);

describe('docs/reorderings.html in a browser', () => {
  const name = CHROMIUM ? 'renders in headless Chromium without errors' : 'renders in headless Chromium (skipped: Chromium is not installed; apt-get install chromium)';
  it.skipIf(!CHROMIUM)(name, () => {
    const page = `file://${path.join(ROOT, 'docs/reorderings.html')}`;
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-logging=stderr', '--v=0'];
    const dom = spawnSync(CHROMIUM!, [...flags, '--dump-dom', page], { encoding: 'utf8', timeout: 60_000 });
    expect(dom.status).toBe(0);
    expect(dom.stdout).toContain('<h1>Reorderings');
    expect((dom.stdout.match(/<table>/g) ?? []).length).toBeGreaterThan(6);
    expect(dom.stderr).not.toMatch(/Uncaught|CONSOLE\(\d+\).*error|Failed to load/i);
    const shot = path.join(tmp, 'page.png');
    const s = spawnSync(CHROMIUM!, [...flags, `--screenshot=${shot}`, '--window-size=1280,1600', page], { encoding: 'utf8', timeout: 60_000 });
    expect(s.status).toBe(0);
    expect(existsSync(shot)).toBe(true);
  }, 120_000);
});
