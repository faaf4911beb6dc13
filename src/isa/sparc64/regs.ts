/**
 * SPARC integer registers: %g0-%g7, %o0-%o7, %l0-%l7, %i0-%i7, also %r0-%r31, %sp (%o6) and %fp
 * (%i6). States and conditions name them g0 ... i7, without the `%` (which would read as a herd
 * symbolic register there); instructions write them with it, as GNU as does.
 */
import { numbered, registerFile } from '../shared/regfile.js';

const GROUPS = ['g', 'o', 'l', 'i'] as const;

const plain: [string, number][] = [
  ...GROUPS.flatMap((g, k) => numbered(g, 8, 8 * k)),
  ...numbered('r', 32),
  ['sp', 14],
  ['fp', 30],
];

export const sparcRegs = registerFile(new Map([...plain, ...plain.map(([n, r]): [string, number] => [`%${n}`, r])]), (n) => `${GROUPS[n >> 3]}${n & 7}`);

export const REGISTER_HINT = '%g0-%g7, %o0-%o7, %l0-%l7, %i0-%i7 (or without the %), %sp, %fp';
