/** The AArch64 front end: grammar/aarch64.ohm plus the operand actions, instruction forms and printing of src/isa/aarch64/. */
import type * as ohm from 'ohm-js';
import { build, type IsaSyntax } from '../../litmus/syntax.js';
import { instrOf } from './forms.js';
import type { A64Instr } from './instr.js';
import { operandActions, type RawOperand } from './operands.js';
import { printA64Instr } from './print.js';
import { compareA64Regs, normaliseA64Reg } from './regs.js';

const instrActions: ohm.ActionDict<unknown> = {
  ...operandActions,
  Instr(mnemonic, operands) {
    return instrOf(mnemonic, operands.numChildren ? build<RawOperand[]>(operands.child(0)) : []);
  },
};

function labelsUsed(i: A64Instr): readonly string[] {
  return i.op === 'b' || i.op === 'bcond' || i.op === 'cbz' || i.op === 'tbz' ? [i.target] : [];
}

export const a64Syntax: IsaSyntax<A64Instr> = {
  archNames: ['AArch64', 'ARM64'],
  grammarFile: 'aarch64.ohm',
  grammarName: 'AArch64',
  instrActions,
  registerHint: 'X0-X30 (W0-W30 name the same registers)',
  normaliseReg: normaliseA64Reg,
  compareRegs: compareA64Regs,
  printInstr: printA64Instr,
  labelsUsed,
};
