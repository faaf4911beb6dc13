/**
 * The columns of the reordering tables: `bpf` (the BPF test under models/bpf.cat), and CPUs,
 * each named by its model (`aarch64`: the first JIT table whose tests that model decides, here
 * arm64) or by a JIT table (`arm64-llsc`). A CPU column decides the BPF test as that JIT lowers
 * it, under the CPU's model: what BPF promises next to what each CPU gives.
 */
import { knownModels } from '../cat/load.js';
import { InputError } from '../diag.js';
import { isaFor } from '../isa/registry.js';
import type { JitTable } from '../jit/table.js';
import { TABLES } from '../jit/tables/index.js';

export interface Column {
  name: string; // as --models names it, and the folder of its tests
  model: string;
  /** The JIT lowering the BPF tests for this column; none for `bpf`, or when no table exists yet. */
  table?: JitTable;
  /** A CPU model with no JIT table: its cells say so. */
  missingTable?: boolean;
}

export const DEFAULT_COLUMNS = ['bpf', 'aarch64', 'ppc', 'riscv', 'x86tso'];

export function modelOfTable(t: JitTable): string {
  return t.model ?? isaFor(t.arch)?.defaultModel ?? t.arch.toLowerCase();
}

export function resolveColumns(names: readonly string[]): Column[] {
  return names.map((name): Column => {
    if (name === 'bpf') return { name, model: 'bpf' };
    const byName = TABLES.find((t) => t.name === name);
    if (byName) return { name, model: modelOfTable(byName), table: byName };
    const byModel = TABLES.find((t) => modelOfTable(t) === name);
    if (byModel) return { name, model: name, table: byModel };
    if (knownModels().includes(name)) return { name, model: name, missingTable: true };
    throw new InputError(undefined, `--models: unknown model or JIT table '${name}' (models: ${knownModels().join(', ')}; tables: ${TABLES.map((t) => t.name).join(', ')})`);
  });
}

/** How a column is introduced under the table: the model, and the JIT whose code it runs. */
export function describeColumn(c: Column): string {
  if (!c.table && !c.missingTable) return 'the BPF test under models/bpf.cat';
  if (c.missingTable) return `models/${c.model}.cat; no JIT table lowers BPF to it yet`;
  return `the BPF test as the ${c.table!.name} JIT lowers it, under models/${c.model}.cat`;
}
