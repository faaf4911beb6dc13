/**
 * AArch64 instruction forms: mnemonic + operands -> A64Op. Each family reads its operands from
 * an OperandCursor, which rejects the first operand that does not fit. Mnemonics that exist on
 * the ISA but that bpf-herd does not model are refused by name.
 */
import type * as ohm from 'ohm-js';
import { reject } from '../../litmus/syntax.js';
import { BARRIER_OPTIONS, CONDS, ZR, type A64Op, type AluOp, type AtomicOp, type BarrierOption, type CondCode, type Ordering, type Reg, type Size } from './instr.js';
import { OperandCursor, type AddressForms, type RawOperand } from './operands.js';

type Form = (ops: OperandCursor) => A64Op;
interface Family {
  usage: string;
  form: Form;
}

const sizeSuffix = (s: string | undefined): Size | undefined => (s === 'B' ? 8 : s === 'H' ? 16 : undefined);
const ordering = (s: string | undefined): Ordering => ({ acquire: s?.includes('A') ?? false, release: s?.includes('L') ?? false });

/** Data register of an access of `size` bits (or of the register's own width). */
function dataReg(ops: OperandCursor, size: Size | undefined, what: string): { reg: Reg; size: Size } {
  if (size !== undefined) return { reg: ops.reg(what, 'W'), size };
  const reg = ops.reg(what);
  return { reg, size: reg.wide ? 64 : 32 };
}

// ---------------------------------------------------------------- loads and stores

type LoadKind = { order: 'plain' | 'acquire' | 'acquirePC'; exclusive: boolean; forms: AddressForms };
const LOADS: Record<string, LoadKind> = {
  LDR: { order: 'plain', exclusive: false, forms: 'any' },
  LDUR: { order: 'plain', exclusive: false, forms: 'offset' },
  LDAR: { order: 'acquire', exclusive: false, forms: 'base' },
  LDAPR: { order: 'acquirePC', exclusive: false, forms: 'base' },
  LDAPUR: { order: 'acquirePC', exclusive: false, forms: 'offset' },
  LDXR: { order: 'plain', exclusive: true, forms: 'base' },
  LDAXR: { order: 'acquire', exclusive: true, forms: 'base' },
};

/** How a load fills its register: zero-extended, sign-extended to it (LDRSB/LDRSH), or LDRSW's word into an X register. */
type Extension = 'zero' | 'signed' | 'signedWord';

function loadForm(kind: LoadKind, size: Size | undefined, extension: Extension = 'zero'): Form {
  return (ops) => {
    const { reg: dst, size: accessSize } =
      extension === 'signedWord' ? { reg: ops.reg('the destination Xt', 'X'), size: 32 as const }
      : extension === 'signed' ? { reg: ops.reg('the destination'), size: size! }
      : dataReg(ops, size, 'the destination'); // prettier-ignore
    const addr = ops.address(kind.forms);
    ops.end();
    return { op: 'load', size: accessSize, signed: extension !== 'zero', order: kind.order, exclusive: kind.exclusive, dst, addr };
  };
}

type StoreKind = { release: boolean; forms: AddressForms };
const STORES: Record<string, StoreKind> = {
  STR: { release: false, forms: 'any' },
  STUR: { release: false, forms: 'offset' },
  STLR: { release: true, forms: 'base' },
  STLUR: { release: true, forms: 'offset' },
};

function storeForm(kind: StoreKind, size: Size | undefined): Form {
  return (ops) => {
    const { reg: src, size: accessSize } = dataReg(ops, size, 'the source');
    const addr = ops.address(kind.forms);
    ops.end();
    return { op: 'store', size: accessSize, release: kind.release, src, addr };
  };
}

function storeExclusiveForm(release: boolean, size: Size | undefined): Form {
  return (ops) => {
    const status = ops.reg('the status register Ws', 'W', false);
    const { reg: src, size: accessSize } = dataReg(ops, size, 'the source');
    const addr = ops.address('base');
    ops.end();
    return { op: 'storex', size: accessSize, release, status, src, addr };
  };
}

// ---------------------------------------------------------------- atomics

function atomicForm(aop: AtomicOp, order: Ordering, size: Size | undefined, alias: boolean): Form {
  return (ops) => {
    const { reg: src, size: accessSize } = dataReg(ops, size, 'the source Rs');
    const dst = alias ? { n: ZR, wide: src.wide } : ops.sameWidth('the destination Rt', src); // ST<op> is LD<op> with XZR
    const addr = ops.address('base');
    ops.end();
    return { op: 'atomic', aop, size: accessSize, order, src, dst, addr, alias };
  };
}

