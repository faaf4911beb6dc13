/**
 * Comments `(* ... *)` (they nest) seen as text: the expectation of a test lives in one,
 * and the architecture word is the first thing after leading blanks and comments.
 */
import type { Expectation } from './ast.js';

/** Index just past the comment opening at `start` (which must hold `(*`), or text.length if unclosed. */
export function commentEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('(*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*)', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** The outermost comments of a text, in order, with their delimiters. Doc strings are skipped. */
export function commentsOf(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('(*', i)) {
      const end = commentEnd(text, i);
      found.push(text.slice(i, end));
      i = end;
    } else if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      i = close < 0 ? text.length : close + 1;
    } else i++;
  }
  return found;
}

const RESULT = /Result:\s*(Never|Sometimes|Always|Allowed|Forbidden|Required)\b/;

/** The expectation stated by the first comment that has `Result: <verdict>`. */
export function expectationOf(text: string): Expectation | undefined {
  for (const comment of commentsOf(text)) {
    const m = RESULT.exec(comment);
    if (m) return m[1] as Expectation;
  }
  return undefined;
}

/** Index of the first character that is neither white space nor inside a comment. */
export function skipBlanks(text: string, from = 0): number {
  let i = from;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++;
    else if (text.startsWith('(*', i)) i = commentEnd(text, i);
    else break;
  }
  return i;
}
