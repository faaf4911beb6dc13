/** Writing the reorderings document and the tests its cells link to. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testFiles, type Reorderings } from './reorderings.js';

/** The committed test at `rel` (relative to the document's folder), if there is one. */
export function priorReader(docDir: string): (rel: string) => string | undefined {
  return (rel) => {
    const file = path.join(docDir, rel);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
}

/** Write every linked test under docDir/tests/<column>/, removing the ones no cell links to any more. */
export function writeTests(docDir: string, r: Reorderings): number {
  const files = testFiles(r);
  for (const col of r.columns) {
    const dir = path.join(docDir, 'tests', col.name);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.litmus') && !files.has(`tests/${col.name}/${f}`)) rmSync(path.join(dir, f));
  }
  for (const [rel, text] of files) {
    const file = path.join(docDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return files.size;
}
