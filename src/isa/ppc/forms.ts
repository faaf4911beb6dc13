/**
 * Every Power mnemonic bpf-herd knows: the operands it takes and what it does.
 * Extended mnemonics (li, mr, slwi, ...) decode to the instruction they stand for, as the
 * assembler does; the printed form keeps the mnemonic as written.
 */
import type { Action, AluFn, CrBit, Ea, FenceKind, Size, Src } from './instr.js';
import { isR0 } from './regs.js';

/**
 * What an operand slot accepts. Immediates: `simm16` -32768..32767, `uimm16` 0..65535,
 * `himm16` (lis, addis) -32768..65535, `sh32` 0..31, `sh64` 0..63. `dispDS` is a displacement
 * that must be a multiple of 4 (DS-form: ld, lwa, std).
 */
export type Kind = 'reg' | 'disp' | 'dispDS' | 'simm16' | 'uimm16' | 'himm16' | 'sh32' | 'sh64' | 'label';

export type Value = string | bigint | { off: bigint; base: string };

/** The checked operand values of one instruction, by position. */
export interface Values {
  reg(i: number): string;
  imm(i: number): bigint;
  num(i: number): number;
  disp(i: number): { off: bigint; base: string };
  label(i: number): string;
}

export interface Form {
  /** The operands as the Power ISA book writes them, for messages: `rT,D(rA)`. */
  syntax: string;
  kinds: readonly Kind[];
  /** Takes an optional condition register field first (`cmpw cr1,r1,r2`, `beq cr1,L`); cr0 otherwise. */
  crField?: boolean;
  /** `optional`: the mnemonic also exists with a `.` (record) suffix; `always`: the mnemonic itself ends in `.`. */
  record?: 'optional' | 'always';
  build(v: Values, ctx: { record: boolean; bf: number }): Action;
}

const reg = (r: string): Src => ({ k: 'reg', reg: r });
const imm = (v: bigint): Src => ({ k: 'imm', value: v });
/** (RA|0): r0 as a base register is the constant 0. */
const raOr0 = (r: string): Src => (isR0(r) ? imm(0n) : reg(r));
const dEa = (d: { off: bigint; base: string }): Ea => ({ base: raOr0(d.base), index: imm(d.off) });
const xEa = (ra: string, rb: string): Ea => ({ base: raOr0(ra), index: reg(rb) });
/** A 16-bit immediate shifted into the upper half of the low word, sign-extended (lis, addis). */
const shifted16 = (v: bigint): bigint => BigInt.asIntN(16, v) << 16n;

const FORMS = new Map<string, Form>();
const def = (mnemonic: string, form: Form) => FORMS.set(mnemonic, form);

// ---- loads and stores: D-form `D(rA)` and X-form (indexed) `rA,rB`
const LOADS: [string, Size, boolean, boolean][] = [
  // mnemonic, size, sign-extends, DS-form
  ['lbz', 8, false, false], ['lhz', 16, false, false], ['lha', 16, true, false],
  ['lwz', 32, false, false], ['lwa', 32, true, true], ['ld', 64, false, true],
]; // prettier-ignore
for (const [m, size, signed, ds] of LOADS) {
  def(m, { syntax: 'rT,D(rA)', kinds: ['reg', ds ? 'dispDS' : 'disp'],
    build: (v) => ({ k: 'load', size, signed, rt: v.reg(0), ea: dEa(v.disp(1)), reserve: false }) });
  def(`${m}x`, { syntax: 'rT,rA,rB', kinds: ['reg', 'reg', 'reg'],
    build: (v) => ({ k: 'load', size, signed, rt: v.reg(0), ea: xEa(v.reg(1), v.reg(2)), reserve: false }) });
}
const STORES: [string, Size, boolean][] = [['stb', 8, false], ['sth', 16, false], ['stw', 32, false], ['std', 64, true]];
for (const [m, size, ds] of STORES) {
  def(m, { syntax: 'rS,D(rA)', kinds: ['reg', ds ? 'dispDS' : 'disp'],
    build: (v) => ({ k: 'store', size, rs: v.reg(0), ea: dEa(v.disp(1)), conditional: false }) });
  def(`${m}x`, { syntax: 'rS,rA,rB', kinds: ['reg', 'reg', 'reg'],
    build: (v) => ({ k: 'store', size, rs: v.reg(0), ea: xEa(v.reg(1), v.reg(2)), conditional: false }) });
}

