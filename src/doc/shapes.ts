/**
 * The classic shapes (MP, SB, LB, IRIW, WRC, ISA2, 2+2W, S, R, Z6.x), each with the ordering
 * choices a BPF programmer has for the pairs of accesses inside a thread:
 *  - plain: program order alone;
 *  - release/acquire: in a thread of two accesses, every read is a load_acquire and every write
 *    a store_release;
 *  - fetch-add fences: an atomic_fetch_add on a scratch location between the two accesses;
 *  - dependencies: an address dependency from a read to a read, a data dependency from a read
 *    to a write; a thread that starts with a write cannot carry one and uses release/acquire.
 * The condition is the cycle's outcome: each read's value, and the final values that fix the
 * coherence order the shape needs.
 */
import type { AccessKindId } from './access-kinds.js';
import type { Access, Link, TestSpec, ThreadSpec } from './litmus-writer.js';

export type Choice = 'plain' | 'release-acquire' | 'fences' | 'dependencies';

export const CHOICES: readonly { id: Choice; label: string }[] = [
  { id: 'plain', label: 'plain' },
  { id: 'release-acquire', label: 'release/acquire' },
  { id: 'fences', label: 'fetch-add fences' },
  { id: 'dependencies', label: 'dependencies' },
];

export interface Shape {
  name: string;
  /** Each thread's accesses: `Wx=1` writes 1 to x; `Rx=0` reads x and the condition wants 0. */
  threads: string[][];
  /** Final values of locations the condition needs (the coherence order of the cycle). */
  finals?: Record<string, number>;
  about: string;
}

export const SHAPES: readonly Shape[] = [
  { name: 'MP', threads: [['Wx=1', 'Wy=1'], ['Ry=1', 'Rx=0']], about: 'message passing: the flag is seen, the data is not' },
  { name: 'SB', threads: [['Wx=1', 'Ry=0'], ['Wy=1', 'Rx=0']], about: 'store buffering: each read misses the other thread\'s write' },
  { name: 'LB', threads: [['Rx=1', 'Wy=1'], ['Ry=1', 'Wx=1']], about: 'load buffering: each read sees the write that follows the other read' },
  { name: 'IRIW', threads: [['Wx=1'], ['Rx=1', 'Ry=0'], ['Wy=1'], ['Ry=1', 'Rx=0']], about: 'independent reads of independent writes: two readers disagree on the order of two writes' },
  { name: 'WRC', threads: [['Wx=1'], ['Rx=1', 'Wy=1'], ['Ry=1', 'Rx=0']], about: 'write-to-read causality: a write seen by a thread that then signals is missed by the signalled thread' },
  { name: 'ISA2', threads: [['Wx=1', 'Wy=1'], ['Ry=1', 'Wz=1'], ['Rz=1', 'Rx=0']], about: 'message passing through a third thread' },
  { name: '2+2W', threads: [['Wx=1', 'Wy=2'], ['Wy=1', 'Wx=2']], finals: { x: 1, y: 1 }, about: 'two writers, each second write lost to the other\'s first' },
  { name: 'S', threads: [['Wx=2', 'Wy=1'], ['Ry=1', 'Wx=1']], finals: { x: 2 }, about: 'a write after a read of the flag is coherence-before the write that preceded the flag' },
  { name: 'R', threads: [['Wx=1', 'Wy=1'], ['Wy=2', 'Rx=0']], finals: { y: 2 }, about: 'a write then a read, against two writes' },
  { name: 'Z6.0', threads: [['Wx=1', 'Wy=1'], ['Ry=1', 'Wz=1'], ['Wz=2', 'Rx=0']], finals: { z: 2 }, about: 'three threads: po, rf, po, co, po, fr' },
  { name: 'Z6.1', threads: [['Wx=2', 'Wy=1'], ['Wy=2', 'Wz=1'], ['Rz=1', 'Wx=1']], finals: { x: 2, y: 2 }, about: 'three threads: po, co, po, rf, po, co' },
  { name: 'Z6.2', threads: [['Wx=2', 'Wy=1'], ['Ry=1', 'Wz=1'], ['Rz=1', 'Wx=1']], finals: { x: 2 }, about: 'three threads: po, rf, po, rf, po, co' },
  { name: 'Z6.3', threads: [['Wx=1', 'Wy=1'], ['Wy=2', 'Wz=1'], ['Rz=1', 'Rx=0']], finals: { y: 2 }, about: 'three threads: po, co, po, rf, po, fr' },
  { name: 'Z6.4', threads: [['Wx=1', 'Wy=1'], ['Wy=2', 'Rz=0'], ['Wz=1', 'Rx=0']], finals: { y: 2 }, about: 'three threads: po, co, po, fr, po, fr' },
  { name: 'Z6.5', threads: [['Wx=1', 'Wy=1'], ['Wy=2', 'Wz=1'], ['Wz=2', 'Rx=0']], finals: { y: 2, z: 2 }, about: 'three threads: po, co, po, co, po, fr' },
];

