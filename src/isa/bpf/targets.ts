/**
 * Where BPF jumps land. A relative offset counts instruction slots from the next instruction,
 * as in the kernel and llvm-objdump: `rD = K ll` (lddw) takes two slots, every other
 * instruction one. A label marks the next instruction at or after its line.
 */
import { fail } from '../../diag.js';
import type { Line, ThreadCode } from '../../litmus/ast.js';
import type { BpfInstr, BpfOp, Target } from './instr.js';

export function slotsOf(i: BpfOp): number {
  return i.op === 'mov' && i.ll ? 2 : 1;
}

/** A thread's code as a flat instruction list; a jump to index `instrs.length` ends the thread. */
export interface FlatCode {
  instrs: BpfInstr[];
  labels: Map<string, number>; // label -> index of the instruction it marks
  slotStarts: number[]; // slot of each instruction, then the total
}

export function flatten(lines: readonly Line<BpfInstr>[]): FlatCode {
  const instrs: BpfInstr[] = [];
  const labels = new Map<string, number>();
  const slotStarts = [0];
  for (const line of lines) {
    if (line.label !== undefined) labels.set(line.label, instrs.length);
    if (line.instr) {
      instrs.push(line.instr);
      slotStarts.push(slotStarts[slotStarts.length - 1]! + slotsOf(line.instr));
    }
  }
  return { instrs, labels, slotStarts };
}

/** Index of the instruction that the jump of instruction `from` goes to; undefined outside the code or inside an lddw. */
export function jumpTarget(code: FlatCode, from: number, target: Target): number | undefined {
  if (target.k === 'label') return code.labels.get(target.name);
  const slot = code.slotStarts[from + 1]! + target.off;
  const index = code.slotStarts.indexOf(slot);
  return index < 0 ? undefined : index;
}

/** Every relative jump must land on an instruction of its thread or just past the last one. */
export function checkJumps(thread: ThreadCode<BpfInstr>): void {
  const code = flatten(thread.lines);
  code.instrs.forEach((instr, i) => {
    if ((instr.op !== 'goto' && instr.op !== 'if') || instr.target.k !== 'rel') return;
    if (jumpTarget(code, i, instr.target) !== undefined) return;
    const off = instr.target.off;
    const slot = code.slotStarts[i + 1]! + off;
    const total = code.slotStarts[code.slotStarts.length - 1]!;
    const why =
      slot >= 0 && slot <= total ? 'into the middle of a 64-bit immediate load (ll)' : `outside P${thread.id}, which has ${total} instruction slot${total === 1 ? '' : 's'}`;
    fail(instr.pos, `jump ${off < 0 ? '' : '+'}${off} goes ${why}`);
  });
}
