/**
 * s390x instruction semantics (64-bit mode), as events for models/s390x.cat:
 *   loads R, stores W (of their size; loads sign- or zero-extend as the mnemonic says);
 *   interlocked-access instructions (laa, laal, lan, lao, lax and their g forms): a read and a
 *     write tagged IA, related by amo; r1 gets the old value, memory the result, CC the result's;
 *   COMPARE AND SWAP (cs, csy, csg): a read tagged CS and, when the comparison succeeds, a write
 *     tagged CS related to it by amo (CC 0); otherwise r1 gets the value read (CC 1). The
 *     instruction serializes either way, which the model reads from the CS tag;
 *   bcr 14,0 and bcr 15,0: a fence tagged BCR14 / BCR15 (serialization); other bcr M,0 do nothing.
 * 32-bit forms write only bits 32-63 of their first operand, keeping the high word. Register 0
 * as a base or index adds nothing. Compares and arithmetic set the condition code (cc.ts);
 * branches test it (control dependencies on the reads it came from).
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, konst, type Expr } from '../../semantics/expr.js';
import { combine, effectiveAddress, extend, lift } from '../shared/values.js';
import { addLogicalCode, arithmeticCode, compareCode, conditionCode, logicalCode, maskCondition, setConditionCode } from './cc.js';
import type { Addr, AluOp, Operand2, Reg, S390xInstr, Width } from './instr.js';
import { s390xRegs } from './regs.js';

export const S390X_TAGS = ['IA', 'CS', 'BCR14', 'BCR15'] as const;

const readReg = (m: ThreadMachine, r: Reg): SymVal => m.getReg(s390xRegs.canonical(r));
const HIGH_WORD = konst(0xffffffff00000000n);
const low = (e: Expr, width: Width): Expr => extend(e, width, false);

/** Writes `v` to r: all of it, or (32-bit forms) its low word into bits 32-63, keeping the high word. */
function writeReg(m: ThreadMachine, r: Reg, v: SymVal, width: Width): void {
  const name = s390xRegs.canonical(r);
  if (width === 64) m.setReg(name, v);
  else m.setReg(name, combine((old, e) => bin('or', bin('and', old!, HIGH_WORD), low(e!, 32)), m.getReg(name), v));
}

function address(m: ThreadMachine, a: Addr): SymVal {
  return effectiveAddress(a.disp, ...[a.index, a.base].filter((r) => r !== 0).map((r) => readReg(m, r)));
}

function operand(m: ThreadMachine, src: Operand2): SymVal {
  return src.k === 'reg' ? readReg(m, src.reg) : lift(konst(src.value));
}

/** The result of an ALU operation on `width` bits and the condition code it sets. */
function aluResult(op: AluOp, a: Expr, b: Expr, width: Width): { r: Expr; cc: Expr } {
  const [x, y] = [low(a, width), low(b, width)];
  switch (op) {
    case 'add': {
      const r = low(bin('add', x, y), width);
      return { r, cc: arithmeticCode('add', x, y, r, width) };
    }
    case 'addLogical': {
      const r = low(bin('add', x, y), width);
      return { r, cc: addLogicalCode(x, r) };
    }
    case 'sub': {
      const r = low(bin('sub', x, y), width);
      return { r, cc: arithmeticCode('sub', x, y, r, width) };
    }
    default: {
      const r = bin(op, x, y);
      return { r, cc: logicalCode(r) };
    }
  }
}

/** laa and its family: one atomic read-modify-write, not serializing. */
function interlocked(m: ThreadMachine, i: Extract<S390xInstr, { op: 'interlocked' }>): void {
  const addr = address(m, i.addr);
  const src = readReg(m, i.r3);
  const { ev, value } = m.read(addr, { size: i.width, tags: ['IA'] });
  const { r, cc } = aluResult(i.alu, value.e, src.e, i.width);
  const deps = combine(() => r, value, src);
  const w = m.write(addr, deps, { size: i.width, tags: ['IA'] });
  m.relate('amo', ev, w);
  writeReg(m, i.r1, value, i.width);
  setConditionCode(m, lift(cc, deps.deps));
}

/** cs/csy/csg: store r3 if memory equals r1 (CC 0), else load memory into r1 (CC 1). */
function compareAndSwap(m: ThreadMachine, i: Extract<S390xInstr, { op: 'cs' }>): void {
  const addr = address(m, i.addr);
  const expected = readReg(m, i.r1);
  const { ev, value } = m.read(addr, { size: i.width, tags: ['CS'] });
  const equal = m.choose(cmp('eq', value.e, low(expected.e, i.width)));
  if (equal) {
    const w = m.write(addr, readReg(m, i.r3), { size: i.width, tags: ['CS'] });
    m.relate('amo', ev, w);
  } else {
    writeReg(m, i.r1, value, i.width);
  }
  setConditionCode(m, combine(() => konst(equal ? 0n : 1n), value, expected));
}

function step(i: S390xInstr, m: ThreadMachine, _line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'load': {
      const { value } = m.read(address(m, i.addr), { size: i.size });
      writeReg(m, i.r1, lift(extend(value.e, i.size, i.signed), value.deps), i.width);
      break;
    }
    case 'store':
      m.write(address(m, i.addr), readReg(m, i.r1), { size: i.size });
      break;
    case 'move': {
      const v = readReg(m, i.r2);
      writeReg(m, i.r1, lift(extend(v.e, i.size, i.signed), v.deps), i.width);
      break;
    }
    case 'loadImm':
      writeReg(m, i.r1, lift(konst(i.value)), i.width);
      break;
    case 'la':
      writeReg(m, i.r1, address(m, i.addr), 64);
      break;
    case 'alu': {
      const [a, b] = [readReg(m, i.r1), operand(m, i.src)];
      const { r, cc } = aluResult(i.alu, a.e, b.e, i.width);
      const result = combine(() => r, a, b);
      writeReg(m, i.r1, result, i.width);
      setConditionCode(m, lift(cc, result.deps));
      break;
    }
    case 'compare': {
      const a = readReg(m, i.r1);
      const b = i.src.k === 'mem' ? m.read(address(m, i.src.addr), { size: i.width }).value : operand(m, i.src);
      setConditionCode(m, combine((x, y) => compareCode(x!, y!, i.width, i.signed), a, b));
      break;
    }
    case 'compareBranch': {
      const cc = combine((x, y) => compareCode(x!, y!, i.width, i.signed), readReg(m, i.r1), operand(m, i.src));
      return branch(cc, i.mask, i.target, layout);
    }
    case 'interlocked':
      interlocked(m, i);
      break;
    case 'cs':
      compareAndSwap(m, i);
      break;
    case 'branch':
      return branch(conditionCode(m), i.mask, i.target, layout);
    case 'bcr':
      if (i.mask === 14 || i.mask === 15) m.fence([`BCR${i.mask}`]);
      break;
  }
  return { k: 'next' };
}

function branch(cc: SymVal, mask: number, target: string, layout: CodeLayout): Flow {
  const cond = maskCondition(cc.e, mask);
  if (cond.k === 'bool') return cond.v ? { k: 'jump', target: layout.labelLine(target) } : { k: 'next' };
  return { k: 'branch', cond, deps: cc.deps, target: layout.labelLine(target) };
}

export const s390xSemantics: IsaSemantics<S390xInstr> = { tagNames: S390X_TAGS, step };
