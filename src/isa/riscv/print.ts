/**
 * RISC-V instructions in herd7's spelling (`lw x5,0(x6)`, `amoswap.w.aqrl x0,x5,(x6)`); the
 * output parses back to the same instruction. Like a disassembler, it prints the usual
 * pseudo-instruction where one applies (`mv`, `nop`, `sext.w`, `neg`, `not`).
 */
import type { AluOp, FenceSet, Order, RiscvOp, Size } from './instr.js';
import { regName as x } from './regs.js';

const SIZE_LETTER: Record<Size, string> = { 8: 'b', 16: 'h', 32: 'w', 64: 'd' };

const REG_MNEMONIC: Record<AluOp, string> = {
  add: 'add', sub: 'sub', and: 'and', or: 'or', xor: 'xor', sll: 'sll', srl: 'srl', sra: 'sra', slt: 'slt', sltu: 'sltu',
  mul: 'mul', div: 'div', divu: 'divu', rem: 'rem', remu: 'remu',
}; // prettier-ignore

/** Immediate forms; the M-extension operations have none. */
const IMM_MNEMONIC: Partial<Record<AluOp, string>> = {
  add: 'addi', and: 'andi', or: 'ori', xor: 'xori', sll: 'slli', srl: 'srli', sra: 'srai', slt: 'slti', sltu: 'sltiu',
}; // prettier-ignore

function order(o: Order): string {
  return o.aq && o.rl ? '.aqrl' : o.aq ? '.aq' : o.rl ? '.rl' : '';
}

function fenceSet(s: FenceSet): string {
  return `${s.i ? 'i' : ''}${s.o ? 'o' : ''}${s.r ? 'r' : ''}${s.w ? 'w' : ''}`;
}

function alu(i: Extract<RiscvOp, { op: 'alu' }>): string {
  const w = i.word ? 'w' : '';
  if (i.src.k === 'reg') {
    if (i.alu === 'sub' && i.rs1 === 0) return `neg${w} ${x(i.rd)},${x(i.src.reg)}`;
    return `${REG_MNEMONIC[i.alu]}${w} ${x(i.rd)},${x(i.rs1)},${x(i.src.reg)}`;
  }
  const v = i.src.value;
  if (i.alu === 'add' && v === 0n) {
    if (i.word) return `sext.w ${x(i.rd)},${x(i.rs1)}`;
    return i.rd === 0 && i.rs1 === 0 ? 'nop' : `mv ${x(i.rd)},${x(i.rs1)}`;
  }
  if (i.alu === 'xor' && v === -1n && !i.word) return `not ${x(i.rd)},${x(i.rs1)}`;
  return `${IMM_MNEMONIC[i.alu]!}${w} ${x(i.rd)},${x(i.rs1)},${v}`;
}

export function printRiscvInstr(i: RiscvOp): string {
  switch (i.op) {
    case 'alu':
      return alu(i);
    case 'zext.w':
      return `zext.w ${x(i.rd)},${x(i.rs)}`;
    case 'li':
      return `li ${x(i.rd)},${i.value}`;
    case 'lui':
      return `lui ${x(i.rd)},${i.value}`;
    case 'load':
      return `l${SIZE_LETTER[i.size]}${i.unsigned ? 'u' : ''}${order(i.order)} ${x(i.rd)},${i.off}(${x(i.base)})`;
    case 'store':
      return `s${SIZE_LETTER[i.size]}${order(i.order)} ${x(i.rs2)},${i.off}(${x(i.base)})`;
    case 'lr':
      return `lr.${SIZE_LETTER[i.size]}${order(i.order)} ${x(i.rd)},(${x(i.base)})`;
    case 'sc':
      return `sc.${SIZE_LETTER[i.size]}${order(i.order)} ${x(i.rd)},${x(i.rs2)},(${x(i.base)})`;
    case 'amo':
      return `amo${i.amo}.${SIZE_LETTER[i.size]}${order(i.order)} ${x(i.rd)},${x(i.rs2)},(${x(i.base)})`;
    case 'amocas':
      return `amocas.${SIZE_LETTER[i.size]}${order(i.order)} ${x(i.rd)},${x(i.rs2)},(${x(i.base)})`;
    case 'fence':
      return `fence ${fenceSet(i.pred)},${fenceSet(i.succ)}`;
    case 'fence.tso':
      return 'fence.tso';
    case 'branch':
      return `b${i.cond} ${x(i.rs1)},${x(i.rs2)},${i.target}`;
    case 'jump':
      return `j ${i.target}`;
  }
}
