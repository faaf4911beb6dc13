/** Finds a cat model by name or path, parses it and its includes, and flattens them into one statement list. */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, type Pos } from '../diag.js';
import type { CatFile, CatStmt } from './ast.js';
import { parseCat } from './parse.js';

/** The project's models/ folder; relative to this module so it works from src/cat/ and dist/cat/. */
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export interface LoadOptions {
  /** Folders searched for a model name, and for includes after the including file's folder; models/ comes last. */
  searchDirs?: string[];
}

export interface LoadedModel {
  title?: string; // the title of the model's own file
  stmts: CatStmt[]; // in order, each `include` replaced by the included file's statements
  files: CatFile[]; // every file read, each once, in the order first reached (the model's own file first)
}

/** `bpf` is `bpf.cat` in a search folder or models/; anything ending in `.cat` or containing a `/` is a path. */
export function loadModelFiles(nameOrPath: string, opts: LoadOptions = {}): LoadedModel {
  const searchDirs = opts.searchDirs ?? [];
  const root = resolveModel(nameOrPath, searchDirs);
  const model: LoadedModel = { stmts: [], files: [] };
  const loaded = new Set<string>(); // real paths of files already expanded
  const chain: { real: string; shown: string }[] = []; // files whose includes are being expanded, outermost first

  const expand = (file: string, includedAt: Pos | undefined): void => {
    const real = realpathSync(file);
    const shown = displayPath(file);
    const cycleStart = chain.findIndex((f) => f.real === real);
    if (cycleStart >= 0) {
      const cycle = [...chain.slice(cycleStart).map((f) => f.shown), shown];
      fail(includedAt, `include cycle: ${cycle.join(' includes ')}`);
    }
    if (loaded.has(real)) return; // each file once: a second include adds nothing
    chain.push({ real, shown });
    const cat = parseCat(readModelFile(file, includedAt), shown);
    model.files.push(cat);
    for (const stmt of cat.stmts) {
      if (stmt.k === 'include') expand(findInclude(stmt.file, path.dirname(file), searchDirs, stmt.pos), stmt.pos);
      else model.stmts.push(stmt);
    }
    chain.pop();
    loaded.add(real);
  };

  expand(root, undefined);
  const title = model.files[0]?.title;
  if (title !== undefined) model.title = title;
  return model;
}

/** The models available in the search folders and models/, sorted: `.cat` files with a title (stdlib.cat, a library, has none). */
export function knownModels(searchDirs: string[] = []): string[] {
  const names = new Set<string>();
  for (const dir of [...searchDirs, MODELS_DIR]) {
    for (const entry of listDir(dir)) {
      if (entry.endsWith('.cat') && hasTitle(path.join(dir, entry))) names.add(entry.slice(0, -'.cat'.length));
    }
  }
  return [...names].sort();
}

function hasTitle(file: string): boolean {
  try {
    return /^\s*"/.test(readFileSync(file, 'utf8').replace(/\(\*[\s\S]*?\*\)/g, ''));
  } catch {
    return false;
  }
}

function resolveModel(nameOrPath: string, searchDirs: string[]): string {
  if (nameOrPath.endsWith('.cat') || nameOrPath.includes('/') || nameOrPath.includes(path.sep)) {
    if (!isFile(nameOrPath)) fail(undefined, `cannot read model file '${nameOrPath}': no such file`);
    return nameOrPath;
  }
  const found = [...searchDirs, MODELS_DIR].map((dir) => path.join(dir, `${nameOrPath}.cat`)).find(isFile);
  return found ?? fail(undefined, `unknown model '${nameOrPath}' (known: ${knownModels(searchDirs).join(', ')})`);
}

function findInclude(name: string, includingDir: string, searchDirs: string[], pos: Pos): string {
  if (path.isAbsolute(name)) return isFile(name) ? name : fail(pos, `cannot find included file '${name}'`);
  const dirs = [includingDir, ...searchDirs, MODELS_DIR];
  const found = dirs.map((dir) => path.join(dir, name)).find(isFile);
  return found ?? fail(pos, `cannot find included file '${name}' (searched: ${dirs.map(displayPath).join(', ')})`);
}

function readModelFile(file: string, includedAt: Pos | undefined): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return fail(includedAt, `cannot read '${displayPath(file)}': ${(err as Error).message}`);
  }
}

/** Paths under the working directory are shown relative to it, the others in full. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
