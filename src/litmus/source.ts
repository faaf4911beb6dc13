/** A source text with its file name: turns character offsets into 1-based line:column positions. */
import type { Pos } from '../diag.js';

export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  pos(offset: number): Pos {
    // binary search for the last line starting at or before offset
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  /** Offset of the start of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.lineStarts[this.pos(offset).line - 1]!;
  }
}
