/**
 * The s390x instructions bpf-herd reads, by mnemonic: the operands each takes (in the order of
 * the z/Architecture Principles of Operation and GNU as) and the operation it stands for.
 */
import { entry, OperandError, type Form, type Lookup, type Slot } from '../shared/forms.js';
import { immediate, type Size } from '../shared/values.js';
import type { Addr, AluOp, Operand2, Reg, S390xParsed, Width } from './instr.js';

/** Operand kinds. Displacements: RX/RS formats take 0..4095, the RXY/RSY (`y`, `g`) formats -524288..524287. */
export type SlotKind =
  | 'reg'
  | 'rx' // d(x,b) or d(b), 12-bit unsigned displacement
  | 'rxy' // d(x,b) or d(b), 20-bit signed displacement
  | 'rs' // d(b), 12-bit unsigned displacement, no index
  | 'rsy' // d(b), 20-bit signed displacement, no index
  | 'i8' | 'u8' | 'i16' | 'i32' | 'u32' // immediates, signed (i) or unsigned (u)
  | 'mask' // a 4-bit condition mask, 0..15
  | 'regNumber' // bcr's second operand: a register, usually written as the number 0
  | 'label'; // prettier-ignore

export type SlotValue = Reg | bigint | Addr | string;

/** The immediate kinds (and the mask): [bits, signed]. */
export const IMMEDIATE_FIELDS: Partial<Record<SlotKind, [number, boolean]>> = {
  i8: [8, true], u8: [8, false], i16: [16, true], i32: [32, true], u32: [32, false], mask: [4, false],
}; // prettier-ignore
export type S390xForm = Form<SlotKind, SlotValue, S390xParsed>;

const slot = (kind: SlotKind, name: string): Slot<SlotKind> => ({ kind, name });
const r1 = slot('reg', 'r1');
const r2 = slot('reg', 'r2');
const r3 = slot('reg', 'r3');
const label = slot('label', 'label');
const mask = slot('mask', 'mask');

const reg = (v: SlotValue | undefined) => v as Reg;
const num = (v: SlotValue | undefined) => v as bigint;
const addr = (v: SlotValue | undefined) => v as Addr;

// ---------------------------------------------------------------- loads and stores

/** [size, signed, width written, displacement format] */
const LOADS: Record<string, [Size, boolean, Width, 'rx' | 'rxy']> = {
  l: [32, false, 32, 'rx'], ly: [32, false, 32, 'rxy'], lg: [64, false, 64, 'rxy'],
  lgf: [32, true, 64, 'rxy'], llgf: [32, false, 64, 'rxy'],
  lb: [8, true, 32, 'rxy'], lgb: [8, true, 64, 'rxy'], llc: [8, false, 32, 'rxy'], llgc: [8, false, 64, 'rxy'],
  lh: [16, true, 32, 'rx'], lhy: [16, true, 32, 'rxy'], lgh: [16, true, 64, 'rxy'], llh: [16, false, 32, 'rxy'], llgh: [16, false, 64, 'rxy'],
}; // prettier-ignore

const STORES: Record<string, [Size, 'rx' | 'rxy']> = {
  st: [32, 'rx'], sty: [32, 'rxy'], stg: [64, 'rxy'], stc: [8, 'rx'], stcy: [8, 'rxy'], sth: [16, 'rx'], sthy: [16, 'rxy'],
}; // prettier-ignore

/** Register to register: [size taken from r2, signed, width written]. */
const MOVES: Record<string, [Size, boolean, Width]> = {
  lr: [32, false, 32], lgr: [64, false, 64], lgfr: [32, true, 64], llgfr: [32, false, 64],
  lgbr: [8, true, 64], lghr: [16, true, 64], llgcr: [8, false, 64], llghr: [16, false, 64],
}; // prettier-ignore

/** Immediate loads: [immediate kind, width written]; the immediate is extended as its kind says. */
const LOAD_IMMEDIATES: Record<string, [SlotKind, Width]> = {
  lhi: ['i16', 32], lghi: ['i16', 64], lgfi: ['i32', 64], llilf: ['u32', 64], iilf: ['u32', 32],
}; // prettier-ignore

