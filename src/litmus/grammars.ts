/** Loads the Ohm grammars (grammar/*.ohm) once per ISA: the common `Litmus` grammar plus the ISA's extension. */
import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { cachedGrammar } from '../grammar-recipes.js';
import type { IsaSyntax } from './syntax.js';

const COMMON_GRAMMAR_FILE = 'litmus-common.ohm';

// Relative to this module, so that it works from src/ (vitest) and from dist/ (after tsc).
function grammarText(file: string): string {
  return readFileSync(new URL(`../../grammar/${file}`, import.meta.url), 'utf8');
}

let common: ohm.Namespace | undefined;
const cache = new WeakMap<IsaSyntax<unknown>, ohm.Grammar>();

/** The ISA's grammar, extending the common one: from its stored recipe, or compiled (once per process). */
export function grammarFor(syntax: IsaSyntax<unknown>): ohm.Grammar {
  let grammar = cache.get(syntax);
  if (!grammar) {
    const { sources, compile } = grammarSources(syntax);
    grammar = cachedGrammar(syntax.grammarName, sources, compile);
    cache.set(syntax, grammar);
  }
  return grammar;
}

/** The sources an ISA's grammar is compiled from, and how to compile them. */
export function grammarSources(syntax: IsaSyntax<unknown>): { sources: string[]; compile: () => ohm.Grammar } {
  const commonSource = grammarText(COMMON_GRAMMAR_FILE);
  const isaSource = syntax.grammarSource ?? grammarText(syntax.grammarFile);
  const compile = () => {
    common ??= ohm.grammars(commonSource);
    const grammar = ohm.grammars(isaSource, common)[syntax.grammarName];
    if (!grammar) throw new Error(`${syntax.grammarFile} does not define grammar ${syntax.grammarName}`);
    return grammar;
  };
  return { sources: [commonSource, isaSource], compile };
}
