/** What a cell says, shared by the Markdown and HTML renderings. */
import type { CellResult } from './decide-cell.js';

export type Table = 'pairs' | 'shapes';

export interface CellView {
  text: string; // kept / reordered, forbidden / allowed, unsupported ...
  tone: 'ordered' | 'unordered' | 'weaker' | 'none';
  title?: string; // the reason of an unsupported or failed cell
}

/**
 * `bpfCell` is the same row's BPF cell: a CPU that lets happen what BPF forbids is flagged, as
 * that is a JIT that does not keep the BPF model (bpf-herd jit would call it unsound).
 */
export function cellView(c: CellResult, table: Table, bpfCell?: CellResult): CellView {
  if (c.k === 'no-table') return { text: 'no JIT table', tone: 'none' };
  if (c.k === 'unsupported') return { text: 'unsupported', tone: 'none', title: c.reason };
  if (c.k === 'error') return { text: 'error', tone: 'none', title: c.reason };
  const reachable = c.observation !== 'Never';
  const ordered = table === 'pairs' ? 'kept' : 'forbidden';
  const unordered = table === 'pairs' ? 'reordered' : 'allowed';
  if (!reachable) return { text: ordered, tone: 'ordered' };
  const bpfForbids = bpfCell?.k === 'decided' && bpfCell.observation === 'Never';
  return bpfForbids ? { text: `${unordered} (BPF: ${ordered})`, tone: 'weaker' } : { text: unordered, tone: 'unordered' };
}