// ---------------------------------------------------------------- arithmetic and compares

const ALU_REG: Record<string, [AluOp, Width]> = {
  ar: ['add', 32], agr: ['add', 64], alr: ['addLogical', 32], algr: ['addLogical', 64], sr: ['sub', 32], sgr: ['sub', 64],
  nr: ['and', 32], ngr: ['and', 64], or: ['or', 32], ogr: ['or', 64], xr: ['xor', 32], xgr: ['xor', 64],
}; // prettier-ignore

const ALU_IMM: Record<string, [AluOp, Width, SlotKind]> = {
  ahi: ['add', 32, 'i16'], aghi: ['add', 64, 'i16'], afi: ['add', 32, 'i32'], agfi: ['add', 64, 'i32'],
  nilf: ['and', 32, 'u32'], oilf: ['or', 32, 'u32'], xilf: ['xor', 32, 'u32'],
}; // prettier-ignore

/** [signed, width, second operand: a register, an immediate kind, or storage] */
const COMPARES: Record<string, [boolean, Width, 'reg' | SlotKind]> = {
  cr: [true, 32, 'reg'], cgr: [true, 64, 'reg'], clr: [false, 32, 'reg'], clgr: [false, 64, 'reg'],
  c: [true, 32, 'rx'], cy: [true, 32, 'rxy'], cg: [true, 64, 'rxy'], cl: [false, 32, 'rx'], cly: [false, 32, 'rxy'], clg: [false, 64, 'rxy'],
  chi: [true, 32, 'i16'], cghi: [true, 64, 'i16'], cfi: [true, 32, 'i32'], cgfi: [true, 64, 'i32'],
  clfi: [false, 32, 'u32'], clgfi: [false, 64, 'u32'],
}; // prettier-ignore

/** Compare and branch: [signed, width, second operand kind]. */
const COMPARE_BRANCHES: Record<string, [boolean, Width, 'reg' | 'i8' | 'u8']> = {
  crj: [true, 32, 'reg'], cgrj: [true, 64, 'reg'], clrj: [false, 32, 'reg'], clgrj: [false, 64, 'reg'],
  cij: [true, 32, 'i8'], cgij: [true, 64, 'i8'], clij: [false, 32, 'u8'], clgij: [false, 64, 'u8'],
}; // prettier-ignore

/** The masks of compare-and-branch suffixes (`cgrje`, `clgrjnh`): 8 equal, 4 low, 2 high. */
const COMPARE_SUFFIXES: Record<string, number> = {
  h: 2, nle: 2, l: 4, nhe: 4, lh: 6, ne: 6, e: 8, nlh: 8, he: 10, nl: 10, le: 12, nh: 12,
}; // prettier-ignore

// ---------------------------------------------------------------- atomics

const INTERLOCKED: Record<string, [Exclude<AluOp, 'sub'>, Width]> = {
  laa: ['add', 32], laag: ['add', 64], laal: ['addLogical', 32], laalg: ['addLogical', 64],
  lan: ['and', 32], lang: ['and', 64], lao: ['or', 32], laog: ['or', 64], lax: ['xor', 32], laxg: ['xor', 64],
}; // prettier-ignore

const COMPARE_AND_SWAPS: Record<string, [Width, 'rs' | 'rsy']> = { cs: [32, 'rs'], csy: [32, 'rsy'], csg: [64, 'rsy'] };

// ---------------------------------------------------------------- branches

/** Extended mnemonics of brc (`j<suffix>`) and brcl (`jg<suffix>`), by condition-code mask. */
const BRANCH_SUFFIXES: Record<string, number> = {
  '': 15, o: 1, h: 2, p: 2, nle: 3, l: 4, m: 4, nhe: 5, lh: 6, ne: 7, nz: 7,
  e: 8, z: 8, nlh: 9, he: 10, nl: 11, nm: 11, le: 12, nh: 13, np: 13, no: 14,
}; // prettier-ignore

// ---------------------------------------------------------------- the table

