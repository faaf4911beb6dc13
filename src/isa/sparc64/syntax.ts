/** The sparc64 front end: grammar/sparc64.ohm plus the actions, forms and printing of src/isa/sparc64/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { checkDelaySlots } from '../shared/delay-slot.js';
import { sparcActions } from './actions.js';
import type { SparcInstr } from './instr.js';
import { printSparcInstr } from './print.js';
import { REGISTER_HINT, sparcRegs } from './regs.js';

export const sparcSyntax: IsaSyntax<SparcInstr> = {
  archNames: ['SPARC64'],
  grammarFile: 'sparc64.ohm',
  grammarName: 'SPARC64',
  instrActions: sparcActions,
  registerHint: REGISTER_HINT,
  normaliseReg: (name) => sparcRegs.normalise(name),
  compareRegs: (a, b) => sparcRegs.compare(a, b),
  printInstr: printSparcInstr,
  labelsUsed: (i) => (i.op === 'branch' ? [i.target] : []),
  checkThread: (code) => checkDelaySlots(code, (i) => i.op === 'branch'),
};
