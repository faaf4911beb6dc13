/** The reorderings document as Markdown (docs/REORDERINGS.md). */
import { kindOf } from './access-kinds.js';
import { cellView, type Table } from './cell-text.js';
import { describeColumn } from './columns.js';
import { INTRO, kindsTable, PAIRS_HOW, SHAPES_HOW, TITLE } from './doc-prose.js';
import { CONNECTIONS } from './pair-tests.js';
import { testPath, type Reorderings, type Row } from './reorderings.js';
import { CHOICES, choiceLabel, SHAPES } from './shapes.js';

export function renderMarkdown(r: Reorderings): string {
  const out: string[] = [`# ${TITLE}`, '', ...INTRO.flatMap((p) => [p, '']), '| column | what decides it |', '| --- | --- |'];
  for (const c of r.columns) out.push(`| \`${c.name}\` | ${describeColumn(c)} |`);
  out.push('', '## 1. Pairs of accesses', '', ...PAIRS_HOW.flatMap((p) => [p, '']));
  out.push('| access kind | in test names | BPF |', '| --- | --- | --- |', ...kindsTable().map((row) => `| ${row.join(' | ')} |`), '');
  for (const conn of CONNECTIONS) {
    const rows = r.pairs.filter((p) => p.connection === conn.id);
    out.push(`### ${capital(conn.label)}`, '', `${capital(conn.explain)}.`, '');
    out.push(`| A | B | ${r.columns.map((c) => c.name).join(' | ')} |`, `| --- | --- | ${r.columns.map(() => '---').join(' | ')} |`);
    for (const p of rows) out.push(`| ${kindOf(p.first).label} | ${kindOf(p.second).label} | ${cells(r, p, 'pairs').join(' | ')} |`);
    out.push('');
  }
  out.push('## 2. Classic shapes', '', ...SHAPES_HOW.flatMap((p) => [p, '']));
  out.push(`| shape | ordering | test | ${r.columns.map((c) => c.name).join(' | ')} |`, `| --- | --- | --- | ${r.columns.map(() => '---').join(' | ')} |`);
  for (const shape of SHAPES) {
    for (const choice of CHOICES) {
      const row = r.shapes.find((s) => s.shape === shape.name && s.choice === choice.id)!;
      out.push(`| ${shape.name} | ${choiceLabel(shape, choice.id)} | \`${row.name}\` | ${cells(r, row, 'shapes').join(' | ')} |`);
    }
  }
  out.push('', ...unsupportedSection(r), '');
  return out.join('\n');
}

function cells(r: Reorderings, row: Row, table: Table): string[] {
  const bpf = r.columns.findIndex((c) => c.name === 'bpf');
  return row.cells.map((c, i) => {
    const v = cellView(c, table, bpf >= 0 ? row.cells[bpf] : undefined);
    const text = v.tone === 'weaker' ? `**${v.text}**` : v.text;
    return c.k === 'decided' ? `[${text}](${testPath(r.columns[i]!, row.name)})` : text;
  });
}

/** Why cells say unsupported: each JIT's reasons, once each. */
function unsupportedSection(r: Reorderings): string[] {
  const out: string[] = [];
  r.columns.forEach((col, i) => {
    const reasons = new Set<string>();
    for (const row of [...r.pairs, ...r.shapes]) {
      const c = row.cells[i]!;
      if (c.k === 'unsupported' || c.k === 'error') reasons.add(`${c.k}: ${c.reason}`);
    }
    if (reasons.size > 0) out.push(`- \`${col.name}\`: ${[...reasons].sort().join('; ')}`);
  });
  return out.length > 0 ? ['## Cells without a verdict', '', ...out] : [];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
