/**
 * The reorderings document as one self-contained HTML page (docs/reorderings.html): the same
 * tables as the Markdown, coloured by verdict, with the reason of a cell without a verdict in
 * its tooltip.
 */
import { kindOf } from './access-kinds.js';
import { cellView, type Table } from './cell-text.js';
import { describeColumn } from './columns.js';
import { INTRO, kindsTable, PAIRS_HOW, SHAPES_HOW, TITLE } from './doc-prose.js';
import { CONNECTIONS } from './pair-tests.js';
import { testPath, type Reorderings, type Row } from './reorderings.js';
import { CHOICES, choiceLabel, SHAPES } from './shapes.js';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.7rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; } h3 { margin-top: 2rem; }
code { font-family: "Liberation Mono", Menlo, Consolas, monospace; font-size: .88em; background: #f4f4f6; padding: 0 .25em; border-radius: 3px; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .9rem; }
th, td { border: 1px solid #d9d9de; padding: .25rem .6rem; text-align: left; }
.scroll { overflow-x: auto; }
thead th { background: #f2f2f5; position: sticky; top: 0; }
td.v { text-align: center; white-space: nowrap; }
td.v a { color: inherit; text-decoration: none; display: block; }
td.v a:hover { text-decoration: underline; }
.ordered { background: #e3f4e6; color: #1b5e20; }
.unordered { background: #fff1db; color: #8a4b00; }
.weaker { background: #fde0e0; color: #a00000; font-weight: 600; }
.none { background: #f4f4f4; color: #777; }
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .4rem; border-radius: 3px; }
nav a { margin-right: .8rem; }
`;

export function renderHtml(r: Reorderings): string {
  const out: string[] = [
    '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">', `<title>${esc(TITLE)}</title>`,
    `<style>${STYLE}</style>`, '</head>', '<body>', `<h1>${esc(TITLE)}</h1>`,
    ...INTRO.map(para),
    table(['column', 'what decides it'], r.columns.map((c) => [`<code>${esc(c.name)}</code>`, esc(describeColumn(c))])),
    '<p class="legend"><span class="ordered">kept / forbidden</span><span class="unordered">reordered / allowed</span>'
    + '<span class="weaker">the CPU allows what BPF forbids</span><span class="none">no verdict</span></p>',
    '<nav>', ...CONNECTIONS.map((c) => `<a href="#${c.id}">${esc(c.label)}</a>`), '<a href="#shapes">classic shapes</a>', '</nav>',
    '<h2>1. Pairs of accesses</h2>', ...PAIRS_HOW.map(para),
    table(['access kind', 'in test names', 'BPF'], kindsTable().map((row) => row.map(inline))),
  ];
  for (const conn of CONNECTIONS) {
    const rows = r.pairs.filter((p) => p.connection === conn.id);
    out.push(`<h3 id="${conn.id}">${esc(capital(conn.label))}</h3>`, para(`${capital(conn.explain)}.`));
    out.push(verdictTable(r, ['A', 'B'], rows.map((p) => ({ head: [esc(kindOf(p.first).label), esc(kindOf(p.second).label)], row: p })), 'pairs'));
  }
  out.push('<h2 id="shapes">2. Classic shapes</h2>', ...SHAPES_HOW.map(para));
  const shapeRows = SHAPES.flatMap((shape) => CHOICES.map((choice) => {
    const row = r.shapes.find((s) => s.shape === shape.name && s.choice === choice.id)!;
    return { head: [esc(shape.name), esc(choiceLabel(shape, choice.id)), `<code>${esc(row.name).replace(/\+/g, '+<wbr>')}</code>`], row };
  }));
  out.push(verdictTable(r, ['shape', 'ordering', 'test'], shapeRows, 'shapes'));
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function verdictTable(r: Reorderings, heads: string[], rows: { head: string[]; row: Row }[], kind: Table): string {
  const bpf = r.columns.findIndex((c) => c.name === 'bpf');
  const body = rows.map(({ head, row }) => {
    const cells = row.cells.map((c, i) => {
      const v = cellView(c, kind, bpf >= 0 ? row.cells[bpf] : undefined);
      const title = v.title ? ` title="${esc(v.title)}"` : '';
      const inner = c.k === 'decided' ? `<a href="${esc(testPath(r.columns[i]!, row.name))}">${esc(v.text)}</a>` : esc(v.text);
      return `<td class="v ${v.tone}"${title}>${inner}</td>`;
    });
    return `<tr>${head.map((h) => `<td>${h}</td>`).join('')}${cells.join('')}</tr>`;
  });
  return [
    '<div class="scroll"><table>', `<thead><tr>${[...heads.map(esc), ...r.columns.map((c) => esc(c.name))].map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    '<tbody>', ...body, '</tbody>', '</table></div>',
  ].join('\n');
}

function table(heads: string[], rows: string[][]): string {
  return ['<table>', `<thead><tr>${heads.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`, '<tbody>',
    ...rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`), '</tbody>', '</table>'].join('\n');
}

const para = (md: string) => `<p>${inline(md)}</p>`;

/** The little Markdown the prose uses: `code` and **bold**. */
function inline(md: string): string {
  return esc(md).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