// ---- load-reserve / store-conditional
for (const [m, size] of [['lwarx', 32], ['ldarx', 64]] as const) {
  def(m, { syntax: 'rT,rA,rB', kinds: ['reg', 'reg', 'reg'],
    build: (v) => ({ k: 'load', size, signed: false, rt: v.reg(0), ea: xEa(v.reg(1), v.reg(2)), reserve: true }) });
}
for (const [m, size] of [['stwcx.', 32], ['stdcx.', 64]] as const) {
  def(m, { syntax: 'rS,rA,rB', kinds: ['reg', 'reg', 'reg'], record: 'always',
    build: (v) => ({ k: 'store', size, rs: v.reg(0), ea: xEa(v.reg(1), v.reg(2)), conditional: true }) });
}

// ---- barriers (`hwsync` is another name of sync)
const FENCES: [string, FenceKind][] = [['sync', 'sync'], ['hwsync', 'sync'], ['lwsync', 'lwsync'], ['isync', 'isync'], ['eieio', 'eieio']];
for (const [m, fence] of FENCES) def(m, { syntax: '', kinds: [], build: () => ({ k: 'fence', fence }) });

// ---- compares and branches
const COMPARES: [string, 32 | 64, boolean, Kind][] = [
  ['cmpw', 32, true, 'reg'], ['cmplw', 32, false, 'reg'], ['cmpd', 64, true, 'reg'], ['cmpld', 64, false, 'reg'],
  ['cmpwi', 32, true, 'simm16'], ['cmplwi', 32, false, 'uimm16'], ['cmpdi', 64, true, 'simm16'], ['cmpldi', 64, false, 'uimm16'],
]; // prettier-ignore
for (const [m, width, signed, second] of COMPARES) {
  def(m, { syntax: second === 'reg' ? '[crF,]rA,rB' : `[crF,]rA,${signed ? 'SI' : 'UI'}`, kinds: ['reg', second], crField: true,
    build: (v, { bf }) => ({ k: 'cmp', bf, width, signed, ra: v.reg(0), b: second === 'reg' ? reg(v.reg(1)) : imm(v.imm(1)) }) });
}
const BRANCHES: [string, CrBit, boolean][] = [
  ['beq', 'eq', true], ['bne', 'eq', false], ['blt', 'lt', true], ['bge', 'lt', false],
  ['bgt', 'gt', true], ['ble', 'gt', false], ['bso', 'so', true], ['bns', 'so', false],
]; // prettier-ignore
for (const [m, bit, when] of BRANCHES) {
  def(m, { syntax: '[crF,]target', kinds: ['label'], crField: true, build: (v, { bf }) => ({ k: 'bc', bf, bit, when, target: v.label(0) }) });
}
def('b', { syntax: 'target', kinds: ['label'], build: (v) => ({ k: 'b', target: v.label(0) }) });

// ---- register arithmetic
const alu = (fn: AluFn, rt: string, a: Src, b: Src, record = false): Action => ({ k: 'alu', fn, rt, a, b, record });

def('li', { syntax: 'rT,SI', kinds: ['reg', 'simm16'], build: (v) => alu('add', v.reg(0), imm(0n), imm(v.imm(1))) });
def('lis', { syntax: 'rT,SI', kinds: ['reg', 'himm16'], build: (v) => alu('add', v.reg(0), imm(0n), imm(shifted16(v.imm(1)))) });
def('addi', { syntax: 'rT,rA,SI', kinds: ['reg', 'reg', 'simm16'], build: (v) => alu('add', v.reg(0), raOr0(v.reg(1)), imm(v.imm(2))) });
def('addis', { syntax: 'rT,rA,SI', kinds: ['reg', 'reg', 'himm16'],
  build: (v) => alu('add', v.reg(0), raOr0(v.reg(1)), imm(shifted16(v.imm(2)))) });
