/** AArch64 instructions in herd7's spelling (`LDR W0,[X1,W2,SXTW]`); the output parses back to the same instruction. */
import type { A64Op, Addr, Operand, Ordering, Size } from './instr.js';
import { regName } from './regs.js';

const imm = (v: bigint) => `#${v}`;
const sizeSuffix = (s: Size) => (s === 8 ? 'B' : s === 16 ? 'H' : '');
const orderSuffix = (o: Ordering) => `${o.acquire ? 'A' : ''}${o.release ? 'L' : ''}`;

function operand(o: Operand): string {
  switch (o.k) {
    case 'imm':
      return imm(o.value);
    case 'reg':
      return o.shift ? `${regName(o.reg)},${o.shift.op} #${o.shift.amount}` : regName(o.reg);
    case 'ext':
      return `${regName(o.reg)},${o.ext}${o.amount ? ` #${o.amount}` : ''}`;
  }
}

function address(a: Addr): string {
  const base = regName(a.base);
  if (a.mode === 'post') return `[${base}],${imm(a.off)}`;
  if (a.index) {
    const { reg, ext, amount } = a.index;
    const modifier = ext === 'LSL' ? (amount ? `,LSL #${amount}` : '') : `,${ext}${amount ? ` #${amount}` : ''}`;
    return `[${base},${regName(reg)}${modifier}]`;
  }
  if (a.off === 0n && a.mode === 'offset') return `[${base}]`;
  return `[${base},${imm(a.off)}]${a.mode === 'pre' ? '!' : ''}`;
}

function loadMnemonic(i: A64Op & { op: 'load' }): string {
  const base = i.exclusive ? (i.order === 'acquire' ? 'LDAXR' : 'LDXR') : i.order === 'acquire' ? 'LDAR' : i.order === 'acquirePC' ? (i.addr.off !== 0n ? 'LDAPUR' : 'LDAPR') : 'LDR';
  if (i.signed) return i.size === 32 ? 'LDRSW' : `LDRS${sizeSuffix(i.size)}`;
  return `${base}${sizeSuffix(i.size)}`;
}

export function printA64Instr(i: A64Op): string {
  switch (i.op) {
    case 'nop':
      return 'NOP';
    case 'mov': case 'mvn': case 'neg':
      return `${i.op.toUpperCase()} ${regName(i.dst)},${operand(i.src)}`;
    case 'alu':
      return `${i.alu}${i.flags ? 'S' : ''} ${regName(i.dst)},${regName(i.a)},${operand(i.b)}`;
    case 'cmp':
      return `${i.kind} ${regName(i.a)},${operand(i.b)}`;
    case 'csel':
      return `${i.kind} ${regName(i.dst)},${regName(i.a)},${regName(i.b)},${i.cond}`;
    case 'cset':
      return `CSET ${regName(i.dst)},${i.cond}`;
    case 'load':
      return `${loadMnemonic(i)} ${regName(i.dst)},${address(i.addr)}`;
    case 'store':
      return `${i.release ? (i.addr.off !== 0n ? 'STLUR' : 'STLR') : 'STR'}${sizeSuffix(i.size)} ${regName(i.src)},${address(i.addr)}`;
    case 'storex':
      return `${i.release ? 'STLXR' : 'STXR'}${sizeSuffix(i.size)} ${regName(i.status)},${regName(i.src)},${address(i.addr)}`;
    case 'atomic': {
      const suffix = `${orderSuffix(i.order)}${sizeSuffix(i.size)}`;
      if (i.alias) return `ST${i.aop}${suffix} ${regName(i.src)},${address(i.addr)}`;
      return `${i.aop === 'SWP' ? 'SWP' : `LD${i.aop}`}${suffix} ${regName(i.src)},${regName(i.dst)},${address(i.addr)}`;
    }
    case 'cas':
      return `CAS${orderSuffix(i.order)}${sizeSuffix(i.size)} ${regName(i.cmp)},${regName(i.src)},${address(i.addr)}`;
    case 'barrier':
      return `${i.kind} ${i.option}`;
    case 'isb':
      return 'ISB';
    case 'b':
      return `B ${i.target}`;
    case 'bcond':
      return `B.${i.cond} ${i.target}`;
    case 'cbz':
      return `${i.nonzero ? 'CBNZ' : 'CBZ'} ${regName(i.reg)},${i.target}`;
    case 'tbz':
      return `${i.nonzero ? 'TBNZ' : 'TBZ'} ${regName(i.reg)},#${i.bit},${i.target}`;
  }
}
