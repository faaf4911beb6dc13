/**
 * arm64: arch/arm64/net/bpf_jit_comp.c. Loads and stores are plain LDR/STR; load-acquire and
 * store-release use LDAR/STLR (emit_atomic_ld_st); the other atomics use the LSE instructions
 * (emit_lse_atomic) when the CPU has them, else exclusive-pair loops (emit_ll_sc_atomic).
 */
import type { JitTable, Row } from '../table.js';

const FILE = 'arch/arm64/net/bpf_jit_comp.c';
const src = (fn: string) => ({ file: FILE, fn });

const REGS = {
  r0: 'X7', r1: 'X0', r2: 'X1', r3: 'X2', r4: 'X3', r5: 'X4',
  r6: 'X19', r7: 'X20', r8: 'X21', r9: 'X22', r10: 'X25',
};
const SCRATCH = ['X10', 'X11', 'X12']; // TMP_REG_1..3
const W = (x: string) => `W${x.slice(1)}`;
const REGS32 = Object.fromEntries([...Object.values(REGS), ...SCRATCH].map((x) => [x, W(x)]));

const common: Row[] = [
  { op: 'mov64.reg', emit: ['MOV {dst},{src}'], source: src('build_insn') },
  { op: 'mov64.imm', emit: ['MOV {dst},#{imm}'], source: src('emit_a64_mov_i64') },
  { op: 'mov32.reg', emit: ['MOV {dst:32},{src:32}'], source: src('build_insn') },
  { op: 'mov32.imm', emit: ['MOV {dst:32},#{imm}'], source: src('emit_a64_mov_i') },
  { op: 'alu64.add.reg', emit: ['ADD {dst},{dst},{src}'], source: src('build_insn') },
  { op: 'alu64.add.imm', emit: ['ADD {dst},{dst},#{imm}'], source: src('build_insn') },
  { op: 'alu64.sub.reg', emit: ['SUB {dst},{dst},{src}'], source: src('build_insn') },
  { op: 'alu64.sub.imm', emit: ['SUB {dst},{dst},#{imm}'], source: src('build_insn') },
  ...[8, 16, 32, 64].flatMap((s): Row[] => {
    const suffix = s === 8 ? 'B' : s === 16 ? 'H' : '';
    const reg = s === 64 ? '{dst}' : '{dst:32}';
    const val = s === 64 ? '{src}' : '{src:32}';
    return [
      { op: `load.${s}`, emit: [`LDR${suffix} ${reg},[{base}]`], source: src('build_insn') },
      { op: `store.${s}`, emit: [`STR${suffix} ${val},[{base}]`], source: src('build_insn') },
      { op: `store-imm.${s}`, emit: [`MOV {tmp1},#{imm}`, `STR${suffix} ${s === 64 ? '{tmp1}' : '{tmp1:32}'},[{base}]`], source: src('build_insn') },
      { op: `load_acquire.${s}`, emit: [`LDAR${suffix} ${reg},[{base}]`], source: src('emit_atomic_ld_st') },
      { op: `store_release.${s}`, emit: [`STLR${suffix} ${val},[{base}]`], source: src('emit_atomic_ld_st') },
    ];
  }),
  { op: 'goto', emit: ['B {target}'], source: src('build_insn') },
  { op: 'exit', emit: ['B {end}'], source: src('build_insn') },
  { op: 'jmp64.eq.imm', emit: ['CMP {dst},#{imm}', 'B.EQ {target}'], source: src('build_insn') },
  { op: 'jmp64.ne.imm', emit: ['CMP {dst},#{imm}', 'B.NE {target}'], source: src('build_insn') },
  { op: 'jmp64.eq.reg', emit: ['CMP {dst},{src}', 'B.EQ {target}'], source: src('build_insn') },
  { op: 'jmp64.ne.reg', emit: ['CMP {dst},{src}', 'B.NE {target}'], source: src('build_insn') },
];

const lse: Row[] = [
  ...[32, 64].flatMap((w): Row[] => {
    const s = w === 64 ? '{src}' : '{src:32}';
    return [
      { op: `atomic.add.${w}`, emit: [`STADD ${s},[{base}]`], source: src('emit_lse_atomic') },
      { op: `atomic.fetch_add.${w}`, emit: [`LDADDAL ${s},${s},[{base}]`], source: src('emit_lse_atomic') },
      { op: `xchg.${w}`, emit: [`SWPAL ${s},${s},[{base}]`], source: src('emit_lse_atomic') },
      { op: `cmpxchg.${w}`, emit: [`CASAL ${w === 64 ? '{r0}' : '{r0:32}'},${s},[{base}]`], source: src('emit_lse_atomic') },
    ];
  }),
];

export const arm64: JitTable = {
  name: 'arm64',
  arch: 'AArch64',
  description: 'arm64 with LSE atomics (emit_lse_atomic)',
  regs: REGS,
  regs32: REGS32,
  scratch: SCRATCH,
  rows: [...common, ...lse],
};
