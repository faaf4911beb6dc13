/**
 * Semantic actions for grammar/x86.ohm: operands of each dialect -> RawOperand, then the
 * instruction is decoded (decode.ts), which is where mnemonics and operand rules are checked.
 * Registers are resolved here, because only the dialect knows which words are registers.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { decode, type RawInstr, type RawOperand } from './decode.js';
import type { Mem, Reg, Size } from './instr.js';
import { lookupReg, unavailableIn, type Dialect } from './regs.js';

const PTR_SIZES: Record<string, Size> = { byte: 8, word: 16, dword: 32, qword: 64 };

/** A register named in an instruction, or undefined when the word is no register. */
function registerOf(node: ohm.Node, name: string, dialect: Dialect): Reg | undefined {
  const reg = lookupReg(name);
  if (!reg) return undefined;
  const why = unavailableIn(dialect, reg);
  if (why) reject(node, why);
  return reg;
}

/** An address register: 32 or 64 bits, not a byte register. */
function addressReg(node: ohm.Node, reg: Reg): Reg {
  if (reg.size < 32) reject(node, `an address register must be 32 or 64 bits wide, not ${node.sourceString.replace(/^%/, '')}`);
  return reg;
}

/** Adds a register to an address: as the base unless it is scaled (or AT&T's index), else as the index. */
function addRegister(mem: Mem, node: ohm.Node, reg: Reg, scale: bigint, asIndex = scale !== 1n): void {
  if (![1n, 2n, 4n, 8n].includes(scale)) reject(node, `a scale must be 1, 2, 4 or 8, not ${scale}`);
  const r = addressReg(node, reg);
  if (!asIndex && !mem.base) mem.base = r;
  else if (!mem.index) {
    mem.index = r;
    mem.scale = Number(scale) as Mem['scale'];
  } else reject(node, 'an address has at most a base and an index register');
  if (mem.base && mem.index && mem.base.size !== mem.index.size) reject(node, 'the base and index registers of an address must have the same width');
}

function addLocation(mem: Mem, node: ohm.Node, name: string): void {
  if (mem.loc !== undefined) reject(node, `an address names at most one location (${mem.loc} already)`);
  mem.loc = name;
}

/** The operands, if any: an optional `NonemptyListOf` (so that a bare `MFENCE` keeps no trailing blanks). */
const operands = (opt: ohm.Node): RawOperand[] =>
  opt.numChildren ? opt.child(0).child(0).asIteration().children.map((n) => build<RawOperand>(n)) : [];

function instrAction(dialect: Dialect) {
  return function (this: ohm.Node, lock: ohm.Node, mnemonic: ohm.Node, list: ohm.Node) {
    const raw: RawInstr = { dialect, mnemonic, operands: operands(list), node: this };
    if (lock.numChildren) raw.lock = lock.child(0);
    return decode(raw);
  };
}

const common: ohm.ActionDict<unknown> = {
  number(_digits) {
    return BigInt(this.sourceString);
  },
};

export const intelActions: ohm.ActionDict<unknown> = {
  ...common,
  Instr: instrAction('X86'),
  IntelOperand(inner) {
    if (inner.ctorName !== 'Word') return build(inner);
    const name = inner.sourceString;
    const reg = registerOf(inner, name, 'X86');
    return { v: reg ? { k: 'reg', reg } : { k: 'word', name }, node: this } satisfies RawOperand;
  },
  IntelImm(_dollar, value) {
    return { v: { k: 'imm', value: build<bigint>(value) }, node: this } satisfies RawOperand;
  },
  IntelMem(ptr, _open, first, rest, _close) {
    const mem: Mem = { scale: 1, disp: 0n };
    const term = (node: ohm.Node, negative: boolean) => {
      const t = node.child(0); // AddrTerm_scaled | AddrTerm_name | AddrTerm_disp
      if (t.ctorName === 'AddrTerm_disp') {
        const n = build<bigint>(t.child(0));
        mem.disp += negative ? -n : n;
        return;
      }
      const word = t.child(0);
      if (negative) reject(word, 'a register or a location cannot be subtracted in an address');
      const scale = t.ctorName === 'AddrTerm_scaled' ? build<bigint>(t.child(2)) : 1n;
      const reg = registerOf(word, word.sourceString, 'X86');
      if (reg) addRegister(mem, word, reg, scale);
      else if (scale !== 1n) reject(word, `'${word.sourceString}' is not a register: only registers can be scaled`);
      else addLocation(mem, word, word.sourceString);
    };
    term(first, false);
    for (const r of rest.children) term(r.child(1), r.child(0).sourceString === '-');
    const raw: RawOperand = { v: { k: 'mem', mem }, node: this };
    if (ptr.numChildren) raw.ptr = PTR_SIZES[ptr.child(0).child(0).sourceString.toLowerCase()]!;
    return raw;
  },
};

export const attActions: ohm.ActionDict<unknown> = {
  ...common,
  Instr: instrAction('X86_64'),
  AttOperand(inner) {
    if (inner.ctorName === 'attReg') return { v: { k: 'reg', reg: build<Reg>(inner) }, node: this } satisfies RawOperand;
    if (inner.ctorName === 'Word') return { v: { k: 'word', name: inner.sourceString }, node: this } satisfies RawOperand;
    return build(inner);
  },
  attReg(_percent, name) {
    const reg = registerOf(this, name.sourceString, 'X86_64');
    if (!reg) reject(this, `unknown register '${this.sourceString}'`);
    return reg;
  },
  AttImm(_dollar, value) {
    return { v: { k: 'imm', value: build<bigint>(value) }, node: this } satisfies RawOperand;
  },
  AttMem(disp, _open, base, index, _close) {
    const mem: Mem = { scale: 1, disp: disp.numChildren ? build<bigint>(disp.child(0)) : 0n };
    if (base.numChildren) {
      const b = base.child(0).child(0);
      if (b.ctorName === 'attReg') addRegister(mem, b, build<Reg>(b), 1n);
      else addLocation(mem, b, b.sourceString);
    }
    if (index.numChildren) {
      const [, reg, scale] = index.child(0).children as [ohm.Node, ohm.Node, ohm.Node];
      addRegister(mem, reg, build<Reg>(reg), scale.numChildren ? build<bigint>(scale.child(0).child(1)) : 1n, true);
    }
    return { v: { k: 'mem', mem }, node: this } satisfies RawOperand;
  },
};
