/** Readable messages for Ohm match failures: where the input stops making sense, and what would fit there. */
import type * as ohm from 'ohm-js';
import { InputError } from '../diag.js';
import { commentEnd, skipBlanks } from './comments.js';
import type { SourceText } from './source.js';

/** The part of Ohm's failure objects that it does not declare in its typings. */
interface OhmFailure {
  getText(): string;
  type: string;
  isFluffy(): boolean;
}

function failuresOf(match: ohm.FailedMatchResult): OhmFailure[] {
  return (match as unknown as { getRightmostFailures(): OhmFailure[] }).getRightmostFailures();
}

export const END_OF_INPUT = 'the end of the test';

/** What the parser would have accepted at the failure position, in words (`';'`, `a register`). */
export function expectedAt(match: ohm.FailedMatchResult): string[] {
  const words = failuresOf(match)
    .filter((f) => !f.isFluffy())
    .map((f) => (f.type === 'string' ? `'${f.getText()}'` : f.getText()))
    .map((w) => (w === 'end of input' ? END_OF_INPUT : w));
  return [...new Set(words)];
}

export function oneOf(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The token at `offset`, for `found ...`. */
export function foundAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  if (text[offset] === '\n' || text[offset] === '\r') return 'the end of the line';
  const token = /^\S{1,20}/.exec(text.slice(offset))?.[0] ?? text[offset]!;
  return `'${token}'`;
}

/** The description of the `=` of a metadata line in grammar/litmus-common.ohm. */
const META_EQUALS = "the '=' of a 'key = value' line";

export function syntaxError(match: ohm.FailedMatchResult, src: SourceText): InputError {
  const offset = match.getRightmostFailurePosition();
  const expected = expectedAt(match);
  const text = src.text;

  if (text.startsWith('(*', offset) && commentEnd(text, offset) === text.length)
    return new InputError(src.pos(offset), "comment not closed: expected '*)'");

  // `BPF` alone on the first line
  const archStart = skipBlanks(text);
  const arch = /^\S+/.exec(text.slice(archStart))?.[0] ?? '';
  if (offset >= archStart + arch.length && /^[ \t]*$/.test(text.slice(archStart + arch.length, offset)) && !text.slice(archStart, offset).includes('\n'))
    return new InputError(src.pos(offset), `expected the test name after '${arch}'`);

  // Only a row of the thread table can go on with '|' or ';'. One that runs into the next
  // line lacks its ';': point at the end of that row, not at the start of the next line.
  if (expected.includes("';'") && expected.includes("'|'")) {
    const onlyBlanksBefore = text.slice(src.lineStart(offset), offset).trim() === '';
    if (onlyBlanksBefore || offset >= text.length) {
      let end = offset;
      while (end > 0 && /\s/.test(text[end - 1]!)) end--;
      return new InputError(src.pos(end), "expected ';' at the end of the row");
    }
    return new InputError(src.pos(offset), `expected '|' or ';' after a cell, found ${foundAt(text, offset)}`);
  }

  // A line before the initial state that is not `key = value`: most likely the `{` is missing.
  if (expected.length === 1 && expected[0] === META_EQUALS) {
    const lineStart = src.lineStart(offset);
    const first = lineStart + (/^\s*/.exec(text.slice(lineStart))?.[0].length ?? 0);
    return new InputError(src.pos(first), `expected '{' (the initial state) or a 'key = value' line, found ${foundAt(text, first)}`);
  }
  return new InputError(src.pos(offset), `expected ${oneOf(expected)}, found ${foundAt(text, offset)}`);
}