/** How a row of the shapes table names its ordering; a shape whose threads all start with a write has no dependency to use. */
export function choiceLabel(shape: Shape, choice: Choice): string {
  const label = CHOICES.find((c) => c.id === choice)!.label;
  const dependable = shape.threads.some((t) => t.length > 1 && t[0]!.startsWith('R'));
  return choice === 'dependencies' && !dependable ? `${label} (none possible: as release/acquire)` : label;
}

interface Parsed { dir: 'R' | 'W'; loc: string; value: number }

function parse(a: string): Parsed {
  const m = /^([RW])([xyz])=(\d+)$/.exec(a);
  if (!m) throw new Error(`bad shape access ${a}`);
  return { dir: m[1] as 'R' | 'W', loc: m[2]!, value: Number(m[3]) };
}

/** Each thread's annotation, as diy names tests: `MP+release+acquire`, `SB+fence+fence`. */
export function shapeTest(shape: Shape, choice: Choice): TestSpec {
  const threads: ThreadSpec[] = [];
  const conds: string[] = [];
  const names: string[] = [];
  shape.threads.forEach((accs, tid) => {
    const parsed = accs.map(parse);
    const accesses: Access[] = parsed.map((p, i): Access => ({
      kind: kindFor(p, parsed.length, choice, parsed[0]!.dir === 'W'),
      loc: p.loc,
      reg: `r${4 + i}`,
      value: p.value,
    }));
    const links: Link[] = parsed.slice(1).map((p, i) => linkFor(parsed[i]!, p, choice));
    threads.push({ accesses, links });
    parsed.forEach((p, i) => { if (p.dir === 'R') conds.push(`${tid}:r${4 + i}=${p.value}`); });
    if (parsed.length > 1) names.push(annotation(accesses, links));
  });
  for (const [loc, v] of Object.entries(shape.finals ?? {})) conds.push(`[${loc}]=${v}`);
  const name = [shape.name, ...names].join('+');
  return {
    name,
    comment: [
      `${shape.name}, ${shape.about}, with ${CHOICES.find((c) => c.id === choice)!.label} ordering inside each thread.`,
      'The condition is the outcome of the cycle: reachable means the ordering chosen does not forbid it.',
      'Generated by `bpf-herd doc reorderings` (src/doc/shapes.ts).',
    ],
    threads,
    condition: conds.join(' /\\ '),
  };
}

function kindFor(p: Parsed, n: number, choice: Choice, startsWithWrite: boolean): AccessKindId {
  const ordered = choice === 'release-acquire' || (choice === 'dependencies' && startsWithWrite);
  if (!ordered || n < 2) return p.dir;
  return p.dir === 'R' ? 'Racq' : 'Wrel';
}

function linkFor(a: Parsed, b: Parsed, choice: Choice): Link {
  if (choice === 'fences') return 'fence';
  if (choice === 'dependencies' && a.dir === 'R') return b.dir === 'R' ? 'addr' : 'data';
  return 'po';
}

function annotation(accesses: Access[], links: Link[]): string {
  const link = links[0]!;
  if (link !== 'po') return link;
  const word = (a: Access) => (a.kind === 'Racq' ? 'acquire' : a.kind === 'Wrel' ? 'release' : '');
  const words = accesses.map(word);
  return words.every((w) => w === '') ? 'po' : words.map((w) => w || 'plain').join('-');
}
