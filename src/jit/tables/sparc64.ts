/**
 * sparc64: arch/sparc/net/bpf_jit_comp_64.c (build_insn, emit_compare_and_branch).
 *
 * Atomics: only the non-fetch 32- and 64-bit ADD (the old XADD) is JITed, as a compare-and-swap
 * loop: `mov off,tmp; add dst,tmp,tmp; 1: ld[x] [tmp],tmp2; add tmp2,src,tmp3;
 * cas[x] [tmp],tmp2,tmp3; cmp tmp2,tmp3; bne 1b; nop`. Relaxed is all the LKMM asks of a
 * non-fetch atomic, and cas serializes anyway under TSO. Every other atomic (and/or/xor, every
 * fetch op, xchg, cmpxchg) makes build_insn fail ("unknown atomic op"), so the interpreter runs
 * the program; so do load-acquire and store-release, which have no case.
 * The cpu v4 instructions (sign-extending loads and moves, sdiv/smod, the unconditional byte
 * swap) are not JITed either (believed: no sparc64 JIT patch for them is known).
 *
 * Register map (bpf2sparc[]): R0 %o5, R1-R5 %o0-%o4, R6-R9 %l0-%l3, R10 (FP) %l6, AX %g7;
 * TMP_REG_1..3 %g1..%g3. Registers are written `%xN` in the code and `xN` in states (the regs
 * map holds the state names; the templates add the `%`).
 *
 * Conventions of these rows:
 *  - Offsets: templates have no `{off}`, so accesses are at offset 0 (`[%base]`).
 *  - Immediates: the JIT uses the simm13 form when the value fits, else emit_loadimm* into a
 *    temporary (sethi/or, which the front end writes as `set`); the rows always go through
 *    `set imm,%g1` (same value; `set` covers -4096..2^32-1, the immediates of the corpora).
 *  - ALU32 results are truncated with `srl %dst,0,%dst` (do_alu32_trunc, or the zero-extension
 *    the verifier inserts, which the JIT emits the same way).
 *  - Branches: `cmp`/`btst` then a BPcc on %xcc (JMP) or %icc (JMP32), a nop in the delay slot.
 *    CPUs with CBCOND (SPARC T4 and later) get a compare-and-branch `c[wx]b<cond>` for near
 *    targets instead, which the front end lacks; it orders nothing differently (TSO).
 *  - Not modelled (the sparc64 front end lacks them): mulx, udivx and the division remainder
 *    sequences. Byte swaps are endianness-dependent: sparc64 is big-endian, where BPF's `le`
 *    swaps and `be` only truncates, while bpf-herd's BPF semantics take a little-endian host.
 */
import type { JitTable, Row } from '../table.js';

const FILE = 'arch/sparc/net/bpf_jit_comp_64.c';
const BODY = { file: FILE, fn: 'build_insn' };

type Width = 64 | 32;
const T1 = '%{tmp1}';
const T2 = '%{tmp2}';
const T3 = '%{tmp3}';
const trunc = (w: Width, r = '%{dst}') => (w === 32 ? [`srl ${r},0,${r}`] : []);
const TRUNC_NOTE = 'ALU32: the result truncated to 32 bits with srl %dst,0,%dst (do_alu32_trunc, or the zero-extension the verifier inserts)';
const note = (w: Width, extra?: string) => {
  const parts = [extra, w === 32 ? TRUNC_NOTE : undefined].filter(Boolean);
  return parts.length > 0 ? { note: parts.join('; ') } : {};
};
const NOT_V4 = (what: string) =>
  `not JITed: ${what} is a cpu v4 instruction, which the sparc64 JIT does not implement (believed; build_insn rejects unknown opcodes), so the interpreter runs the program`;

// ---------------------------------------------------------------- ALU

const ALU: Record<string, [string, string]> = {
  add: ['add', 'add'], sub: ['sub', 'sub'], and: ['and', 'and'], or: ['or', 'or'], xor: ['xor', 'xor'],
  lsh: ['sllx', 'sll'], rsh: ['srlx', 'srl'], arsh: ['srax', 'sra'],
};

