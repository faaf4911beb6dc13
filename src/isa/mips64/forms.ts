/**
 * The MIPS64 instructions bpf-herd reads, by mnemonic: the operands each takes, in GNU as order
 * (`lw rt, offset(base)`, `addu rd, rs, rt`, `addiu rt, rs, imm`, `beq rs, rt, label`), and the
 * operation it stands for. Pseudo-instructions (`move`, `li`, `dli`, `nop`, `b`, `beqz`, `bnez`)
 * become the operation they stand for and keep their mnemonic for printing.
 */
import { entry, OperandError, type Form, type Lookup, type Slot } from '../shared/forms.js';
import type { Size } from '../shared/values.js';
import type { AluOp, BranchCond, MipsOp, MipsParsed, Reg } from './instr.js';
import { isDefinedStype } from './sync.js';

export type SlotKind =
  | 'reg'
  | 'mem' // offset(base), a 16-bit signed offset
  | 'si16' | 'ui16' | 'sa' // a shift amount 0..31
  | 'pos' | 'size' // dext: 0..31 and 1..32
  | 'li' // li: -2^31..2^32-1
  | 'imm64' // dli
  | 'stype' // sync: 0..31
  | 'label'; // prettier-ignore

export type SlotValue = Reg | bigint | { base: Reg; offset: bigint } | string;
export type MipsForm = Form<SlotKind, SlotValue, MipsParsed>;

const slot = (kind: SlotKind, name: string): Slot<SlotKind> => ({ kind, name });
const rd = slot('reg', 'rd');
const rs = slot('reg', 'rs');
const rt = slot('reg', 'rt');
const mem = slot('mem', 'offset(base)');
const label = slot('label', 'label');
const ZERO = 0;

const reg = (v: SlotValue | undefined) => v as Reg;
const num = (v: SlotValue | undefined) => v as bigint;
const addr = (v: SlotValue | undefined) => v as { base: Reg; offset: bigint };

type Build = (args: readonly SlotValue[]) => MipsOp;
const form = (slots: Slot<SlotKind>[], build: Build) => ({ slots, build });

const alu = (op: AluOp, word: boolean, d: Reg, s: Reg, src: { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint }): MipsOp =>
  ({ op: 'alu', alu: op, word, rd: d, rs: s, src }); // prettier-ignore

const LOADS: Record<string, [Size, boolean]> = {
  lb: [8, true], lbu: [8, false], lh: [16, true], lhu: [16, false], lw: [32, true], lwu: [32, false], ld: [64, true],
}; // prettier-ignore
const STORES: Record<string, Size> = { sb: 8, sh: 16, sw: 32, sd: 64 };
const LINKED: Record<string, ['ll' | 'sc', 32 | 64]> = { ll: ['ll', 32], lld: ['ll', 64], sc: ['sc', 32], scd: ['sc', 64] };

/** rd, rs, rt (the variable shifts: rd, rt, rs, the value then the amount): [operation, 32-bit]. */
const ALU_REG: Record<string, [AluOp, boolean]> = {
  addu: ['add', true], daddu: ['add', false], subu: ['sub', true], dsubu: ['sub', false],
  and: ['and', false], or: ['or', false], xor: ['xor', false], nor: ['nor', false], slt: ['slt', false], sltu: ['sltu', false],
  sllv: ['sll', true], srlv: ['srl', true], srav: ['sra', true], dsllv: ['sll', false], dsrlv: ['srl', false], dsrav: ['sra', false],
}; // prettier-ignore

/** rt, rs, imm: [operation, 32-bit, immediate kind]. andi/ori/xori zero-extend; sltiu sign-extends, then compares unsigned. */
const ALU_IMM: Record<string, [AluOp, boolean, 'si16' | 'ui16']> = {
  addiu: ['add', true, 'si16'], daddiu: ['add', false, 'si16'], andi: ['and', false, 'ui16'], ori: ['or', false, 'ui16'], xori: ['xor', false, 'ui16'],
  slti: ['slt', false, 'si16'], sltiu: ['sltu', false, 'si16'],
}; // prettier-ignore

/** rd, rt, sa: [operation, 32-bit, amount added to sa]. */
const SHIFTS: Record<string, [AluOp, boolean, bigint]> = {
  sll: ['sll', true, 0n], srl: ['srl', true, 0n], sra: ['sra', true, 0n], dsll: ['sll', false, 0n], dsrl: ['srl', false, 0n], dsra: ['sra', false, 0n],
  dsll32: ['sll', false, 32n], dsrl32: ['srl', false, 32n], dsra32: ['sra', false, 32n],
}; // prettier-ignore

const BRANCHES: Record<string, BranchCond> = { beq: 'eq', bne: 'ne' };
const ZERO_BRANCHES: Record<string, BranchCond> = { beqz: 'eq', bnez: 'ne', bltz: 'ltz', bgez: 'gez', blez: 'lez', bgtz: 'gtz' };

