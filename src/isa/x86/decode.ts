/**
 * A parsed `[lock] mnemonic operand, ...` -> X86Op: the operand kinds each instruction takes,
 * the operand size (from an AT&T suffix, a register, `DWORD PTR`, or herd7's X86 default of 32
 * bits), immediate ranges and where LOCK is allowed, as the Intel SDM defines them. Each mistake
 * is reported at the operand, prefix or mnemonic it concerns.
 */
import type * as ohm from 'ohm-js';
import { reject } from '../../litmus/syntax.js';
import type { Operand, Reg, RegOrMem, Size, X86Op } from './instr.js';
import { lookupMnemonic, type Mnemonic } from './mnemonics.js';
import type { Dialect } from './regs.js';

/** An operand as parsed: a word is a label (for jumps) or a mistake. */
export type Parsed = Operand | { k: 'word'; name: string };

export interface RawOperand {
  v: Parsed;
  node: ohm.Node;
  ptr?: Size; // Intel `DWORD PTR [x]`
}

export interface RawInstr {
  dialect: Dialect;
  lock?: ohm.Node;
  mnemonic: ohm.Node;
  operands: RawOperand[]; // as written (AT&T: source first)
  node: ohm.Node;
}

/** The instructions LOCK may prefix (Intel SDM, LOCK): those with a memory destination. */
const LOCKABLE = new Set<Mnemonic['kind']>(['alu', 'unary', 'xadd', 'xchg', 'cmpxchg']);

class Decoder {
  readonly name: string;
  readonly ops: RawOperand[]; // Intel order: destination first

  constructor(
    readonly raw: RawInstr,
    readonly m: Mnemonic,
    readonly suffix: Size | undefined,
  ) {
    this.name = raw.mnemonic.sourceString;
    this.ops = raw.dialect === 'X86_64' ? [...raw.operands].reverse() : raw.operands;
    if (suffix === 64 && raw.dialect === 'X86') reject(raw.mnemonic, `${this.name} is a 64-bit operation: X86 tests are 32-bit (use X86_64)`);
  }

  /** The operands, checked to be exactly `n`. */
  operands(n: number): RawOperand[] {
    if (this.ops.length !== n) {
      const at = this.ops.length > n ? this.raw.operands[n]!.node : this.raw.node;
      reject(at, `${this.name} takes ${n === 0 ? 'no operands' : n === 1 ? 'one operand' : `${n} operands`}, not ${this.ops.length}`);
    }
    return this.ops;
  }

  regOrMem(o: RawOperand, role: string): RegOrMem {
    if (o.v.k === 'reg' || o.v.k === 'mem') return o.v;
    if (o.v.k === 'imm') reject(o.node, `the ${role} of ${this.name} cannot be an immediate`);
    return this.notAnOperand(o, o.v.name);
  }

  reg(o: RawOperand, role: string): Reg {
    if (o.v.k === 'reg') return o.v.reg;
    if (o.v.k === 'word') this.notAnOperand(o, o.v.name);
    return reject(o.node, `the ${role} of ${this.name} must be a register`);
  }

  any(o: RawOperand): Operand {
    return o.v.k === 'word' ? this.notAnOperand(o, o.v.name) : o.v;
  }

  notAnOperand(o: RawOperand, name: string): never {
    const spelling = this.raw.dialect === 'X86' ? `[${name}] for the location, $1 for a number` : `(${name}) for the location, $1 for a number, %${name} for a register`;
    return reject(o.node, `'${name}' is not ${this.raw.dialect === 'X86' ? 'a register' : 'an operand'}: write ${spelling}`);
  }

  notBothMemory(a: RawOperand, b: RawOperand): void {
    if (a.v.k === 'mem' && b.v.k === 'mem') reject(this.raw.dialect === 'X86_64' ? a.node : b.node, `${this.name} cannot take two memory operands`);
  }

  /** The operation size: the suffix, and every register or `PTR` operand, must agree. */
  size(sized: RawOperand[]): Size {
    let size = this.suffix;
    for (const o of sized) {
      const s = o.v.k === 'reg' ? o.v.reg.size : o.v.k === 'mem' ? o.ptr : undefined;
      if (s === undefined) continue;
      if (size !== undefined && s !== size) reject(o.node, `operand size mismatch: ${o.node.sourceString} is ${s}-bit where ${this.name} works on ${size} bits`);
      size = s;
    }
    if (size !== undefined) return size;
    if (this.raw.dialect === 'X86') return 32; // herd7's X86 is a 32-bit machine: `MOV [x],$1` stores 32 bits
    const base = this.name.toLowerCase();
    return reject(this.raw.mnemonic, `${this.name}: the operand size is unknown, add a suffix (${base}b, ${base}w, ${base}l or ${base}q)`);
  }

  /** An immediate must fit the operation; 64-bit operations take a sign-extended 32-bit one, except a move to a register. */
  immediate(o: RawOperand, size: Size, full64 = false): void {
    if (o.v.k !== 'imm') return;
    const v = o.v.value;
    const [lo, hi] = size === 64 ? (full64 ? [-(2n ** 63n), 2n ** 64n] : [-(2n ** 31n), 2n ** 31n]) : [-(2n ** BigInt(size - 1)), 2n ** BigInt(size)];
    if (v < lo || v >= hi) reject(o.node, `${v} does not fit in ${size === 64 && !full64 ? 'a sign-extended 32-bit immediate' : `${size} bits`}`);
  }

  /** LOCK: only on the read-modify-write instructions, with a memory destination. */
  lock(dst?: RegOrMem): boolean {
    const at = this.raw.lock;
    if (!at) return false;
    if (!LOCKABLE.has(this.m.kind)) reject(at, `LOCK cannot prefix ${this.name}`);
    if (dst && dst.k !== 'mem') reject(at, `LOCK needs a memory operand: ${this.name} here only writes a register`);
    return true;
  }

