/**
 * Semantic actions for grammar/ppc.ohm: parse tree -> PpcOp. The grammar accepts any mnemonic
 * with any operands; here each mnemonic's operands are checked against its form (forms.ts),
 * with a message at the offending mnemonic, operand or number.
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';
import { formOf, isUnsupportedPowerInstruction, type Form, type Kind, type Value, type Values } from './forms.js';
import type { Operand, PpcOp } from './instr.js';
import { normalisePpcReg } from './regs.js';

const RANGES: Partial<Record<Kind, [bigint, bigint, string]>> = {
  simm16: [-32768n, 32767n, 'a signed 16-bit immediate (-32768..32767)'],
  uimm16: [0n, 65535n, 'an unsigned 16-bit immediate (0..65535)'],
  himm16: [-32768n, 65535n, 'a 16-bit immediate (-32768..65535)'],
  sh32: [0n, 31n, 'a bit number 0..31'],
  sh64: [0n, 63n, 'a bit number 0..63'],
};

const WHAT: Record<Operand['k'], string> = { reg: 'a register', imm: 'a number', disp: 'D(rA)', cr: 'a condition register field', label: 'a label' };

function wanted(kind: Kind): string {
  if (kind === 'reg') return 'a register';
  if (kind === 'label') return 'a label';
  if (kind === 'disp' || kind === 'dispDS') return 'a displacement D(rA), such as 0(r2)';
  return RANGES[kind]![2];
}

function usage(mnemonic: string, form: Form): string {
  return `${mnemonic} ${form.syntax}`.trim();
}

/** Why a mnemonic has no form: unsupported, a missing or extra `.`, or unknown. */
function unknownMnemonic(mnemonic: string): string {
  if (isUnsupportedPowerInstruction(mnemonic)) return `'${mnemonic}' is a Power instruction that bpf-herd does not support`;
  if (mnemonic.endsWith('.') && formOf(mnemonic.slice(0, -1))) return `${mnemonic.slice(0, -1)} has no record form '${mnemonic}'`;
  if (formOf(`${mnemonic}.`)) return `unknown instruction '${mnemonic}': did you mean '${mnemonic}.'?`;
  return `unknown instruction '${mnemonic}'`;
}

/** One operand checked against the kind its form expects. */
function checkOperand(node: ohm.Node, op: Operand, kind: Kind, index: number, mnemonic: string, form: Form): Value {
  const bad = () => reject(node, `operand ${index + 1} of ${mnemonic} must be ${wanted(kind)}, not ${WHAT[op.k]} (${usage(mnemonic, form)})`);
  switch (kind) {
    case 'reg':
      return op.k === 'reg' ? op.reg : bad();
    case 'label':
      return op.k === 'label' ? op.name : bad();
    case 'disp':
    case 'dispDS': {
      if (op.k !== 'disp') return bad();
      if (op.off < -32768n || op.off > 32767n) reject(node, `displacement ${op.off} does not fit in 16 bits (-32768..32767)`);
      if (kind === 'dispDS' && op.off % 4n !== 0n) reject(node, `${mnemonic} needs a displacement that is a multiple of 4, not ${op.off}`);
      return { off: op.off, base: op.base };
    }
    default: {
      if (op.k !== 'imm') return bad();
      const [lo, hi, what] = RANGES[kind]!;
      if (op.value < lo || op.value > hi) reject(node, `${op.value} is out of range: operand ${index + 1} of ${mnemonic} is ${what}`);
      return op.value;
    }
  }
}

function valuesOf(vals: Value[]): Values {
  return {
    reg: (i) => vals[i] as string,
    label: (i) => vals[i] as string,
    imm: (i) => vals[i] as bigint,
    num: (i) => Number(vals[i] as bigint),
    disp: (i) => vals[i] as { off: bigint; base: string },
  };
}

function decode(mnemonicNode: ohm.Node, operandsNode: ohm.Node): PpcOp {
  const mnemonic = mnemonicNode.sourceString;
  const found = formOf(mnemonic);
  if (!found) reject(mnemonicNode, unknownMnemonic(mnemonic));
  const { form, record } = found;

  let nodes = operandsNode.numChildren ? operandsNode.child(0).asIteration().children : [];
  const args = nodes.map((n) => build<Operand>(n));
  let ops = args;
  let bf = 0;
  if (form.crField && ops[0]?.k === 'cr') {
    bf = ops[0].field;
    ops = ops.slice(1);
    nodes = nodes.slice(1);
  }
  const n = form.kinds.length;
  if (ops.length > n) reject(nodes[n]!, `too many operands: ${usage(mnemonic, form)}`);
  if (ops.length < n) reject(mnemonicNode, `${mnemonic} takes ${n} operand${n === 1 ? '' : 's'} (${usage(mnemonic, form)}), found ${ops.length}`);
  const vals = ops.map((op, i) => checkOperand(nodes[i]!, op, form.kinds[i]!, i, mnemonic, form));
  return { mnemonic, args, action: form.build(valuesOf(vals), { record, bf }) };
}

export const ppcActions: ohm.ActionDict<unknown> = {
  Instr(mnemonic, operands) {
    return decode(mnemonic, operands);
  },
  Operand(inner) {
    switch (inner.ctorName) {
      case 'reg': return { k: 'reg', reg: build<string>(inner) } satisfies Operand;
      case 'intLit': return { k: 'imm', value: build<bigint>(inner) } satisfies Operand;
      case 'labelName': return { k: 'label', name: inner.sourceString } satisfies Operand;
      default: return build<Operand>(inner); // Displacement, crField
    }
  },
  Displacement(off, _open, base, _close) {
    return { k: 'disp', off: build<bigint>(off), base: build<string>(base) } satisfies Operand;
  },
  reg_gpr(_r, _digits) {
    const name = normalisePpcReg(this.sourceString);
    if (name === undefined) reject(this, `unknown register '${this.sourceString}' (Power has r0-r31)`);
    return name;
  },
  reg_symbolic(_percent, _name) {
    return this.sourceString;
  },
  crField(_cr, digit) {
    const field = Number(digit.sourceString);
    if (field > 7) reject(this, `unknown condition register field '${this.sourceString}' (Power has cr0-cr7)`);
    return { k: 'cr', field } satisfies Operand;
  },
};