function casForm(order: Ordering, size: Size | undefined): Form {
  return (ops) => {
    const { reg: cmp, size: accessSize } = dataReg(ops, size, 'the compared register Rs');
    const src = ops.sameWidth('the new value Rt', cmp);
    const addr = ops.address('base');
    ops.end();
    return { op: 'cas', size: accessSize, order, cmp, src, addr };
  };
}

// ---------------------------------------------------------------- arithmetic

function aluForm(alu: AluOp, flags: boolean, opts: { imm: boolean; shift: boolean; extended: boolean }): Form {
  return (ops) => {
    const dst = ops.reg('the destination');
    const a = ops.sameWidth('the first operand', dst);
    const b = ops.operand2(dst, opts);
    ops.end();
    return { op: 'alu', alu, flags, dst, a, b };
  };
}

const ADD_LIKE = { imm: true, shift: true, extended: true };
const LOGICAL = { imm: true, shift: true, extended: false };
const SHIFT = { imm: true, shift: false, extended: false };
const REG_ONLY = { imm: false, shift: false, extended: false };
const REG_ONLY_OR_IMM = { imm: true, shift: false, extended: false };
const SHIFTED_REG = { imm: false, shift: true, extended: false };

function compareForm(kind: 'CMP' | 'CMN' | 'TST'): Form {
  return (ops) => {
    const a = ops.reg('the first operand');
    const b = ops.operand2(a, kind === 'TST' ? LOGICAL : ADD_LIKE);
    ops.end();
    return { op: 'cmp', kind, a, b };
  };
}

function unaryForm(op: 'mov' | 'mvn' | 'neg'): Form {
  return (ops) => {
    const dst = ops.reg('the destination');
    const src = ops.operand2(dst, op === 'mov' ? REG_ONLY_OR_IMM : SHIFTED_REG);
    ops.end();
    return { op, dst, src };
  };
}

function condOf(ops: OperandCursor): CondCode {
  const { name, node } = ops.word('a condition such as EQ');
  const upper = name.toUpperCase();
  const code = upper === 'HS' ? 'CS' : upper === 'LO' ? 'CC' : upper;
  if (!(CONDS as readonly string[]).includes(code)) reject(node, `unknown condition '${name}' (expected one of ${CONDS.join(' ')} HS LO)`);
  return code as CondCode;
}

function cselForm(kind: 'CSEL' | 'CSINC' | 'CSINV' | 'CSNEG'): Form {
  return (ops) => {
    const dst = ops.reg('the destination');
    const a = ops.sameWidth('the first source', dst);
    const b = ops.sameWidth('the second source', dst);
    const cond = condOf(ops);
    ops.end();
    return { op: 'csel', kind, dst, a, b, cond };
  };
}

// ---------------------------------------------------------------- barriers and branches

function barrierForm(kind: 'DMB' | 'DSB'): Form {
  return (ops) => {
    const { name, node } = ops.word('a barrier option such as ISH');
    const option = name.toUpperCase() as BarrierOption;
    if (!(BARRIER_OPTIONS as readonly string[]).includes(option)) reject(node, `unknown ${kind} option '${name}' (expected one of ${BARRIER_OPTIONS.join(' ')})`);
    ops.end();
    return { op: 'barrier', kind, option };
  };
}

function isbForm(ops: OperandCursor): A64Op {
  if (ops.more) {
    const { name, node } = ops.word('SY');
    if (name.toUpperCase() !== 'SY') reject(node, `ISB takes only the option SY`);
  }
  ops.end();
  return { op: 'isb' };
}

function compareBranchForm(nonzero: boolean): Form {
  return (ops) => {
    const reg = ops.reg('the tested register');
    const target = ops.label();
    ops.end();
    return { op: 'cbz', nonzero, reg, target };
  };
}

function testBranchForm(nonzero: boolean): Form {
  return (ops) => {
    const reg = ops.reg('the tested register');
    const node = ops.peek()?.node;
    const bit = ops.imm('the bit number');
    const max = reg.wide ? 63n : 31n;
    if (bit < 0n || bit > max) reject(node!, `bit ${bit} is out of range 0-${max} for ${reg.wide ? 'an X' : 'a W'} register`);
    const target = ops.label();
    ops.end();
    return { op: 'tbz', nonzero, reg, bit: Number(bit), target };
  };
}

