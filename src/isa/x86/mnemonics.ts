/**
 * Mnemonics: which instruction a name is, and the operand size an AT&T suffix gives it
 * (`movl` is MOV on 32 bits, `movzbl` is MOVZX from 8 to 32 bits). Both dialects accept both
 * spellings, as assemblers do; names are case-insensitive.
 */
import type { AluOp, CondCode, FenceKind, Size, UnaryOp } from './instr.js';

export type Mnemonic =
  | { kind: 'mov' | 'movabs' | 'xadd' | 'xchg' | 'cmpxchg' | 'cmp' | 'test' | 'nop' | 'jmp' }
  | { kind: 'movx'; signed: boolean; from?: 8 | 16 | 32 }
  | { kind: 'alu'; alu: AluOp }
  | { kind: 'unary'; un: UnaryOp }
  | { kind: 'fence'; fence: FenceKind }
  | { kind: 'jcc'; cc: CondCode };

/** A mnemonic as written: what it is, and the size its suffix states. */
export interface MnemonicInfo {
  m: Mnemonic;
  size?: Size;
}

const CONDITIONS: Record<string, CondCode> = {
  e: 'e', z: 'e', ne: 'ne', nz: 'ne',
  b: 'b', c: 'b', nae: 'b', ae: 'ae', nb: 'ae', nc: 'ae', be: 'be', na: 'be', a: 'a', nbe: 'a',
  l: 'l', nge: 'l', ge: 'ge', nl: 'ge', le: 'le', ng: 'le', g: 'g', nle: 'g',
  s: 's', ns: 'ns', o: 'o', no: 'no',
}; // prettier-ignore

/** Mnemonics that take an operand-size suffix in AT&T syntax (b, w, l, q). */
const SIZED: Record<string, Mnemonic> = {
  mov: { kind: 'mov' }, movabs: { kind: 'movabs' },
  add: { kind: 'alu', alu: 'add' }, sub: { kind: 'alu', alu: 'sub' }, and: { kind: 'alu', alu: 'and' },
  or: { kind: 'alu', alu: 'or' }, xor: { kind: 'alu', alu: 'xor' },
  inc: { kind: 'unary', un: 'inc' }, dec: { kind: 'unary', un: 'dec' }, neg: { kind: 'unary', un: 'neg' }, not: { kind: 'unary', un: 'not' },
  xadd: { kind: 'xadd' }, xchg: { kind: 'xchg' }, cmpxchg: { kind: 'cmpxchg' }, cmp: { kind: 'cmp' }, test: { kind: 'test' },
}; // prettier-ignore

const UNSIZED: Record<string, Mnemonic> = {
  movzx: { kind: 'movx', signed: false }, movsx: { kind: 'movx', signed: true }, movsxd: { kind: 'movx', signed: true, from: 32 },
  mfence: { kind: 'fence', fence: 'mfence' }, lfence: { kind: 'fence', fence: 'lfence' }, sfence: { kind: 'fence', fence: 'sfence' },
  nop: { kind: 'nop' }, jmp: { kind: 'jmp' },
}; // prettier-ignore

const SUFFIX: Record<string, Size> = { b: 8, w: 16, l: 32, q: 64 };

/**
 * Instructions that exist but that bpf-herd does not model: they get "not supported" rather than
 * "unknown". String instructions (`movsb`...) come first: their names look like suffixed moves.
 */
const UNSUPPORTED = new Set([
  'movsb', 'movsw', 'movsd', 'movsl', 'movsq', 'stosb', 'stosw', 'stosd', 'stosl', 'stosq', 'lodsb', 'lodsw', 'lodsd', 'lodsq',
  'cmpsb', 'cmpsw', 'cmpsd', 'cmpsq', 'scasb', 'scasw', 'scasd', 'scasq', 'rep', 'repe', 'repne', 'repz', 'repnz',
  'adc', 'sbb', 'imul', 'mul', 'div', 'idiv', 'shl', 'shr', 'sal', 'sar', 'rol', 'ror', 'rcl', 'rcr', 'shld', 'shrd',
  'lea', 'push', 'pop', 'call', 'ret', 'leave', 'enter', 'bt', 'bts', 'btr', 'btc', 'bsf', 'bsr', 'bswap', 'lzcnt', 'tzcnt', 'popcnt',
  'cmpxchg8b', 'cmpxchg16b', 'cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo', 'cltq', 'cltd', 'cqto', 'movnti', 'movbe',
  'clflush', 'clflushopt', 'clwb', 'prefetch', 'prefetcht0', 'prefetcht1', 'prefetcht2', 'prefetchnta', 'prefetchw',
  'pause', 'hlt', 'int3', 'ud2', 'cpuid', 'rdtsc', 'rdtscp', 'syscall', 'endbr64', 'jcxz', 'jecxz', 'jrcxz',
  'jp', 'jpe', 'jnp', 'jpo', 'loop', 'loope', 'loopne', 'xlat', 'stc', 'clc', 'cmc', 'lahf', 'sahf', 'pushf', 'popf',
]); // prettier-ignore
const UNSUPPORTED_PREFIXES = ['cmov', 'set'];

export type MnemonicLookup = { ok: MnemonicInfo } | { unsupported: true } | { unknown: true };

export function lookupMnemonic(written: string): MnemonicLookup {
  const name = written.toLowerCase();
  const own = <T>(table: Record<string, T>): T | undefined => (Object.hasOwn(table, name) ? table[name] : undefined); // not `constructor`
  const exact = own(SIZED) ?? own(UNSIZED);
  if (exact) return { ok: { m: exact } };
  if (name.startsWith('j') && Object.hasOwn(CONDITIONS, name.slice(1))) return { ok: { m: { kind: 'jcc', cc: CONDITIONS[name.slice(1)]! } } };
  if (UNSUPPORTED.has(name)) return { unsupported: true };
  // AT&T zero/sign extensions: movzbl = MOVZX from 8 to 32 bits, movslq = MOVSXD
  const ext = /^mov([zs])([bwl])([wlq])$/.exec(name);
  if (ext) {
    const from = SUFFIX[ext[2]!]! as 8 | 16 | 32;
    const size = SUFFIX[ext[3]!]!;
    if (from < size && !(ext[1] === 'z' && from === 32)) return { ok: { m: { kind: 'movx', signed: ext[1] === 's', from }, size } };
  }
  const base = name.slice(0, -1);
  const size = SUFFIX[name.slice(-1)];
  if (size !== undefined && SIZED[base]) return { ok: { m: SIZED[base], size } };
  if ((size !== undefined && UNSUPPORTED.has(base)) || UNSUPPORTED_PREFIXES.some((p) => name.startsWith(p))) return { unsupported: true };
  return { unknown: true };
}
