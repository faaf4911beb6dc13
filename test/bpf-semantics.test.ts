/** BPF instruction semantics: values, events, tags, dependencies and paths, through buildSkeleton. */
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../src/litmus/parse.js';
import { bpfSyntax } from '../src/isa/bpf/syntax.js';
import { bpfSemantics } from '../src/isa/bpf/sem.js';
import { buildSkeleton } from '../src/semantics/build.js';
import { evalExpr, signed64 } from '../src/semantics/expr.js';
import type { MemEvent, Skeleton } from '../src/semantics/skeleton.js';

/** A one-thread test; `regs` are the registers whose final values `run` returns. */
function skeleton(code: string[], init = '0:r1=x; 0:r2=y;', threads = 1, unroll = 2): Skeleton {
  const header = Array.from({ length: threads }, (_, i) => `P${i}`).join(' | ');
  const rows = code.map((c) => (threads === 1 ? ` ${c} ;` : ` ${c} ;`));
  const text = ['BPF t', `{ ${init} }`, ` ${header} ;`, ...rows, 'exists (0:r0=0)', ''].join('\n');
  return buildSkeleton(parseLitmus(text, 't.litmus', [bpfSyntax]), bpfSemantics, { unroll });
}

/** Final value of a register on the only path of thread 0, reads returning `readValue`. */
function finalReg(code: string[], reg: string, readValue = 0n): bigint {
  const s = skeleton(code);
  expect(s.threads[0]!.paths).toHaveLength(1);
  const e = s.threads[0]!.paths[0]!.regs.get(reg)!;
  return signed64(evalExpr(e, () => readValue));
}

const accesses = (s: Skeleton, path = 0): MemEvent[] => s.threads[0]!.paths[path]!.events.map((id) => s.events[id]!);

describe('ALU values (RFC 9669)', () => {
  const cases: [string[], string, bigint][] = [
    [['r3 = -1', 'r3 += 2'], 'r3', 1n], // 64-bit wrap-around
    [['r3 = 0x7fffffffffffffff ll', 'r3 += 1'], 'r3', -(2n ** 63n)],
    [['r3 = -1', 'w3 += 2'], 'r3', 1n], // ALU32 wraps at 32 bits and zeroes the upper half
    [['r3 = -1', 'w3 = w3'], 'r3', 0xffffffffn],
    [['r3 = 7', 'r4 = 0', 'r3 /= r4'], 'r3', 0n], // division by zero gives 0
    [['r3 = 7', 'r4 = 0', 'r3 %= r4'], 'r3', 7n], // modulo by zero keeps the dividend
    [['r3 = -1', 'r4 = 0', 'w3 %= w4'], 'r3', 0xffffffffn], // ... and ALU32 still zeroes the upper half
    [['r3 = -8', 'r3 s>>= 1'], 'r3', -4n],
    [['r3 = -8', 'r3 >>= 60'], 'r3', 15n],
    [['r3 = -8', 'w3 s>>= 1'], 'r3', 0xfffffffcn],
    [['r3 = 1', 'r3 <<= 65'], 'r3', 2n], // shift amounts are masked to 6 bits
    [['r3 = -7', 'r4 = 2', 'r3 s/= r4'], 'r3', -3n], // signed division truncates
    [['r3 = -7', 'r4 = 2', 'r3 s%= r4'], 'r3', -1n],
    [['r3 = 0x1234', 'r3 = be16 r3'], 'r3', 0x3412n],
    [['r3 = 0x12345678', 'r3 = le16 r3'], 'r3', 0x5678n],
    [['r3 = 0x80', 'r3 = (s8) r3'], 'r3', -128n],
    [['r3 = 5', 'r3 = -r3'], 'r3', -5n],
  ];
  for (const [code, reg, want] of cases) {
    it(`${code.join('; ')} gives ${reg}=${want}`, () => expect(finalReg(code, reg)).toBe(want));
  }
  it('a sized load zero-extends, a signed one sign-extends', () => {
    expect(finalReg(['r3 = *(u8 *)(r1 + 0)'], 'r3', 0x1ffn)).toBe(0xffn);
    expect(finalReg(['r3 = *(s8 *)(r1 + 0)'], 'r3', 0xffn)).toBe(-1n);
  });
});

describe('events and tags', () => {
  it('each access kind makes the events and tags of the reference table', () => {
    const s = skeleton([
      'r3 = *(u32 *)(r1 + 0)',
      '*(u32 *)(r1 + 0) = 1',
      'r3 = load_acquire((u32 *)(r1 + 0))',
      'store_release((u32 *)(r1 + 0), r3)',
      'lock *(u64 *)(r1 + 0) += r3',
      'r3 = atomic_fetch_add((u64 *)(r1 + 0), r3)',
      'r3 = xchg_64(r1 + 0, r3)',
    ]);
    const kinds = accesses(s).map((e) => `${e.read ? 'R' : ''}${e.write ? 'W' : ''}[${e.tags.join(',')}]`);
    expect(kinds).toEqual(['R[]', 'W[]', 'R[AQ]', 'W[RL]', 'RW[X]', 'RW[SC]', 'RW[SC]']);
  });

  it('cmpxchg splits the path: success reads and writes (SC, amo), failure is a plain read', () => {
    const s = skeleton(['r0 = cmpxchg_64(r1 + 0, r0, r2)']);
    const paths = s.threads[0]!.paths;
    expect(paths).toHaveLength(2);
    const [success, failure] = paths.map((_, i) => accesses(s, i));
    expect(success!.map((e) => `${e.read ? 'R' : 'W'}[${e.tags}]`)).toEqual(['R[SC]', 'W[SC]']);
    expect(paths[0]!.amo).toEqual([[success![0]!.id, success![1]!.id]]);
    expect(failure!.map((e) => `${e.read ? 'R' : 'W'}[${e.tags}]`)).toEqual(['R[]']);
    expect(paths[1]!.amo).toEqual([]);
    // the read and the write of one instruction are not ordered by po
    expect(success![0]!.seq).toBe(success![1]!.seq);
  });

  it('stores truncate to their size', () => {
    const s = skeleton(['r3 = 0x1234', '*(u8 *)(r1 + 0) = r3']);
    expect(evalExpr(accesses(s)[0]!.wval!, () => 0n)).toBe(0x34n);
  });
});

