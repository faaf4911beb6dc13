/** Writing the reorderings document and the tests its cells link to. */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testFiles, type Reorderings } from './reorderings.js';

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
