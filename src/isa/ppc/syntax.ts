/** The Power front end: grammar/ppc.ohm plus the actions, forms and printing of src/isa/ppc/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { ppcActions } from './actions.js';
import type { PpcInstr } from './instr.js';
import { printPpcInstr } from './print.js';
import { comparePpcRegs, normalisePpcReg } from './regs.js';

export const ppcSyntax: IsaSyntax<PpcInstr> = {
  archNames: ['PPC'],
  grammarFile: 'ppc.ohm',
  grammarName: 'PPC',
  instrActions: ppcActions,
  registerHint: 'r0-r31, or a symbolic register %name',
  normaliseReg: normalisePpcReg,
  compareRegs: comparePpcRegs,
  printInstr: printPpcInstr,
  labelsUsed: (i) => (i.action.k === 'b' || i.action.k === 'bc' ? [i.action.target] : []),
};
