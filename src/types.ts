/**
 * The shared vocabulary of vibe-skills: diagnostics and positions.
 * The core returns these as data; formatters at the edge turn them into text.
 */

/** How much a diagnostic matters. `off` only appears in configuration, never on a diagnostic. */
export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/** 1-based line and column, as editors and SARIF count them. */
export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic {
  /** Rule id, e.g. `name-format`. */
  ruleId: string;
  severity: Severity;
  /** What is wrong, one sentence, no trailing period needed. */
  message: string;
  /** Path of the file, relative to the working directory when possible, with `/` separators. */
  file: string;
  /** 1-based; 0 when the problem has no line (a missing file, a folder). */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** How to fix it. */
  hint?: string;
}

/** Compare diagnostics for stable output: file, line, column, rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
