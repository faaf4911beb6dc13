/**
 * Semantic actions for grammar/sparc64.ohm: each operand as written, then checked against the slot
 * its mnemonic's form (forms.ts) gives it, with a message at the operand that does not fit.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { fieldRange, inRange, mnemonicActions, type FormTable, type Slot } from '../shared/forms.js';
import { lookupSparcForm, type SlotKind, type SlotValue } from './forms.js';
import { MEMBAR_BITS, type Addr, type Reg, type SparcParsed, type Src } from './instr.js';
import { REGISTER_HINT, sparcRegs } from './regs.js';

type Operand =
  | { k: 'mem'; node: ohm.Node; base: ohm.Node; sign: '+' | '-' | undefined; offset: Operand | undefined }
  | { k: 'mask'; node: ohm.Node; tags: ohm.Node[] }
  | { k: 'imm'; node: ohm.Node; value: bigint }
  | { k: 'word'; node: ohm.Node; text: string };

const DESCRIBE: Record<SlotKind, string> = {
  reg: 'a register', src: 'a register or an immediate', shcnt32: 'a register or a shift count', shcnt64: 'a register or a shift count',
  addr: 'an address [reg+offset]', casAddr: 'an address [reg]', membarMask: 'a membar mask such as #StoreLoad', cc: 'a condition-code register',
  set: 'an immediate', label: 'a label',
}; // prettier-ignore

const SIMM13 = fieldRange(13, true);

function wrongKind(o: Operand, slot: Slot<SlotKind>): never {
  return reject(o.node, `expected ${DESCRIBE[slot.kind]} (${slot.name}), found '${o.node.sourceString}'`);
}

function register(node: ohm.Node): Reg {
  const r = sparcRegs.parse(node.sourceString);
  if (r === undefined) reject(node, `unknown register '${node.sourceString}' (SPARC has ${REGISTER_HINT})`);
  return r;
}

const isRegisterWord = (o: Operand): o is Extract<Operand, { k: 'word' }> => o.k === 'word' && o.text.startsWith('%');

/** A register, or an immediate in [min, max]. */
function source(o: Operand, slot: Slot<SlotKind>, min: bigint, max: bigint, what: string): Src {
  if (o.k === 'imm') return { k: 'imm', value: inRange(o.node, o.value, min, max, what) };
  if (!isRegisterWord(o)) wrongKind(o, slot);
  return { k: 'reg', reg: register(o.node) };
}

function address(o: Extract<Operand, { k: 'mem' }>, slot: Slot<SlotKind>): Addr {
  const base = register(o.base);
  if (!o.offset) return { base, offset: { k: 'imm', value: 0n } };
  if (slot.kind === 'casAddr') reject(o.offset.node, `cas and casx address memory by a register alone: write [${o.base.sourceString}]`);
  if (o.offset.k === 'imm') {
    const value = o.sign === '-' ? -o.offset.value : o.offset.value;
    return { base, offset: { k: 'imm', value: inRange(o.offset.node, value, SIMM13[0], SIMM13[1], 'offset') } };
  }
  if (o.sign === '-') reject(o.offset.node, 'an index register is added, not subtracted: write [rs1+rs2]');
  return { base, offset: { k: 'reg', reg: register(o.offset.node) } };
}

function membarMask(o: Operand, slot: Slot<SlotKind>): number {
  if (o.k === 'imm') return Number(inRange(o.node, o.value, 0n, 127n, 'membar mask'));
  if (o.k !== 'mask') wrongKind(o, slot);
  let mask = 0;
  for (const tag of o.tags) {
    const name = tag.sourceString.slice(1).toLowerCase();
    const bit = MEMBAR_BITS.findIndex((b) => b.toLowerCase() === name);
    if (bit < 0) reject(tag, `unknown membar mask '${tag.sourceString}' (expected ${MEMBAR_BITS.map((b) => `#${b}`).join(', ')})`);
    mask |= 1 << bit;
  }
  return mask;
}

function value(o: Operand, slot: Slot<SlotKind>): SlotValue {
  switch (slot.kind) {
    case 'reg':
      if (!isRegisterWord(o)) wrongKind(o, slot);
      return register(o.node);
    case 'src':
      return source(o, slot, SIMM13[0], SIMM13[1], 'immediate');
    case 'shcnt32':
      return source(o, slot, 0n, 31n, 'shift count');
    case 'shcnt64':
      return source(o, slot, 0n, 63n, 'shift count');
    case 'addr':
    case 'casAddr':
      if (o.k !== 'mem') wrongKind(o, slot);
      return address(o, slot);
    case 'membarMask':
      return membarMask(o, slot);
    case 'cc': {
      const text = o.node.sourceString.toLowerCase();
      if (text !== '%icc' && text !== '%xcc') wrongKind(o, slot);
      return text.slice(1);
    }
    case 'set':
      if (o.k !== 'imm') wrongKind(o, slot);
      return inRange(o.node, o.value, SIMM13[0], 2n ** 32n - 1n, 'constant');
    case 'label':
      if (o.k !== 'word' || o.text.startsWith('%')) wrongKind(o, slot);
      return o.text;
  }
}

const table: FormTable<SlotKind, SlotValue, SparcParsed, Operand> = { anIsa: 'a SPARC', lookup: lookupSparcForm, value };

export const sparcActions: ohm.ActionDict<unknown> = {
  ...mnemonicActions(table),
  Operand_mem(_open, base, offset, _close) {
    const off = offset.numChildren ? offset.child(0) : undefined; // AddrOffset: a sign, then a number or a register
    const n = off?.child(1);
    const operand: Operand | undefined =
      n === undefined ? undefined : n.ctorName === 'intLit' ? { k: 'imm', node: n, value: build<bigint>(n) } : { k: 'word', node: n, text: n.sourceString };
    return { k: 'mem', node: this, base, sign: off ? (off.child(0).sourceString as '+' | '-') : undefined, offset: operand } satisfies Operand;
  },
  Operand_mask(list) {
    return { k: 'mask', node: this, tags: list.asIteration().children } satisfies Operand;
  },
  Operand_imm(n) {
    return { k: 'imm', node: this, value: build<bigint>(n) } satisfies Operand;
  },
  Operand_word(w) {
    return { k: 'word', node: this, text: w.sourceString } satisfies Operand;
  },
};
