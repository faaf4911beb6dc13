/** The RISC-V front end: grammar/riscv.ohm plus the actions, forms and printing of src/isa/riscv/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { riscvActions } from './actions.js';
import type { RiscvInstr } from './instr.js';
import { printRiscvInstr } from './print.js';
import { compareRiscvRegs, normaliseRiscvReg } from './regs.js';

export const riscvSyntax: IsaSyntax<RiscvInstr> = {
  archNames: ['RISCV'],
  grammarFile: 'riscv.ohm',
  grammarName: 'RISCV',
  instrActions: riscvActions,
  registerHint: 'x0-x31 or an ABI name such as a0 or t1',
  normaliseReg: normaliseRiscvReg,
  compareRegs: compareRiscvRegs,
  printInstr: printRiscvInstr,
  labelsUsed: (i) => (i.op === 'branch' || i.op === 'jump' ? [i.target] : []),
};
