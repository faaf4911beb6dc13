/**
 * Run by `npm run build`: stores every grammar (each ISA's litmus grammar and the cat grammar) as
 * an Ohm recipe in dist/recipes/, so that a process, and each worker of a parallel run, loads its
 * grammars in a few ms instead of compiling them (see ../grammar-recipes.ts).
 */
import { catGrammarSources } from '../cat/parse.js';
import { storeRecipe } from '../grammar-recipes.js';
import { allSyntaxes } from '../isa/registry.js';
import { grammarSources } from '../litmus/grammars.js';

for (const syntax of allSyntaxes()) {
  const { sources, compile } = grammarSources(syntax);
  storeRecipe(syntax.grammarName, sources, compile());
}
const cat = catGrammarSources();
storeRecipe('Cat', cat.sources, cat.compile());
