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

export const ISAS: readonly Isa[] = [bpf, riscv, ppc];

export function isaFor(arch: string): Isa | undefined {
  const a = arch.toLowerCase();
  return ISAS.find((isa) => isa.syntax.archNames.some((n) => n.toLowerCase() === a));
}

export const allSyntaxes = (): IsaSyntax<unknown>[] => ISAS.map((i) => i.syntax);
