/**
 * The x86 front ends: grammar/x86.ohm holds both herd7 dialects, `X86` (Intel syntax, 32-bit,
 * registers observed as EAX) and `X86_64` (AT&T syntax, registers observed as rax). They share the
 * instruction type, decoding, semantics and model; only spelling and register names differ.
 */
import type { IsaSyntax } from '../../litmus/syntax.js';
import { attActions, intelActions } from './actions.js';
import type { X86Instr } from './instr.js';
import { printAtt, printIntel } from './print.js';
import { compareRegs, normaliseReg, REGISTER_HINT, type Dialect } from './regs.js';

const labelsUsed = (i: X86Instr): readonly string[] => (i.op === 'jmp' || i.op === 'jcc' ? [i.target] : []);

function x86Syntax(dialect: Dialect): IsaSyntax<X86Instr> {
  return {
    archNames: [dialect],
    grammarFile: 'x86.ohm',
    grammarName: dialect,
    instrActions: dialect === 'X86' ? intelActions : attActions,
    registerHint: REGISTER_HINT[dialect],
    normaliseReg: (name) => normaliseReg(name, dialect),
    compareRegs,
    printInstr: dialect === 'X86' ? printIntel : printAtt,
    labelsUsed,
  };
}

export const x86IntelSyntax = x86Syntax('X86');
export const x86AttSyntax = x86Syntax('X86_64');
