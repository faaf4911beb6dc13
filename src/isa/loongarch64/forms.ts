/**
 * The LoongArch64 instructions bpf-herd reads, by mnemonic: the operands each takes, in GNU as
 * order (`ld.w rd, rj, si12`, `amadd_db.w rd, rk, rj`, `beq rj, rd, label`), and the operation it
 * stands for. Pseudo-instructions (`move`, `li.w`, `li.d` (also `li`), `nop`, `beqz`, `bgt`, ...) become the
 * operation they stand for and keep their mnemonic for printing.
 */
import { entry, OperandError, type Form, type Lookup, type Slot } from '../shared/forms.js';
import type { Size } from '../shared/values.js';
import { isDefinedHint } from './dbar.js';
import type { AluOp, AmoOp, BranchCond, LoongArchOp, LoongArchParsed, Offset, Reg } from './instr.js';

export type SlotKind =
  | 'reg'
  | 'si12' | 'ui12' | 'ui5' | 'ui6'
  | 'si14x4' // a byte offset, a multiple of 4 in -32768..32764 (ll, sc, ldptr, stptr)
  | 'imm32' // li.w: -2^31..2^32-1
  | 'imm64' // li.d
  | 'hint' // dbar: 0..0x7fff
  | 'label'; // prettier-ignore

export type SlotValue = Reg | bigint | string;
export type LoongArchForm = Form<SlotKind, SlotValue, LoongArchParsed>;

const slot = (kind: SlotKind, name: string): Slot<SlotKind> => ({ kind, name });
const rd = slot('reg', 'rd');
const rj = slot('reg', 'rj');
const rk = slot('reg', 'rk');
const label = slot('label', 'label');
const ZERO = 0;

const reg = (v: SlotValue | undefined) => v as Reg;
const num = (v: SlotValue | undefined) => v as bigint;
const imm = (v: SlotValue | undefined): Offset => ({ k: 'imm', value: num(v) });

type Build = (args: readonly SlotValue[]) => LoongArchOp;
const form = (slots: Slot<SlotKind>[], build: Build) => ({ slots, build });

// ---------------------------------------------------------------- memory accesses

const SIZES: Record<string, Size> = { b: 8, h: 16, w: 32, d: 64 };

/** ld.b ... ld.wu, ldx.*, ldptr.w/d and the stores. */
function accessForm(name: string): ReturnType<typeof form> | undefined {
  const m = /^(ld|st)(x|ptr)?\.([bhwd])(u?)$/.exec(name);
  if (!m) return undefined;
  const [, kind, variant, width, unsigned] = m;
  const size = SIZES[width!]!;
  if (unsigned && (kind === 'st' || size === 64 || variant === 'ptr')) return undefined;
  if (variant === 'ptr' && size < 32) return undefined;
  const third = variant === 'x' ? rk : slot(variant === 'ptr' ? 'si14x4' : 'si12', variant === 'ptr' ? 'si14' : 'si12');
  const offset = (v: SlotValue | undefined): Offset => (variant === 'x' ? { k: 'reg', reg: reg(v) } : imm(v));
  if (kind === 'ld') return form([rd, rj, third], ([d, j, o]) => ({ op: 'load', size, signed: !unsigned, rd: reg(d), rj: reg(j), offset: offset(o) }));
  return form([rd, rj, third], ([d, j, o]) => ({ op: 'store', size, rd: reg(d), rj: reg(j), offset: offset(o) }));
}

/** ll.w rd, rj[, si14] and sc.w rd, rj[, si14] (the offset may be left out). */
function linkedForm(name: string, count: number): ReturnType<typeof form> | undefined {
  const m = /^(ll|sc)\.([wd])$/.exec(name);
  if (!m) return undefined;
  const op = m[1] as 'll' | 'sc';
  const size = m[2] === 'w' ? 32 : 64;
  if (count === 2) return form([rd, rj], ([d, j]) => ({ op, size, rd: reg(d), rj: reg(j), offset: 0n }));
  return form([rd, rj, slot('si14x4', 'si14')], ([d, j, o]) => ({ op, size, rd: reg(d), rj: reg(j), offset: num(o) }));
}

