/**
 * The `github` format: one GitHub Actions workflow command per diagnostic, which the runner
 * turns into an annotation on the pull request, then a plain summary line.
 *
 *   ::error file=skills/x/SKILL.md,line=2,col=7,title=name-format::name must be kebab-case%0AHint: …
 *
 * Escaping follows the runner's rules: in the message (data) `%`, CR and LF are
 * percent-encoded; in property values `:` and `,` are too, so a file name or message can
 * never end a property early or start a second command on a new line.
 */
import type { Diagnostic } from '../../types.js';
import { canonicalDiagnostics, countSeverities, messageWithHint } from './json.js';
import { pathFlavour } from './paths.js';
import { printable } from '../../strings.js';
import { splitLines, summaryLine, typecheckLine } from './stylish.js';
import type { Formatter } from './types.js';

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * Lines are kept (they become the annotation's lines) but terminal control characters are
 * made visible: the raw command also appears in the job log, which interprets ANSI codes.
 */
function safeText(text: string): string {
  return splitLines(text).map(printable).join('\n');
}

export function workflowCommand(d: Diagnostic): string {
  const props: Array<[string, string]> = [['file', d.file]];
  // Line 0 means the whole file: an annotation without a line attaches to the file itself.
  if (d.line > 0) {
    props.push(['line', String(d.line)]);
    if (d.column > 0) props.push(['col', String(d.column)]);
    if (d.endLine !== undefined && d.endLine >= d.line) {
      props.push(['endLine', String(d.endLine)]);
      if (d.column > 0 && d.endColumn !== undefined && d.endColumn > 0) props.push(['endColumn', String(d.endColumn)]);
    }
  }
  props.push(['title', d.ruleId]);
  const rendered = props.map(([key, value]) => `${key}=${escapeProperty(safeText(value))}`).join(',');
  return `::${d.severity} ${rendered}::${escapeData(safeText(messageWithHint(d)))}`;
}

export const formatGithub: Formatter = (input) => {
  const diagnostics = canonicalDiagnostics(input.diagnostics, pathFlavour(input.cwd));
  const lines = diagnostics.map(workflowCommand);
  lines.push(summaryLine(countSeverities(diagnostics), input.skillCount, input.hiddenWarnings));
  if (input.typecheck) lines.push(typecheckLine(input.typecheck));
  return `${lines.join('\n')}\n`;
};
