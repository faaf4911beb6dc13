/**
 * A JIT's lowering table, as data: for each BPF operation (an OpKey), the instruction sequence
 * the kernel JIT emits, written in the target's litmus syntax with placeholders, and where in the
 * kernel it comes from. Variants (the table before an ordering fix, LSE versus LL/SC) replace
 * rows. The same shape is read from JSON for `--table FILE`.
 *
 * Placeholders in an instruction template:
 *   {dst} {src}          the target registers of the BPF destination and source registers
 *   {base}               the register holding the address of a memory operand (BPF's dst or src)
 *   {r0}                 the target register of BPF R0 (cmpxchg compares with it)
 *   {tmp1} {tmp2} {tmp3} the JIT's scratch registers
 *   {dst:32} ...         any register placeholder with `:32`: its 32-bit view (AArch64 W names,
 *                        x86 e-registers; the same name where the ISA has no other)
 *   {imm}                the immediate operand, in decimal
 *   {end}                the end of the thread (BPF exit)
 *   {target}             the label a jump goes to
 *   {L1} {L2}            labels private to this instruction (retry loops); made unique per use
 * A row whose `emit` is a string instead of a list is not lowered: the JIT leaves the operation
 * to the interpreter (or bpf-herd cannot express the sequence), and tests using it are reported
 * `unsupported` with that reason.
 */

export interface KernelSource {
  file: string; // e.g. arch/arm64/net/bpf_jit_comp.c
  fn: string; // e.g. emit_lse_atomic
}

export interface Row {
  op: OpKey;
  emit: string[] | string;
  source: KernelSource;
  note?: string;
}

export interface JitTable {
  /** The name users select with --arch, e.g. `arm64`, `arm64-llsc`, `riscv64-zacas`. */
  name: string;
  /** The architecture line of the lowered test (`AArch64`, `PPC`, `RISCV`, `X86_64`, ...). */
  arch: string;
  /** The model used to decide lowered tests (default: the architecture's). */
  model?: string;
  /** A sentence on what the table is and which kernel tree it was read from. */
  description: string;
  /** BPF register (`r0`..`r10`) -> target register, as the JIT's register map. */
  regs: Record<string, string>;
  /** Target register -> its 32-bit view, where the ISA names it differently. */
  regs32?: Record<string, string>;
  /** The JIT's scratch registers, for {tmp1} {tmp2} {tmp3}. */
  scratch: string[];
  rows: Row[];
  /** Named variants: rows that replace the table's rows with the same op. */
  variants?: Record<string, { description: string; rows: Row[] }>;
}

/**
 * The BPF operations a table may lower. Sizes are the access size in bits; 32/64 after an ALU or
 * jump class is its width (ALU32/JMP32 or 64-bit).
 */
export type OpKey = string;

const ALU_OPS = ['add', 'sub', 'mul', 'div', 'sdiv', 'mod', 'smod', 'and', 'or', 'xor', 'lsh', 'rsh', 'arsh'] as const;
const JMP_CONDS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'slt', 'sle', 'sgt', 'sge', 'set'] as const;
const SIZES = [8, 16, 32, 64] as const;
const ATOMIC_OPS = ['add', 'and', 'or', 'xor'] as const;

/** Every operation key, for checking tables and listing what a table lacks. */
export const OP_KEYS: readonly OpKey[] = [
  ...[64, 32].flatMap((w) => [`mov${w}.reg`, `mov${w}.imm`, `neg${w}`]),
  ...[64, 32].flatMap((w) => ALU_OPS.flatMap((op) => [`alu${w}.${op}.reg`, `alu${w}.${op}.imm`])),
  ...SIZES.flatMap((s) => [`load.${s}`, `store.${s}`, `store-imm.${s}`, `load_acquire.${s}`, `store_release.${s}`]),
  ...[8, 16, 32].flatMap((s) => [`load-signed.${s}`, `movsx${s}`]),
  ...['be', 'le', 'swap'].flatMap((k) => [16, 32, 64].map((b) => `bswap.${k}${b}`)),
  ...[32, 64].flatMap((w) => [
    ...ATOMIC_OPS.flatMap((op) => [`atomic.${op}.${w}`, `atomic.fetch_${op}.${w}`]),
    `xchg.${w}`,
    `cmpxchg.${w}`,
  ]),
  ...[64, 32].flatMap((w) => JMP_CONDS.flatMap((c) => [`jmp${w}.${c}.reg`, `jmp${w}.${c}.imm`])),
  'goto',
  'exit',
];
