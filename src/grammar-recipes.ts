/**
 * Compiled Ohm grammars, cached as recipes. Compiling a grammar from its `.ohm` source takes about
 * 200 ms, and every worker of a parallel run pays it again; a recipe (Ohm's serialised grammar)
 * loads in a few ms. `npm run build` writes one recipe per grammar to dist/recipes/ (see
 * ./cli/write-recipes.ts), and a recipe is used only when the sources it was compiled from are
 * unchanged, so editing a grammar never needs a rebuild to take effect.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as ohm from 'ohm-js';

// Relative to this module, so it resolves from src/ (vitest) and from dist/ (after tsc) alike.
const RECIPES = new URL('../dist/recipes/', import.meta.url);

interface StoredRecipe {
  sources: string; // digest of the grammar sources the recipe was compiled from
  recipe: unknown;
}

// Part of ohm-js's runtime API (its generated bundles use them) but absent from its typings.
const ohmRecipes = ohm as unknown as { makeRecipe(recipe: unknown): ohm.Grammar };
type WithRecipe = ohm.Grammar & { toRecipe(): string };

const digest = (sources: readonly string[]): string => createHash('sha256').update(sources.join('\0')).digest('hex');
const recipeFile = (name: string): URL => new URL(`${name}.json`, RECIPES);

/** The grammar `name`, from its stored recipe when `sources` are those it was made from, else compiled. */
export function cachedGrammar(name: string, sources: readonly string[], compile: () => ohm.Grammar): ohm.Grammar {
  const file = recipeFile(name);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredRecipe;
    if (stored.sources === digest(sources)) return ohmRecipes.makeRecipe(stored.recipe);
  }
  return compile();
}

/** Store `grammar`, compiled from `sources`, as the recipe of `name`. */
export function storeRecipe(name: string, sources: readonly string[], grammar: ohm.Grammar): void {
  mkdirSync(RECIPES, { recursive: true });
  const stored: StoredRecipe = { sources: digest(sources), recipe: JSON.parse((grammar as WithRecipe).toRecipe()) };
  writeFileSync(recipeFile(name), JSON.stringify(stored));
}
