/**
 * docs/REORDERINGS.md and docs/reorderings.html are generated: decide every cell afresh (about
 * ten seconds in one thread), and fail when the committed documents or tests are stale; check
 * every cell against the verdict of the test it links to; and check what the BPF column must say.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellView } from '../src/doc/cell-text.js';
import { DEFAULT_COLUMNS } from '../src/doc/columns.js';
import { recordedVerdict } from '../src/doc/decide-cell.js';
import { renderHtml } from '../src/doc/render-html.js';
import { renderMarkdown } from '../src/doc/render-md.js';
import { buildReorderings, testFiles, testPath, type PairRow, type Reorderings } from '../src/doc/reorderings.js';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const REGENERATE = 'regenerate with: npx bpf-herd doc reorderings --out docs/REORDERINGS.md && npx bpf-herd doc reorderings --out docs/reorderings.html';

let r: Reorderings;

beforeAll(async () => {
  r = await buildReorderings({ columns: DEFAULT_COLUMNS, jobs: 1 });
}, 120_000);

describe('the committed documentation', () => {
  it('REORDERINGS.md is up to date', () => {
    expect(readFileSync(path.join(DOCS, 'REORDERINGS.md'), 'utf8'), REGENERATE).toBe(renderMarkdown(r));
  });

  it('reorderings.html is up to date', () => {
    expect(readFileSync(path.join(DOCS, 'reorderings.html'), 'utf8'), REGENERATE).toBe(renderHtml(r));
  });

  it('the tests the cells link to are the generated ones, and no others', () => {
    const files = testFiles(r);
    const committed = readdirSync(path.join(DOCS, 'tests')).flatMap((col) =>
      readdirSync(path.join(DOCS, 'tests', col)).map((f) => `tests/${col}/${f}`));
    expect(committed.sort(), REGENERATE).toEqual([...files.keys()].sort());
    for (const [rel, text] of files) expect(readFileSync(path.join(DOCS, rel), 'utf8'), `${rel}: ${REGENERATE}`).toBe(text);
  });
});

describe('every cell', () => {
  it('shows the verdict its linked test records', () => {
    const md = readFileSync(path.join(DOCS, 'REORDERINGS.md'), 'utf8');
    let checked = 0;
    for (const [table, rows] of [['pairs', r.pairs], ['shapes', r.shapes]] as const) {
      for (const row of rows) {
        row.cells.forEach((c, i) => {
          if (c.k !== 'decided') return;
          const rel = testPath(r.columns[i]!, row.name);
          expect(existsSync(path.join(DOCS, rel)), rel).toBe(true);
          expect(recordedVerdict(readFileSync(path.join(DOCS, rel), 'utf8')), rel).toBe(c.observation);
          const text = cellView(c, table, row.cells[0]).text;
          expect(md.includes(`](${rel})`), rel).toBe(true);
          expect(md.includes(`[${text}](${rel})`) || md.includes(`[**${text}**](${rel})`), `${rel} shows ${text}`).toBe(true);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(400);
  });
});

describe('the BPF column says what the BPF model says', () => {
  const bpf = (first: string, connection: string, second: string): string => {
    const row = r.pairs.find((p: PairRow) => p.first === first && p.connection === connection && p.second === second)!;
    const c = row.cells[r.columns.findIndex((col) => col.name === 'bpf')]!;
    return cellView(c, 'pairs').text;
  };

  it('a write followed by a read of another location may be reordered', () => {
    expect(bpf('W', 'po', 'R')).toBe('reordered');
  });

  it('a read followed by a control-dependent write may not', () => {
    expect(bpf('R', 'ctrl', 'W')).toBe('kept');
  });

  it('a release followed by an acquire of another location may be reordered (RCpc)', () => {
    expect(bpf('Wrel', 'po', 'Racq')).toBe('reordered');
  });

  it('non-fetch atomics order nothing', () => {
    for (const other of ['R', 'W', 'Lock']) {
      expect(bpf('Lock', 'po', other), `Lock then ${other}`).toBe('reordered');
      expect(bpf(other, 'po', 'Lock'), `${other} then Lock`).toBe('reordered');
    }
  });

  it('value-returning atomics are full barriers', () => {
    for (const atomic of ['Fetch', 'Xchg', 'CasOk']) {
      expect(bpf('W', 'po', atomic)).toBe('kept');
      expect(bpf(atomic, 'po', 'R')).toBe('kept');
    }
  });
});
