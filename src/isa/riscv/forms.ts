/**
 * The RISC-V instruction forms bpf-herd reads: for each mnemonic, the operands it takes and the
 * instruction they make. Pseudo-instructions (`mv`, `li`, `nop`, `sext.w`, `beqz`, `j`, ...) become
 * the instruction they stand for, as an assembler would.
 */
import type { AluOp, AmoOp, BranchCond, FenceSet, Order, Reg, RiscvOp, Size } from './instr.js';

/** The kinds of operand: what each must look like and what it gives the builder. */
export type SlotKind =
  | 'reg' // x5, a0
  | 'imm12' // signed 12-bit immediate
  | 'shamt' // shift amount 0..63
  | 'shamtw' // shift amount 0..31 (the 32-bit shifts)
  | 'uimm20' // lui's 20-bit immediate
  | 'imm64' // li's immediate: any 64-bit value
  | 'mem' // offset(base), offset signed 12-bit, may be omitted
  | 'amem' // (base) or 0(base): atomics take no offset
  | 'label'
  | 'fset'; // a fence set: some of i, o, r, w in that order

export interface Slot {
  kind: SlotKind;
  name: string; // for usage messages: rd, rs1, offset(rs1), ...
}

/** The value an operand gives its builder. */
export type SlotValue = Reg | bigint | { base: Reg; off: bigint } | string | FenceSet;

export interface Form {
  slots: readonly Slot[];
  build(args: readonly SlotValue[]): RiscvOp;
}

// ---------------------------------------------------------------- slots

const rd: Slot = { kind: 'reg', name: 'rd' };
const rs: Slot = { kind: 'reg', name: 'rs' };
const rs1: Slot = { kind: 'reg', name: 'rs1' };
const rs2: Slot = { kind: 'reg', name: 'rs2' };
const imm12: Slot = { kind: 'imm12', name: 'imm' };
const mem: Slot = { kind: 'mem', name: 'offset(rs1)' };
const amem: Slot = { kind: 'amem', name: '(rs1)' };
const label: Slot = { kind: 'label', name: 'label' };

const reg = (v: SlotValue) => v as Reg;
const num = (v: SlotValue) => v as bigint;
const addr = (v: SlotValue) => v as { base: Reg; off: bigint };

// ---------------------------------------------------------------- register arithmetic

const REG_OPS: Record<string, [AluOp, boolean]> = {
  add: ['add', false], sub: ['sub', false], and: ['and', false], or: ['or', false], xor: ['xor', false],
  sll: ['sll', false], srl: ['srl', false], sra: ['sra', false], slt: ['slt', false], sltu: ['sltu', false],
  mul: ['mul', false], div: ['div', false], divu: ['divu', false], rem: ['rem', false], remu: ['remu', false],
  addw: ['add', true], subw: ['sub', true], sllw: ['sll', true], srlw: ['srl', true], sraw: ['sra', true],
  mulw: ['mul', true], divw: ['div', true], divuw: ['divu', true], remw: ['rem', true], remuw: ['remu', true],
}; // prettier-ignore

const IMM_OPS: Record<string, [AluOp, boolean, SlotKind]> = {
  addi: ['add', false, 'imm12'], andi: ['and', false, 'imm12'], ori: ['or', false, 'imm12'], xori: ['xor', false, 'imm12'],
  slti: ['slt', false, 'imm12'], sltiu: ['sltu', false, 'imm12'],
  slli: ['sll', false, 'shamt'], srli: ['srl', false, 'shamt'], srai: ['sra', false, 'shamt'],
  addiw: ['add', true, 'imm12'], slliw: ['sll', true, 'shamtw'], srliw: ['srl', true, 'shamtw'], sraiw: ['sra', true, 'shamtw'],
}; // prettier-ignore

