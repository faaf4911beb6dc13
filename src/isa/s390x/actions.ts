/**
 * Semantic actions for grammar/s390x.ohm: each operand as written, then checked against the slot
 * its mnemonic's form (forms.ts) gives it, with a message at the operand that does not fit.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { fieldRange, inRange, mnemonicActions, type FormTable, type Slot } from '../shared/forms.js';
import { IMMEDIATE_FIELDS, lookupS390xForm, type SlotKind, type SlotValue } from './forms.js';
import type { Addr, Reg, S390xParsed } from './instr.js';
import { REGISTER_HINT, s390xRegs } from './regs.js';

/** An operand as written, with its node for messages. */
type Operand =
  | { k: 'mem'; node: ohm.Node; disp: bigint; dispNode: ohm.Node; index: ohm.Node | undefined; base: ohm.Node | undefined }
  | { k: 'imm'; node: ohm.Node; value: bigint }
  | { k: 'word'; node: ohm.Node; text: string };

const DESCRIBE: Record<SlotKind, string> = {
  reg: 'a register', regNumber: 'a register', rx: 'a storage operand d(x,b)', rxy: 'a storage operand d(x,b)',
  rs: 'a storage operand d(b)', rsy: 'a storage operand d(b)', i8: 'an immediate', u8: 'an immediate', i16: 'an immediate',
  i32: 'an immediate', u32: 'an immediate', mask: 'a condition mask', label: 'a label',
}; // prettier-ignore

function wrongKind(o: Operand, slot: Slot<SlotKind>): never {
  return reject(o.node, `expected ${DESCRIBE[slot.kind]} (${slot.name}), found '${o.node.sourceString}'`);
}

function register(node: ohm.Node): Reg {
  const r = s390xRegs.parse(node.sourceString);
  if (r === undefined) reject(node, `unknown register '${node.sourceString}' (s390x has ${REGISTER_HINT})`);
  return r;
}

/** d(x,b) as the slot allows it: an index only in RX/RXY formats, a displacement of the format's size. */
function storage(o: Extract<Operand, { k: 'mem' }>, slot: Slot<SlotKind>): Addr {
  const indexed = slot.kind === 'rx' || slot.kind === 'rxy';
  if (!indexed && o.index) reject(o.index, `${slot.name} takes no index register: write d(b)`);
  if (!o.base && !o.index) reject(o.node, `${slot.name} needs a base register`);
  const [min, max] = slot.kind === 'rx' || slot.kind === 'rs' ? fieldRange(12, false) : fieldRange(20, true);
  const disp = inRange(o.dispNode, o.disp, min, max, 'displacement');
  return { disp, index: o.index ? register(o.index) : 0, base: o.base ? register(o.base) : 0 };
}

function value(o: Operand, slot: Slot<SlotKind>): SlotValue {
  switch (slot.kind) {
    case 'reg':
      if (o.k !== 'word') wrongKind(o, slot);
      return register(o.node);
    case 'regNumber':
      if (o.k === 'imm') return Number(inRange(o.node, o.value, 0n, 15n, 'register'));
      if (o.k !== 'word') wrongKind(o, slot);
      return register(o.node);
    case 'label':
      if (o.k !== 'word' || s390xRegs.parse(o.text) !== undefined) wrongKind(o, slot);
      return o.text;
    case 'rx':
    case 'rxy':
    case 'rs':
    case 'rsy':
      if (o.k !== 'mem') wrongKind(o, slot);
      return storage(o, slot);
    default: {
      if (o.k !== 'imm') wrongKind(o, slot);
      const [bits, signed] = IMMEDIATE_FIELDS[slot.kind]!;
      const [min, max] = fieldRange(bits, signed);
      return inRange(o.node, o.value, min, max, slot.kind === 'mask' ? 'mask' : 'immediate');
    }
  }
}

const table: FormTable<SlotKind, SlotValue, S390xParsed, Operand> = { anIsa: 'an s390x', lookup: lookupS390xForm, value };

export const s390xActions: ohm.ActionDict<unknown> = {
  ...mnemonicActions(table),
  Operand_mem(m) {
    return build<Operand>(m);
  },
  Operand_imm(n) {
    return { k: 'imm', node: this, value: build<bigint>(n) } satisfies Operand;
  },
  Operand_word(w) {
    return { k: 'word', node: this, text: w.sourceString } satisfies Operand;
  },
  Storage(disp, _open, first, base, _close) {
    const dispNode = disp.numChildren ? disp.child(0) : this;
    const firstNode = first.numChildren ? first.child(0) : undefined;
    const baseNode = base.numChildren ? base.child(0).child(1) : undefined;
    // d(b) names the base; d(x,b) an index and a base; d(,b) a base
    const [index, b] = base.numChildren ? [firstNode, baseNode] : [undefined, firstNode];
    return { k: 'mem', node: this, disp: disp.numChildren ? build<bigint>(disp.child(0)) : 0n, dispNode, index, base: b } satisfies Operand;
  },
};
