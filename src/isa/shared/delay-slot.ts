/**
 * Branch delay slots (SPARC; MIPS before Release 6): the instruction after a branch, its delay
 * slot, runs before control goes where the branch said. A branch therefore returns `next` and
 * leaves its flow pending (`deferBranch`); the delay-slot instruction runs and returns the pending
 * flow instead of its own (`withDelaySlots` wraps the ISA's step function). The delay slot's
 * events are not control-dependent on the branch (they run either way), as on the hardware.
 *
 * SPARC's annulled conditional branch (`bne,a`) runs its delay slot only when taken: it branches
 * past the delay slot when not taken, and leaves a jump pending for the taken path.
 */
import { fail } from '../../diag.js';
import type { ThreadCode } from '../../litmus/ast.js';
import { located } from '../../litmus/syntax.js';
import type { CodeLayout, Flow, IsaSemantics, ThreadMachine } from '../semantics.js';
import { not } from '../../semantics/expr.js';

const PENDING = 'delay-slot.pending';

interface Pending {
  flow: Flow;
  slotLine: number; // the delay slot this flow waits for
}

/** The line of the instruction in the delay slot of the branch at `line`. */
const delaySlotOf = (line: number, layout: CodeLayout): number => layout.relativeLine(line, 0);

/** The line just past the delay slot of the branch at `line` (an annulled branch that is never taken goes there). */
export const pastDelaySlot = (line: number, layout: CodeLayout): number => layout.relativeLine(line, 1);

/** A branch at `line`: its flow happens after the delay slot. */
export function deferBranch(m: ThreadMachine, line: number, layout: CodeLayout, flow: Flow): Flow {
  m.scratch.set(PENDING, { flow, slotLine: delaySlotOf(line, layout) } satisfies Pending);
  return { k: 'next' };
}

/** An annulled conditional branch: skip the delay slot unless taken; when taken, run it, then jump. */
export function annulledBranch(m: ThreadMachine, line: number, layout: CodeLayout, flow: Extract<Flow, { k: 'branch' }>): Flow {
  m.scratch.set(PENDING, { flow: { k: 'jump', target: flow.target }, slotLine: delaySlotOf(line, layout) } satisfies Pending);
  return { k: 'branch', cond: not(flow.cond), deps: flow.deps, target: pastDelaySlot(line, layout) };
}

/**
 * The step function of an ISA with delay slots, from the one that runs a single instruction: the
 * instruction in a delay slot returns the flow its branch left pending (checkDelaySlots makes sure
 * it is not a branch itself, so its own flow is `next`).
 */
export function withDelaySlots<I>(execute: IsaSemantics<I>['step']): IsaSemantics<I>['step'] {
  return (instr, m, line, layout) => {
    const pending = m.scratch.get(PENDING) as Pending | undefined;
    m.scratch.delete(PENDING);
    const own = execute(instr, m, line, layout);
    // an annulled branch that was not taken skipped its slot: its pending jump lapses
    return pending?.slotLine === line ? pending.flow : own;
  };
}

/** Every branch needs an instruction in its delay slot, and that instruction must not be a branch. */
export function checkDelaySlots<I>(code: ThreadCode<I>, isBranch: (i: I) => boolean): void {
  const instrs = code.lines.flatMap((l) => (l.instr === undefined ? [] : [l.instr]));
  instrs.forEach((instr, k) => {
    if (!isBranch(instr)) return;
    const slot = instrs[k + 1];
    if (slot === undefined) fail(located(instr).pos, `a branch needs an instruction in its delay slot: write nop after '${located(instr).text}'`);
    if (isBranch(slot)) fail(located(slot).pos, `a branch cannot be in the delay slot of another branch ('${located(instr).text}')`);
  });
}