function immediateOf(kind: SlotKind, v: bigint): bigint {
  switch (kind) {
    case 'i8': return immediate(v, 8, true);
    case 'u8': return immediate(v, 8, false);
    case 'i16': return immediate(v, 16, true);
    case 'i32': return immediate(v, 32, true);
    default: return immediate(v, 32, false);
  }
} // prettier-ignore

function operand2(kind: 'reg' | SlotKind, v: SlotValue | undefined): Operand2 {
  return kind === 'reg' ? { k: 'reg', reg: reg(v) } : { k: 'imm', value: immediateOf(kind, num(v)) };
}

type Build = (args: readonly SlotValue[]) => Omit<S390xParsed, 'mnemonic'>;

/** The operation a mnemonic with a fixed operand list stands for (the mnemonic is added by lookupS390xForm). */
function fixedForm(name: string): { slots: Slot<SlotKind>[]; build: Build } | undefined {
  const form = (slots: Slot<SlotKind>[], build: Build) => ({ slots, build });
  const load = entry(LOADS, name);
  const store = entry(STORES, name);
  const move = entry(MOVES, name);
  const loadImm = entry(LOAD_IMMEDIATES, name);
  const aluReg = entry(ALU_REG, name);
  const aluImm = entry(ALU_IMM, name);
  const compare = entry(COMPARES, name);
  const interlocked = entry(INTERLOCKED, name);
  const cs = entry(COMPARE_AND_SWAPS, name);
  if (load) {
    const [size, signed, width, kind] = load;
    return form([r1, slot(kind, 'd2(x2,b2)')], ([r, a]) => ({ op: 'load', size, signed, width, r1: reg(r), addr: addr(a) }));
  }
  if (store) {
    const [size, kind] = store;
    return form([r1, slot(kind, 'd2(x2,b2)')], ([r, a]) => ({ op: 'store', size, r1: reg(r), addr: addr(a) }));
  }
  if (move) {
    const [size, signed, width] = move;
    return form([r1, r2], ([a, b]) => ({ op: 'move', size, signed, width, r1: reg(a), r2: reg(b) }));
  }
  if (loadImm) {
    const [kind, width] = loadImm;
    return form([r1, slot(kind, 'i2')], ([r, v]) => ({ op: 'loadImm', width, r1: reg(r), value: immediateOf(kind, num(v)) }));
  }
  if (name === 'la' || name === 'lay')
    return form([r1, slot(name === 'la' ? 'rx' : 'rxy', 'd2(x2,b2)')], ([r, a]) => ({ op: 'la', r1: reg(r), addr: addr(a) }));
  if (aluReg) {
    const [alu, width] = aluReg;
    return form([r1, r2], ([a, b]) => ({ op: 'alu', alu, width, r1: reg(a), src: operand2('reg', b) }));
  }
  if (aluImm) {
    const [alu, width, kind] = aluImm;
    return form([r1, slot(kind, 'i2')], ([a, v]) => ({ op: 'alu', alu, width, r1: reg(a), src: operand2(kind, v) }));
  }
  if (compare) {
    const [signed, width, kind] = compare;
    const second = kind === 'reg' ? r2 : slot(kind, kind === 'rx' || kind === 'rxy' ? 'd2(x2,b2)' : 'i2');
    return form([r1, second], ([a, b]) => ({
      op: 'compare', signed, width, r1: reg(a), src: kind === 'rx' || kind === 'rxy' ? { k: 'mem', addr: addr(b) } : operand2(kind, b),
    }));
  }
  if (interlocked) {
    const [alu, width] = interlocked;
    return form([r1, r3, slot('rsy', 'd2(b2)')], ([a, b, m]) => ({ op: 'interlocked', alu, width, r1: reg(a), r3: reg(b), addr: addr(m) }));
  }
  if (cs) {
    const [width, kind] = cs;
    return form([r1, r3, slot(kind, 'd2(b2)')], ([a, b, m]) => ({ op: 'cs', width, r1: reg(a), r3: reg(b), addr: addr(m) }));
  }
  if (name === 'brc' || name === 'brcl')
    return form([mask, label], ([m, t]) => ({ op: 'branch', mask: Number(num(m)), target: t as string }));
  if (name === 'bcr')
    return form([mask, slot('regNumber', 'r2')], ([m, r]) => {
      if (reg(r) !== 0) throw new OperandError(1, 'bcr with a register other than 0 branches to it: bpf-herd supports only bcr M,0 (bcr 14,0 and bcr 15,0 serialize)');
      return { op: 'bcr', mask: Number(num(m)) };
    });
  if (name === 'nop' || name === 'nopr') return form([], () => ({ op: 'bcr', mask: 0 }));
  return undefined;
}