const aluReg = (alu: AluOp, word: boolean, d: Reg, a: Reg, b: Reg): RiscvOp => ({ op: 'alu', alu, word, rd: d, rs1: a, src: { k: 'reg', reg: b } });
const aluImm = (alu: AluOp, word: boolean, d: Reg, a: Reg, value: bigint): RiscvOp => ({ op: 'alu', alu, word, rd: d, rs1: a, src: { k: 'imm', value } });

const ARITHMETIC: Record<string, Form> = {
  ...Object.fromEntries(Object.entries(REG_OPS).map(([name, [alu, word]]) =>
    [name, { slots: [rd, rs1, rs2], build: ([d, a, b]) => aluReg(alu, word, reg(d!), reg(a!), reg(b!)) } satisfies Form])),
  ...Object.fromEntries(Object.entries(IMM_OPS).map(([name, [alu, word, kind]]) =>
    [name, { slots: [rd, rs1, { kind, name: kind === 'imm12' ? 'imm' : 'shamt' }], build: ([d, a, v]) => aluImm(alu, word, reg(d!), reg(a!), num(v!)) } satisfies Form])),
  nop: { slots: [], build: () => aluImm('add', false, 0, 0, 0n) },
  mv: { slots: [rd, rs], build: ([d, a]) => aluImm('add', false, reg(d!), reg(a!), 0n) },
  not: { slots: [rd, rs], build: ([d, a]) => aluImm('xor', false, reg(d!), reg(a!), -1n) },
  neg: { slots: [rd, rs], build: ([d, a]) => aluReg('sub', false, reg(d!), 0, reg(a!)) },
  negw: { slots: [rd, rs], build: ([d, a]) => aluReg('sub', true, reg(d!), 0, reg(a!)) },
  seqz: { slots: [rd, rs], build: ([d, a]) => aluImm('sltu', false, reg(d!), reg(a!), 1n) },
  snez: { slots: [rd, rs], build: ([d, a]) => aluReg('sltu', false, reg(d!), 0, reg(a!)) },
  'sext.w': { slots: [rd, rs], build: ([d, a]) => aluImm('add', true, reg(d!), reg(a!), 0n) },
  'zext.w': { slots: [rd, rs], build: ([d, a]) => ({ op: 'zext.w', rd: reg(d!), rs: reg(a!) }) },
  li: { slots: [rd, { kind: 'imm64', name: 'imm' }], build: ([d, v]) => ({ op: 'li', rd: reg(d!), value: num(v!) }) },
  lui: { slots: [rd, { kind: 'uimm20', name: 'imm' }], build: ([d, v]) => ({ op: 'lui', rd: reg(d!), value: num(v!) }) },
}; // prettier-ignore

// ---------------------------------------------------------------- control flow

const BRANCHES: Record<string, [BranchCond, boolean]> = {
  beq: ['eq', false], bne: ['ne', false], blt: ['lt', false], bge: ['ge', false], bltu: ['ltu', false], bgeu: ['geu', false],
  bgt: ['lt', true], ble: ['ge', true], bgtu: ['ltu', true], bleu: ['geu', true], // operands swapped
}; // prettier-ignore

/** Comparisons with zero: `beqz rs, L` is `beq rs, x0, L`; `bgtz rs, L` is `blt x0, rs, L`. */
const ZERO_BRANCHES: Record<string, [BranchCond, boolean]> = {
  beqz: ['eq', false], bnez: ['ne', false], bltz: ['lt', false], bgez: ['ge', false], bgtz: ['lt', true], blez: ['ge', true],
}; // prettier-ignore

const CONTROL: Record<string, Form> = {
  ...Object.fromEntries(Object.entries(BRANCHES).map(([name, [cond, swap]]) =>
    [name, { slots: [rs1, rs2, label], build: ([a, b, t]) =>
      ({ op: 'branch', cond, rs1: reg(swap ? b! : a!), rs2: reg(swap ? a! : b!), target: t as string }) } satisfies Form])),
  ...Object.fromEntries(Object.entries(ZERO_BRANCHES).map(([name, [cond, swap]]) =>
    [name, { slots: [rs, label], build: ([a, t]) =>
      ({ op: 'branch', cond, rs1: swap ? 0 : reg(a!), rs2: swap ? reg(a!) : 0, target: t as string }) } satisfies Form])),
  j: { slots: [label], build: ([t]) => ({ op: 'jump', target: t as string }) },
}; // prettier-ignore

