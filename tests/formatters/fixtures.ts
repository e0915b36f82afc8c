/**
 * A fixed diagnostic list for the formatter tests, in deliberately unsorted order, with the
 * awkward cases every format must survive: line 0, an unknown column, messages with newlines
 * (LF, CRLF, CR), commas, colons, `%`, a literal `%0A`, unicode, a terminal escape and a bidi
 * override, and a rule id (`typecheck`) that is not a lint rule. Its paths are POSIX ones, for
 * makeInput's POSIX working directory; makeWindowsInput gives the same run made on Windows.
 */
import type { RuleMeta } from '../../src/lint/types.js';
import type { FormatInput } from '../../src/lint/formatters/types.js';
import type { Diagnostic } from '../../src/types.js';

export const TRICKY: readonly Diagnostic[] = [
  {
    ruleId: 'description-when',
    severity: 'warning',
    message: 'description never says when to use the skill',
    file: 'skills/alpha/SKILL.md',
    line: 3,
    column: 1,
    hint: 'Add a sentence that starts with "Use when"',
  },
  {
    ruleId: 'frontmatter-present',
    severity: 'error',
    message: 'SKILL.md has no frontmatter',
    file: 'skills/beta/SKILL.md',
    line: 0,
    column: 0,
    hint: 'Start the file with a --- block\nthat holds name and description',
  },
  {
    ruleId: 'name-format',
    severity: 'error',
    message: 'name "Alpha_1" is not kebab-case',
    file: 'skills/alpha/SKILL.md',
    line: 2,
    column: 7,
    endLine: 2,
    endColumn: 14,
    hint: 'Rename it to `alpha-1`',
  },
  {
    ruleId: 'portability',
    severity: 'error',
    message: 'line one\nline two, with: a colon\r\n100% and a literal %0A\rlast',
    file: 'skills/gamma, the: third/SKILL.md',
    line: 5,
    column: 12,
  },
  {
    ruleId: 'typecheck',
    severity: 'error',
    message: "TS2304: Cannot find name 'inngest'",
    file: 'skills/ünï 日本/SKILL.md',
    line: 41,
    column: 0,
  },
  {
    ruleId: 'unknown-field',
    severity: 'warning',
    message: 'unknown field "x\u001b[2Jy" 🚀 \u202egnp.exe',
    file: 'skills/alpha/SKILL.md',
    line: 4,
    column: 1,
    hint: 'Remove it',
  },
];

export const RULES: readonly RuleMeta[] = [
  {
    id: 'name-format',
    description: 'name is 1-64 lowercase letters, digits and single hyphens',
    severity: 'error',
    docs: 'The name identifies the skill. Use lowercase letters, digits and hyphens.',
  },
  {
    id: 'description-when',
    description: 'description says when to use the skill',
    severity: 'warning',
    docs: 'Agents pick skills by description; say "Use when ...".',
  },
  {
    id: 'frontmatter-present',
    description: 'SKILL.md starts with YAML frontmatter',
    severity: 'error',
    docs: 'Start SKILL.md with a --- block.',
  },
  { id: 'portability', description: 'frontmatter parses in every client', severity: 'error', docs: 'Quote values with ": ".' },
  { id: 'unknown-field', description: 'no unknown frontmatter fields', severity: 'warning', docs: 'Remove or rename the field.' },
  { id: 'body-length', description: 'body under 500 lines', severity: 'off', docs: '' },
];

export function makeInput(overrides: Partial<FormatInput> = {}): FormatInput {
  return {
    diagnostics: TRICKY,
    skillCount: 4,
    rules: RULES,
    cwd: '/home/dev/repo',
    color: false,
    toolName: 'vibe-skills',
    toolVersion: '0.1.0',
    ...overrides,
  };
}

/** Deterministic reorderings of a list, for "input order does not matter" checks. */
export function permutations<T>(items: readonly T[]): T[][] {
  const reversed = [...items].reverse();
  const rotated = [...items.slice(3), ...items.slice(0, 3)];
  const interleaved = [...items.filter((_, i) => i % 2 === 1), ...items.filter((_, i) => i % 2 === 0)];
  return [reversed, rotated, interleaved];
}

/** A Windows working directory: it makes the formatters read `\` as a separator and `C:` as a drive. */
export const WINDOWS_CWD = 'C:\\Users\\dev\\repo';

/**
 * TRICKY as a Windows run reports it: the same files, with `\` separators (one mixes in `/`, as
 * Windows allows). The `:` of the gamma folder would not pass Windows itself; it stays so that
 * both runs give the same expected output (the formatters escape names, they do not judge them).
 */
export const TRICKY_WINDOWS: readonly Diagnostic[] = TRICKY.map((d, i) => ({
  ...d,
  file: i === 3 ? d.file.replace('/', '\\') : d.file.replaceAll('/', '\\'),
}));

/** makeInput for a run on Windows: Windows paths under a Windows working directory. */
export function makeWindowsInput(overrides: Partial<FormatInput> = {}): FormatInput {
  return makeInput({ cwd: WINDOWS_CWD, diagnostics: TRICKY_WINDOWS, ...overrides });
}
