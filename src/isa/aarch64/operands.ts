/**
 * Operands as the grammar sees them (a register, `#imm`, `LSL #2`, a word, `[...]`), and a
 * cursor over an instruction's operand list that the instruction forms (forms.ts) read typed
 * operands from, rejecting the first one that does not fit with a message at its position.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { int64Of } from '../../litmus/build.js';
import { ZR, type Addr, type Extend, type Index, type Operand, type Reg, type Shift } from './instr.js';
import { parseInstrReg, regName } from './regs.js';

export type RawOperand = { node: ohm.Node } & (
  | { k: 'reg'; reg: Reg }
  | { k: 'imm'; value: bigint }
  | { k: 'modifier'; name: string; amount: bigint } // `LSL #2`
  | { k: 'word'; name: string }
  | { k: 'mem'; parts: RawOperand[]; writeBack: boolean }
);

const SHIFTS: readonly string[] = ['LSL', 'LSR', 'ASR', 'ROR'] satisfies Shift[];
const EXTENDS: readonly string[] = ['UXTB', 'UXTH', 'UXTW', 'UXTX', 'SXTB', 'SXTH', 'SXTW', 'SXTX'] satisfies Extend[];

/** Actions of the operand rules of grammar/aarch64.ohm. */
export const operandActions: ohm.ActionDict<unknown> = {
  Operands(list) {
    return list.asIteration().children.map((n) => build<RawOperand>(n));
  },
  Operand_mem(address, bang) {
    return { node: this, k: 'mem', parts: build<RawOperand[]>(address), writeBack: bang.numChildren > 0 } satisfies RawOperand;
  },
  Operand_imm(imm) {
    return build(imm);
  },
  Operand_reg(reg) {
    return build(reg);
  },
  Operand_modifier(modifier) {
    return build(modifier);
  },
  Operand_word(word) {
    return build(word);
  },
  Address(_open, parts, _close) {
    return parts.asIteration().children.map((n) => build<RawOperand>(n));
  },
  Modifier(word, imm) {
    return { node: this, k: 'modifier', name: word.sourceString.toUpperCase(), amount: build<RawOperand & { k: 'imm' }>(imm).value } satisfies RawOperand;
  },
  Immediate(_hash, value) {
    return { node: this, k: 'imm', value: int64Of(value) } satisfies RawOperand;
  },
  reg_numbered(_letter, _digits) {
    const reg = parseInstrReg(this.sourceString);
    if (!reg) reject(this, `unknown register '${this.sourceString}' (AArch64 has X0-X30, W0-W30, XZR and WZR)`);
    return { node: this, k: 'reg', reg } satisfies RawOperand;
  },
  reg_zero(_name) {
    return { node: this, k: 'reg', reg: parseInstrReg(this.sourceString)! } satisfies RawOperand;
  },
  reg_sp(_name) {
    return reject(this, `the stack pointer ${this.sourceString} is not supported: use a general-purpose register`);
  },
  word(_ident) {
    return { node: this, k: 'word', name: this.sourceString } satisfies RawOperand;
  },
};

/** The addressing modes an instruction accepts (see OperandCursor.address). */
export type AddressForms = 'base' | 'offset' | 'any';

/** How a register operand may be written: any width, or only X / only W. */
export type Width = 'any' | 'X' | 'W';

/** The operands of one instruction, read left to right. */
export class OperandCursor {
  private i = 0;

  constructor(
    private readonly mnemonicNode: ohm.Node,
    readonly mnemonic: string,
    private readonly ops: readonly RawOperand[],
    private readonly usage: string,
  ) {}

  private next(what: string): RawOperand {
    const op = this.ops[this.i++];
    if (!op) reject(this.mnemonicNode, `${this.mnemonic} is missing ${what} (usage: ${this.usage})`);
    return op;
  }

  /** Whether another operand follows. */
  get more(): boolean {
    return this.i < this.ops.length;
  }

  peek(): RawOperand | undefined {
    return this.ops[this.i];
  }

  /** No operand may follow. */
  end(): void {
    const extra = this.ops[this.i];
    if (extra) reject(extra.node, `${this.mnemonic} takes no more operands here (usage: ${this.usage})`);
  }

