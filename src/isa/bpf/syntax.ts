/** The BPF front end: grammar/bpf.ohm plus the actions, printing and checks of src/isa/bpf/. */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { bpfActions } from './actions.js';
import type { BpfInstr } from './instr.js';
import { printBpfInstr } from './print.js';
import { compareBpfRegs, normaliseBpfReg } from './regs.js';
import { checkJumps } from './targets.js';

export const bpfSyntax: IsaSyntax<BpfInstr> = {
  archNames: ['BPF'],
  grammarFile: 'bpf.ohm',
  grammarName: 'BPF',
  instrActions: bpfActions,
  registerHint: 'r0-r10 or fp; wN registers only appear in instructions',
  normaliseReg: normaliseBpfReg,
  compareRegs: compareBpfRegs,
  printInstr: printBpfInstr,
  labelsUsed: (i) => ((i.op === 'goto' || i.op === 'if') && i.target.k === 'label' ? [i.target.name] : []),
  checkThread: checkJumps,
};
