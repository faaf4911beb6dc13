/**
 * Sequential consistency, the reference the generated tests' conditions are computed against.
 * The model loader reads files, and models/ holds the checked models only, so this one is
 * written to a temporary file on first use (its `include "stdlib.cat"` finds models/).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SC_CAT = `"SC (bpf-herd doc: the reference for generated conditions)"
include "stdlib.cat"
(* one interleaving of whole instructions: program order, read-from and coherence agree *)
acyclic po | rf | co | fr as sc
(* nothing comes between the read and the write of an atomic *)
let atomic-rmw = [R & W] | rmw | amo
empty atomic-rmw & (fre ; coe) as atomicity
`;

let written: string | undefined;

export function scModelPath(): string {
  if (written) return written;
  const dir = path.join(tmpdir(), `bpf-herd-doc-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  written = path.join(dir, 'sc.cat');
  writeFileSync(written, SC_CAT);
  return written;
}