def('mr', { syntax: 'rA,rS', kinds: ['reg', 'reg'], record: 'optional', build: (v, { record }) => alu('or', v.reg(0), reg(v.reg(1)), reg(v.reg(1)), record) });
def('not', { syntax: 'rA,rS', kinds: ['reg', 'reg'], record: 'optional', build: (v, { record }) => alu('nor', v.reg(0), reg(v.reg(1)), reg(v.reg(1)), record) });
def('nop', { syntax: '', kinds: [], build: () => ({ k: 'nop' }) });

// rT,rA,rB: rT = rA op rB (subf subtracts rA from rB; sub is the extended mnemonic with the operands in reading order)
const THREE_REG: [string, AluFn, boolean][] = [
  ['add', 'add', true], ['sub', 'sub', true], ['mullw', 'mullw', true], ['mulld', 'mulld', true],
  ['divw', 'divw', true], ['divwu', 'divwu', true], ['divd', 'divd', true], ['divdu', 'divdu', true],
  ['modsw', 'modsw', false], ['moduw', 'moduw', false], ['modsd', 'modsd', false], ['modud', 'modud', false],
  ['and', 'and', true], ['andc', 'andc', true], ['or', 'or', true], ['orc', 'orc', true], ['xor', 'xor', true],
  ['nand', 'nand', true], ['nor', 'nor', true], ['eqv', 'eqv', true],
  ['slw', 'slw', true], ['srw', 'srw', true], ['sraw', 'sraw', true], ['sld', 'sld', true], ['srd', 'srd', true], ['srad', 'srad', true],
]; // prettier-ignore
for (const [m, fn, hasRecord] of THREE_REG) {
  def(m, { syntax: 'rT,rA,rB', kinds: ['reg', 'reg', 'reg'], ...(hasRecord ? { record: 'optional' as const } : {}),
    build: (v, { record }) => alu(fn, v.reg(0), reg(v.reg(1)), reg(v.reg(2)), record) });
}
def('subf', { syntax: 'rT,rA,rB', kinds: ['reg', 'reg', 'reg'], record: 'optional',
  build: (v, { record }) => alu('sub', v.reg(0), reg(v.reg(2)), reg(v.reg(1)), record) });
for (const fn of ['neg', 'extsb', 'extsh', 'extsw'] as const) {
  def(fn, { syntax: 'rA,rS', kinds: ['reg', 'reg'], record: 'optional', build: (v, { record }) => alu(fn, v.reg(0), reg(v.reg(1)), imm(0n), record) });
}

// immediate logic: the immediate is zero-extended; the `s` forms shift it into the upper half of the low word
const LOGIC_IMM: [string, AluFn, boolean, boolean][] = [
  ['andi.', 'and', false, true], ['andis.', 'and', true, true], ['ori', 'or', false, false], ['oris', 'or', true, false],
  ['xori', 'xor', false, false], ['xoris', 'xor', true, false],
]; // prettier-ignore
for (const [m, fn, high, record] of LOGIC_IMM) {
  def(m, { syntax: 'rA,rS,UI', kinds: ['reg', 'reg', 'uimm16'], ...(record ? { record: 'always' as const } : {}),
    build: (v) => alu(fn, v.reg(0), reg(v.reg(1)), imm(high ? v.imm(2) << 16n : v.imm(2)), record) });
}
def('srawi', { syntax: 'rA,rS,SH', kinds: ['reg', 'reg', 'sh32'], record: 'optional',
  build: (v, { record }) => alu('sraw', v.reg(0), reg(v.reg(1)), imm(v.imm(2)), record) });
def('sradi', { syntax: 'rA,rS,SH', kinds: ['reg', 'reg', 'sh64'], record: 'optional',
  build: (v, { record }) => alu('srad', v.reg(0), reg(v.reg(1)), imm(v.imm(2)), record) });

