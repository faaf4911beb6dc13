/**
 * Where results go, each in input order as it arrives: the report on stdout, warnings and errors on
 * stderr, and the tally of expectations that decides the exit code. A future `--graphs DIR` is one
 * more sink.
 */
import pc from 'picocolors';
import type { TestResult } from '../check/check.js';
import { kindOf } from '../check/check.js';
import { jsonLine } from './json-report.js';
import { textReport } from './text-report.js';

export interface ResultSink {
  add(r: TestResult): void;
  end(): void;
}

/** The herd7 text report, or NDJSON. An Error result has only its JSON line (its message goes to stderr). */
export function reportSink(format: 'text' | 'json', verdictOnly: boolean): ResultSink {
  return {
    add(r) {
      if (format === 'json') process.stdout.write(jsonLine(r));
      else if (r.observation !== 'Error') process.stdout.write(textReport(r, verdictOnly));
    },
    end() {},
  };
}

/** `Warning: FILE: message` and the one-line error of a test that could not be checked. */
export function diagnosticsSink(color: boolean): ResultSink {
  const c = colorsFor(process.stderr, color);
  return {
    add(r) {
      for (const w of r.warnings) process.stderr.write(`${c.yellow('Warning:')} ${r.file}: ${w}\n`);
      if (r.observation === 'Error' && r.error) process.stderr.write(`${r.error}\n`);
    },
    end() {},
  };
}

export interface Tally extends ResultSink {
  /** 2 if a test could not be checked, else 1 if one contradicts its expectation, else 0. */
  exitCode(): number;
}

/**
 * Tests with an expectation (a Result: comment or --kinds) pass or fail; at the end the failures are
 * listed on stderr and `N passed, N failed` is the last line of `summaryTo` (stdout, or stderr when
 * stdout carries NDJSON). A test that errs with an expectation counts as failed.
 */
export function tallySink(summaryTo: NodeJS.WriteStream, color: boolean): Tally {
  const failures: string[] = [];
  let passed = 0, errors = 0, withExpectation = 0;
  return {
    add(r) {
      if (r.observation === 'Error') errors++;
      if (r.expected === undefined) return;
      withExpectation++;
      if (r.matches) passed++;
      else failures.push(`FAIL ${r.name}: expected ${r.expected}, got ${gotFor(r)}`);
    },
    end() {
      const err = colorsFor(process.stderr, color);
      for (const f of failures) process.stderr.write(`${err.red(f)}\n`);
      if (withExpectation === 0) return;
      const c = colorsFor(summaryTo, color);
      const failed = `${failures.length} failed`;
      summaryTo.write(`${c.green(`${passed} passed`)}, ${failures.length ? c.red(failed) : failed}\n`);
    },
    exitCode: () => (errors > 0 ? 2 : failures.length > 0 ? 1 : 0),
  };
}

/** What the expectation is compared with: the kind for a kind, the observation for an observation. */
function gotFor(r: TestResult): string {
  const isKind = r.expected === 'Allowed' || r.expected === 'Forbidden' || r.expected === 'Required';
  return isKind ? kindOf(r.observation, r.quantifier) : r.observation;
}

function colorsFor(stream: NodeJS.WriteStream, wanted: boolean) {
  const enabled = wanted && stream.isTTY === true && !process.env.NO_COLOR;
  return pc.createColors(enabled);
}