/** am<op>[_db].{w,d} rd, rk, rj; max and min also as .wu/.du. rd must differ from rk and rj (else the result is undefined). */
function amoForm(name: string): ReturnType<typeof form> | undefined {
  const m = /^am(swap|add|and|or|xor|max|min)(_db)?\.([wd])(u?)$/.exec(name);
  if (!m) return undefined;
  const [, base, db, width, unsigned] = m;
  if (unsigned && base !== 'max' && base !== 'min') return undefined;
  const amo = `${base}${unsigned}` as AmoOp;
  const size = width === 'w' ? 32 : 64;
  return form([rd, rk, slot('reg', 'rj')], ([d, k, j]) => {
    if (reg(d) !== ZERO && reg(d) === reg(j)) throw new OperandError(0, `${name}: rd must differ from rj (the result is undefined)`);
    if (reg(d) !== ZERO && reg(d) === reg(k)) throw new OperandError(0, `${name}: rd must differ from rk (the result is undefined)`);
    return { op: 'amo', amo, size, db: db !== undefined, rd: reg(d), rk: reg(k), rj: reg(j) };
  });
}

// ---------------------------------------------------------------- arithmetic

/** rd, rj, rk: [operation, 32-bit]. */
const ALU_REG: Record<string, [AluOp, boolean]> = {
  'add.w': ['add', true], 'add.d': ['add', false], 'sub.w': ['sub', true], 'sub.d': ['sub', false],
  and: ['and', false], or: ['or', false], xor: ['xor', false], nor: ['nor', false], andn: ['andn', false], orn: ['orn', false],
  'sll.w': ['sll', true], 'sll.d': ['sll', false], 'srl.w': ['srl', true], 'srl.d': ['srl', false], 'sra.w': ['sra', true], 'sra.d': ['sra', false],
  slt: ['slt', false], sltu: ['sltu', false],
}; // prettier-ignore

/** rd, rj, imm: [operation, 32-bit, immediate kind]. andi/ori/xori zero-extend their 12 bits. */
const ALU_IMM: Record<string, [AluOp, boolean, SlotKind]> = {
  'addi.w': ['add', true, 'si12'], 'addi.d': ['add', false, 'si12'], andi: ['and', false, 'ui12'], ori: ['or', false, 'ui12'], xori: ['xor', false, 'ui12'],
  'slli.w': ['sll', true, 'ui5'], 'srli.w': ['srl', true, 'ui5'], 'srai.w': ['sra', true, 'ui5'],
  'slli.d': ['sll', false, 'ui6'], 'srli.d': ['srl', false, 'ui6'], 'srai.d': ['sra', false, 'ui6'],
  slti: ['slt', false, 'si12'], sltui: ['sltu', false, 'si12'],
}; // prettier-ignore

const alu = (op: AluOp, word: boolean, d: Reg, j: Reg, src: { k: 'reg'; reg: Reg } | { k: 'imm'; value: bigint }): LoongArchOp =>
  ({ op: 'alu', alu: op, word, rd: d, rj: j, src }); // prettier-ignore

// ---------------------------------------------------------------- control flow

/** [condition, operands swapped]: bgt rj, rd is blt rd, rj. */
const BRANCHES: Record<string, [BranchCond, boolean]> = {
  beq: ['eq', false], bne: ['ne', false], blt: ['lt', false], bge: ['ge', false], bltu: ['ltu', false], bgeu: ['geu', false],
  bgt: ['lt', true], ble: ['ge', true], bgtu: ['ltu', true], bleu: ['geu', true],
}; // prettier-ignore

