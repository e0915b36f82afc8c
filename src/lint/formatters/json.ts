/**
 * The `json` format: a stable, versioned document for scripts and other tools.
 *
 * Shape (version 1; a breaking change bumps `version`):
 *
 * ```json
 * {
 *   "version": 1,
 *   "tool": { "name": "vibe-skills", "version": "0.1.0" },
 *   "summary": { "skills": 3, "errors": 1, "warnings": 2, "typecheck": { "blocks": 4, "optedOut": 0 } },
 *   "diagnostics": [
 *     { "ruleId": "name-format", "severity": "error", "message": "…", "file": "skills/x/SKILL.md",
 *       "line": 2, "column": 7, "endLine": 2, "endColumn": 12, "hint": "…" }
 *   ]
 * }
 * ```
 *
 * `summary.typecheck` is present only when `--typecheck` ran; `endLine`, `endColumn` and
 * `hint` only when known. Diagnostics are sorted by file, line, column, rule; `file` uses `/`
 * between folders (a `\` in it is part of a name: a Windows run's `\` became `/`, see
 * paths.ts); `line`/`column` are 1-based, 0 meaning "the whole file" / "unknown column".
 *
 * This module also holds the data helpers the other formatters share (canonical order,
 * counts), so every format reports the same diagnostics in the same order.
 */
import { compareDiagnostics, type Diagnostic } from '../../types.js';
import { pathFlavour, reportPath, type PathFlavour } from './paths.js';
import type { FormatInput, Formatter } from './types.js';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  summary: {
    skills: number;
    errors: number;
    warnings: number;
    typecheck?: { blocks: number; optedOut: number };
  };
  diagnostics: Diagnostic[];
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

/**
 * Fresh copies with a fixed key order and `/` paths (reportPath: a Windows `\` becomes `/`, a
 * POSIX one stays part of its name), sorted with compareDiagnostics. Copying field by field
 * keeps stray properties a rule might have attached out of the output.
 */
export function canonicalDiagnostics(diagnostics: readonly Diagnostic[], flavour: PathFlavour): Diagnostic[] {
  return diagnostics
    .map((d): Diagnostic => {
      const copy: Diagnostic = {
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        file: reportPath(d.file, flavour),
        line: d.line,
        column: d.column,
      };
      if (d.endLine !== undefined) copy.endLine = d.endLine;
      if (d.endColumn !== undefined) copy.endColumn = d.endColumn;
      if (d.hint !== undefined) copy.hint = d.hint;
      return copy;
    })
    .sort(compareDiagnostics);
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** The message with its hint on a second line, for formats that have a single text field. */
export function messageWithHint(d: Pick<Diagnostic, 'message' | 'hint'>): string {
  return d.hint === undefined || d.hint === '' ? d.message : `${d.message}\nHint: ${d.hint}`;
}

export function buildJsonReport(input: FormatInput): JsonReport {
  const diagnostics = canonicalDiagnostics(input.diagnostics, pathFlavour(input.cwd));
  const summary: JsonReport['summary'] = { skills: input.skillCount, ...countSeverities(diagnostics) };
  if (input.typecheck) {
    summary.typecheck = { blocks: input.typecheck.blocks, optedOut: input.typecheck.optedOut };
  }
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: input.toolName, version: input.toolVersion },
    summary,
    diagnostics,
  };
}

export const formatJson: Formatter = (input) => `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
