/** BPF instructions in herd7's spelling (llvm-objdump's where herd7 has none); the output parses back. */
import type { AluOp, BpfOp, JmpCond, Mem, Operand, Target } from './instr.js';
import { regName } from './regs.js';

const ALU_SPELLING: Record<AluOp, string> = {
  add: '+=', sub: '-=', mul: '*=', div: '/=', sdiv: 's/=', mod: '%=', smod: 's%=',
  and: '&=', or: '|=', xor: '^=', lsh: '<<=', rsh: '>>=', arsh: 's>>=',
}; // prettier-ignore

const COND_SPELLING: Record<JmpCond, string> = {
  eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', slt: 's<', sle: 's<=', sgt: 's>', sge: 's>=', set: '&',
}; // prettier-ignore

const LOCK_SPELLING = { add: '+=', and: '&=', or: '|=', xor: '^=' } as const;

function operand(o: Operand): string {
  return o.k === 'reg' ? regName(o.reg) : o.value.toString();
}

/** `r1 + 0`, `r1 - 8`: herd7 needs the spaces. */
function address(m: Pick<Mem, 'base' | 'off'>): string {
  return `${regName(m.base)} ${m.off < 0n ? '-' : '+'} ${m.off < 0n ? -m.off : m.off}`;
}

function mem(m: Mem, signed = false): string {
  return `(${signed ? 's' : 'u'}${m.size} *)(${address(m)})`;
}

function target(t: Target): string {
  return t.k === 'label' ? t.name : `${t.off < 0 ? '-' : '+'}${Math.abs(t.off)}`;
}

export function printBpfInstr(i: BpfOp): string {
  switch (i.op) {
    case 'mov':
      return `${regName(i.dst)} = ${operand(i.src)}${i.ll ? ' ll' : ''}`;
    case 'movsx':
      return `${regName(i.dst)} = (s${i.from}) ${regName(i.src)}`;
    case 'alu':
      return `${regName(i.dst)} ${ALU_SPELLING[i.alu]} ${operand(i.src)}`;
    case 'neg':
      return `${regName(i.dst)} = -${regName(i.dst)}`;
    case 'bswap':
      return `${regName(i.dst)} = ${i.kind === 'swap' ? 'bswap' : i.kind}${i.bits} ${regName(i.dst)}`;
    case 'load':
      return `${regName(i.dst)} = *${mem(i.mem, i.signed)}`;
    case 'store':
      return `*${mem(i.mem)} = ${operand(i.src)}`;
    case 'load_acquire':
      return `${regName(i.dst)} = load_acquire(${mem(i.mem)})`;
    case 'store_release':
      return `store_release(${mem(i.mem)}, ${regName(i.src)})`;
    case 'atomic':
      return i.fetch
        ? `${regName(i.src)} = atomic_fetch_${i.aop}(${mem(i.mem)}, ${regName(i.src)})`
        : `lock *${mem(i.mem)} ${LOCK_SPELLING[i.aop]} ${regName(i.src)}`;
    case 'xchg': {
      const name = i.mem.size === 64 ? 'xchg_64' : 'xchg_32_32';
      return `${regName(i.src)} = ${name}(${address(i.mem)}, ${regName(i.src)})`;
    }
    case 'cmpxchg': {
      const name = i.mem.size === 64 ? 'cmpxchg_64' : 'cmpxchg32_32';
      const r0 = regName({ n: 0, wide: i.src.wide });
      return `${r0} = ${name}(${address(i.mem)}, ${r0}, ${regName(i.src)})`;
    }
    case 'goto':
      return `goto ${target(i.target)}`;
    case 'if':
      return `if ${regName(i.lhs)} ${COND_SPELLING[i.cond]} ${operand(i.rhs)} goto ${target(i.target)}`;
    case 'exit':
      return 'exit';
  }
}
