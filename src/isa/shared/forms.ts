/**
 * The front end that the assembler-style ISAs share: their grammars read any
 * `mnemonic operand, operand, ...`, and a table of forms says what each mnemonic takes. This
 * module checks the operands against the form's slots and reports the first that does not fit,
 * at its position: an unknown or unsupported mnemonic, a missing or extra operand, an operand of
 * the wrong kind (the ISA's `value` function), or a rule on the whole instruction (`OperandError`
 * thrown by the form's builder).
 */
import type * as ohm from 'ohm-js';
import { build, reject } from '../../litmus/syntax.js';

/** One operand position: the kind of operand it needs (the ISA's own kinds) and its name for messages. */
export interface Slot<K extends string = string> {
  kind: K;
  name: string;
}

export interface Form<K extends string, V, Op> {
  slots: readonly Slot<K>[];
  build(args: readonly V[]): Op;
}

export type Lookup<F> =
  | { k: 'form'; form: F }
  | { k: 'unsupported'; why?: string } // an instruction of the ISA that bpf-herd does not model
  | { k: 'unknown' };

/** A rule broken by operand `index` (e.g. LoongArch's `rd` equal to `rj` in an AMO); thrown by Form.build. */
export class OperandError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** An operand as the ISA's actions build it: anything that keeps its parse node for messages. */
export interface WrittenOperand {
  node: ohm.Node;
}

export interface FormTable<K extends string, V, Op, O extends WrittenOperand> {
  /** The ISA with its article, for `'cds' is an s390x instruction that bpf-herd does not support`. */
  anIsa: string;
  /** The form of a mnemonic (lowercased) written with `count` operands. */
  lookup(mnemonic: string, count: number): Lookup<Form<K, V, Op>>;
  /** The value of an operand for a slot; rejects (litmus/syntax.ts `reject`) one that does not fit. */
  value(o: O, slot: Slot<K>): V;
}

export function usage(name: string, slots: readonly Slot[]): string {
  return slots.length === 0 ? `${name} takes no operands` : `${name} takes ${slots.map((s) => s.name).join(', ')}`;
}

/** The instruction `mnemonic operands...` stands for, or a positioned error. */
export function assemble<K extends string, V, Op, O extends WrittenOperand>(
  table: FormTable<K, V, Op, O>,
  mnemonic: ohm.Node,
  operands: readonly O[],
): Op {
  const written = mnemonic.sourceString;
  const name = written.toLowerCase();
  const found = table.lookup(name, operands.length);
  if (found.k === 'unknown') reject(mnemonic, `unknown instruction '${written}'`);
  if (found.k === 'unsupported') {
    const what = `'${written}' is ${table.anIsa} instruction that bpf-herd does not support`;
    reject(mnemonic, found.why ? `${what}: ${found.why}` : what);
  }
  const { slots } = found.form;
  if (operands.length > slots.length) reject(operands[slots.length]!.node, `too many operands: ${usage(name, slots)}`);
  if (operands.length < slots.length) reject(mnemonic, `missing operand: ${usage(name, slots)}`);
  const values = operands.map((o, i) => table.value(o, slots[i]!));
  try {
    return found.form.build(values);
  } catch (e) {
    if (e instanceof OperandError) reject(operands[e.index]!.node, e.message);
    throw e;
  }
}

/** The `Instr` and `Operands` actions of a grammar `Instr := mnemonic Operands?`, `Operands = NonemptyListOf<Operand, ",">`. */
export function mnemonicActions<K extends string, V, Op, O extends WrittenOperand>(table: FormTable<K, V, Op, O>): ohm.ActionDict<unknown> {
  return {
    Instr(mnemonic, operandsIter) {
      const operands = operandsIter.numChildren ? build<O[]>(operandsIter.child(0)) : [];
      return assemble(table, mnemonic, operands);
    },
    Operands(list) {
      return list.asIteration().children.map((n) => build<O>(n));
    },
  };
}

/** A table's own entry for a mnemonic (never an inherited property such as `constructor`). */
export function entry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A number that must lie in [min, max]. */
export function inRange(node: ohm.Node, value: bigint, min: bigint, max: bigint, what: string): bigint {
  if (value < min || value > max) reject(node, `${what} ${value} is out of range (${min}..${max})`);
  return value;
}

/** The range of a signed (`s`) or unsigned (`u`) field of `bits` bits. */
export function fieldRange(bits: number, signed: boolean): [bigint, bigint] {
  const b = BigInt(bits);
  return signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
}
