/** Loads the Ohm grammars (grammar/*.ohm) once per ISA: the common `Litmus` grammar plus the ISA's extension. */
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import type { IsaSyntax } from './syntax.js';

const COMMON_GRAMMAR_FILE = 'litmus-common.ohm';

// Relative to this module, so that it works from src/ (vitest) and from dist/ (after tsc).
function grammarText(file: string): string {
  return readFileSync(new URL(`../../grammar/${file}`, import.meta.url), 'utf8');
}

let common: ohm.Namespace | undefined;
const cache = new WeakMap<IsaSyntax<unknown>, ohm.Grammar>();

/** The ISA's grammar, extending the common one (compiled once for every ISA). */
export function grammarFor(syntax: IsaSyntax<unknown>): ohm.Grammar {
  let grammar = cache.get(syntax);
  if (!grammar) {
    common ??= ohm.grammars(grammarText(COMMON_GRAMMAR_FILE));
    const isaSource = syntax.grammarSource ?? grammarText(syntax.grammarFile);
    const namespace = ohm.grammars(isaSource, common);
    grammar = namespace[syntax.grammarName];
    if (!grammar) throw new Error(`${syntax.grammarFile} does not define grammar ${syntax.grammarName}`);
    cache.set(syntax, grammar);
  }
  return grammar;
}
