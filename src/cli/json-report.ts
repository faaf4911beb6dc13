/**
 * `--json`: one JSON object per test and line (NDJSON). Every key is always present, with `null`
 * for what does not apply, so consumers need no existence checks. `positive`/`negative` count the
 * executions where the proposition holds / fails, for every quantifier (the text report follows
 * herd7, which swaps them for `~exists`); they are null when not counted. `states` is always a list:
 * empty for Error and Unknown results and in verdict-only mode.
 */
import { kindOf, type TestResult } from '../check/check.js';

export function jsonLine(r: TestResult): string {
  const record = {
    file: r.file,
    name: r.name,
    arch: r.arch,
    model: r.model,
    engine: r.engine ?? null,
    quantifier: r.quantifier ?? null,
    condition: r.condition ?? null,
    observation: r.observation,
    kind: kindOf(r.observation, r.quantifier),
    ok: r.ok ?? null,
    states: r.states,
    positive: r.positive ?? null,
    negative: r.negative ?? null,
    flags: r.flags,
    expected: r.expected ?? null,
    matches: r.matches ?? null,
    ms: Math.round(r.ms * 10) / 10,
    error: r.error ?? null,
    warnings: r.warnings,
    hash: r.hash ?? null,
  };
  return `${JSON.stringify(record)}\n`;
}