function aluRows(w: Width): Row[] {
  const i = w === 64 ? 0 : 1;
  const rows: Row[] = [
    { op: `mov${w}.reg`, emit: [w === 64 ? 'mov %{src},%{dst}' : 'srl %{src},0,%{dst}'], source: BODY, ...(w === 32 ? { note: 'a 32-bit move is srl %src,0,%dst (zero-extending)' } : {}) },
    { op: `mov${w}.imm`, emit: ['set {imm},%{dst}', ...trunc(w)], source: BODY, ...note(w, `emit_loadimm${w === 64 ? '_sext' : '32'}: mov for a simm13, else sethi/or (written as set)`) },
    { op: `neg${w}`, emit: ['sub %g0,%{dst},%{dst}', ...trunc(w)], source: BODY, ...note(w) },
  ];
  for (const [op, mn] of Object.entries(ALU)) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: [`${mn[i]} %{dst},%{src},%{dst}`, ...trunc(w)], source: BODY, ...note(w) });
    const shift = op === 'lsh' || op === 'rsh' || op === 'arsh';
    rows.push({
      op: `alu${w}.${op}.imm`,
      emit: shift ? [`${mn[i]} %{dst},{imm},%{dst}`, ...trunc(w)] : [`set {imm},${T1}`, `${mn[i]} %{dst},${T1},%{dst}`, ...trunc(w)],
      source: BODY,
      ...note(w, shift ? undefined : 'the JIT uses the simm13 form when the immediate fits, else loads it into %g1: same value'),
    });
  }
  for (const op of ['mul', 'div', 'mod']) {
    const what = `not modelled: the JIT emits ${op === 'mul' ? 'mulx' : op === 'div' ? 'udivx (after zero-extending for ALU32)' : 'udivx, mulx and sub'}, which bpf-herd's sparc64 front end lacks`;
    rows.push({ op: `alu${w}.${op}.reg`, emit: what, source: BODY }, { op: `alu${w}.${op}.imm`, emit: what, source: BODY });
  }
  for (const op of ['sdiv', 'smod']) {
    rows.push({ op: `alu${w}.${op}.reg`, emit: NOT_V4(`signed ${op === 'sdiv' ? 'division' : 'modulo'}`), source: BODY });
    rows.push({ op: `alu${w}.${op}.imm`, emit: NOT_V4(`signed ${op === 'sdiv' ? 'division' : 'modulo'}`), source: BODY });
  }
  return rows;
}

const extRows: Row[] = [
  ...[8, 16, 32].map((b): Row => ({ op: `movsx${b}`, emit: NOT_V4('a sign-extending move (BPF_MOVSX)'), source: BODY })),
  ...(['be', 'le'] as const).flatMap((k) => [16, 32, 64].map((b): Row => ({
    op: `bswap.${k}${b}`,
    emit: `not modelled: sparc64 is big-endian, so \`${k}${b}\` ${k === 'be' ? 'only truncates' : 'swaps bytes (through the stack: stx then lduha/lduwa/ldxa with ASI_PL)'}, while bpf-herd's BPF semantics take a little-endian host, where it ${k === 'be' ? 'swaps' : 'only truncates'}`,
    source: BODY,
  }))),
  ...[16, 32, 64].map((b): Row => ({ op: `bswap.swap${b}`, emit: NOT_V4('the unconditional byte swap (BPF_ALU64 | BPF_END)'), source: BODY })),
];

// ---------------------------------------------------------------- jumps (emit_compare_and_branch)

const COND: Record<string, string> = {
  eq: 'be', ne: 'bne', gt: 'bgu', lt: 'blu', ge: 'bgeu', le: 'bleu', set: 'bne', sgt: 'bg', slt: 'bl', sge: 'bge', sle: 'ble',
};

function jumpRows(w: Width): Row[] {
  const cc = w === 64 ? '%xcc' : '%icc';
  const cbs = { file: FILE, fn: 'emit_compare_and_branch' };
  return Object.entries(COND).flatMap(([c, br]): Row[] => {
    const test = c === 'set' ? 'btst' : 'cmp';
    const regTest = c === 'set' ? `btst %{src},%{dst}` : `cmp %{dst},%{src}`;
    return [
      {
        op: `jmp${w}.${c}.reg`, emit: [regTest, `${br} ${cc},{target}`, 'nop'], source: cbs,
        note: `${test} then a branch on ${cc} with a nop in its delay slot (a CBCOND CPU may use c${w === 64 ? 'x' : 'w'}b${br.slice(1)} for near targets${c === 'set' ? '' : ''}, not in the front end; the same ordering)`,
      },
      {
        op: `jmp${w}.${c}.imm`, emit: [`set {imm},${T1}`, c === 'set' ? `btst ${T1},%{dst}` : `cmp %{dst},${T1}`, `${br} ${cc},{target}`, 'nop'], source: cbs,
        note: `the JIT compares with a simm13 immediate when it fits, else loads it into %g1 (emit_loadimm_sext): same outcome; a nop in the delay slot`,
      },
    ];
  });
}

