/**
 * Writes the BPF litmus tests the documentation generates, from a small description: threads of
 * accesses, each pair of neighbours linked by program order, a dependency or a fence. The
 * dependencies are the value-neutral idioms (`r7 = r4; r7 -= r7`), so every variant of a test
 * reaches the same final states under sequential consistency and shares its condition.
 */
import { NEVER_WRITTEN, type AccessKindId } from './access-kinds.js';

export interface Access {
  kind: AccessKindId;
  loc: string;
  /** The register the value read ends in, and the source of the value written (initialised to `value`). */
  reg: string;
  /** The value written, or the operand of an add. */
  value: number;
  /** What a cmpxchg compares with. */
  expect?: number;
}

/** How two neighbouring accesses of a thread are connected. */
export type Link = 'po' | 'addr' | 'data' | 'ctrl' | 'fence';

export interface ThreadSpec {
  accesses: Access[];
  links: Link[]; // links[i] connects accesses[i] and accesses[i + 1]
}

export interface TestSpec {
  name: string;
  comment: string[];
  threads: ThreadSpec[];
  /** The proposition after `exists`, in herd syntax. */
  condition: string;
  /** Observables to list in a `locations` line (the final state shows them). */
  locations?: string[];
}

/** Location registers: x, y, z in r1, r2, r3; r7 computes dependencies; r8/r9 are the fence's. */
const LOC_REGS: Record<string, string> = { x: 'r1', y: 'r2', z: 'r3' };
const DEP = 'r7';
export const FENCE_LOCATION = 'f';

export function locationRegister(loc: string): string {
  const r = LOC_REGS[loc];
  if (!r) throw new Error(`no register for location ${loc}`);
  return r;
}

export function writeTest(spec: TestSpec): string {
  const threads = spec.threads.map((t, i) => threadCode(t, i));
  const init = threads.map((t) => t.init.join(' ')).filter((l) => l !== '');
  const rows = Math.max(...threads.map((t) => t.lines.length));
  const widths = threads.map((t, i) => Math.max(`P${i}`.length, ...t.lines.map((l) => l.length)));
  const row = (cells: string[]) => ` ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} ;`;
  return [
    `BPF ${spec.name}`,
    '(*',
    ...spec.comment.map((l) => ` * ${l}`.trimEnd()),
    ' *)',
    '{',
    ...init.map((l) => ` ${l}`),
    '}',
    row(threads.map((_, i) => `P${i}`)),
    ...Array.from({ length: rows }, (_, k) => row(threads.map((t) => t.lines[k] ?? ''))),
    ...(spec.locations ? [`locations [${spec.locations.map((o) => `${o};`).join(' ')}]`] : []),
    `exists (${spec.condition})`,
    '',
  ].join('\n');
}

function threadCode(t: ThreadSpec, tid: number): { init: string[]; lines: string[] } {
  const init = new Map<string, string>();
  const lines: string[] = [];
  let r0Set = false;
  t.accesses.forEach((a, i) => {
    const link = i > 0 ? t.links[i - 1]! : 'po';
    const prev = t.accesses[i - 1];
    let base = locationRegister(a.loc);
    init.set(base, a.loc);
    if (link === 'fence') {
      init.set('r9', FENCE_LOCATION).set('r8', '0');
      lines.push('r8 = atomic_fetch_add((u64 *)(r9 + 0), r8)');
    } else if (link === 'addr') {
      lines.push(`${DEP} = ${prev!.reg}`, `${DEP} -= ${DEP}`, `${DEP} += ${base}`);
      base = DEP;
    } else if (link === 'ctrl') {
      // a branch on the value read whose both ways lead to the access: a control dependency alone
      lines.push(`if ${prev!.reg} == ${NEVER_WRITTEN} goto LC${tid}`, `LC${tid}:`);
    }
    if (link === 'data') lines.push(`${a.reg} = ${prev!.reg}`, `${a.reg} -= ${a.reg}`, `${a.reg} += ${a.value}`);
    else if (writesFromRegister(a)) init.set(a.reg, String(a.value));
    if (a.kind === 'CasOk' || a.kind === 'CasFail') {
      const expect = String(a.kind === 'CasFail' ? NEVER_WRITTEN : a.expect ?? 0);
      if (r0Set) lines.push(`r0 = ${expect}`);
      else init.set('r0', expect);
      r0Set = true;
    }
    lines.push(...accessCode(a, base, link === 'data'));
  });
  const order = (r: string) => (r.startsWith('r') ? Number(r.slice(1)) : 99);
  const regs = [...init].sort(([a], [b]) => order(a) - order(b));
  return { init: regs.map(([r, v]) => `${tid}:${r}=${v};`), lines };
}

function writesFromRegister(a: Access): boolean {
  return a.kind !== 'R' && a.kind !== 'Racq' && a.kind !== 'W';
}

function accessCode(a: Access, base: string, dataDependent: boolean): string[] {
  const mem = `(u64 *)(${base} + 0)`;
  const v = a.reg;
  switch (a.kind) {
    case 'R': return [`${v} = *${mem}`];
    case 'Racq': return [`${v} = load_acquire(${mem})`];
    case 'W': return [`*${mem} = ${dataDependent ? v : a.value}`];
    case 'Wrel': return [`store_release(${mem}, ${v})`];
    case 'Fetch': return [`${v} = atomic_fetch_add(${mem}, ${v})`];
    case 'Lock': return [`lock *${mem} += ${v}`];
    case 'Xchg': return [`${v} = xchg_64(${base} + 0, ${v})`];
    // the old value comes back in r0; it is copied so that a second cmpxchg keeps it
    case 'CasOk': case 'CasFail': return [`r0 = cmpxchg_64(${base} + 0, r0, ${v})`, `${v} = r0`];
  }
}