function fixedForm(name: string): ReturnType<typeof form> | undefined {
  const aluReg = entry(ALU_REG, name);
  if (aluReg) return form([rd, rj, rk], ([d, j, k]) => alu(aluReg[0], aluReg[1], reg(d), reg(j), { k: 'reg', reg: reg(k) }));
  const aluImm = entry(ALU_IMM, name);
  if (aluImm) {
    const [op, word, kind] = aluImm;
    return form([rd, rj, slot(kind, kind)], ([d, j, v]) => alu(op, word, reg(d), reg(j), { k: 'imm', value: num(v) }));
  }
  const branch = entry(BRANCHES, name);
  if (branch) {
    const [cond, swap] = branch;
    return form([rj, rd, label], ([a, b, t]) => ({ op: 'branch', cond, rj: reg(swap ? b : a), rd: reg(swap ? a : b), target: t as string }));
  }
  switch (name) {
    case 'beqz': case 'bnez':
      return form([rj, label], ([a, t]) => ({ op: 'branch', cond: name === 'beqz' ? 'eq' : 'ne', rj: reg(a), rd: ZERO, target: t as string }));
    case 'b': return form([label], ([t]) => ({ op: 'jump', target: t as string }));
    case 'move': return form([rd, rj], ([d, j]) => alu('or', false, reg(d), reg(j), { k: 'reg', reg: ZERO }));
    case 'nop': return form([], () => alu('and', false, ZERO, ZERO, { k: 'imm', value: 0n }));
    case 'li.w': return form([rd, slot('imm32', 'imm')], ([d, v]) => ({ op: 'li', rd: reg(d), value: BigInt.asIntN(32, num(v)) }));
    case 'li.d': case 'li': return form([rd, slot('imm64', 'imm')], ([d, v]) => ({ op: 'li', rd: reg(d), value: num(v) })); // `li`: li.d
    case 'dbar':
      return form([slot('hint', 'hint')], ([h]) => {
        if (!isDefinedHint(Number(num(h)))) throw new OperandError(0, `dbar hint 0x${num(h).toString(16)} is reserved: bpf-herd reads 0-0x1f (the ordering bits) and 0x700 (loads of one address)`);
        return { op: 'dbar', hint: Number(num(h)) };
      });
    case 'bstrpick.d':
      return form([rd, rj, slot('ui6', 'msbd'), slot('ui6', 'lsbd')], ([d, j, msb, lsb]) => {
        if (num(msb) < num(lsb)) throw new OperandError(2, 'bstrpick.d: msbd must not be below lsbd');
        return { op: 'bstrpick', rd: reg(d), rj: reg(j), msb: Number(num(msb)), lsb: Number(num(lsb)) };
      });
    default: return undefined;
  }
} // prettier-ignore

/** LoongArch instructions that exist but that bpf-herd does not model. */
const UNSUPPORTED = new Set([
  'bl', 'jirl', 'jr', 'ret', 'call36', 'tail36', 'la', 'la.local', 'la.global', 'la.pcrel', 'pcaddi', 'pcaddu12i', 'pcalau12i', 'pcaddu18i',
  'lu12i.w', 'lu32i.d', 'lu52i.d', 'addu16i.d', 'alsl.w', 'alsl.d', 'ext.w.b', 'ext.w.h', 'bstrins.w', 'bstrins.d', 'bstrpick.w', 'maskeqz', 'masknez',
  'mul.w', 'mul.d', 'mulh.w', 'mulh.d', 'div.w', 'div.d', 'div.wu', 'div.du', 'mod.w', 'mod.d', 'mod.wu', 'mod.du', 'rotr.w', 'rotr.d', 'rotri.w', 'rotri.d',
  'revb.2h', 'revb.4h', 'revb.2w', 'revb.d', 'clz.w', 'clz.d', 'ctz.w', 'ctz.d', 'ibar', 'syscall', 'break', 'preld', 'preldx', 'cacop',
  'llacq.w', 'llacq.d', 'screl.w', 'screl.d', 'sc.q',
]); // prettier-ignore

export function lookupLoongArchForm(name: string, count: number): Lookup<LoongArchForm> {
  const found = fixedForm(name) ?? accessForm(name) ?? linkedForm(name, count) ?? amoForm(name);
  if (found) return { k: 'form', form: { slots: found.slots, build: (args) => ({ ...found.build(args), mnemonic: name }) as LoongArchParsed } };
  // amcas (LAMCAS), the byte and half AMOs (LAM_BH), bounds-checked accesses: real, not modelled
  const unsupported = UNSUPPORTED.has(name) || /^am(cas|swap|add)(_db)?\.[bh]$/.test(name) || /^amcas(_db)?\.[wd]$/.test(name) || /^(ld|st)(gt|le)\./.test(name);
  return unsupported ? { k: 'unsupported' } : { k: 'unknown' };
}