// ---------------------------------------------------------------- loads and stores

const LOAD: Record<number, string> = { 8: 'ldub', 16: 'lduh', 32: 'lduw', 64: 'ldx' };
const STORE: Record<number, string> = { 8: 'stb', 16: 'sth', 32: 'stw', 64: 'stx' };
const NO_ACQREL = (what: string) => `not JITed: the sparc64 JIT has no ${what} case, so the interpreter runs the program`;

function memRows(): Row[] {
  return ([8, 16, 32, 64] as const).flatMap((s): Row[] => [
    { op: `load.${s}`, emit: [`${LOAD[s]} [%{base}],%{dst}`], source: BODY },
    { op: `store.${s}`, emit: [`${STORE[s]} %{src},[%{base}]`], source: BODY },
    { op: `store-imm.${s}`, emit: [`set {imm},${T2}`, `${STORE[s]} ${T2},[%{base}]`], source: BODY, note: 'emit_loadimm(imm, tmp2) then the store' },
    { op: `load_acquire.${s}`, emit: NO_ACQREL('BPF_LOAD_ACQ'), source: BODY },
    { op: `store_release.${s}`, emit: NO_ACQREL('BPF_STORE_REL'), source: BODY },
    ...(s < 64 ? [{ op: `load-signed.${s}`, emit: NOT_V4('a sign-extending load (BPF_MEMSX)'), source: BODY }] : []),
  ]);
}

// ---------------------------------------------------------------- atomics

const UNKNOWN_ATOMIC = (what: string) =>
  `not JITed: the sparc64 JIT implements only the non-fetch BPF_ADD; for ${what} build_insn fails ("unknown atomic op"), so the interpreter runs the program`;

function atomicRows(): Row[] {
  return ([32, 64] as const).flatMap((w): Row[] => {
    const [ld, cas, cc] = w === 64 ? ['ldx', 'casx', '%xcc'] : ['lduw', 'cas', '%icc'];
    return [
      {
        op: `atomic.add.${w}`,
        emit: [`mov 0,${T1}`, `add %{base},${T1},${T1}`, '{L1}:', `${ld} [${T1}],${T2}`, `add ${T2},%{src},${T3}`, `${cas} [${T1}],${T2},${T3}`, `cmp ${T2},${T3}`, `bne ${cc},{L1}`, 'nop'],
        source: BODY,
        note: 'the address into tmp (emit_loadimm(off) then add), then the cas loop: retry (bne, a nop in the delay slot) while the cas found another value; relaxed is all a non-fetch add needs, and cas serializes under TSO anyway',
      },
      ...['and', 'or', 'xor'].map((op): Row => ({ op: `atomic.${op}.${w}`, emit: UNKNOWN_ATOMIC(`BPF_${op.toUpperCase()}`), source: BODY })),
      ...['add', 'and', 'or', 'xor'].map((op): Row => ({ op: `atomic.fetch_${op}.${w}`, emit: UNKNOWN_ATOMIC(`BPF_${op.toUpperCase()} | BPF_FETCH`), source: BODY })),
      { op: `xchg.${w}`, emit: UNKNOWN_ATOMIC('BPF_XCHG'), source: BODY },
      { op: `cmpxchg.${w}`, emit: UNKNOWN_ATOMIC('BPF_CMPXCHG'), source: BODY },
    ];
  });
}

// ---------------------------------------------------------------- the table

export const sparc64: JitTable = {
  name: 'sparc64',
  arch: 'SPARC64',
  description:
    'the sparc64 JIT (arch/sparc/net/bpf_jit_comp_64.c): only the non-fetch atomic add, as an ld[x]/add/cas[x]/cmp/bne loop; every other atomic, load-acquire, '
    + 'store-release and the cpu v4 instructions are not JITed',
  regs: { r0: 'o5', r1: 'o0', r2: 'o1', r3: 'o2', r4: 'o3', r5: 'o4', r6: 'l0', r7: 'l1', r8: 'l2', r9: 'l3', r10: 'l6' },
  scratch: ['g1', 'g2', 'g3'],
  rows: [
    ...aluRows(64), ...aluRows(32), ...extRows, ...memRows(), ...atomicRows(), ...jumpRows(64), ...jumpRows(32),
    { op: 'goto', emit: ['ba {target}', 'nop'], source: BODY, note: 'a nop in the delay slot' },
    { op: 'exit', emit: ['ba {end}', 'nop'], source: BODY, note: 'a branch to the epilogue with a nop in its delay slot (nothing for the last instruction)' },
  ],
};