// ---------------------------------------------------------------- fences

const ALL_SET: FenceSet = { i: true, o: true, r: true, w: true };

const FENCES: Record<string, Form> = {
  'fence.tso': { slots: [], build: () => ({ op: 'fence.tso' }) },
};

/** `fence` alone is `fence iorw,iorw`; otherwise it takes both sets. */
function fenceForm(count: number): Form {
  if (count === 0) return { slots: [], build: () => ({ op: 'fence', pred: ALL_SET, succ: ALL_SET }) };
  return {
    slots: [{ kind: 'fset', name: 'pred' }, { kind: 'fset', name: 'succ' }],
    build: ([p, s]) => ({ op: 'fence', pred: p as FenceSet, succ: s as FenceSet }),
  };
}

// ---------------------------------------------------------------- memory accesses

const SIZES: Record<string, Size> = { b: 8, h: 16, w: 32, d: 64 };
const AMO_OPS: readonly AmoOp[] = ['swap', 'add', 'and', 'or', 'xor', 'max', 'min', 'maxu', 'minu'];

/** `.aq`, `.rl`, `.aqrl` or `.aq.rl` after a mnemonic; undefined for anything else. */
function orderOf(suffixes: readonly string[]): Order | undefined {
  const joined = suffixes.join('.');
  const orders: Record<string, Order> = {
    '': { aq: false, rl: false }, aq: { aq: true, rl: false }, rl: { aq: false, rl: true },
    aqrl: { aq: true, rl: true }, 'aq.rl': { aq: true, rl: true },
  }; // prettier-ignore
  return orders[joined];
}

/** What went wrong with a mnemonic that looks like an access but is not one bpf-herd reads. */
export class FormError extends Error {}

/** Plain and Zalasr loads and stores: `lw`, `lbu`, `sd`, `lw.aq`, `sw.rl`, `ld.aqrl`. */
function accessForm(base: string, suffixes: string[]): Form | undefined {
  const load = /^l([bhwd])(u?)$/.exec(base);
  const store = /^s([bhwd])$/.exec(base);
  if (!load && !store) return undefined;
  const order = orderOf(suffixes);
  if (!order) throw new FormError(`unknown annotation '.${suffixes.join('.')}' (expected .aq, .rl or .aqrl)`);
  if (load) {
    const size = SIZES[load[1]!]!;
    const unsigned = load[2] === 'u';
    if (unsigned && size === 64) return undefined; // there is no ldu
    if (order.rl && !order.aq) throw new FormError(`a load cannot be a release: write ${base}.aq or ${base}.aqrl`);
    if (unsigned && order.aq) throw new FormError(`there is no acquire form of ${base}: load-acquires sign-extend (l${load[1]}.aq)`);
    return { slots: [rd, mem], build: ([d, m]) => ({ op: 'load', size, unsigned, order, rd: reg(d!), ...addr(m!) }) };
  }
  if (order.aq && !order.rl) throw new FormError(`a store cannot be an acquire: write ${base}.rl or ${base}.aqrl`);
  const size = SIZES[store![1]!]!;
  return { slots: [rs2, mem], build: ([s, m]) => ({ op: 'store', size, order, rs2: reg(s!), ...addr(m!) }) };
}

