/**
 * One test per cell of the reordering table: P0 performs a first access A then a second access
 * B, connected as the cell says; a second thread P1 observes the order through the other ends
 * of A and B, itself kept in order (observerThread), so any reordering the outcome reveals is
 * P0's.
 *
 * Which end of an atomic is observed: A's last part (its write, if it writes) and B's first
 * part (its read, if it reads), so "kept in order" means all of A before all of B. A dependency
 * starts at A's read, so with one A's read is observed. The observer does the converse of each
 * end, on the other side: it writes what P0 reads and reads what P0 writes, B's location first,
 * which gives the four classic shapes (MP, SB, LB and MP read from the reader's side). For two
 * accesses to one location, P1 writes that location once, so that a read has something else to
 * read (CoRR needs it); the condition comes from sequential consistency (reorder-condition.ts).
 */
import { ACCESS_KINDS, kindOf, type AccessKind, type AccessKindId } from './access-kinds.js';
import type { Access, Link, TestSpec, ThreadSpec } from './litmus-writer.js';

export type Connection = 'po' | 'po-loc' | 'addr' | 'data' | 'ctrl' | 'fence';

export const CONNECTIONS: readonly { id: Connection; label: string; explain: string }[] = [
  { id: 'po', label: 'program order, another location', explain: 'A on x, then B on y, nothing between them' },
  { id: 'po-loc', label: 'program order, the same location', explain: 'A and B both on x' },
  { id: 'addr', label: 'address dependency', explain: "B's address is computed from the value A read" },
  { id: 'data', label: 'data dependency', explain: 'the value B writes is computed from the value A read' },
  { id: 'ctrl', label: 'control dependency', explain: 'B comes after a branch on the value A read' },
  { id: 'fence', label: 'fetch-add fence between', explain: 'an atomic_fetch_add on a third location f between A and B' },
];

type Role = 'R' | 'W';

export interface PairTest {
  first: AccessKindId;
  second: AccessKindId;
  connection: Connection;
  /** Which shape the observer makes (MP, SB, LB ...), for names and explanations. */
  shape: string;
  spec: TestSpec; // with an empty condition, to be filled in
  /** The same test with A and B linked by program order alone: its condition is this test's too. */
  poTwin: TestSpec;
}

/** Whether a cell exists: a dependency needs a value read by A, a data dependency a value written by B. */
export function applies(first: AccessKind, second: AccessKind, c: Connection): boolean {
  if (c === 'addr' || c === 'ctrl') return first.returnsValue;
  if (c === 'data') return first.returnsValue && second.writesRegister;
  return true;
}

export function pairTests(): PairTest[] {
  return CONNECTIONS.flatMap(({ id: c }) =>
    ACCESS_KINDS.flatMap((a) => ACCESS_KINDS.filter((b) => applies(a, b, c)).map((b) => pairTest(a.id, b.id, c))));
}

export function pairTest(first: AccessKindId, second: AccessKindId, connection: Connection): PairTest {
  const fa = kindOf(first), sb = kindOf(second);
  const dependency = connection === 'addr' || connection === 'data' || connection === 'ctrl';
  const roleA: Role = fa.writes && !dependency ? 'W' : 'R';
  const roleB: Role = sb.reads ? 'R' : 'W';
  const sameLoc = connection === 'po-loc';
  const locA = 'x', locB = sameLoc ? 'x' : 'y';
  const a: Access = { kind: first, loc: locA, reg: 'r4', value: 1 };
  const b: Access = { kind: second, loc: locB, reg: 'r5', value: 2 };
  const link: Link = connection === 'po' || connection === 'po-loc' ? 'po' : connection;
  const observer: ThreadSpec = sameLoc
    ? { accesses: [{ kind: 'W', loc: 'x', reg: 'r4', value: 4 }], links: [] }
    : observerThread(roleB === 'R' ? 'W' : 'R', locB, roleA === 'R' ? 'W' : 'R', locA);
  const shape = shapeName(roleA, roleB, sameLoc);
  const name = `${shape}+${first}-${connection}-${second}`;
  const spec: TestSpec = {
    name,
    comment: [],
    threads: [{ accesses: [a, b], links: [link] }, observer],
    condition: '',
  };
  return { first, second, connection, shape, spec, poTwin: { ...spec, threads: [{ accesses: [a, b], links: ['po'] }, observer] } };
}

/**
 * P1's two accesses, kept in order by the cheapest means BPF guarantees (each also kept by every
 * CPU's model): an address dependency from a read to a read, a data dependency from a read to a
 * write, a store_release after a write, and between a write and a read, where nothing weaker
 * than a full barrier will do, a fetch-add fence. Cheap matters: a fence is an LL/SC loop on
 * some CPUs, which multiplies the executions to explore.
 */
function observerThread(first: Role, firstLoc: string, second: Role, secondLoc: string): ThreadSpec {
  const a: Access = { kind: first, loc: firstLoc, reg: 'r4', value: 4 };
  const b: Access = { kind: second === 'W' && first === 'W' ? 'Wrel' : second, loc: secondLoc, reg: 'r5', value: 4 };
  const link: Link = first === 'W' ? (second === 'R' ? 'fence' : 'po') : second === 'R' ? 'addr' : 'data';
  return { accesses: [a, b], links: [link] };
}

function shapeName(a: Role, b: Role, sameLoc: boolean): string {
  if (sameLoc) return `Co${a}${b}`;
  return { WW: 'MP', WR: 'SB', RW: 'LB', RR: 'MPr' }[`${a}${b}`]!;
}

/** The cmpxchg accesses of P0 that must succeed: their expected values are searched for. */
export function mustSucceed(spec: TestSpec): Access[] {
  return spec.threads[0]!.accesses.filter((x) => x.kind === 'CasOk');
}
