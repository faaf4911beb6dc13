/** `--arch A[,B...]|all`, `--table FILE` and `--variant V`, as jit, fuzz and barriers read them. */
import { InputError } from '../diag.js';
import type { JitTable } from '../jit/table.js';
import { TABLES } from '../jit/tables/index.js';
import { readTable } from '../jit/user-table.js';

export const archHelp = () => `JIT tables, comma-separated, or all (${TABLES.map((t) => t.name).join(', ')})`;

/** The selected tables: --arch (all by default, none when only --table is given) and --table. */
export function selectTables(o: { arch?: string; table?: string; variant?: string }): JitTable[] {
  const names = o.arch === undefined || o.arch === 'all' ? (o.table ? [] : TABLES.map((t) => t.name)) : o.arch.split(',').map((s) => s.trim());
  const tables: JitTable[] = names.map((n) => TABLES.find((t) => t.name === n) ?? unknownArch(n));
  if (o.table) tables.push(readTable(o.table));
  if (tables.length === 0) throw new InputError(undefined, 'no JIT selected');
  if (o.variant !== undefined && !tables.some((t) => t.variants?.[o.variant!])) {
    const known = tables.flatMap((t) => Object.keys(t.variants ?? {}).map((v) => `${t.name} ${v}`));
    throw new InputError(undefined, `--variant: no selected JIT has a variant '${o.variant}' (${known.length > 0 ? `known: ${known.join(', ')}` : 'the selected JITs have none'})`);
  }
  return tables;
}

function unknownArch(name: string): never {
  throw new InputError(undefined, `--arch: unknown JIT '${name}' (known: ${TABLES.map((t) => t.name).join(', ')}, all)`);
}
