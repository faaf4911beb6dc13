/** MIPS64 instructions in GNU as spelling, with the mnemonic they were written with; the output parses back to the same instruction. */
import type { MipsParsed, Reg } from './instr.js';
import { mipsRegs } from './regs.js';

const r = (n: Reg): string => mipsRegs.canonical(n);

export function printMipsInstr(i: MipsParsed): string {
  const m = i.mnemonic;
  switch (i.op) {
    case 'load':
    case 'store':
    case 'll':
    case 'sc':
      return `${m} ${r(i.rt)}, ${i.offset}(${r(i.base)})`;
    case 'sync':
      return m === 'sync' && i.stype === 0 ? 'sync' : `sync 0x${i.stype.toString(16)}`;
    case 'alu':
      if (m === 'move') return `move ${r(i.rd)}, ${r(i.rs)}`;
      if (m === 'nop') return 'nop';
      if (i.src.k === 'reg') return `${m} ${r(i.rd)}, ${r(i.rs)}, ${r(i.src.reg)}`;
      return `${m} ${r(i.rd)}, ${r(i.rs)}, ${m.endsWith('32') ? i.src.value - 32n : i.src.value}`;
    case 'li':
      return m === 'lui' ? `lui ${r(i.rd)}, ${BigInt.asUintN(32, i.value) >> 16n}` : `${m} ${r(i.rd)}, ${i.value}`;
    case 'dext':
      return `dext ${r(i.rt)}, ${r(i.rs)}, ${i.lsb}, ${i.size}`;
    case 'branch':
      if (m === 'b') return `b ${i.target}`;
      return m === 'beq' || m === 'bne' ? `${m} ${r(i.rs)}, ${r(i.rt)}, ${i.target}` : `${m} ${r(i.rs)}, ${i.target}`;
  }
}
