/** The instruction sets bpf-herd knows: a front end, a semantics and a default model each. */
import type { IsaSyntax } from '../litmus/syntax.js';
import type { IsaSemantics } from './semantics.js';
import { bpfSyntax } from './bpf/syntax.js';
import { bpfSemantics } from './bpf/sem.js';

export interface Isa<I = unknown> {
  name: string;
  syntax: IsaSyntax<I>;
  semantics: IsaSemantics<I>;
  /** The model used when the command line names none. */
  defaultModel: string;
}

const bpf: Isa<unknown> = { name: 'BPF', syntax: bpfSyntax as IsaSyntax<unknown>, semantics: bpfSemantics as IsaSemantics<unknown>, defaultModel: 'bpf' };

import { riscvSyntax } from './riscv/syntax.js';
import { riscvSemantics } from './riscv/sem.js';

const riscv: Isa<unknown> = { name: 'RISCV', syntax: riscvSyntax as IsaSyntax<unknown>, semantics: riscvSemantics as IsaSemantics<unknown>, defaultModel: 'riscv' };

import { ppcSyntax } from './ppc/syntax.js';
import { ppcSemantics } from './ppc/sem.js';

const ppc: Isa<unknown> = { name: 'PPC', syntax: ppcSyntax as IsaSyntax<unknown>, semantics: ppcSemantics as IsaSemantics<unknown>, defaultModel: 'ppc' };

import { x86AttSyntax, x86IntelSyntax } from './x86/syntax.js';
import { x86Semantics } from './x86/sem.js';

// herd7's two x86 dialects: X86 (Intel syntax, 32-bit) and X86_64 (AT&T syntax); one semantics, one model
const x86: Isa<unknown> = { name: 'X86', syntax: x86IntelSyntax as IsaSyntax<unknown>, semantics: x86Semantics('X86') as IsaSemantics<unknown>, defaultModel: 'x86tso' };
const x86_64: Isa<unknown> = { name: 'X86_64', syntax: x86AttSyntax as IsaSyntax<unknown>, semantics: x86Semantics('X86_64') as IsaSemantics<unknown>, defaultModel: 'x86tso' };

import { a64Syntax } from './aarch64/syntax.js';
import { a64Semantics } from './aarch64/sem.js';

const aarch64: Isa<unknown> = { name: 'AArch64', syntax: a64Syntax as IsaSyntax<unknown>, semantics: a64Semantics as IsaSemantics<unknown>, defaultModel: 'aarch64' };

import { s390xSyntax } from './s390x/syntax.js';
import { s390xSemantics } from './s390x/sem.js';
import { sparcSyntax } from './sparc64/syntax.js';
import { sparcSemantics } from './sparc64/sem.js';
import { loongArchSyntax } from './loongarch64/syntax.js';
import { loongArchSemantics } from './loongarch64/sem.js';
import { mipsSyntax } from './mips64/syntax.js';
import { mipsSemantics } from './mips64/sem.js';

// BPF JIT targets that herd7 has no syntax for: bpf-herd's own herd-style syntax for each
const s390x: Isa<unknown> = { name: 'S390X', syntax: s390xSyntax as IsaSyntax<unknown>, semantics: s390xSemantics as IsaSemantics<unknown>, defaultModel: 's390x' };
const sparc64: Isa<unknown> = { name: 'SPARC64', syntax: sparcSyntax as IsaSyntax<unknown>, semantics: sparcSemantics as IsaSemantics<unknown>, defaultModel: 'sparc64' };
const loongarch64: Isa<unknown> = { name: 'LOONGARCH64', syntax: loongArchSyntax as IsaSyntax<unknown>, semantics: loongArchSemantics as IsaSemantics<unknown>, defaultModel: 'loongarch64' };
const mips64: Isa<unknown> = { name: 'MIPS64', syntax: mipsSyntax as IsaSyntax<unknown>, semantics: mipsSemantics as IsaSemantics<unknown>, defaultModel: 'mips64' };

export const ISAS: readonly Isa[] = [bpf, riscv, ppc, x86, x86_64, aarch64, s390x, sparc64, loongarch64, mips64];

export function isaFor(arch: string): Isa | undefined {
  const a = arch.toLowerCase();
  return ISAS.find((isa) => isa.syntax.archNames.some((n) => n.toLowerCase() === a));
}

export const allSyntaxes = (): IsaSyntax<unknown>[] => ISAS.map((i) => i.syntax);
