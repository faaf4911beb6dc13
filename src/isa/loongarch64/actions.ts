/**
 * Semantic actions for grammar/loongarch64.ohm: each operand as written, then checked against the
 * slot its mnemonic's form (forms.ts) gives it, with a message at the operand that does not fit.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { fieldRange, inRange, mnemonicActions, type FormTable, type Slot } from '../shared/forms.js';
import { lookupLoongArchForm, type SlotKind, type SlotValue } from './forms.js';
import type { LoongArchParsed, Reg } from './instr.js';
import { REGISTER_HINT, loongArchRegs } from './regs.js';

type Operand = { k: 'imm'; node: ohm.Node; value: bigint } | { k: 'word'; node: ohm.Node; text: string };

/** [min, max] of each immediate kind. */
const RANGES: Partial<Record<SlotKind, [bigint, bigint]>> = {
  si12: fieldRange(12, true), ui12: fieldRange(12, false), ui5: fieldRange(5, false), ui6: fieldRange(6, false),
  si14x4: [-32768n, 32764n], imm32: [-(2n ** 31n), 2n ** 32n - 1n], imm64: [-(2n ** 63n), 2n ** 64n - 1n], hint: fieldRange(15, false),
}; // prettier-ignore

function register(node: ohm.Node): Reg {
  const r = loongArchRegs.parse(node.sourceString);
  if (r === undefined) reject(node, `unknown register '${node.sourceString}' (LoongArch has ${REGISTER_HINT})`);
  return r;
}

function value(o: Operand, slot: Slot<SlotKind>): SlotValue {
  const isRegister = o.k === 'word' && (o.text.startsWith('$') || loongArchRegs.parse(o.text) !== undefined);
  switch (slot.kind) {
    case 'reg':
      if (!isRegister) reject(o.node, `expected a register (${slot.name}), found '${o.node.sourceString}'`);
      return register(o.node);
    case 'label':
      if (o.k !== 'word' || isRegister) reject(o.node, `expected a label (${slot.name}), found '${o.node.sourceString}'`);
      return o.text;
    default: {
      if (o.k !== 'imm') reject(o.node, `expected an immediate (${slot.name}), found '${o.node.sourceString}'`);
      const [min, max] = RANGES[slot.kind]!;
      const what = slot.kind === 'si14x4' ? 'offset' : slot.kind === 'hint' ? 'hint' : 'immediate';
      const v = inRange(o.node, o.value, min, max, what);
      if (slot.kind === 'si14x4' && v % 4n !== 0n) reject(o.node, `offset ${v} is not a multiple of 4`);
      return v;
    }
  }
}

const table: FormTable<SlotKind, SlotValue, LoongArchParsed, Operand> = { anIsa: 'a LoongArch', lookup: lookupLoongArchForm, value };

export const loongArchActions: ohm.ActionDict<unknown> = {
  ...mnemonicActions(table),
  Operand_imm(n) {
    return { k: 'imm', node: this, value: build<bigint>(n) } satisfies Operand;
  },
  Operand_word(w) {
    return { k: 'word', node: this, text: w.sourceString } satisfies Operand;
  },
};
