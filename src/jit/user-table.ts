/**
 * `--table FILE`: a lowering table written by a user, in JSON, in the shape of the built-in ones
 * (src/jit/table.ts). Checked field by field so that a mistake gets a message naming it.
 */
import { readFileSync } from 'node:fs';
import { fail } from '../diag.js';
import { OP_KEYS, type JitTable, type Row } from './table.js';

export function readTable(file: string): JitTable {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(undefined, `${file}: cannot read the table (${(e as Error).message})`);
  }
  const bad = (where: string, what: string): never => fail(undefined, `${file}: ${where}: ${what}`);
  const t = raw as Record<string, unknown>;
  if (typeof t !== 'object' || t === null) bad('the table', 'expected a JSON object');
  for (const k of ['name', 'arch', 'description'] as const) if (typeof t[k] !== 'string') bad(k, 'expected a string');
  if (t.model !== undefined && typeof t.model !== 'string') bad('model', 'expected a string');
  const regs = t.regs as Record<string, unknown>;
  if (typeof regs !== 'object' || regs === null) bad('regs', 'expected an object mapping r0..r10 to target registers');
  for (let n = 0; n <= 10; n++) if (typeof regs[`r${n}`] !== 'string') bad('regs', `no target register for r${n}`);
  if (t.regs32 !== undefined && (typeof t.regs32 !== 'object' || t.regs32 === null)) bad('regs32', 'expected an object');
  if (!Array.isArray(t.scratch) || t.scratch.some((x) => typeof x !== 'string')) bad('scratch', 'expected a list of register names');
  const rows = (list: unknown, where: string): Row[] => {
    if (!Array.isArray(list)) bad(where, 'expected a list of rows');
    return (list as unknown[]).map((r, i) => checkRow(r, `${where}[${i}]`, bad));
  };
  const table: JitTable = {
    name: t.name as string, arch: t.arch as string, description: t.description as string,
    regs: regs as Record<string, string>, scratch: t.scratch as string[], rows: rows(t.rows, 'rows'),
    ...(t.model !== undefined ? { model: t.model as string } : {}),
    ...(t.regs32 !== undefined ? { regs32: t.regs32 as Record<string, string> } : {}),
  };
  if (t.variants !== undefined) {
    if (typeof t.variants !== 'object' || t.variants === null) bad('variants', 'expected an object');
    table.variants = Object.fromEntries(Object.entries(t.variants as Record<string, { description?: unknown; rows?: unknown }>).map(([name, v]) => {
      if (typeof v?.description !== 'string') bad(`variants.${name}.description`, 'expected a string');
      return [name, { description: v.description as string, rows: rows(v.rows, `variants.${name}.rows`) }];
    }));
  }
  return table;
}

function checkRow(r: unknown, where: string, bad: (where: string, what: string) => never): Row {
  const row = r as Record<string, unknown>;
  if (typeof row !== 'object' || row === null) bad(where, 'expected a row object');
  if (typeof row.op !== 'string' || !OP_KEYS.includes(row.op)) bad(`${where}.op`, `unknown operation ${JSON.stringify(row.op)} (see OP_KEYS in src/jit/table.ts)`);
  const emit = row.emit;
  if (typeof emit !== 'string' && !(Array.isArray(emit) && emit.every((x) => typeof x === 'string'))) {
    bad(`${where}.emit`, 'expected a list of instructions, or a string saying why the operation is not lowered');
  }
  const source = row.source as Record<string, unknown> | undefined;
  if (typeof source?.file !== 'string' || typeof source?.fn !== 'string') bad(`${where}.source`, 'expected { "file": ..., "fn": ... }');
  return row as unknown as Row;
}
