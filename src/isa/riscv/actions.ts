/**
 * Semantic actions for grammar/riscv.ohm: parse tree -> RiscvOp. The grammar reads any
 * `mnemonic operand, ...`; here the mnemonic picks its form (forms.ts) and each operand is
 * checked against the form's slot, with a message at the operand that does not fit.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import type { FenceSet, RiscvOp } from './instr.js';
import { FormError, lookupForm, type Form, type Lookup, type Slot, type SlotValue } from './forms.js';
import { parseReg } from './regs.js';

/** An operand as written, with its node for messages. */
type Operand =
  | { k: 'mem'; node: ohm.Node; off: bigint; offNode: ohm.Node | undefined; base: ohm.Node }
  | { k: 'imm'; node: ohm.Node; value: bigint }
  | { k: 'word'; node: ohm.Node; text: string };

const REGISTER_HINT = 'RISC-V has x0-x31 and the ABI names zero, ra, sp, gp, tp, t0-t6, s0-s11, fp, a0-a7';

const IMM12_MIN = -2048n;
const IMM12_MAX = 2047n;

function register(node: ohm.Node): number {
  const text = node.sourceString;
  const r = parseReg(text);
  if (r === undefined) reject(node, `unknown register '${text}' (${REGISTER_HINT})`);
  return r;
}

function inRange(node: ohm.Node, value: bigint, min: bigint, max: bigint, what: string): bigint {
  if (value < min || value > max) reject(node, `${what} ${value} is out of range (${min}..${max})`);
  return value;
}

/** `rw`, `iorw`, `w`: the letters i, o, r, w, each at most once and in that order. */
function fenceSet(node: ohm.Node): FenceSet {
  const text = node.sourceString.toLowerCase();
  if (!/^i?o?r?w?$/.test(text) || text === '')
    reject(node, `'${node.sourceString}' is not a fence set: write some of i, o, r, w in that order (rw, r, w, iorw)`);
  return { i: text.includes('i'), o: text.includes('o'), r: text.includes('r'), w: text.includes('w') };
}

const DESCRIBE: Record<Slot['kind'], string> = {
  reg: 'a register', imm12: 'an immediate', shamt: 'a shift amount', shamtw: 'a shift amount', uimm20: 'an immediate',
  imm64: 'an immediate', mem: 'a memory operand offset(register)', amem: 'a memory operand (register)', label: 'a label', fset: 'a fence set such as rw',
}; // prettier-ignore

function wrongKind(o: Operand, slot: Slot): never {
  return reject(o.node, `expected ${DESCRIBE[slot.kind]} (${slot.name}), found '${o.node.sourceString}'`);
}

/** The value of one operand for its slot. */
function operandValue(o: Operand, slot: Slot): SlotValue {
  switch (slot.kind) {
    case 'reg':
    case 'label':
    case 'fset':
      if (o.k !== 'word') wrongKind(o, slot);
      return slot.kind === 'reg' ? register(o.node) : slot.kind === 'fset' ? fenceSet(o.node) : o.text;
    case 'imm12':
    case 'shamt':
    case 'shamtw':
    case 'uimm20':
    case 'imm64': {
      if (o.k !== 'imm') wrongKind(o, slot);
      if (slot.kind === 'imm12') return inRange(o.node, o.value, IMM12_MIN, IMM12_MAX, 'immediate');
      if (slot.kind === 'shamt') return inRange(o.node, o.value, 0n, 63n, 'shift amount');
      if (slot.kind === 'shamtw') return inRange(o.node, o.value, 0n, 31n, 'shift amount');
      if (slot.kind === 'uimm20') return inRange(o.node, o.value, -(2n ** 19n), 2n ** 20n - 1n, 'immediate');
      return o.value;
    }
    case 'mem':
    case 'amem': {
      if (o.k !== 'mem') wrongKind(o, slot);
      const base = register(o.base);
      if (slot.kind === 'amem' && o.off !== 0n) reject(o.offNode ?? o.node, `atomic accesses take no offset: write (${o.base.sourceString})`);
      return { base, off: inRange(o.offNode ?? o.node, o.off, IMM12_MIN, IMM12_MAX, 'offset') };
    }
  }
}

function usage(name: string, form: Form): string {
  return form.slots.length === 0 ? `${name} takes no operands` : `${name} takes ${form.slots.map((s) => s.name).join(', ')}`;
}

function formOf(mnemonic: ohm.Node, count: number): Lookup {
  try {
    return lookupForm(mnemonic.sourceString, count);
  } catch (e) {
    if (e instanceof FormError) reject(mnemonic, e.message);
    throw e;
  }
}

export const riscvActions: ohm.ActionDict<unknown> = {
  Instr(mnemonic, operandsIter) {
    const operands = operandsIter.numChildren ? build<Operand[]>(operandsIter.child(0)) : [];
    const found = formOf(mnemonic, operands.length);
    if (found.k === 'unsupported') reject(mnemonic, `'${mnemonic.sourceString}' is a RISC-V instruction that bpf-herd does not support`);
    if (found.k === 'unknown') reject(mnemonic, `unknown instruction '${mnemonic.sourceString}'`);
    const { form, name } = found;
    if (operands.length > form.slots.length) reject(operands[form.slots.length]!.node, `too many operands: ${usage(name, form)}`);
    if (operands.length < form.slots.length) reject(mnemonic, `missing operand: ${usage(name, form)}`);
    return form.build(operands.map((o, i) => operandValue(o, form.slots[i]!))) satisfies RiscvOp;
  },
  Operands(list) {
    return list.asIteration().children.map((n) => build<Operand>(n));
  },
  Operand_mem(m) {
    return build<Operand>(m);
  },
  Operand_imm(n) {
    return { k: 'imm', node: this, value: build<bigint>(n) } satisfies Operand;
  },
  Operand_word(w) {
    return { k: 'word', node: this, text: w.sourceString } satisfies Operand;
  },
  MemOperand(offset, _open, base, _close) {
    const offNode = offset.numChildren ? offset.child(0) : undefined;
    return { k: 'mem', node: this, off: offNode ? build<bigint>(offNode) : 0n, offNode, base } satisfies Operand;
  },
};
