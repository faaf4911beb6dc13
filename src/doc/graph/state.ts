/** A final state as the user writes it after --state (`1:r3=1; 1:r4=0; [x]=2;`), as a condition. */
import { InputError } from '../../diag.js';
import type { Cond, Observable, Value } from '../../litmus/ast.js';

export function parseState(text: string, normaliseReg: (r: string) => string | undefined): Cond {
  const pos = { file: '--state', line: 1, col: 1 };
  const atoms = text.split(/;|\/\\/).map((a) => a.trim()).filter(Boolean).map((atom): Cond => {
    const m = /^(?:(\d+):(\w+)|\[?(\w+)\]?)\s*=\s*(-?(?:0x[0-9a-fA-F]+|\d+)|\w+)$/.exec(atom);
    if (!m) throw new InputError(undefined, `--state: cannot read '${atom}', expected e.g. 1:r3=1 or [x]=2`);
    const lhs: Observable = m[1] !== undefined
      ? { kind: 'reg', thread: Number(m[1]), reg: normaliseReg(m[2]!) ?? m[2]!, pos }
      : { kind: 'loc', loc: m[3]!, pos };
    const v = m[4]!;
    const rhs: Value = /^-?(0x[0-9a-fA-F]+|\d+)$/.test(v) ? { kind: 'int', value: BigInt(v) } : { kind: 'addr', loc: v };
    return { k: 'atom', pos, lhs, rhs };
  });
  if (atoms.length === 0) throw new InputError(undefined, '--state: no atom (expected e.g. "1:r3=1; 1:r4=0;")');
  return atoms.reduce((a, b) => ({ k: 'and', a, b }));
}

/** The atoms of a conjunction of equalities, or undefined if the condition is anything else. */
export function conjunctionAtoms(c: Cond): { lhs: Observable; rhs: Value }[] | undefined {
  if (c.k === 'atom') return [{ lhs: c.lhs, rhs: c.rhs }];
  if (c.k !== 'and') return undefined;
  const a = conjunctionAtoms(c.a), b = conjunctionAtoms(c.b);
  return a && b ? [...a, ...b] : undefined;
}
