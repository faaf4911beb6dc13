/**
 * herd7's text report of one test, line for line, so scripts written for herd7 keep working:
 *
 *   Test NAME Allowed|Forbidden|Required      the kind the quantifier claims
 *   States N                                  then the N final states, sorted
 *   Ok|No                                     whether the condition is validated
 *   Witnesses
 *   Positive: p Negative: n                   herd7's convention, see below
 *   Flag NAME                                 one per flag raised (herd7 prints them here)
 *   Condition exists (...)
 *   Observation NAME Never|Sometimes|Always p n
 *   Time NAME 0.01                            seconds
 *   Hash=...                                  md5 of the file (herd7's hash differs)
 *   (empty line)
 *
 * What herd7 has no spelling for: a count that is not known (verdict-only mode, or an engine that
 * does not count) is `?` in place of the number, so every line keeps its shape and word positions;
 * in verdict-only mode no states are listed and `States ?` says so. An Unknown test (time limit)
 * prints no guess: only its Test, Condition, `Observation NAME Unknown (reason)`, Time and Hash.
 */
import type { Quantifier } from '../litmus/ast.js';
import type { TestResult } from '../check/check.js';

const CLAIMED_KIND: Record<Quantifier, string> = { exists: 'Allowed', '~exists': 'Forbidden', forall: 'Required' };

/** The report of a test that ran (not an Error result: those go to stderr only). */
export function textReport(r: TestResult, verdictOnly: boolean): string {
  const kind = r.quantifier ? CLAIMED_KIND[r.quantifier] : '?';
  const lines = [`Test ${r.name} ${kind}`];
  if (r.observation === 'Unknown') {
    if (r.condition) lines.push(`Condition ${r.condition}`);
    lines.push(`Observation ${r.name} Unknown (${r.error ?? 'no verdict'})`);
  } else {
    lines.push(...stateLines(r, verdictOnly));
    lines.push(r.ok ? 'Ok' : 'No', 'Witnesses');
    const [p, n] = [count(r.positive), count(r.negative)];
    // for ~exists herd7 counts the executions that satisfy `~exists`, i.e. where the proposition fails
    lines.push(r.quantifier === '~exists' ? `Positive: ${n} Negative: ${p}` : `Positive: ${p} Negative: ${n}`);
    lines.push(...r.flags.map((f) => `Flag ${f}`));
    if (r.condition) lines.push(`Condition ${r.condition}`);
    lines.push(`Observation ${r.name} ${r.observation} ${p} ${n}`);
  }
  lines.push(`Time ${r.name} ${(r.ms / 1000).toFixed(2)}`, `Hash=${r.hash ?? ''}`, '');
  return lines.map((l) => `${l}\n`).join('');
}

function stateLines(r: TestResult, verdictOnly: boolean): string[] {
  return verdictOnly ? ['States ?'] : [`States ${r.states.length}`, ...r.states];
}

const count = (n: number | undefined): string => (n === undefined ? '?' : String(n));
