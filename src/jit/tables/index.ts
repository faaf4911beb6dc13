/** Every built-in lowering table, by the name --arch selects. */
import type { JitTable } from '../table.js';
import { arm64 } from './arm64.js';

export const TABLES: readonly JitTable[] = [arm64];

export function tableNamed(name: string): JitTable | undefined {
  return TABLES.find((t) => t.name === name);
}
