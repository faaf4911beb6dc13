/**
 * sparc64 instruction semantics (SPARC V9, TSO mode), as events for models/sparc64.cat:
 *   loads R, stores W (of their size; ldsb/ldsh/ldsw sign-extend, the others zero-extend);
 *   cas/casx: a read tagged CAS and, when memory equals rs2 (its low word for cas), a write of rd
 *     tagged CAS related to it by amo; rd gets the value read, zero-extended, either way;
 *   membar: a fence tagged with the names of its mask bits (StoreLoad, LoadLoad, LoadStore,
 *     StoreStore, Lookaside, MemIssue, Sync).
 * %g0 reads 0 and ignores writes. subcc/andcc/orcc/xorcc (cmp, btst, tst) set the condition codes
 * (cc.ts); branches test them after their delay slot (shared/delay-slot.ts), with control
 * dependencies on the reads the codes came from.
 */
import type { CodeLayout, Flow, IsaSemantics, SymVal, ThreadMachine } from '../semantics.js';
import { bin, cmp, konst, un, type Expr } from '../../semantics/expr.js';
import { annulledBranch, deferBranch, pastDelaySlot, withDelaySlots } from '../shared/delay-slot.js';
import { combine, effectiveAddress, extend, lift } from '../shared/values.js';
import { branchCondition, flagsOf, setFlags } from './cc.js';
import { MEMBAR_BITS, type AluOp, type Reg, type SparcInstr, type Src } from './instr.js';
import { sparcRegs } from './regs.js';

export const SPARC_TAGS = ['CAS', ...MEMBAR_BITS] as const;

const readReg = (m: ThreadMachine, r: Reg): SymVal => (r === 0 ? lift(konst(0n)) : m.getReg(sparcRegs.canonical(r)));

function writeReg(m: ThreadMachine, r: Reg, v: SymVal): void {
  if (r !== 0) m.setReg(sparcRegs.canonical(r), v);
}

const source = (m: ThreadMachine, s: Src): SymVal => (s.k === 'reg' ? readReg(m, s.reg) : lift(konst(s.value)));

function aluExpr(op: AluOp, a: Expr, b: Expr): Expr {
  const count = (bits: bigint) => bin('and', b, konst(bits));
  switch (op) {
    case 'andn': return bin('and', a, un('not', b));
    case 'orn': return bin('or', a, un('not', b));
    // the 32-bit shifts take 5 bits of count; srl and sra shift the low word, zero- or sign-extended
    case 'sll': return bin('shl', a, count(31n));
    case 'srl': return bin('lshr', un('zext32', a), count(31n));
    case 'sra': return bin('ashr', un('sext32', a), count(31n));
    case 'sllx': return bin('shl', a, count(63n));
    case 'srlx': return bin('lshr', a, count(63n));
    case 'srax': return bin('ashr', a, count(63n));
    default: return bin(op, a, b);
  }
} // prettier-ignore

function alu(m: ThreadMachine, i: Extract<SparcInstr, { op: 'alu' }>): void {
  const [a, b] = [readReg(m, i.rs1), source(m, i.src)];
  const result = combine((x, y) => aluExpr(i.alu, x!, y!), a, b);
  if (i.setsCC) setFlags(m, i.alu === 'sub' ? { kind: 'sub', a: a.e, b: b.e, r: result.e, deps: result.deps } : { kind: 'logic', r: result.e, deps: result.deps });
  writeReg(m, i.rd, result);
}

/** cas/casx: swap rd into [rs1] if it holds rs2; rd gets the old value either way. */
function compareAndSwap(m: ThreadMachine, i: Extract<SparcInstr, { op: 'cas' }>): void {
  const addr = readReg(m, i.rs1);
  const [expected, swap] = [readReg(m, i.rs2), readReg(m, i.rd)];
  const { ev, value } = m.read(addr, { size: i.size, tags: ['CAS'] });
  const compared = extend(expected.e, i.size, false);
  if (m.choose(cmp('eq', value.e, compared))) {
    const w = m.write(addr, swap, { size: i.size, tags: ['CAS'] });
    m.relate('amo', ev, w);
    // the value read is the one compared with: saying so lets the usual `cmp rs2, rd; bne` fold
    writeReg(m, i.rd, lift(compared, value.deps));
  } else {
    writeReg(m, i.rd, value);
  }
}

function branch(m: ThreadMachine, i: Extract<SparcInstr, { op: 'branch' }>, line: number, layout: CodeLayout): Flow {
  const target = layout.labelLine(i.target);
  if (i.cond === 'a') return i.annul ? { k: 'jump', target } : deferBranch(m, line, layout, { k: 'jump', target });
  if (i.cond === 'n') return i.annul ? { k: 'jump', target: pastDelaySlot(line, layout) } : { k: 'next' };
  const flags = flagsOf(m);
  const flow = { k: 'branch', cond: branchCondition(flags, i.cond, i.cc ?? 'icc'), deps: flags.deps, target } as const;
  return i.annul ? annulledBranch(m, line, layout, flow) : deferBranch(m, line, layout, flow);
}

function execute(i: SparcInstr, m: ThreadMachine, line: number, layout: CodeLayout): Flow {
  switch (i.op) {
    case 'load': {
      const { value } = m.read(effectiveAddress(0n, readReg(m, i.addr.base), source(m, i.addr.offset)), { size: i.size });
      writeReg(m, i.rd, lift(extend(value.e, i.size, i.signed), value.deps));
      break;
    }
    case 'store':
      m.write(effectiveAddress(0n, readReg(m, i.addr.base), source(m, i.addr.offset)), readReg(m, i.rd), { size: i.size });
      break;
    case 'cas':
      compareAndSwap(m, i);
      break;
    case 'membar':
      m.fence(MEMBAR_BITS.filter((_, bit) => i.mask & (1 << bit)));
      break;
    case 'alu':
      alu(m, i);
      break;
    case 'set':
      writeReg(m, i.rd, lift(konst(i.value)));
      break;
    case 'branch':
      return branch(m, i, line, layout);
    case 'nop':
      break;
  }
  return { k: 'next' };
}

export const sparcSemantics: IsaSemantics<SparcInstr> = { tagNames: SPARC_TAGS, step: withDelaySlots(execute) };
