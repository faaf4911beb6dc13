/**
 * A register file as an assembler reads it: every accepted spelling (any case) names a register
 * number, and one canonical name per register is what states and conditions show. Canonical
 * names never start with `%` (the litmus front end reads `%name` as a herd symbolic register).
 */
export interface RegisterFile {
  /** The register a name as written denotes (`%r5`, `$a0`, `O0`), or undefined. */
  parse(written: string): number | undefined;
  canonical(n: number): string;
  normalise(written: string): string | undefined;
  /** By register number: r2 before r10. */
  compare(a: string, b: string): number;
}

export function registerFile(spellings: ReadonlyMap<string, number>, canonical: (n: number) => string): RegisterFile {
  const parse = (written: string) => spellings.get(written.toLowerCase());
  return {
    parse,
    canonical,
    normalise(written) {
      const n = parse(written);
      return n === undefined ? undefined : canonical(n);
    },
    compare(a, b) {
      const [na, nb] = [parse(a) ?? Number.MAX_SAFE_INTEGER, parse(b) ?? Number.MAX_SAFE_INTEGER];
      return na - nb || (a < b ? -1 : a > b ? 1 : 0);
    },
  };
}

/** `prefix0`..`prefix{count-1}` naming `first`.. onwards, for building spelling tables. */
export function numbered(prefix: string, count: number, first = 0): [string, number][] {
  return Array.from({ length: count }, (_, i) => [`${prefix}${i}`, first + i]);
}
