/**
 * The condition of a reordering test: the outcome that sequential consistency reaches only when
 * the second access of P0 is performed before the first. Both orders of the program are run
 * under SC; the states of the swapped program that the original cannot reach are the reordered
 * outcomes, and each is cut down to the fewest atoms that still no original state satisfies.
 */
import { analyse } from '../check/check.js';
import { formatValue } from '../check/format.js';
import { observableKey } from '../engine/props.js';
import type { Access, TestSpec } from './litmus-writer.js';
import { writeTest } from './litmus-writer.js';

/** `obs=value` as herd writes it, e.g. `1:r4=0` or `[x]=1`. */
type Atom = string;

export interface ReorderCondition {
  condition: string; // the proposition after `exists`
  /** The reordered outcomes found (each a conjunction of atoms), for explanations. */
  outcomes: Atom[][];
}

/**
 * `spec`'s P0 holds the two accesses, linked by po. `required` atoms must hold too (a cmpxchg
 * that must succeed). Undefined when no outcome tells the two orders apart.
 */
export async function reorderCondition(spec: TestSpec, required: Atom[] = []): Promise<ReorderCondition | undefined> {
  const observables = observablesOf(spec);
  const original = await scStates({ ...spec, locations: observables });
  const p0 = spec.threads[0]!;
  const swapped = await scStates({
    ...spec,
    threads: [{ ...p0, accesses: [...p0.accesses].reverse() }, ...spec.threads.slice(1)],
    locations: observables,
  });
  const reachable = (atoms: Atom[]) => original.some((s) => atoms.every((a) => s.has(a)));
  const fresh = swapped.filter((s) => required.every((a) => s.has(a)) && !reachable([...s]));
  if (fresh.length === 0) return undefined;
  const outcomes = uniqueBy(fresh.map((s) => minimise([...s], required, reachable)), (c) => c.join(' /\\ '));
  const conj = (c: Atom[]) => c.join(' /\\ ');
  const condition = outcomes.length === 1 ? conj(outcomes[0]!) : outcomes.map((c) => `(${conj(c)})`).join(' \\/ ');
  return { condition, outcomes };
}

/** Every register an access reads into, and every location's final value. */
function observablesOf(spec: TestSpec): string[] {
  const regs = spec.threads.flatMap((t, i) => t.accesses.filter(readsIntoRegister).map((a) => `${i}:${a.reg}`));
  const locs = [...new Set(spec.threads.flatMap((t) => t.accesses.map((a) => a.loc)))].sort();
  return [...regs, ...locs.map((l) => `[${l}]`)];
}

function readsIntoRegister(a: Access): boolean {
  return a.kind !== 'W' && a.kind !== 'Wrel' && a.kind !== 'Lock';
}

/** The final states SC allows, each as a set of atoms. */
async function scStates(spec: TestSpec): Promise<Set<Atom>[]> {
  const text = writeTest({ ...spec, condition: 'true' });
  const { result, decided } = await analyse(`${spec.name}.sc.litmus`, text, { engine: 'enum', unroll: 2, verdictOnly: false, model: 'sc' });
  if (!decided) throw new Error(`generated test ${spec.name} does not check under SC: ${result.error}\n${text}`);
  const locations = decided.skel.locations;
  return decided.outcome.states.map((st) => new Set(decided.observables.map((o, i) => `${observableKey(o)}=${formatValue(st.values[i]!, locations)}`)));
}

/**
 * Drop atoms one at a time, final values of locations first (registers read better), while no
 * original state satisfies what is left.
 */
function minimise(atoms: Atom[], required: Atom[], reachable: (atoms: Atom[]) => boolean): Atom[] {
  let kept = [...atoms];
  const order = [...atoms].sort((a, b) => Number(b.startsWith('[')) - Number(a.startsWith('[')));
  for (const a of order) {
    if (required.includes(a)) continue;
    const without = kept.filter((k) => k !== a);
    if (!reachable(without)) kept = without;
  }
  return kept;
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x)) && seen.add(key(x)));
}
