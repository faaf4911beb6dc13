/**
 * Semantic actions for grammar/mips64.ohm: each operand as written, then checked against the slot
 * its mnemonic's form (forms.ts) gives it, with a message at the operand that does not fit.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { fieldRange, inRange, mnemonicActions, type FormTable, type Slot } from '../shared/forms.js';
import { lookupMipsForm, type SlotKind, type SlotValue } from './forms.js';
import type { MipsParsed, Reg } from './instr.js';
import { REGISTER_HINT, mipsRegs } from './regs.js';

type Operand =
  | { k: 'mem'; node: ohm.Node; offset: bigint; offsetNode: ohm.Node; base: ohm.Node }
  | { k: 'imm'; node: ohm.Node; value: bigint }
  | { k: 'reg'; node: ohm.Node }
  | { k: 'label'; node: ohm.Node; text: string };

const DESCRIBE: Record<Operand['k'], string> = { mem: 'a memory operand offset(base)', imm: 'an immediate', reg: 'a register', label: 'a label' };

/** [min, max] of each immediate kind. */
const RANGES: Partial<Record<SlotKind, [bigint, bigint]>> = {
  si16: fieldRange(16, true), ui16: fieldRange(16, false), sa: [0n, 31n], pos: [0n, 31n], size: [1n, 32n],
  li: [-(2n ** 31n), 2n ** 32n - 1n], imm64: [-(2n ** 63n), 2n ** 64n - 1n], stype: [0n, 31n],
}; // prettier-ignore

function register(node: ohm.Node): Reg {
  const r = mipsRegs.parse(node.sourceString);
  if (r === undefined) reject(node, `unknown register '${node.sourceString}' (MIPS has ${REGISTER_HINT})`);
  return r;
}

function value(o: Operand, slot: Slot<SlotKind>): SlotValue {
  const expect = (k: Operand['k']) => {
    if (o.k !== k) reject(o.node, `expected ${DESCRIBE[k]} (${slot.name}), found '${o.node.sourceString}'`);
  };
  switch (slot.kind) {
    case 'reg':
      expect('reg');
      return register(o.node);
    case 'label':
      expect('label');
      return (o as Extract<Operand, { k: 'label' }>).text;
    case 'mem': {
      expect('mem');
      const m = o as Extract<Operand, { k: 'mem' }>;
      const [min, max] = fieldRange(16, true);
      return { base: register(m.base), offset: inRange(m.offsetNode, m.offset, min, max, 'offset') };
    }
    default: {
      expect('imm');
      const [min, max] = RANGES[slot.kind]!;
      return inRange(o.node, (o as Extract<Operand, { k: 'imm' }>).value, min, max, slot.kind === 'stype' ? 'stype' : 'immediate');
    }
  }
}

const table: FormTable<SlotKind, SlotValue, MipsParsed, Operand> = { anIsa: 'a MIPS', lookup: lookupMipsForm, value };

export const mipsActions: ohm.ActionDict<unknown> = {
  ...mnemonicActions(table),
  Operand_mem(offset, _open, base, _close) {
    const offsetNode = offset.numChildren ? offset.child(0) : this;
    return { k: 'mem', node: this, offset: offset.numChildren ? build<bigint>(offset.child(0)) : 0n, offsetNode, base } satisfies Operand;
  },
  Operand_imm(n) {
    return { k: 'imm', node: this, value: build<bigint>(n) } satisfies Operand;
  },
  Operand_reg(_r) {
    return { k: 'reg', node: this } satisfies Operand;
  },
  Operand_label(l) {
    return { k: 'label', node: this, text: l.sourceString } satisfies Operand;
  },
};
