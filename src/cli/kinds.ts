/**
 * herd's kinds files: `NAME Allowed|Forbidden|Required` per line, NAME possibly ending in `.litmus`.
 * We also accept an observation (`Never|Sometimes|Always`), as a test's `Result:` comment may give.
 */
import { readFileSync } from 'node:fs';
import { systemReason } from '../check/file.js';
import { fail } from '../diag.js';

const EXPECTATIONS = new Set(['Allowed', 'Forbidden', 'Required', 'Never', 'Sometimes', 'Always']);

/** Test name (without `.litmus`) → expectation. Blank lines and `#` comments are skipped. */
export function parseKinds(text: string, file: string): Map<string, string> {
  const kinds = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const [name, kind, ...rest] = line.split(/\s+/);
    if (kind === undefined || rest.length > 0 || !EXPECTATIONS.has(kind)) {
      const col = raw.indexOf(line) + 1;
      fail({ file, line: i + 1, col }, `expected 'NAME Allowed|Forbidden|Required', found '${line}'`);
    }
    kinds.set(name!.replace(/\.litmus$/, ''), kind);
  });
  return kinds;
}

export function readKinds(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(undefined, `${file}: cannot read file (${systemReason(e)})`);
  }
  return parseKinds(text, file);
}
