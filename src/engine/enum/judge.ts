/** Evaluate a model's checks on one concrete execution: allowed or not, and why not. */
import type { Check, Model } from '../../cat/ir.js';
import { ModelEvaluator } from '../evaluate.js';
import { bitAlgebra, type BitExecution } from './algebra.js';
import { BitRel, BitSet } from './bits.js';

/** What makes a check fail, in local event indices. */
export type Violation =
  | { kind: 'cycle'; events: number[] } // acyclic: a cycle of the relation
  | { kind: 'pair'; i: number; j: number } // irreflexive (i = j) or empty: one offending pair
  | { kind: 'element'; i: number } // empty set: one element
  | { kind: 'negated' }; // a negated check (~empty ...) fails by emptiness: no single culprit

export interface Judgement {
  allowed: boolean;
  flags: string[]; // flagged checks that fire on this execution
  failed?: { check: Check; violation: Violation };
  evaluator: ModelEvaluator<BitSet, BitRel>;
}

export type StaticValues = ReturnType<ModelEvaluator<BitSet, BitRel>['staticValues']>;

/**
 * Checks run in the model's order and stop at the first hard failure (coherence comes first in
 * our models, so most rejected candidates cost one relation). `only` restricts the hard checks.
 */
export function judge(model: Model, x: BitExecution, preset?: StaticValues, only?: ReadonlySet<Check>): Judgement {
  const evaluator = new ModelEvaluator(model, bitAlgebra(x), preset);
  const flags: string[] = [];
  for (const check of model.checks) {
    if (!check.flag && only && !only.has(check)) continue;
    const violation = violationOf(check, evaluator.get(check.node) as BitSet | BitRel);
    if (check.flag) { if (violation) flags.push(check.name); continue; }
    if (violation) return { allowed: false, flags: [], failed: { check, violation }, evaluator };
  }
  return { allowed: true, flags, evaluator };
}

function violationOf(check: Check, v: BitSet | BitRel): Violation | undefined {
  const failing = ((): Violation | undefined => {
    if (check.kind === 'acyclic') {
      const cycle = (v as BitRel).findCycle();
      return cycle ? { kind: 'cycle', events: cycle } : undefined;
    }
    if (v instanceof BitSet) {
      for (const i of v) return { kind: 'element', i };
      return undefined;
    }
    if (check.kind === 'irreflexive') {
      for (let i = 0; i < v.n; i++) if (v.has(i, i)) return { kind: 'pair', i, j: i };
      return undefined;
    }
    for (const [i, j] of v.pairs()) return { kind: 'pair', i, j };
    return undefined;
  })();
  if (!check.negated) return failing;
  return failing ? undefined : { kind: 'negated' };
}
