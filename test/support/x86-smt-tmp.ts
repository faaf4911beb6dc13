import { runCorpus } from './corpus.js';
const [dir, engine = 'smt', filter = ''] = process.argv.slice(2);
const t0 = Date.now();
const rows = await runCorpus(dir!, { engine: engine as 'smt' }, filter);
let v = 0, s = 0;
for (const r of rows) { if (r.want === r.got) v++; else console.log('verdict', r.file, r.want, r.got, r.result.error ?? ''); if (r.statesAgree) s++; else console.log('states', r.file); }
console.log(`verdicts ${v}/${rows.length}, states ${s}/${rows.length}, ${Date.now() - t0} ms`);
const { shutdownZ3 } = await import('../../src/engine/smt/z3.js');
await shutdownZ3();
