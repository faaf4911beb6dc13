/**
 * The data of `bpf-herd doc reorderings`: every generated test (the pair tests of the reordering
 * table and the classic shapes), decided for every column. Rendering is separate (render-md.ts,
 * render-html.ts), so one run feeds both formats.
 */
import type { AccessKindId } from './access-kinds.js';
import { resolveColumns, type Column } from './columns.js';
import { decideCells } from './decide-pool.js';
import type { CellResult } from './decide-cell.js';
import { writeTest } from './litmus-writer.js';
import { completePairTest } from './pair-conditions.js';
import { pairTests, type Connection } from './pair-tests.js';
import { CHOICES, SHAPES, shapeTest, type Choice } from './shapes.js';

export interface Row {
  name: string; // the test's name, and its file name under tests/<column>/
  bpfText: string;
  cells: CellResult[]; // one per column
}

export interface PairRow extends Row { first: AccessKindId; second: AccessKindId; connection: Connection; shape: string }
export interface ShapeRow extends Row { shape: string; choice: Choice }

export interface Reorderings {
  columns: Column[];
  pairs: PairRow[];
  shapes: ShapeRow[];
}

export interface BuildOptions {
  columns: readonly string[];
  /** Parallel workers deciding the cells (1: in this thread). */
  jobs: number;
  /** Called after each test is decided for every column. */
  progress?: (done: number, total: number) => void;
}

export async function buildReorderings(o: BuildOptions): Promise<Reorderings> {
  const columns = resolveColumns(o.columns);
  const pairSpecs = [];
  for (const t of pairTests()) pairSpecs.push({ t, spec: await completePairTest(t) });
  const shapeSpecs = SHAPES.flatMap((shape) => CHOICES.map((c) => ({ shape: shape.name, choice: c.id, spec: shapeTest(shape, c.id) })));
  const texts = [...pairSpecs.map((p) => p.spec), ...shapeSpecs.map((s) => s.spec)].map((spec) => ({ name: spec.name, text: writeTest(spec) }));
  const cells = await decideCells(texts.map((t) => ({ ...t, columns: o.columns })), o.jobs, o.progress);
  const pairs: PairRow[] = pairSpecs.map(({ t }, i) => ({
    name: texts[i]!.name, bpfText: texts[i]!.text, cells: cells[i]!,
    first: t.first, second: t.second, connection: t.connection, shape: t.shape,
  }));
  const shapes: ShapeRow[] = shapeSpecs.map((s, j) => {
    const i = pairSpecs.length + j;
    return { name: texts[i]!.name, bpfText: texts[i]!.text, cells: cells[i]!, shape: s.shape, choice: s.choice };
  });
  return { columns, pairs, shapes };
}

/** Where a cell's test lives, relative to the document. */
export function testPath(column: Column, name: string): string {
  return `tests/${column.name}/${name}.litmus`;
}

/** Every test file the document links to, by path relative to the document. */
export function testFiles(r: Reorderings): Map<string, string> {
  const files = new Map<string, string>();
  for (const row of [...r.pairs, ...r.shapes]) {
    row.cells.forEach((c, i) => { if (c.k === 'decided') files.set(testPath(r.columns[i]!, row.name), c.test); });
  }
  return files;
}
