/**
 * The default `stylish` format, modelled on ESLint's: one block per file, aligned columns,
 * the hint under the message, and a summary line.
 *
 * ```
 * skills/foo/SKILL.md
 *   -    error    SKILL.md has no frontmatter      frontmatter-present
 *                 Start the file with a `---` block
 *   3:7  warning  description does not say when…  description-when
 *
 * ✖ 2 problems (1 error, 1 warning), 4 skills checked
 * ```
 *
 * Line 0 (the whole file) prints as `-`; a known line with an unknown column prints as the
 * line alone. Messages and paths can carry text from hostile files, so control characters
 * and bidi overrides are shown as escapes instead of reaching the terminal.
 */
import { plural, printable } from '../../strings.js';
import type { Diagnostic, Severity } from '../../types.js';
import { canonicalDiagnostics, countSeverities, type SeverityCounts } from './json.js';
import { pathFlavour } from './paths.js';
import type { FormatInput, Formatter } from './types.js';
import { append, maxOf } from '../../append.js';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
} as const;

type Style = keyof typeof ANSI;

function paint(enabled: boolean, text: string, ...styles: Style[]): string {
  if (!enabled || text === '' || styles.length === 0) return text;
  return `${styles.map((s) => ANSI[s]).join('')}${text}${ANSI.reset}`;
}

/** Split on any line ending, so a CR or CRLF inside a message cannot overwrite the line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

// East Asian wide/fullwidth blocks and the emoji planes: two terminal cells each.
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60],
  [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200d\ufe00-\ufe0f]/u;

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Terminal cells a string occupies; good enough to keep columns aligned for CJK and emoji. */
export function displayWidth(text: string): number {
  // Most messages are plain ASCII, one cell per character: the walk below costs ~170 ns a
  // character, 30 ms for the 610 warnings of a 10,000-skill tree.
  if (PLAIN_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    const code = ch.codePointAt(0) ?? 0;
    width += WIDE_RANGES.some(([lo, hi]) => code >= lo && code <= hi) ? 2 : 1;
  }
  return width;
}

function padTo(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `-` for the whole file, `line` when the column is unknown, else `line:column`. */
export function formatPosition(d: Pick<Diagnostic, 'line' | 'column'>): string {
  if (!(d.line > 0)) return '-';
  return d.column > 0 ? `${d.line}:${d.column}` : `${d.line}`;
}

/**
 * `✖ 3 problems (2 errors, 1 warning), 5 skills checked` or `✔ 5 skills checked, no problems`.
 * (Not "in 5 skills": that reads as five skills with problems.)
 */
export function summaryLine(counts: SeverityCounts, skillCount: number, hiddenWarnings = 0): string {
  const problems = counts.errors + counts.warnings;
  const hidden = hiddenWarnings > 0 ? ` (${plural(hiddenWarnings, 'warning')} not shown: --quiet)` : '';
  if (problems === 0) return `✔ ${plural(skillCount, 'skill')} checked, ${hidden ? 'no errors' : 'no problems'}${hidden}`;
  // No skills (remove's report, a repository of manifests only): "0 skills checked" would say nothing.
  const where = skillCount > 0 ? `, ${plural(skillCount, 'skill')} checked` : '';
  return `✖ ${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})${where}${hidden}`;
}

export function typecheckLine(typecheck: { blocks: number; optedOut: number }): string {
  return `typecheck: ${plural(typecheck.blocks, 'block')} compiled, ${typecheck.optedOut} opted out`;
}

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow' };

interface Row {
  position: string;
  severity: Severity;
  messageLines: string[];
  ruleId: string;
  hintLines: string[];
}

function toRow(d: Diagnostic): Row {
  return {
    position: formatPosition(d),
    severity: d.severity,
    messageLines: splitLines(d.message).map(printable),
    ruleId: printable(d.ruleId),
    hintLines: d.hint === undefined || d.hint === '' ? [] : splitLines(d.hint).map(printable),
  };
}

function formatGroup(file: string, diagnostics: readonly Diagnostic[], color: boolean): string[] {
  const rows = diagnostics.map(toRow);
  const posWidth = maxOf(rows.map((r) => r.position.length));
  const sevWidth = maxOf(rows.map((r) => r.severity.length));
  const msgWidth = maxOf(rows.map((r) => displayWidth(r.messageLines[0] ?? '')));
  const indent = ' '.repeat(2 + posWidth + 2 + sevWidth + 2);

  const out = [paint(color, printable(file), 'underline')];
  for (const r of rows) {
    const [first = '', ...rest] = r.messageLines;
    out.push(
      '  ' +
        paint(color, r.position, 'dim') + padTo(r.position, posWidth) + '  ' +
        paint(color, r.severity, SEVERITY_STYLE[r.severity]) + padTo(r.severity, sevWidth) + '  ' +
        first + padTo(first, msgWidth) + '  ' +
        paint(color, r.ruleId, 'dim'),
    );
    for (const line of rest) out.push(`${indent}${line}`.trimEnd());
    for (const line of r.hintLines) out.push(`${indent}${paint(color, line, 'dim')}`.trimEnd());
  }
  return out;
}

export const formatStylish: Formatter = (input: FormatInput) => {
  const diagnostics = canonicalDiagnostics(input.diagnostics, pathFlavour(input.cwd));
  const lines: string[] = [];

  // canonicalDiagnostics sorts by file first, so each file's diagnostics are contiguous.
  let start = 0;
  while (start < diagnostics.length) {
    const file = diagnostics[start]!.file;
    let end = start;
    while (end < diagnostics.length && diagnostics[end]!.file === file) end++;
    append(lines, formatGroup(file, diagnostics.slice(start, end), input.color)).push('');
    start = end;
  }

  const counts = countSeverities(diagnostics);
  const summary = summaryLine(counts, input.skillCount, input.hiddenWarnings);
  const style: Style[] = counts.errors > 0 ? ['bold', 'red'] : counts.warnings > 0 ? ['bold', 'yellow'] : ['green'];
  lines.push(paint(input.color, summary, ...style));
  if (input.typecheck) lines.push(typecheckLine(input.typecheck));
  return `${lines.join('\n')}\n`;
};
