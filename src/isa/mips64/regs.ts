/**
 * MIPS general registers: $0-$31 and the n64 ABI names the 64-bit Linux kernel uses ($zero, $at,
 * $v0-$v1, $a0-$a7 = $4-$11, $t0-$t3 = $12-$15, $s0-$s7, $t8, $t9, $k0, $k1, $gp, $sp, $fp/$s8,
 * $ra; $ta0-$ta3 for $8-$11). In o32 code $t0-$t3 would be $8-$11: write numbers to be sure.
 * States and conditions name them $0-$31.
 */
import { numbered, registerFile } from '../shared/regfile.js';

const NAMES: [string, number][] = [
  ...numbered('$', 32),
  ['$zero', 0], ['$at', 1], ['$v0', 2], ['$v1', 3], ...numbered('$a', 8, 4), ...numbered('$ta', 4, 8), ...numbered('$t', 4, 12),
  ...numbered('$s', 8, 16), ['$t8', 24], ['$t9', 25], ['$k0', 26], ['$k1', 27], ['$gp', 28], ['$sp', 29], ['$fp', 30], ['$s8', 30], ['$ra', 31],
]; // prettier-ignore

export const mipsRegs = registerFile(new Map(NAMES), (n) => `$${n}`);

export const REGISTER_HINT = '$0-$31 or an n64 ABI name such as $a0, $t0 ($12), $v0';
