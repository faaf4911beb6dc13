/** The s390x front end: grammar/s390x.ohm plus the actions, forms and printing of src/isa/s390x/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { s390xActions } from './actions.js';
import type { S390xInstr } from './instr.js';
import { printS390xInstr } from './print.js';
import { REGISTER_HINT, s390xRegs } from './regs.js';

export const s390xSyntax: IsaSyntax<S390xInstr> = {
  archNames: ['S390X'],
  grammarFile: 's390x.ohm',
  grammarName: 'S390X',
  instrActions: s390xActions,
  registerHint: REGISTER_HINT,
  normaliseReg: (name) => s390xRegs.normalise(name),
  compareRegs: (a, b) => s390xRegs.compare(a, b),
  printInstr: printS390xInstr,
  labelsUsed: (i) => (i.op === 'branch' || i.op === 'compareBranch' ? [i.target] : []),
};