function fixedForm(name: string): ReturnType<typeof form> | undefined {
  const load = entry(LOADS, name);
  if (load) return form([rt, mem], ([t, m]) => ({ op: 'load', size: load[0], signed: load[1], rt: reg(t), ...addr(m) }));
  const store = entry(STORES, name);
  if (store) return form([rt, mem], ([t, m]) => ({ op: 'store', size: store, rt: reg(t), ...addr(m) }));
  const linked = entry(LINKED, name);
  if (linked) return form([rt, mem], ([t, m]) => ({ op: linked[0], size: linked[1], rt: reg(t), ...addr(m) }));
  const aluReg = entry(ALU_REG, name);
  if (aluReg) return form([rd, rs, rt], ([d, a, b]) => alu(aluReg[0], aluReg[1], reg(d), reg(a), { k: 'reg', reg: reg(b) }));
  const aluImm = entry(ALU_IMM, name);
  if (aluImm) {
    const [op, word, kind] = aluImm;
    return form([rt, rs, slot(kind, 'imm')], ([t, s, v]) => alu(op, word, reg(t), reg(s), { k: 'imm', value: num(v) }));
  }
  const shift = entry(SHIFTS, name);
  if (shift) {
    const [op, word, extra] = shift;
    return form([rd, rt, slot('sa', 'sa')], ([d, t, sa]) => alu(op, word, reg(d), reg(t), { k: 'imm', value: num(sa) + extra }));
  }
  const branch = entry(BRANCHES, name);
  if (branch) return form([rs, rt, label], ([a, b, l]) => ({ op: 'branch', cond: branch, rs: reg(a), rt: reg(b), target: l as string }));
  const zeroBranch = entry(ZERO_BRANCHES, name);
  if (zeroBranch) return form([rs, label], ([a, l]) => ({ op: 'branch', cond: zeroBranch, rs: reg(a), rt: ZERO, target: l as string }));
  switch (name) {
    case 'b': return form([label], ([l]) => ({ op: 'branch', cond: 'eq', rs: ZERO, rt: ZERO, target: l as string }));
    case 'move': return form([rd, rs], ([d, s]) => alu('or', false, reg(d), reg(s), { k: 'reg', reg: ZERO }));
    case 'nop': return form([], () => alu('sll', true, ZERO, ZERO, { k: 'imm', value: 0n }));
    case 'li': return form([rd, slot('li', 'imm')], ([d, v]) => ({ op: 'li', rd: reg(d), value: num(v) }));
    case 'dli': return form([rd, slot('imm64', 'imm')], ([d, v]) => ({ op: 'li', rd: reg(d), value: num(v) }));
    case 'lui': return form([rt, slot('ui16', 'imm')], ([t, v]) => ({ op: 'li', rd: reg(t), value: BigInt.asIntN(32, num(v) << 16n) }));
    case 'dext':
      return form([rt, rs, slot('pos', 'pos'), slot('size', 'size')], ([t, s, p, z]) => ({ op: 'dext', rt: reg(t), rs: reg(s), lsb: Number(num(p)), size: Number(num(z)) }));
    default: return undefined;
  }
} // prettier-ignore

/** `sync` alone is `sync 0`. */
function syncForm(count: number): ReturnType<typeof form> {
  if (count === 0) return form([], () => ({ op: 'sync', stype: 0 }));
  return form([slot('stype', 'stype')], ([s]) => {
    const stype = Number(num(s));
    if (!isDefinedStype(stype))
      throw new OperandError(0, `sync stype 0x${stype.toString(16)} is implementation-specific or reserved: bpf-herd reads 0, 0x4, 0x10, 0x11, 0x12, 0x13`);
    return { op: 'sync', stype };
  });
}

/** MIPS instructions that exist but that bpf-herd does not model. */
const UNSUPPORTED: Record<string, string> = {
  add: 'it traps on overflow: write addu', addi: 'it traps on overflow: write addiu', dadd: 'it traps on overflow: write daddu',
  daddi: 'it traps on overflow: write daddiu', sub: 'it traps on overflow: write subu', dsub: 'it traps on overflow: write dsubu',
  beql: 'branch-likely', bnel: 'branch-likely', beqzl: 'branch-likely', bnezl: 'branch-likely', blezl: 'branch-likely', bgtzl: 'branch-likely', bltzl: 'branch-likely', bgezl: 'branch-likely',
  beqc: 'a Release 6 compact branch', bnec: 'a Release 6 compact branch', beqzc: 'a Release 6 compact branch', bnezc: 'a Release 6 compact branch', bc: 'a Release 6 compact branch',
  j: '', jal: '', jr: '', jalr: '', bal: '', bltzal: '', bgezal: '', eret: '', syscall: '', break: '', teq: '', tne: '',
  mult: '', multu: '', dmult: '', dmultu: '', div: '', divu: '', ddiv: '', ddivu: '', mfhi: '', mflo: '', mul: '', dmul: '', muh: '', mod: '',
  lwl: '', lwr: '', ldl: '', ldr: '', swl: '', swr: '', sdl: '', sdr: '', lwpc: '', ldpc: '', llx: '', scx: '', lldp: '', scdp: '', llwp: '', scwp: '',
  ins: '', dins: '', dinsu: '', dinsm: '', ext: '', dextu: '', dextm: '', seb: '', seh: '', wsbh: '', dsbh: '', dshd: '', rotr: '', drotr: '', drotr32: '', rotrv: '', drotrv: '',
  movz: '', movn: '', seleqz: '', selnez: '', synci: '', cache: '', pref: '', ehb: '', pause: '', dla: '', la: '',
}; // prettier-ignore

export function lookupMipsForm(name: string, count: number): Lookup<MipsForm> {
  const found = name === 'sync' ? syncForm(count) : fixedForm(name);
  if (found) return { k: 'form', form: { slots: found.slots, build: (args) => ({ ...found.build(args), mnemonic: name }) as MipsParsed } };
  if (!Object.hasOwn(UNSUPPORTED, name)) return { k: 'unknown' };
  const why = UNSUPPORTED[name]!;
  return why === '' ? { k: 'unsupported' } : { k: 'unsupported', why };
}