  reg(what: string, width: Width = 'any', zeroOk = true): Reg {
    const op = this.next(what);
    if (op.k !== 'reg') reject(op.node, `${this.mnemonic} expects ${what} here, not '${op.node.sourceString}'`);
    return checkReg(op, this.mnemonic, what, width, zeroOk);
  }

  /** A register of the same width as `like` (`ADD W1,W2,W3`). */
  sameWidth(what: string, like: Reg): Reg {
    return this.reg(what, like.wide ? 'X' : 'W');
  }

  imm(what: string): bigint {
    const op = this.next(what);
    if (op.k !== 'imm') reject(op.node, `${this.mnemonic} expects ${what} (#n) here, not '${op.node.sourceString}'`);
    return op.value;
  }

  word(what: string): { name: string; node: ohm.Node } {
    const op = this.next(what);
    if (op.k !== 'word') reject(op.node, `${this.mnemonic} expects ${what} here, not '${op.node.sourceString}'`);
    return { name: op.name, node: op.node };
  }

  label(): string {
    return this.word('a label').name;
  }

  /**
   * The flexible second operand of an ALU instruction: `#imm`, `Rm`, `Rm, LSL #n`, or with
   * `extended`, `Wm, SXTW` (ADD and SUB only). `like` is the destination: a register must
   * have its width, except the W register of an extension.
   */
  operand2(like: Reg, opts: { imm: boolean; shift: boolean; extended: boolean }): Operand {
    const op = this.next('an operand');
    if (op.k === 'imm') {
      if (!opts.imm) reject(op.node, `${this.mnemonic} takes a register here, not an immediate`);
      if (!like.wide && (op.value < -(2n ** 31n) || op.value >= 2n ** 32n)) reject(op.node, `${op.value} does not fit in a 32-bit register`);
      return { k: 'imm', value: op.value };
    }
    if (op.k !== 'reg') reject(op.node, `${this.mnemonic} expects a register or #imm here, not '${op.node.sourceString}'`);
    const modifier = this.peek();
    const ext = modifier && extendOf(modifier);
    if (ext && opts.extended) {
      this.i++;
      const reg = checkReg(op, this.mnemonic, 'the extended register', ext.ext.endsWith('X') ? 'X' : 'any', true);
      if (ext.amount > 4) reject(modifier.node, `an extended register is shifted by 0-4, not ${ext.amount}`);
      return { k: 'ext', reg, ext: ext.ext, amount: ext.amount };
    }
    const reg = checkReg(op, this.mnemonic, 'a register', like.wide ? 'X' : 'W', true);
    if (modifier && modifier.k === 'modifier' && SHIFTS.includes(modifier.name)) {
      if (!opts.shift) reject(modifier.node, `${this.mnemonic} takes no shift`);
      this.i++;
      const max = like.wide ? 63n : 31n;
      if (modifier.amount < 0n || modifier.amount > max) reject(modifier.node, `shift amount ${modifier.amount} is out of range 0-${max}`);
      return { k: 'reg', reg, shift: { op: modifier.name as Shift, amount: Number(modifier.amount) } };
    }
    return { k: 'reg', reg };
  }

