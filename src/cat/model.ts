/** Load a model by name or path and compile it for an ISA's tags; compiled models are cached. */
import { compileModel } from './compile.js';
import type { Model } from './ir.js';
import { loadModelFiles, type LoadedModel } from './load.js';

const loaded = new Map<string, LoadedModel>();
const compiled = new Map<string, Model>();

export interface ModelRequest {
  name: string; // `bpf`, or a path to a .cat file
  tags: readonly string[];
  /** Addresses that depend on values read make `loc` vary between executions. */
  symbolicAddresses: boolean;
}

export function loadModel(req: ModelRequest): Model {
  const key = `${req.name}\0${req.tags.join(',')}\0${req.symbolicAddresses}`;
  let model = compiled.get(key);
  if (!model) {
    let files = loaded.get(req.name);
    if (!files) loaded.set(req.name, (files = loadModelFiles(req.name)));
    model = compileModel(files.stmts, {
      tags: req.tags,
      extraDynamic: req.symbolicAddresses ? ['loc'] : [],
      ...(files.title !== undefined ? { title: files.title } : {}),
    });
    compiled.set(key, model);
  }
  return model;
}