const noOperands = (op: A64Op): Form => (ops) => {
  ops.end();
  return op;
};

// ---------------------------------------------------------------- the table

const FAMILIES = new Map<string, Family>();
const define = (mnemonic: string, usage: string, form: Form) => FAMILIES.set(mnemonic, { usage: `${mnemonic} ${usage}`.trim(), form });

const ACCESS_SIZES = [undefined, 'B', 'H'] as const;

for (const [base, kind] of Object.entries(LOADS)) {
  for (const s of ACCESS_SIZES) define(`${base}${s ?? ''}`, s ? 'Wt, [Xn...]' : 'Wt|Xt, [Xn...]', loadForm(kind, sizeSuffix(s)));
}
for (const s of ['B', 'H'] as const) {
  define(`LDRS${s}`, 'Wt|Xt, [Xn...]', loadForm(LOADS.LDR!, sizeSuffix(s), 'signed'));
  define(`LDURS${s}`, 'Wt|Xt, [Xn,#imm]', loadForm(LOADS.LDUR!, sizeSuffix(s), 'signed'));
}
define('LDRSW', 'Xt, [Xn...]', loadForm(LOADS.LDR!, 32, 'signedWord'));
define('LDURSW', 'Xt, [Xn,#imm]', loadForm(LOADS.LDUR!, 32, 'signedWord'));
for (const [base, kind] of Object.entries(STORES)) {
  for (const s of ACCESS_SIZES) define(`${base}${s ?? ''}`, s ? 'Wt, [Xn...]' : 'Wt|Xt, [Xn...]', storeForm(kind, sizeSuffix(s)));
}
for (const s of ACCESS_SIZES) {
  define(`STXR${s ?? ''}`, 'Ws, Rt, [Xn]', storeExclusiveForm(false, sizeSuffix(s)));
  define(`STLXR${s ?? ''}`, 'Ws, Rt, [Xn]', storeExclusiveForm(true, sizeSuffix(s)));
}

const LSE_OPS = ['ADD', 'CLR', 'SET', 'EOR', 'SMAX', 'SMIN', 'UMAX', 'UMIN'] as const;
for (const s of ACCESS_SIZES) {
  for (const ord of ['', 'A', 'L', 'AL']) {
    const suffix = `${ord}${s ?? ''}`;
    for (const op of LSE_OPS) define(`LD${op}${suffix}`, 'Rs, Rt, [Xn]', atomicForm(op, ordering(ord), sizeSuffix(s), false));
    define(`SWP${suffix}`, 'Rs, Rt, [Xn]', atomicForm('SWP', ordering(ord), sizeSuffix(s), false));
    define(`CAS${suffix}`, 'Rs, Rt, [Xn]', casForm(ordering(ord), sizeSuffix(s)));
  }
  for (const ord of ['', 'L']) {
    for (const op of LSE_OPS) define(`ST${op}${ord}${s ?? ''}`, 'Rs, [Xn]', atomicForm(op, ordering(ord), sizeSuffix(s), true));
  }
}

for (const [m, alu] of [['ADD', 'ADD'], ['SUB', 'SUB']] as const) {
  define(m, 'Rd, Rn, Rm|#imm', aluForm(alu, false, ADD_LIKE));
  define(`${m}S`, 'Rd, Rn, Rm|#imm', aluForm(alu, true, ADD_LIKE));
}
for (const m of ['AND', 'ORR', 'EOR'] as const) define(m, 'Rd, Rn, Rm|#imm', aluForm(m, false, LOGICAL));
for (const m of ['BIC', 'ORN', 'EON'] as const) define(m, 'Rd, Rn, Rm', aluForm(m, false, SHIFTED_REG));
define('ANDS', 'Rd, Rn, Rm|#imm', aluForm('AND', true, LOGICAL));
define('BICS', 'Rd, Rn, Rm', aluForm('BIC', true, SHIFTED_REG));
for (const m of ['LSL', 'LSR', 'ASR'] as const) define(m, 'Rd, Rn, Rm|#imm', aluForm(m, false, SHIFT));
for (const m of ['MUL', 'UDIV', 'SDIV'] as const) define(m, 'Rd, Rn, Rm', aluForm(m, false, REG_ONLY));
define('MOV', 'Rd, Rm|#imm', unaryForm('mov'));
define('MVN', 'Rd, Rm', unaryForm('mvn'));
define('NEG', 'Rd, Rm', unaryForm('neg'));
define('CMP', 'Rn, Rm|#imm', compareForm('CMP'));
define('CMN', 'Rn, Rm|#imm', compareForm('CMN'));
define('TST', 'Rn, Rm|#imm', compareForm('TST'));
for (const m of ['CSEL', 'CSINC', 'CSINV', 'CSNEG'] as const) define(m, 'Rd, Rn, Rm, cond', cselForm(m));
define('CSET', 'Rd, cond', (ops) => {
  const dst = ops.reg('the destination');
  const cond = condOf(ops);
  ops.end();
  return { op: 'cset', dst, cond };
});

