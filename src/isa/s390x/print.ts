/** s390x instructions in GNU as spelling, with the mnemonic they were written with; the output parses back to the same instruction. */
import { IMMEDIATE_FIELDS, lookupS390xForm } from './forms.js';
import type { Addr, Operand2, Reg, S390xParsed } from './instr.js';

const r = (n: Reg): string => `%r${n}`;

function storage(a: Addr): string {
  return a.index !== 0 ? `${a.disp}(${r(a.index)},${r(a.base)})` : `${a.disp}(${r(a.base)})`;
}

/** An immediate as its field reads it (the form stores it extended to 64 bits): `-1` for lghi, `4294967295` for llilf. */
function immediate(mnemonic: string, v: bigint): string {
  const found = lookupS390xForm(mnemonic);
  const kind = found.k === 'form' ? found.form.slots.find((s) => s.kind !== 'mask' && IMMEDIATE_FIELDS[s.kind])?.kind : undefined;
  const [bits, signed] = (kind && IMMEDIATE_FIELDS[kind]) ?? [64, true];
  return String(signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
}

const operand2 = (mnemonic: string, o: Operand2): string => (o.k === 'reg' ? r(o.reg) : immediate(mnemonic, o.value));

export function printS390xInstr(i: S390xParsed): string {
  const m = i.mnemonic;
  switch (i.op) {
    case 'load':
    case 'store':
    case 'la':
      return `${m} ${r(i.r1)},${storage(i.addr)}`;
    case 'move':
      return `${m} ${r(i.r1)},${r(i.r2)}`;
    case 'loadImm':
      return `${m} ${r(i.r1)},${immediate(m, i.value)}`;
    case 'alu':
      return `${m} ${r(i.r1)},${operand2(m, i.src)}`;
    case 'compare':
      return `${m} ${r(i.r1)},${i.src.k === 'mem' ? storage(i.src.addr) : operand2(m, i.src)}`;
    case 'compareBranch': // `cgrj r1,r2,m3,L`, or `cgrje r1,r2,L` with the mask in the mnemonic
      return m.endsWith('j') ? `${m} ${r(i.r1)},${operand2(m, i.src)},${i.mask},${i.target}` : `${m} ${r(i.r1)},${operand2(m, i.src)},${i.target}`;
    case 'interlocked':
    case 'cs':
      return `${m} ${r(i.r1)},${r(i.r3)},${storage(i.addr)}`;
    case 'branch':
      return m === 'brc' || m === 'brcl' ? `${m} ${i.mask},${i.target}` : `${m} ${i.target}`;
    case 'bcr':
      return m === 'bcr' ? `bcr ${i.mask},0` : m;
  }
}