  label(o: RawOperand): string {
    if (o.v.k !== 'word') reject(o.node, `${this.name} takes a label (indirect jumps are not supported)`);
    return o.v.name;
  }
}

export function decode(raw: RawInstr): X86Op {
  const written = raw.mnemonic.sourceString;
  if (written.toLowerCase() === 'lock') reject(raw.mnemonic, `LOCK is a prefix: it needs an instruction after it, such as LOCK ADD`);
  const found = lookupMnemonic(written);
  if ('unsupported' in found) reject(raw.mnemonic, `${written} is an x86 instruction that bpf-herd does not support`);
  if ('unknown' in found) reject(raw.mnemonic, `unknown instruction '${written}'`);
  const d = new Decoder(raw, found.ok.m, found.ok.size);
  return decodeOp(d, found.ok.m);
}

function decodeOp(d: Decoder, m: Mnemonic): X86Op {
  switch (m.kind) {
    case 'mov': {
      const [dst, src] = d.operands(2) as [RawOperand, RawOperand];
      d.notBothMemory(dst, src);
      const size = d.size([dst, src]);
      d.immediate(src, size, dst.v.k === 'reg');
      d.lock();
      return { op: 'mov', size, dst: d.regOrMem(dst, 'destination'), src: d.any(src) };
    }
    case 'movabs': {
      const [dst, src] = d.operands(2) as [RawOperand, RawOperand];
      const reg = d.reg(dst, 'destination');
      if (reg.size !== 64 || src.v.k !== 'imm') reject(d.raw.node, `${d.name} moves a 64-bit immediate into a 64-bit register`);
      d.lock();
      return { op: 'mov', size: 64, dst: { k: 'reg', reg }, src: src.v };
    }
    case 'movx':
      return decodeExtension(d, m);
    case 'alu': {
      const [dst, src] = d.operands(2) as [RawOperand, RawOperand];
      d.notBothMemory(dst, src);
      const size = d.size([dst, src]);
      d.immediate(src, size);
      const target = d.regOrMem(dst, 'destination');
      return { op: 'alu', alu: m.alu, size, dst: target, src: d.any(src), lock: d.lock(target) };
    }
    case 'unary': {
      const [dst] = d.operands(1) as [RawOperand];
      const target = d.regOrMem(dst, 'operand');
      return { op: 'unary', un: m.un, size: d.size([dst]), dst: target, lock: d.lock(target) };
    }
    case 'xadd':
    case 'cmpxchg': {
      const [dst, src] = d.operands(2) as [RawOperand, RawOperand];
      const size = d.size([dst, src]);
      const target = d.regOrMem(dst, 'destination');
      return { op: m.kind, size, dst: target, src: d.reg(src, 'source'), lock: d.lock(target) };
    }
    case 'xchg': {
      const [a, b] = d.operands(2) as [RawOperand, RawOperand];
      d.notBothMemory(a, b);
      const size = d.size([a, b]);
      const x = d.regOrMem(a, 'first operand');
      const y = d.regOrMem(b, 'second operand');
      return { op: 'xchg', size, a: x, b: y, lock: d.lock(x.k === 'mem' ? x : y) };
    }
    case 'cmp':
    case 'test': {
      const [a, b] = d.operands(2) as [RawOperand, RawOperand];
      d.notBothMemory(a, b);
      const size = d.size([a, b]);
      d.immediate(b, size);
      d.lock();
      return { op: m.kind, size, a: d.regOrMem(a, 'first operand'), b: d.any(b) };
    }
    case 'fence':
      d.operands(0);
      d.lock();
      return { op: 'fence', kind: m.fence };
    case 'nop':
      d.operands(0);
      d.lock();
      return { op: 'nop' };
    case 'jmp': {
      const [target] = d.operands(1) as [RawOperand];
      d.lock();
      return { op: 'jmp', target: d.label(target) };
    }
    case 'jcc': {
      const [target] = d.operands(1) as [RawOperand];
      d.lock();
      return { op: 'jcc', cc: m.cc, target: d.label(target) };
    }
  }
}

/** MOVZX, MOVSX, MOVSXD (`movzbl`, `movslq`...): the source size comes from the suffix, the register or `PTR`. */
function decodeExtension(d: Decoder, m: Extract<Mnemonic, { kind: 'movx' }>): X86Op {
  const [dst, src] = d.operands(2) as [RawOperand, RawOperand];
  const reg = d.reg(dst, 'destination');
  const size = d.size([dst]);
  const source = d.regOrMem(src, 'source');
  const written = source.k === 'reg' ? source.reg.size : src.ptr;
  if (m.from !== undefined && written !== undefined && written !== m.from)
    reject(src.node, `operand size mismatch: ${d.name} extends a ${m.from}-bit source, ${src.node.sourceString} is ${written}-bit`);
  const from = m.from ?? written;
  if (from === undefined)
    reject(src.node, d.raw.dialect === 'X86'
      ? `${d.name} needs the source size: write BYTE PTR or WORD PTR`
      : `${d.name} needs the source size: write a form that states it, such as ${m.signed ? 'movsbl' : 'movzbl'}`);
  const valid = m.signed ? (from === 32 ? size === 64 : from < size && from !== 64) : (from === 8 || from === 16) && from < size;
  if (!valid) reject(d.raw.node, `${d.name} cannot extend ${from} bits to ${size} bits`);
  d.lock();
  return { op: 'movx', signed: m.signed, from: from as 8 | 16 | 32, size, dst: reg, src: source };
}