// ---- rotate and mask; mb and me are stored in 64-bit IBM numbering (a word's bits are 32..63)
const rotate = (width: 32 | 64, rt: string, rs: string, sh: number, mb: number, me: number, record: boolean): Action => ({
  k: 'rotate', width, rt, rs, sh, mb: width === 32 ? mb + 32 : mb, me: width === 32 ? me + 32 : me, record,
});
type RotateOf = (n: number[]) => [sh: number, mb: number, me: number];
const ROTATES: [string, 32 | 64, string, Kind[], RotateOf][] = [
  ['rlwinm', 32, 'rA,rS,SH,MB,ME', ['sh32', 'sh32', 'sh32'], ([sh, mb, me]) => [sh!, mb!, me!]],
  ['rotlwi', 32, 'rA,rS,n', ['sh32'], ([n]) => [n!, 0, 31]],
  ['slwi', 32, 'rA,rS,n', ['sh32'], ([n]) => [n!, 0, 31 - n!]],
  ['srwi', 32, 'rA,rS,n', ['sh32'], ([n]) => [(32 - n!) % 32, n!, 31]],
  ['clrlwi', 32, 'rA,rS,n', ['sh32'], ([n]) => [0, n!, 31]],
  ['rldicl', 64, 'rA,rS,SH,MB', ['sh64', 'sh64'], ([sh, mb]) => [sh!, mb!, 63]],
  ['rldicr', 64, 'rA,rS,SH,ME', ['sh64', 'sh64'], ([sh, me]) => [sh!, 0, me!]],
  ['rotldi', 64, 'rA,rS,n', ['sh64'], ([n]) => [n!, 0, 63]],
  ['sldi', 64, 'rA,rS,n', ['sh64'], ([n]) => [n!, 0, 63 - n!]],
  ['srdi', 64, 'rA,rS,n', ['sh64'], ([n]) => [(64 - n!) % 64, n!, 63]],
  ['clrldi', 64, 'rA,rS,n', ['sh64'], ([n]) => [0, n!, 63]],
]; // prettier-ignore
for (const [m, width, syntax, immKinds, fields] of ROTATES) {
  def(m, { syntax, kinds: ['reg', 'reg', ...immKinds], record: 'optional',
    build: (v, { record }) => rotate(width, v.reg(0), v.reg(1), ...fields(immKinds.map((_, i) => v.num(i + 2))), record) });
}

/** The form of a mnemonic as written (with its `.` if any) and whether that is the record form. */
export function formOf(mnemonic: string): { form: Form; record: boolean } | undefined {
  const exact = FORMS.get(mnemonic);
  if (exact) return { form: exact, record: exact.record === 'always' };
  if (!mnemonic.endsWith('.')) return undefined;
  const base = FORMS.get(mnemonic.slice(0, -1));
  return base?.record === 'optional' ? { form: base, record: true } : undefined;
}

export const knownMnemonics = (): string[] => [...FORMS.keys()];

/**
 * Power instructions bpf-herd does not model (update forms, byte-reversed accesses, other
 * reservation sizes, special registers, other branches, carries): named in the error message.
 */
const UNSUPPORTED = new Set(
  `lbzu lhzu lhau lwzu ldu lbzux lhzux lhaux lwzux lwaux ldux stbu sthu stwu stdu stbux sthux stwux stdux
   lmw stmw lswi lswx stswi stswx lhbrx lwbrx ldbrx sthbrx stwbrx stdbrx brh brw brd lbarx lharx lqarx stbcx. sthcx. stqcx.
   ptesync msync mbar dcbf dcbst dcbt dcbtst dcbz icbi
   mfcr mtcr mtcrf mfocrf mtocrf mflr mtlr mfctr mtctr mfspr mtspr mfxer mtxer mcrf mcrxr
   bl bla ba blr blrl bctr bctrl bdnz bdz bc bca bcl bcla bclr bcctr bnl bng bun bnu beqlr bnelr
   cmp cmpl cmpi cmpli isel addc adde addze addme addic addic. subfc subfe subfze subfme subfic
   mulhw mulhwu mulhd mulhdu mulli cntlzw cntlzd cnttzw cnttzd popcntb popcntw popcntd
   rlwimi rlwnm rotlw rldic rldimi rldcl rldcr crand cror crxor crnand crnor creqv crandc crorc crset crclr crnot
   tw twi td tdi sc la subi subis`.split(/\s+/),
);

export const isUnsupportedPowerInstruction = (mnemonic: string): boolean => UNSUPPORTED.has(mnemonic);
