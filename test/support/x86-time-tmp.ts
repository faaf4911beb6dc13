import { readdirSync, readFileSync } from 'node:fs';
import { checkText } from '../../src/check/check.js';
const dir = 'litmus/x86/';
for (const engine of ['enum', 'smt'] as const) {
  for (const f of readdirSync(dir).sort()) {
    const r = await checkText(dir + f, readFileSync(dir + f, 'utf8'), { engine, unroll: 2, verdictOnly: false });
    console.log(engine, f.padEnd(30), r.observation, r.expected, r.matches, r.error ?? '', r.states.length, r.ms.toFixed(0));
  }
}
const { shutdownZ3 } = await import('../../src/engine/smt/z3.js');
await shutdownZ3();
