/** LoongArch64 instructions in GNU as spelling, with the mnemonic they were written with; the output parses back to the same instruction. */
import type { LoongArchParsed, Reg } from './instr.js';
import { loongArchRegs } from './regs.js';

const r = (n: Reg): string => loongArchRegs.canonical(n);

export function printLoongArchInstr(i: LoongArchParsed): string {
  const m = i.mnemonic;
  switch (i.op) {
    case 'load':
    case 'store':
      return `${m} ${r(i.rd)}, ${r(i.rj)}, ${i.offset.k === 'reg' ? r(i.offset.reg) : i.offset.value}`;
    case 'll':
    case 'sc':
      return `${m} ${r(i.rd)}, ${r(i.rj)}, ${i.offset}`;
    case 'amo':
      return `${m} ${r(i.rd)}, ${r(i.rk)}, ${r(i.rj)}`;
    case 'dbar':
      return `dbar ${i.hint === 0 ? '0' : `0x${i.hint.toString(16)}`}`;
    case 'alu':
      if (m === 'move') return `move ${r(i.rd)}, ${r(i.rj)}`;
      if (m === 'nop') return 'nop';
      return `${m} ${r(i.rd)}, ${r(i.rj)}, ${i.src.k === 'reg' ? r(i.src.reg) : i.src.value}`;
    case 'li':
      return `${m} ${r(i.rd)}, ${i.value}`;
    case 'bstrpick':
      return `${m} ${r(i.rd)}, ${r(i.rj)}, ${i.msb}, ${i.lsb}`;
    case 'branch': {
      if (m === 'beqz' || m === 'bnez') return `${m} ${r(i.rj)}, ${i.target}`;
      const swapped = /^b(gt|le)/.test(m); // bgt a, b was read as blt b, a
      return swapped ? `${m} ${r(i.rd)}, ${r(i.rj)}, ${i.target}` : `${m} ${r(i.rj)}, ${r(i.rd)}, ${i.target}`;
    }
    case 'jump':
      return `b ${i.target}`;
  }
}
