/**
 * s390x general registers, written `%r0`-`%r15` (GNU as) or `r0`-`r15`. States and conditions
 * name them `r0`-`r15` (a leading `%` would read as a herd symbolic register there).
 */
import { numbered, registerFile } from '../shared/regfile.js';

export const s390xRegs = registerFile(new Map([...numbered('%r', 16), ...numbered('r', 16)]), (n) => `r${n}`);

export const REGISTER_HINT = '%r0-%r15 or r0-r15';
