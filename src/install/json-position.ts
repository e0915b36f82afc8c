/**
 * Line and column of a `JSON.parse` failure. V8 reports either `at position N` (Node 20) or
 * `(line L column C)` (Node 22+); an error at the end of the input has neither.
 */
import type { Position } from '../types.js';

export function positionOfJsonError(text: string, error: unknown): Position {
  const message = error instanceof Error ? error.message : String(error);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : text.length;
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}
