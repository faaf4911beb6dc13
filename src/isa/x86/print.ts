/** x86 instructions in herd7's spelling of each dialect: Intel for X86, AT&T for X86_64. The output parses back. */
import type { Mem, Operand, Size, X86Op } from './instr.js';
import { regName } from './regs.js';

const SUFFIX: Record<Size, string> = { 8: 'b', 16: 'w', 32: 'l', 64: 'q' };
const PTR: Record<Size, string> = { 8: 'BYTE PTR ', 16: 'WORD PTR ', 32: 'DWORD PTR ', 64: 'QWORD PTR ' };

/** The mnemonic without size, and the operands in Intel order (destination first). */
function parts(i: X86Op): { name: string; ops: Operand[]; lock: boolean } {
  switch (i.op) {
    case 'mov': return { name: 'mov', ops: [i.dst, i.src], lock: false };
    case 'movx': return { name: 'movx', ops: [{ k: 'reg', reg: i.dst }, i.src], lock: false };
    case 'alu': return { name: i.alu, ops: [i.dst, i.src], lock: i.lock };
    case 'unary': return { name: i.un, ops: [i.dst], lock: i.lock };
    case 'xadd': case 'cmpxchg': return { name: i.op, ops: [i.dst, { k: 'reg', reg: i.src }], lock: i.lock };
    case 'xchg': return { name: 'xchg', ops: [i.a, i.b], lock: i.lock };
    case 'cmp': case 'test': return { name: i.op, ops: [i.a, i.b], lock: false };
    case 'fence': return { name: i.kind, ops: [], lock: false };
    case 'nop': return { name: 'nop', ops: [], lock: false };
    case 'jmp': return { name: 'jmp', ops: [], lock: false };
    case 'jcc': return { name: `j${i.cc}`, ops: [], lock: false };
  }
} // prettier-ignore

const target = (i: X86Op): string => (i.op === 'jmp' || i.op === 'jcc' ? ` ${i.target}` : '');

// ---------------------------------------------------------------- Intel (X86)

function intelMem(m: Mem): string {
  const terms: string[] = [];
  if (m.loc !== undefined) terms.push(m.loc);
  if (m.base) terms.push(regName(m.base, 'X86'));
  if (m.index) terms.push(`${regName(m.index, 'X86')}*${m.scale}`);
  let text = terms.join('+');
  if (m.disp !== 0n || terms.length === 0) text += m.disp < 0n ? `${m.disp}` : `${terms.length ? '+' : ''}${m.disp}`;
  return `[${text}]`;
}

function intelOperand(o: Operand, ptr?: Size): string {
  switch (o.k) {
    case 'reg': return regName(o.reg, 'X86');
    case 'imm': return `$${o.value}`;
    case 'mem': return `${ptr !== undefined ? PTR[ptr] : ''}${intelMem(o.mem)}`;
  }
} // prettier-ignore

/** The size a memory operand must state: when no register tells it (herd7's default is 32 bits), and always for an extension's source. */
function intelPtr(i: X86Op, ops: Operand[]): Size | undefined {
  if (i.op === 'movx') return i.from;
  if (!('size' in i) || i.size === 32) return undefined;
  return ops.some((o) => o.k === 'reg') ? undefined : i.size;
}

export function printIntel(i: X86Op): string {
  const { name, ops, lock } = parts(i);
  const ptr = intelPtr(i, ops);
  let mnemonic = name.toUpperCase();
  if (i.op === 'movx') mnemonic = i.signed ? (i.from === 32 ? 'MOVSXD' : 'MOVSX') : 'MOVZX';
  const operands = ops.map((o) => intelOperand(o, o.k === 'mem' ? ptr : undefined)).join(',');
  return `${lock ? 'LOCK ' : ''}${mnemonic}${operands ? ` ${operands}` : ''}${target(i)}`;
}

// ---------------------------------------------------------------- AT&T (X86_64)

function attMem(m: Mem): string {
  const base = m.loc ?? (m.base ? `%${regName(m.base, 'X86_64')}` : '');
  const index = m.index ? `,%${regName(m.index, 'X86_64')},${m.scale}` : '';
  return `${m.disp !== 0n ? m.disp : ''}(${base}${index})`;
}

function attOperand(o: Operand): string {
  switch (o.k) {
    case 'reg': return `%${regName(o.reg, 'X86_64')}`;
    case 'imm': return `$${o.value}`;
    case 'mem': return attMem(o.mem);
  }
} // prettier-ignore

export function printAtt(i: X86Op): string {
  const { name, ops, lock } = parts(i);
  let mnemonic = name;
  if (i.op === 'movx') mnemonic = `mov${i.signed ? 's' : 'z'}${SUFFIX[i.from]}${SUFFIX[i.size]}`;
  else if ('size' in i) mnemonic += SUFFIX[i.size];
  const operands = ops.map(attOperand).reverse().join(',');
  return `${lock ? 'lock ' : ''}${mnemonic}${operands ? ` ${operands}` : ''}${target(i)}`;
}
