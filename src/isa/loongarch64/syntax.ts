/** The LoongArch64 front end: grammar/loongarch64.ohm plus the actions, forms and printing of src/isa/loongarch64/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { loongArchActions } from './actions.js';
import type { LoongArchInstr } from './instr.js';
import { printLoongArchInstr } from './print.js';
import { REGISTER_HINT, loongArchRegs } from './regs.js';

export const loongArchSyntax: IsaSyntax<LoongArchInstr> = {
  archNames: ['LOONGARCH64'],
  grammarFile: 'loongarch64.ohm',
  grammarName: 'LOONGARCH64',
  instrActions: loongArchActions,
  registerHint: REGISTER_HINT,
  normaliseReg: (name) => loongArchRegs.normalise(name),
  compareRegs: (a, b) => loongArchRegs.compare(a, b),
  printInstr: printLoongArchInstr,
  labelsUsed: (i) => (i.op === 'branch' || i.op === 'jump' ? [i.target] : []),
};
