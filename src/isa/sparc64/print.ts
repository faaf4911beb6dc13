/** sparc64 instructions in GNU as spelling, with the mnemonic they were written with; the output parses back to the same instruction. */
import { MEMBAR_BITS, type Addr, type Reg, type SparcParsed, type Src } from './instr.js';
import { sparcRegs } from './regs.js';

const r = (n: Reg): string => `%${sparcRegs.canonical(n)}`;
const src = (s: Src): string => (s.k === 'reg' ? r(s.reg) : String(s.value));

function address(a: Addr): string {
  const o = a.offset;
  if (o.k === 'reg') return `[${r(a.base)}+${r(o.reg)}]`;
  return o.value === 0n ? `[${r(a.base)}]` : `[${r(a.base)}${o.value < 0n ? '-' : '+'}${o.value < 0n ? -o.value : o.value}]`;
}

function membarMask(mask: number): string {
  const names = MEMBAR_BITS.filter((_, bit) => mask & (1 << bit)).map((b) => `#${b}`);
  return names.length > 0 ? names.join('|') : '0';
}

function alu(i: Extract<SparcParsed, { op: 'alu' }>): string {
  switch (i.mnemonic) {
    case 'mov': return `mov ${src(i.src)}, ${r(i.rd)}`;
    case 'clr': return `clr ${r(i.rd)}`;
    case 'cmp': return `cmp ${r(i.rs1)}, ${src(i.src)}`;
    case 'tst': return `tst ${src(i.src)}`;
    case 'btst': return `btst ${src(i.src)}, ${r(i.rs1)}`;
    default: return `${i.mnemonic} ${r(i.rs1)}, ${src(i.src)}, ${r(i.rd)}`;
  }
} // prettier-ignore

export function printSparcInstr(i: SparcParsed): string {
  const m = i.mnemonic;
  switch (i.op) {
    case 'load':
      return `${m} ${address(i.addr)}, ${r(i.rd)}`;
    case 'store':
      return `${m} ${r(i.rd)}, ${address(i.addr)}`;
    case 'cas':
      return `${m} [${r(i.rs1)}], ${r(i.rs2)}, ${r(i.rd)}`;
    case 'membar':
      return `membar ${membarMask(i.mask)}`;
    case 'alu':
      return alu(i);
    case 'set':
      return `set ${i.value}, ${r(i.rd)}`;
    case 'branch':
      return i.cc ? `${m} %${i.cc}, ${i.target}` : `${m} ${i.target}`;
    case 'nop':
      return 'nop';
  }
}
