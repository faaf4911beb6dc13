/** The MIPS64 front end: grammar/mips64.ohm plus the actions, forms and printing of src/isa/mips64/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { checkDelaySlots } from '../shared/delay-slot.js';
import { mipsActions } from './actions.js';
import type { MipsInstr } from './instr.js';
import { printMipsInstr } from './print.js';
import { REGISTER_HINT, mipsRegs } from './regs.js';

export const mipsSyntax: IsaSyntax<MipsInstr> = {
  archNames: ['MIPS64'],
  grammarFile: 'mips64.ohm',
  grammarName: 'MIPS64',
  instrActions: mipsActions,
  registerHint: REGISTER_HINT,
  normaliseReg: (name) => mipsRegs.normalise(name),
  compareRegs: (a, b) => mipsRegs.compare(a, b),
  printInstr: printMipsInstr,
  labelsUsed: (i) => (i.op === 'branch' ? [i.target] : []),
  checkThread: (code) => checkDelaySlots(code, (i) => i.op === 'branch'),
};
