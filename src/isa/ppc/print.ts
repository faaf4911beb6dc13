/** Power instructions in herd7's spelling: the mnemonic as written, operands separated by commas. */
import type { Operand, PpcOp } from './instr.js';

function operand(o: Operand): string {
  switch (o.k) {
    case 'reg': return o.reg;
    case 'imm': return o.value.toString();
    case 'disp': return `${o.off}(${o.base})`;
    case 'cr': return `cr${o.field}`;
    case 'label': return o.name;
  }
}

export function printPpcInstr(i: PpcOp): string {
  return i.args.length ? `${i.mnemonic} ${i.args.map(operand).join(',')}` : i.mnemonic;
}