/** `jne`, `jgh`, `cgrje`: mnemonics whose suffix is the mask. */
function suffixedForm(name: string): S390xForm | undefined {
  const jump = /^(jg|j)(.*)$/.exec(name);
  if (jump && Object.hasOwn(BRANCH_SUFFIXES, jump[2]!)) {
    const m = BRANCH_SUFFIXES[jump[2]!]!;
    return { slots: [label], build: ([t]) => ({ op: 'branch', mask: m, target: t as string, mnemonic: name }) };
  }
  for (const [base, [signed, width, kind]] of Object.entries(COMPARE_BRANCHES)) {
    if (!name.startsWith(base)) continue;
    const suffix = name.slice(base.length);
    const fixedMask = suffix === '' ? undefined : entry(COMPARE_SUFFIXES, suffix);
    if (suffix !== '' && fixedMask === undefined) continue;
    const second = kind === 'reg' ? r2 : slot(kind, 'i2');
    const slots = fixedMask === undefined ? [r1, second, slot('mask', 'm3'), label] : [r1, second, label];
    return {
      slots,
      build: (args) => ({
        op: 'compareBranch', signed, width, r1: reg(args[0]), src: operand2(kind, args[1]),
        mask: fixedMask ?? Number(num(args[2])), target: args[slots.length - 1] as string, mnemonic: name,
      }),
    };
  }
  return undefined;
}

/** s390x instructions that exist but that bpf-herd does not model. */
const UNSUPPORTED: Record<string, string | undefined> = {
  cds: undefined, cdsy: undefined, cdsg: undefined, csst: undefined, lpd: undefined, lpdg: undefined, lpq: undefined, stpq: undefined,
  lrv: undefined, lrvg: undefined, lrvh: undefined, strv: undefined, strvg: undefined, strvh: undefined,
  ts: undefined, tam: undefined, sam64: undefined, mvc: undefined, mvi: undefined, mviy: undefined, mvghi: undefined, mvhi: undefined, mvhhi: undefined, ic: undefined, icy: undefined, icm: undefined,
  a: undefined, ag: undefined, s: undefined, sg: undefined, n: undefined, ng: undefined, o: undefined, og: undefined, x: undefined, xg: undefined,
  ltr: undefined, ltgr: undefined, lt: undefined, ltg: undefined, lcr: undefined, lcgr: undefined, lpr: undefined, lpgr: undefined,
  msr: undefined, msgr: undefined, msfi: undefined, msgfi: undefined, dr: undefined, dlr: undefined, dlgr: undefined, dsgr: undefined,
  sll: undefined, srl: undefined, sra: undefined, sllg: undefined, srlg: undefined, srag: undefined, rll: undefined, rllg: undefined, risbg: undefined,
  br: 'a branch to a register', bc: undefined, bras: undefined, brasl: undefined, basr: undefined, bct: undefined, brct: undefined, brctg: undefined,
  svc: undefined, stck: undefined, stckf: undefined, ppa: 'a performance assist, not a memory barrier', niai: undefined, tbegin: undefined, tend: undefined,
}; // prettier-ignore

export function lookupS390xForm(name: string): Lookup<S390xForm> {
  const fixed = fixedForm(name);
  if (fixed) return { k: 'form', form: { slots: fixed.slots, build: (args) => ({ ...fixed.build(args), mnemonic: name }) as S390xParsed } };
  const suffixed = suffixedForm(name);
  if (suffixed) return { k: 'form', form: suffixed };
  if (Object.hasOwn(UNSUPPORTED, name)) {
    const why = UNSUPPORTED[name];
    return why === undefined ? { k: 'unsupported' } : { k: 'unsupported', why };
  }
  return { k: 'unknown' };
}