  /**
   * A memory operand. `forms`: `base` only `[Xn]` or `[Xn,#0]` (acquire/release, exclusive and
   * atomic accesses), `offset` also `[Xn,#imm]` (LDUR, STLUR...), `any` every addressing mode.
   * A post-index `[Xn],#imm` takes the next operand too.
   */
  address(forms: AddressForms): Addr {
    const op = this.next('a memory operand [Xn...]');
    if (op.k !== 'mem') reject(op.node, `${this.mnemonic} expects a memory operand [Xn...] here, not '${op.node.sourceString}'`);
    const [baseOp, ...rest] = op.parts;
    if (baseOp?.k !== 'reg') reject(baseOp?.node ?? op.node, `an address starts with its base register Xn`);
    const base = checkReg(baseOp, this.mnemonic, 'the base register', 'X', false);
    const addr: Addr = { base, off: 0n, mode: op.writeBack ? 'pre' : 'offset' };
    const [second, third, ...extra] = rest;
    if (extra.length) reject(extra[0]!.node, `unexpected '${extra[0]!.node.sourceString}' in the address`);
    if (second?.k === 'imm') {
      if (third) reject(third.node, `unexpected '${third.node.sourceString}' after the offset`);
      addr.off = second.value;
    } else if (second?.k === 'reg') {
      addr.index = indexOf(second, third, this.mnemonic);
    } else if (second) {
      reject(second.node, `expected an offset #n or an index register in the address, not '${second.node.sourceString}'`);
    }
    if (op.writeBack && second?.k !== 'imm') reject(op.node, `pre-indexing ([Xn,#imm]!) needs an immediate offset`);
    const post = this.peek();
    if (post?.k === 'imm' && !op.writeBack) {
      this.i++;
      addr.mode = 'post';
      if (second) reject(post.node, `post-indexing ([Xn],#imm) takes no offset inside the brackets`);
      addr.off = post.value;
    }
    if (forms === 'base' && (addr.index || addr.off !== 0n || addr.mode !== 'offset'))
      reject(op.node, `${this.mnemonic} only takes a base register: write [${regName(base)}]`);
    if (forms === 'offset' && (addr.index || addr.mode !== 'offset'))
      reject(op.node, `${this.mnemonic} only takes a base register and an offset: [${regName(base)},#imm]`);
    return addr;
  }
}

function checkReg(op: RawOperand & { k: 'reg' }, mnemonic: string, what: string, width: Width, zeroOk: boolean): Reg {
  const { reg } = op;
  if (!zeroOk && reg.n === ZR) reject(op.node, `${mnemonic} cannot use ${regName(reg)} as ${what}`);
  if (width === 'X' && !reg.wide) reject(op.node, `${mnemonic} needs a 64-bit X register as ${what}, not ${regName(reg)}`);
  if (width === 'W' && reg.wide) reject(op.node, `${mnemonic} needs a 32-bit W register as ${what}, not ${regName(reg)}`);
  return reg;
}

/** `SXTW` or `SXTW #2` after a register. */
function extendOf(op: RawOperand): { ext: Extend; amount: number } | undefined {
  if (op.k === 'word' && EXTENDS.includes(op.name.toUpperCase())) return { ext: op.name.toUpperCase() as Extend, amount: 0 };
  if (op.k === 'modifier' && EXTENDS.includes(op.name)) return { ext: op.name as Extend, amount: Number(op.amount) };
  return undefined;
}

/** The index of `[Xn,Xm{,LSL #s}]` or `[Xn,Wm,SXTW|UXTW{ #s}]` or `[Xn,Xm,SXTX]`. */
function indexOf(regOp: RawOperand & { k: 'reg' }, modifier: RawOperand | undefined, mnemonic: string): Index {
  const reg = regOp.reg;
  if (!modifier) {
    if (!reg.wide) reject(regOp.node, `a W index register needs an extension: write ${regName(reg)}, SXTW or ${regName(reg)}, UXTW`);
    return { reg, ext: 'LSL', amount: 0 };
  }
  const name = modifier.k === 'word' || modifier.k === 'modifier' ? modifier.name.toUpperCase() : '';
  const amount = modifier.k === 'modifier' ? Number(modifier.amount) : 0;
  if (name === 'LSL' && modifier.k === 'modifier') {
    if (!reg.wide) reject(regOp.node, `LSL needs an X index register, not ${regName(reg)}`);
    return checkIndexAmount({ reg, ext: 'LSL', amount }, modifier);
  }
  if (name === 'SXTW' || name === 'UXTW') {
    if (reg.wide) reject(regOp.node, `${name} extends a W register, not ${regName(reg)}`);
    return checkIndexAmount({ reg, ext: name, amount }, modifier);
  }
  if (name === 'SXTX') {
    if (!reg.wide) reject(regOp.node, `SXTX needs an X index register, not ${regName(reg)}`);
    return checkIndexAmount({ reg, ext: 'SXTX', amount }, modifier);
  }
  return reject(modifier.node, `${mnemonic}: an index register takes LSL #n, SXTW, UXTW or SXTX, not '${modifier.node.sourceString}'`);
}

function checkIndexAmount(index: Index, node: RawOperand): Index {
  if (index.amount < 0 || index.amount > 4) reject(node.node, `an index is shifted by 0-4, not ${index.amount}`);
  return index;
}
