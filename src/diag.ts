/** Diagnostics shared by every stage: an error that points at the user's input. */

export interface Pos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

/** Bad input (a litmus test, a model, a table): reported as `file:line:col: message`, exit code 2. */
export class InputError extends Error {
  constructor(
    readonly pos: Pos | undefined,
    readonly detail: string,
  ) {
    super(pos ? `${pos.file}:${pos.line}:${pos.col}: ${detail}` : detail);
    this.name = 'InputError';
  }
}

export function fail(pos: Pos | undefined, detail: string): never {
  throw new InputError(pos, detail);
}
