/**
 * The SPARC V9 instructions bpf-herd reads, by mnemonic: the operands each takes, in GNU as order
 * (sources first, destination last: `add %o0, 8, %o1`, `stx %o1, [%o0]`, `cas [%o0], %o1, %o2`),
 * and the operation it stands for. Synthetic instructions (`mov`, `cmp`, `tst`, `btst`, `clr`,
 * `set`, `nop`) become the instruction they stand for and keep their mnemonic for printing.
 */
import { entry, type Form, type Lookup, type Slot } from '../shared/forms.js';
import type { Size } from '../shared/values.js';
import type { Addr, AluOp, BranchCond, Reg, SparcOp, SparcParsed, Src } from './instr.js';

export type SlotKind =
  | 'reg'
  | 'src' // a register or a 13-bit signed immediate
  | 'shcnt32' // a register or 0..31
  | 'shcnt64' // a register or 0..63
  | 'addr' // [rs1], [rs1+simm13], [rs1-simm13], [rs1+rs2]
  | 'casAddr' // [rs1]
  | 'membarMask' // #StoreLoad|#StoreStore or a number 0..127
  | 'cc' // %icc or %xcc
  | 'set' // set's constant: -4096..2^32-1
  | 'label';

export type SlotValue = Reg | Src | Addr | bigint | number | string;
export type SparcForm = Form<SlotKind, SlotValue, SparcParsed>;

const slot = (kind: SlotKind, name: string): Slot<SlotKind> => ({ kind, name });
const rs1 = slot('reg', 'rs1');
const rd = slot('reg', 'rd');
const src = slot('src', 'reg_or_imm');
const G0 = 0;

const reg = (v: SlotValue | undefined) => v as Reg;
const srcOf = (v: SlotValue | undefined) => v as Src;

type Build = (args: readonly SlotValue[]) => SparcOp;
const form = (slots: Slot<SlotKind>[], build: Build) => ({ slots, build });
const alu = (alu: AluOp, setsCC: boolean, a: Reg, s: Src, d: Reg): SparcOp => ({ op: 'alu', alu, setsCC, rs1: a, src: s, rd: d });

const LOADS: Record<string, [Size, boolean]> = {
  ldub: [8, false], ldsb: [8, true], lduh: [16, false], ldsh: [16, true], lduw: [32, false], ld: [32, false], ldsw: [32, true], ldx: [64, false],
}; // prettier-ignore
const STORES: Record<string, Size> = { stb: 8, sth: 16, stw: 32, st: 32, stuw: 32, stsw: 32, stx: 64 };

/** `op rs1, reg_or_imm, rd`: [operation, sets the condition codes]. */
const ALU: Record<string, [AluOp, boolean]> = {
  add: ['add', false], sub: ['sub', false], subcc: ['sub', true], and: ['and', false], andcc: ['and', true], andn: ['andn', false],
  or: ['or', false], orcc: ['or', true], orn: ['orn', false], xor: ['xor', false], xorcc: ['xor', true],
  sll: ['sll', false], srl: ['srl', false], sra: ['sra', false], sllx: ['sllx', false], srlx: ['srlx', false], srax: ['srax', false],
}; // prettier-ignore

const SHIFT_KINDS: Partial<Record<AluOp, SlotKind>> = { sll: 'shcnt32', srl: 'shcnt32', sra: 'shcnt32', sllx: 'shcnt64', srlx: 'shcnt64', srax: 'shcnt64' };

const SYNTHETIC: Record<string, ReturnType<typeof form>> = {
  nop: form([], () => ({ op: 'nop' })),
  mov: form([src, rd], ([s, d]) => alu('or', false, G0, srcOf(s), reg(d))),
  clr: form([rd], ([d]) => alu('or', false, G0, { k: 'reg', reg: G0 }, reg(d))),
  cmp: form([rs1, src], ([a, s]) => alu('sub', true, reg(a), srcOf(s), G0)),
  tst: form([slot('reg', 'rs')], ([a]) => alu('or', true, G0, { k: 'reg', reg: reg(a) }, G0)),
  btst: form([src, rs1], ([s, a]) => alu('and', true, reg(a), srcOf(s), G0)),
  set: form([slot('set', 'value'), rd], ([v, d]) => ({ op: 'set', value: v as bigint, rd: reg(d) })),
  cas: form([slot('casAddr', '[rs1]'), slot('reg', 'rs2'), rd], ([a, s, d]) => ({ op: 'cas', size: 32, rs1: (a as Addr).base, rs2: reg(s), rd: reg(d) })),
  casx: form([slot('casAddr', '[rs1]'), slot('reg', 'rs2'), rd], ([a, s, d]) => ({ op: 'cas', size: 64, rs1: (a as Addr).base, rs2: reg(s), rd: reg(d) })),
  membar: form([slot('membarMask', 'mmask')], ([mask]) => ({ op: 'membar', mask: mask as number })),
};

