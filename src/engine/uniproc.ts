/**
 * Does a model require sequential consistency per location? When one of its (hard) acyclicity
 * axioms is a union that contains po-loc, rf and co, a candidate where a read reads from a
 * po-later write, or where coherence contradicts program order, is forbidden whatever else holds,
 * and the engines may skip it without changing the result.
 */
import type { IrNode, Model } from '../cat/ir.js';

export function requiresUniproc(model: Model): boolean {
  const nodes = model.nodes;
  const isPrim = (n: IrNode, name: string) => n.op === 'prim' && n.name === name;
  const leaves = (id: number, out: IrNode[] = []): IrNode[] => {
    const n = nodes[id]!;
    if (n.op === 'union') { leaves(n.a, out); leaves(n.b, out); } else out.push(n);
    return out;
  };
  const isPoLoc = (n: IrNode) =>
    n.op === 'inter' &&
    ((isPrim(nodes[n.a]!, 'po') && isPrim(nodes[n.b]!, 'loc')) || (isPrim(nodes[n.a]!, 'loc') && isPrim(nodes[n.b]!, 'po')));
  return model.checks.some((c) => {
    if (c.kind !== 'acyclic' || c.negated || c.flag) return false;
    const ls = leaves(c.node);
    return ls.some(isPoLoc) && ls.some((n) => isPrim(n, 'rf')) && ls.some((n) => isPrim(n, 'co'));
  });
}
