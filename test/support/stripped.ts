/** Comparing a parsed test with the parse of its printed text. */

/** A test without what printing loses: positions, cell texts, the file name. */
export function stripped(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripped);
  if (x && typeof x === 'object') {
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== 'pos' && k !== 'text' && k !== 'file')
        .map(([k, v]) => [k, stripped(v)]),
    );
  }
  return x;
}