// ---------------------------------------------------------------- branches

const CONDITIONS: Record<string, BranchCond> = {
  a: 'a', n: 'n', ne: 'ne', nz: 'ne', e: 'e', z: 'e', g: 'g', le: 'le', ge: 'ge', l: 'l', gu: 'gu', leu: 'leu',
  cc: 'cc', geu: 'cc', cs: 'cs', lu: 'cs', pos: 'pos', neg: 'neg', vc: 'vc', vs: 'vs',
}; // prettier-ignore

/** `b<cond>[,a][,pt|,pn] [%icc|%xcc,] label`; without a condition-code register it is V8's Bicc, on icc. */
function branchForm(name: string, count: number): Lookup<SparcForm> | undefined {
  const [base = '', ...options] = name.split(',');
  if (!base.startsWith('b') || !Object.hasOwn(CONDITIONS, base.slice(1))) return undefined;
  const cond = CONDITIONS[base.slice(1)]!;
  const annul = options.includes('a');
  const predict = options.find((o) => o === 'pt' || o === 'pn') as 'pt' | 'pn' | undefined;
  const known = options.every((o) => o === 'a' || o === 'pt' || o === 'pn') && new Set(options).size === options.length && (annul ? 1 : 0) + (predict ? 1 : 0) === options.length;
  if (!known) return { k: 'unknown' };
  const withPredict = predict ? { predict } : {};
  const build = (target: string, cc?: 'icc' | 'xcc'): SparcParsed => ({ op: 'branch', cond, ...(cc ? { cc } : {}), annul, ...withPredict, target, mnemonic: name });
  // BPcc names its condition codes (and only it takes a prediction); Bicc does not
  if (predict || count >= 2) return { k: 'form', form: { slots: [slot('cc', '%icc or %xcc'), slot('label', 'label')], build: ([c, t]) => build(t as string, c as 'icc' | 'xcc') } };
  return { k: 'form', form: { slots: [slot('label', 'label')], build: ([t]) => build(t as string) } };
}

// ---------------------------------------------------------------- the table

function fixedForm(name: string): { slots: Slot<SlotKind>[]; build: Build } | undefined {
  const load = entry(LOADS, name);
  if (load) return form([slot('addr', '[address]'), rd], ([a, d]) => ({ op: 'load', size: load[0], signed: load[1], rd: reg(d), addr: a as Addr }));
  const store = entry(STORES, name);
  if (store) return form([rd, slot('addr', '[address]')], ([d, a]) => ({ op: 'store', size: store, rd: reg(d), addr: a as Addr }));
  const op = entry(ALU, name);
  if (op) {
    const [operation, setsCC] = op;
    const second = slot(SHIFT_KINDS[operation] ?? 'src', 'reg_or_imm');
    return form([rs1, second, rd], ([a, s, d]) => alu(operation, setsCC, reg(a), srcOf(s), reg(d)));
  }
  return entry(SYNTHETIC, name);
}

/** SPARC instructions that exist but that bpf-herd does not model. */
const UNSUPPORTED = new Set([
  'addcc', 'addc', 'addccc', 'subc', 'subccc', 'andncc', 'orncc', 'xnor', 'xnorcc', 'mulx', 'sdivx', 'udivx', 'umul', 'smul', 'udiv', 'sdiv',
  'sethi', 'casa', 'casxa', 'swap', 'swapa', 'ldstub', 'ldstuba', 'ldd', 'std', 'ldda', 'stda', 'lduwa', 'ldxa', 'stwa', 'stxa',
  'stbar', 'flush', 'call', 'jmpl', 'jmp', 'ret', 'retl', 'return', 'save', 'restore', 'rd', 'wr', 'rdpr', 'wrpr', 'ta', 'tcc',
  'brz', 'brnz', 'brlz', 'brlez', 'brgz', 'brgez', 'movcc', 'movne', 'move', 'movrz', 'movrnz', 'neg', 'not', 'inc', 'dec', 'setsw', 'setuw', 'setx',
  'prefetch', 'prefetcha', 'fbe', 'fbne', 'fba',
]); // prettier-ignore

export function lookupSparcForm(name: string, count: number): Lookup<SparcForm> {
  const fixed = fixedForm(name);
  if (fixed) return { k: 'form', form: { slots: fixed.slots, build: (args) => ({ ...fixed.build(args), mnemonic: name }) as SparcParsed } };
  const branch = branchForm(name, count);
  if (branch) return branch;
  return UNSUPPORTED.has(name.split(',')[0]!) ? { k: 'unsupported' } : { k: 'unknown' };
}
