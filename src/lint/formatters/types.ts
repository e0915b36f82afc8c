import type { RuleMeta } from '../types.js';
import type { Diagnostic } from '../../types.js';

/** Everything a formatter needs; formatters are pure functions of this. */
export interface FormatInput {
  diagnostics: readonly Diagnostic[];
  /** Number of skills checked. */
  skillCount: number;
  /** Rules that were active in the run (for SARIF's rule table). */
  rules: readonly RuleMeta[];
  /**
   * Absolute working directory (SARIF's %SRCROOT%); diagnostic files are relative to it. Its form
   * also says how to read every path: a Windows one (`C:\…`, `\\server\share\…`) makes `\` a
   * separator and `C:` a drive; otherwise paths are POSIX, where both are parts of names (paths.ts).
   */
  cwd: string;
  /** Use ANSI colours (stylish only). */
  color: boolean;
  toolName: string;
  toolVersion: string;
  /** Warnings left out of `diagnostics` by --quiet (the summary says so rather than "no problems"). */
  hiddenWarnings?: number;
  /** Set when --typecheck ran. */
  typecheck?: { blocks: number; optedOut: number };
}

export type Formatter = (input: FormatInput) => string;

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';

export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
