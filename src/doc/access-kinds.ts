/**
 * The BPF access kinds the reordering table compares, and how each reads and writes: enough for
 * the test builder to emit it and for the tables to name it.
 */

export type AccessKindId =
  | 'R' | 'W' | 'Racq' | 'Wrel' | 'Fetch' | 'Lock' | 'Xchg' | 'CasOk' | 'CasFail';

export interface AccessKind {
  id: AccessKindId;
  label: string; // as the tables print it
  reads: boolean;
  writes: boolean;
  /** The value read lands in a register (so a dependency can start from it). */
  returnsValue: boolean;
  /** The value written comes from a register (so a data dependency can end at it). */
  writesRegister: boolean;
}

export const ACCESS_KINDS: readonly AccessKind[] = [
  { id: 'R', label: 'plain read', reads: true, writes: false, returnsValue: true, writesRegister: false },
  { id: 'W', label: 'plain write', reads: false, writes: true, returnsValue: false, writesRegister: true },
  { id: 'Racq', label: 'load_acquire', reads: true, writes: false, returnsValue: true, writesRegister: false },
  { id: 'Wrel', label: 'store_release', reads: false, writes: true, returnsValue: false, writesRegister: true },
  { id: 'Fetch', label: 'atomic_fetch_add', reads: true, writes: true, returnsValue: true, writesRegister: true },
  { id: 'Lock', label: 'lock add (no fetch)', reads: true, writes: true, returnsValue: false, writesRegister: true },
  { id: 'Xchg', label: 'xchg', reads: true, writes: true, returnsValue: true, writesRegister: true },
  // a cmpxchg that succeeds reads and writes; one that fails is a plain read (bpf.cat)
  { id: 'CasOk', label: 'cmpxchg (succeeds)', reads: true, writes: true, returnsValue: true, writesRegister: true },
  { id: 'CasFail', label: 'cmpxchg (fails)', reads: true, writes: false, returnsValue: true, writesRegister: false },
];

export function kindOf(id: AccessKindId): AccessKind {
  return ACCESS_KINDS.find((k) => k.id === id)!;
}

/** The value a cmpxchg that must fail compares with: no test ever writes it. */
export const NEVER_WRITTEN = 2047;