define('DMB', 'option', barrierForm('DMB'));
define('DSB', 'option', barrierForm('DSB'));
define('ISB', '', isbForm);
define('NOP', '', noOperands({ op: 'nop' }));
define('B', 'label', (ops) => {
  const target = ops.label();
  ops.end();
  return { op: 'b', target };
});
for (const c of [...CONDS, 'HS', 'LO']) {
  define(`B.${c}`, 'label', (ops) => {
    const target = ops.label();
    ops.end();
    return { op: 'bcond', cond: (c === 'HS' ? 'CS' : c === 'LO' ? 'CC' : c) as CondCode, target };
  });
}
define('CBZ', 'Rt, label', compareBranchForm(false));
define('CBNZ', 'Rt, label', compareBranchForm(true));
define('TBZ', 'Rt, #bit, label', testBranchForm(false));
define('TBNZ', 'Rt, #bit, label', testBranchForm(true));

/** AArch64 instructions that exist but are outside what bpf-herd models (pairs, system, PC-relative...). */
const UNSUPPORTED = new Set([
  'LDP', 'STP', 'LDNP', 'STNP', 'LDPSW', 'LDXP', 'STXP', 'LDAXP', 'STLXP', 'LDIAPP', 'STILP',
  'CASP', 'CASPA', 'CASPL', 'CASPAL', 'LDLAR', 'LDLARB', 'LDLARH', 'STLLR', 'STLLRB', 'STLLRH',
  'MOVZ', 'MOVN', 'MOVK', 'ADR', 'ADRP', 'BL', 'BR', 'BLR', 'RET', 'ERET', 'SVC', 'HVC', 'SMC', 'BRK',
  'MRS', 'MSR', 'DC', 'IC', 'TLBI', 'AT', 'CLREX', 'SEV', 'SEVL', 'WFE', 'WFI', 'YIELD', 'HINT', 'PRFM',
  'SB', 'SSBB', 'PSSBB', 'CSDB', 'ESB', 'LDG', 'STG', 'ST2G', 'STZG', 'LDTR', 'STTR',
  'UBFM', 'SBFM', 'BFM', 'UBFX', 'SBFX', 'BFI', 'BFXIL', 'EXTR', 'ROR', 'SXTB', 'SXTH', 'SXTW', 'UXTB', 'UXTH',
  'ADC', 'ADCS', 'SBC', 'SBCS', 'NGC', 'NEGS', 'MADD', 'MSUB', 'MNEG', 'SMULL', 'UMULL', 'SMULH', 'UMULH',
  'CLZ', 'CLS', 'RBIT', 'REV', 'REV16', 'REV32', 'CCMP', 'CCMN', 'CSETM', 'CINC', 'CINV', 'CNEG',
  'LDADDP', 'LDCLRP', 'LDSETP', 'SWPP', 'CPYP', 'SETP',
]); // prettier-ignore

/** The instruction of `mnemonic` with its operands (the action of the grammar's `Instr`). */
export function instrOf(mnemonicNode: ohm.Node, operands: readonly RawOperand[]): A64Op {
  const mnemonic = mnemonicNode.sourceString.toUpperCase();
  const family = FAMILIES.get(mnemonic);
  if (!family) {
    if (UNSUPPORTED.has(mnemonic)) reject(mnemonicNode, `${mnemonic} is an AArch64 instruction that bpf-herd does not support`);
    if (mnemonic.startsWith('B.')) reject(mnemonicNode, `unknown condition in '${mnemonicNode.sourceString}' (expected B. followed by one of ${CONDS.join(' ')} HS LO)`);
    reject(mnemonicNode, `unknown AArch64 instruction '${mnemonicNode.sourceString}'`);
  }
  return family.form(new OperandCursor(mnemonicNode, mnemonic, operands, family.usage));
}