describe('dependencies', () => {
  const deps = (code: string[]) => {
    const s = skeleton(code);
    const p = s.threads[0]!.paths[0]!;
    const seq = (id: number) => s.events[id]!.seq;
    return { addr: p.deps.addr.map(([a, b]) => [seq(a), seq(b)]), data: p.deps.data.map(([a, b]) => [seq(a), seq(b)]), ctrl: p.deps.ctrl.map(([a, b]) => [seq(a), seq(b)]) };
  };
  it('data: the stored value is computed from a read', () => {
    expect(deps(['r3 = *(u32 *)(r1 + 0)', 'r4 = r3', 'r4 += 1', '*(u32 *)(r2 + 0) = r4']).data).toEqual([[0, 3]]);
  });
  it('addr: the address is computed from a read, and the dependency survives r4 += r3; r4 -= r3', () => {
    const d = deps(['r3 = *(u32 *)(r1 + 0)', 'r4 = r2', 'r4 += r3', 'r4 -= r3', 'r5 = *(u32 *)(r4 + 0)']);
    expect(d.addr).toEqual([[0, 4]]);
  });
  it('ctrl: from the read a branch depends on to every later event, whatever the branch', () => {
    const s = skeleton(['r3 = *(u32 *)(r1 + 0)', 'if r3 == 0 goto L', 'L: *(u32 *)(r2 + 0) = 1', 'r4 = *(u32 *)(r2 + 0)']);
    for (const p of s.threads[0]!.paths) expect(p.deps.ctrl).toHaveLength(2);
  });
  it('no dependency through a register that is overwritten', () => {
    expect(deps(['r3 = *(u32 *)(r1 + 0)', 'r3 = 1', '*(u32 *)(r2 + 0) = r3']).data).toEqual([]);
  });
  it('a failed cmpxchg still heads a dependency through r0', () => {
    const s = skeleton(['r0 = cmpxchg_64(r1 + 0, r0, r2)', '*(u32 *)(r2 + 0) = r0']);
    const failure = s.threads[0]!.paths[1]!;
    expect(failure.deps.data).toHaveLength(1);
  });
});

describe('control flow', () => {
  it('a branch on a read splits the thread into two guarded paths', () => {
    const s = skeleton(['r3 = *(u32 *)(r1 + 0)', 'if r3 s< 0 goto L', 'r4 = 1', 'L: r5 = 2']);
    expect(s.threads[0]!.paths.map((p) => p.guard.length)).toEqual([1, 1]);
  });
  it('a branch decided statically does not split', () => {
    expect(skeleton(['r3 = 1', 'if r3 == 1 goto L', 'r4 = 1', 'L: r5 = 2']).threads[0]!.paths).toHaveLength(1);
  });
  it('a backward branch is unrolled up to the bound and the longer paths are counted as cut', () => {
    const code = ['L: r3 = *(u32 *)(r1 + 0)', 'if r3 == 0 goto L'];
    const two = skeleton(code, undefined, 1, 2).threads[0]!;
    expect(two.paths).toHaveLength(3); // exits after 1, 2 or 3 reads
    expect(two.cutPaths).toBe(1);
    expect(skeleton(code, undefined, 1, 0).threads[0]!.paths).toHaveLength(1);
  });
  it('JMP32 compares the low 32 bits', () => {
    const s = skeleton(['r3 = 0x100000000 ll', 'if w3 == 0 goto L', 'r4 = 1', 'L: exit']);
    expect(s.threads[0]!.paths[0]!.regs.get('r4')).toBeUndefined();
  });
});

describe('locations', () => {
  it('a non-zero offset from a location is an error, not a wrong answer', () => {
    expect(() => skeleton(['r3 = *(u32 *)(r1 + 4)'])).toThrow(/2:?.*offset 4 from location 'x': mixed-size and offset accesses are not supported/);
  });
  it('a pointer read from memory gives the locations it may hold', () => {
    const s = skeleton(['r3 = *(u64 *)(r1 + 0)', 'r4 = *(u32 *)(r3 + 0)'], '0:r1=p; x=0; p=x;');
    const [, deref] = accesses(s);
    expect(deref!.mayLocs.map((l) => s.locations[l])).toEqual(['x']);
    expect(deref!.strayAddress).toBeUndefined();
  });
});
