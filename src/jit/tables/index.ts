/** Every built-in lowering table, by the name --arch selects. */
import type { JitTable } from '../table.js';
import { arm64, arm64Llsc } from './arm64.js';
import { x86_64 } from './x86-64.js';
import { ppc32, ppc64 } from './ppc.js';
import { riscv32, riscv64, riscv64Zacas } from './riscv.js';
import { s390x } from './s390x.js';
import { loongarch64 } from './loongarch64.js';
import { mips64 } from './mips64.js';
import { sparc64 } from './sparc64.js';

export const TABLES: readonly JitTable[] = [arm64, arm64Llsc, x86_64, ppc64, ppc32, riscv64, riscv64Zacas, riscv32, s390x, loongarch64, mips64, sparc64];

export function tableNamed(name: string): JitTable | undefined {
  return TABLES.find((t) => t.name === name);
}
