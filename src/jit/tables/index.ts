/** Every built-in lowering table, by the name --arch selects. */
import type { JitTable } from '../table.js';
import { arm64, arm64Llsc } from './arm64.js';
import { x86_64 } from './x86-64.js';

export const TABLES: readonly JitTable[] = [arm64, arm64Llsc, x86_64];

export function tableNamed(name: string): JitTable | undefined {
  return TABLES.find((t) => t.name === name);
}