/** `lr.w`, `sc.d.rl`, `amoadd.w.aqrl`, `amocas.d.aq`. */
function atomicForm(base: string, width: string | undefined, suffixes: string[]): Form | undefined {
  const kind = base === 'lr' || base === 'sc' || base === 'amocas' ? base : base.startsWith('amo') && AMO_OPS.includes(base.slice(3) as AmoOp) ? 'amo' : undefined;
  if (!kind) return undefined;
  if (width !== 'w' && width !== 'd') return undefined; // amocas.q, the Zabha byte and half forms
  const size = width === 'w' ? 32 : 64;
  const order = orderOf(suffixes);
  if (!order) throw new FormError(`unknown annotation '.${suffixes.join('.')}' (expected .aq, .rl, .aqrl or .aq.rl)`);
  switch (kind) {
    case 'lr':
      return { slots: [rd, amem], build: ([d, m]) => ({ op: 'lr', size, order, rd: reg(d!), base: addr(m!).base }) };
    case 'sc':
      return { slots: [rd, rs2, amem], build: ([d, s, m]) => ({ op: 'sc', size, order, rd: reg(d!), rs2: reg(s!), base: addr(m!).base }) };
    case 'amocas':
      return { slots: [rd, rs2, amem], build: ([d, s, m]) => ({ op: 'amocas', size, order, rd: reg(d!), rs2: reg(s!), base: addr(m!).base }) };
    default: {
      const amo = base.slice(3) as AmoOp;
      return { slots: [rd, rs2, amem], build: ([d, s, m]) => ({ op: 'amo', amo, size, order, rd: reg(d!), rs2: reg(s!), base: addr(m!).base }) };
    }
  }
}

// ---------------------------------------------------------------- lookup

const FIXED: Record<string, Form> = { ...ARITHMETIC, ...CONTROL, ...FENCES };

/** RISC-V instructions that exist but that bpf-herd does not model (the BPF JITs do not emit them in tests). */
const UNSUPPORTED = new Set([
  'fence.i', 'sfence.vma', 'ecall', 'ebreak', 'wfi', 'pause', 'jal', 'jalr', 'jr', 'ret', 'call', 'tail', 'auipc', 'la', 'lla',
  'csrr', 'csrw', 'csrs', 'csrc', 'csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci',
  'mulh', 'mulhu', 'mulhsu', 'sltz', 'sgtz', 'add.uw', 'sh1add', 'sh2add', 'sh3add', 'zext.b', 'zext.h', 'sext.b', 'sext.h',
  'andn', 'orn', 'xnor', 'rol', 'ror', 'rori', 'rolw', 'rorw', 'roriw', 'rev8', 'clz', 'ctz', 'cpop', 'min', 'max', 'minu', 'maxu',
  'lq', 'sq', 'lr.q', 'sc.q', 'amocas.q', 'flw', 'fsw', 'fld', 'fsd', 'cbo.clean', 'cbo.flush', 'cbo.inval', 'cbo.zero', 'prefetch.r', 'prefetch.w',
]); // prettier-ignore

export type Lookup = { k: 'form'; form: Form; name: string } | { k: 'unsupported' } | { k: 'unknown' };

/**
 * The form of a mnemonic (any case) used with `count` operands. Throws FormError for a mnemonic
 * that is an access with a bad annotation.
 */
export function lookupForm(mnemonic: string, count: number): Lookup {
  const name = mnemonic.toLowerCase();
  if (name === 'fence') return { k: 'form', form: fenceForm(count), name };
  const fixed = Object.hasOwn(FIXED, name) ? FIXED[name] : undefined; // not `constructor` from the prototype
  if (fixed) return { k: 'form', form: fixed, name };
  const [base = '', ...rest] = name.split('.');
  const form = atomicForm(base, rest[0], rest.slice(1)) ?? accessForm(base, rest);
  if (form) return { k: 'form', form, name };
  const sized = /^(lr|sc|amo[a-z]+)\.[bhq]/.test(name); // amoadd.b (Zabha), lr.q: real, not modelled
  return UNSUPPORTED.has(name) || sized ? { k: 'unsupported' } : { k: 'unknown' };
}
