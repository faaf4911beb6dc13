/**
 * `checkText` for a file on disk, as the command line uses it (in-process or in a worker): reading
 * the file, hashing it, and turning every failure into a result, so one bad file never stops a run.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { allSyntaxes } from '../isa/registry.js';
import { expectationOf } from '../litmus/comments.js';
import { parseLitmus } from '../litmus/parse.js';
import { checkText, type CheckOptions, type TestResult } from './check.js';
import { formatCond } from './format.js';

export async function checkFile(file: string, opts: CheckOptions): Promise<TestResult> {
  const t0 = performance.now();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return failed(file, t0, `${file}: cannot read file (${systemReason(e)})`, opts);
  }
  try {
    const result = { ...(await checkText(file, text, opts)), hash: hashOf(text) };
    return result.observation === 'Error' ? withStatedExpectation(result, text, opts) : result;
  } catch (e) {
    // checkText turns bad input into results; anything else is a bug in bpf-herd
    const err = e as Error;
    const detail = process.env.BPF_HERD_DEBUG ? `\n${err.stack ?? ''}` : '';
    return failed(file, t0, `${file}: internal error: ${err.message ?? String(e)}${detail}`, opts);
  }
}

/**
 * A test that does not parse still states what it expects, and not meeting it is a failure: without
 * this a broken test would silently leave the pass/fail tally.
 */
function withStatedExpectation(r: TestResult, text: string, opts: CheckOptions): TestResult {
  if (r.expected !== undefined || opts.kinds) return r;
  const expected = expectationOf(text);
  return expected === undefined ? r : { ...r, expected, matches: false };
}

/**
 * The result of a test whose check never returned (its worker was stopped at the time limit, or
 * died): what the test says about itself, from a parse in this thread, and no verdict.
 */
export async function unfinishedResult(
  file: string, opts: CheckOptions, ms: number, observation: 'Unknown' | 'Error', error: string,
): Promise<TestResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ...bare(file, opts, ms, error), observation }; // the worker did read it: unlikely
  }
  const r: TestResult = { ...bare(file, opts, ms, error), observation, hash: hashOf(text) };
  try {
    const test = parseLitmus(text, file, allSyntaxes());
    const q = test.condition.quantifier;
    Object.assign(r, { name: test.name, arch: test.arch, quantifier: q, condition: `${q} (${formatCond(test.condition.prop)})` });
  } catch { /* the name from the file name will do */ }
  return withStatedExpectation({ ...r, ...expectationFor(r.name, opts) }, text, opts);
}

function expectationFor(name: string, opts: CheckOptions): Partial<TestResult> {
  const expected = opts.kinds?.get(name.replace(/\.litmus$/, '')); // kinds files name tests without .litmus
  return expected === undefined ? {} : { expected, matches: false };
}

/** herd7 prints an md5 of the test; ours is the md5 of the file's text, so it differs from herd7's. */
export function hashOf(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function failed(file: string, t0: number, error: string, opts: CheckOptions): TestResult {
  const r = bare(file, opts, performance.now() - t0, error);
  return { ...r, ...expectationFor(r.name, opts) };
}

/** An Error result named after the file, with nothing known about the test. */
function bare(file: string, opts: CheckOptions, ms: number, error: string): TestResult {
  const name = path.basename(file).replace(/\.litmus$/, '');
  return { file, name, arch: '', model: opts.model ?? '', observation: 'Error', states: [], ms, error, warnings: [], flags: [] };
}

/** `no such file or directory` from Node's `ENOENT: no such file or directory, open 'x'`. */
export function systemReason(e: unknown): string {
  const message = (e as Error).message ?? String(e);
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}
