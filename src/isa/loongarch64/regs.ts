/**
 * LoongArch general registers: $r0-$r31 and the ABI names ($zero, $ra, $tp, $sp, $a0-$a7, $t0-$t8,
 * $fp/$s9, $s0-$s8; $v0/$v1 for $a0/$a1). The `$` may be left out. States and conditions name
 * them $r0-$r31.
 */
import { numbered, registerFile } from '../shared/regfile.js';

const plain: [string, number][] = [
  ...numbered('r', 32),
  ['zero', 0], ['ra', 1], ['tp', 2], ['sp', 3], ...numbered('a', 8, 4), ['v0', 4], ['v1', 5],
  ...numbered('t', 9, 12), ['fp', 22], ['s9', 22], ...numbered('s', 9, 23),
]; // prettier-ignore

export const loongArchRegs = registerFile(new Map([...plain, ...plain.map(([n, r]): [string, number] => [`$${n}`, r])]), (n) => `$r${n}`);

export const REGISTER_HINT = '$r0-$r31 or an ABI name such as $a0, $t1, $s0';
