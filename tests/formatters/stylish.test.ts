import { describe, expect, it } from 'vitest';
import { displayWidth, formatPosition, formatStylish } from '../../src/lint/formatters/stylish.js';
import { printable } from '../../src/strings.js';
import type { Diagnostic } from '../../src/types.js';
import { makeInput, makeWindowsInput, permutations, TRICKY } from './fixtures.js';

const ANSI_PATTERN = /\u001b\[[0-9;]*m/gu;
const stripAnsi = (text: string): string => text.replace(ANSI_PATTERN, '');

const EXPECTED_PLAIN = [
  'skills/alpha/SKILL.md',
  '  2:7  error    name "Alpha_1" is not kebab-case              name-format',
  '                Rename it to `alpha-1`',
  '  3:1  warning  description never says when to use the skill  description-when',
  '                Add a sentence that starts with "Use when"',
  '  4:1  warning  unknown field "x\\x1B[2Jy" 🚀 \\u202Egnp.exe     unknown-field',
  '                Remove it',
  '',
  'skills/beta/SKILL.md',
  '  -  error  SKILL.md has no frontmatter  frontmatter-present',
  '            Start the file with a --- block',
  '            that holds name and description',
  '',
  'skills/gamma, the: third/SKILL.md',
  '  5:12  error  line one  portability',
  '               line two, with: a colon',
  '               100% and a literal %0A',
  '               last',
  '',
  'skills/ünï 日本/SKILL.md',
  "  41  error  TS2304: Cannot find name 'inngest'  typecheck",
  '',
  '✖ 6 problems (4 errors, 2 warnings), 4 skills checked',
  '',
].join('\n');

function warning(overrides: Partial<Diagnostic>): Diagnostic {
  return { ruleId: 'r', severity: 'warning', message: 'm', file: 'a/SKILL.md', line: 1, column: 1, ...overrides };
}

describe('stylish', () => {
  it('groups by file, aligns columns, puts hints under the message and ends with a summary', () => {
    expect(formatStylish(makeInput())).toBe(EXPECTED_PLAIN);
  });

  it('shows the files of a Windows run with / between folders', () => {
    expect(formatStylish(makeWindowsInput())).toBe(EXPECTED_PLAIN);
  });

  it('shows a \\ in a POSIX name as it is, and a top folder named C: as a folder', () => {
    const out = formatStylish(makeInput({ diagnostics: [warning({ file: 'a\\b/SKILL.md' }), warning({ file: 'C:/skills/x/SKILL.md' })] }));
    expect(out.split('\n').filter((line) => line.endsWith('SKILL.md'))).toEqual(['C:/skills/x/SKILL.md', 'a\\b/SKILL.md']);
  });

  it('prints the same text whatever order the diagnostics arrive in', () => {
    for (const order of permutations(TRICKY)) {
      expect(formatStylish(makeInput({ diagnostics: order }))).toBe(EXPECTED_PLAIN);
    }
  });

  it('adds the typecheck line only when the type check ran', () => {
    const out = formatStylish(makeInput({ typecheck: { blocks: 1, optedOut: 2 } }));
    expect(out.endsWith('✖ 6 problems (4 errors, 2 warnings), 4 skills checked\ntypecheck: 1 block compiled, 2 opted out\n')).toBe(true);
    expect(formatStylish(makeInput())).not.toContain('typecheck:');
  });

  it('reports a clean run with a check mark and singular nouns where they apply', () => {
    expect(formatStylish(makeInput({ diagnostics: [], skillCount: 0 }))).toBe('✔ 0 skills checked, no problems\n');
    expect(formatStylish(makeInput({ diagnostics: [], skillCount: 1 }))).toBe('✔ 1 skill checked, no problems\n');
    expect(formatStylish(makeInput({ diagnostics: [warning({})], skillCount: 1 }))).toBe(
      'a/SKILL.md\n  1:1  warning  m  r\n\n✖ 1 problem (0 errors, 1 warning), 1 skill checked\n',
    );
    // No skill in the run (a manifests-only repository, remove's report): no "0 skills checked".
    expect(formatStylish(makeInput({ diagnostics: [warning({})], skillCount: 0 }))).toMatch(/✖ 1 problem \(0 errors, 1 warning\)\n$/);
  });

  it('uses ANSI colours only when asked, and the coloured text is the plain text plus codes', () => {
    expect(formatStylish(makeInput({ color: false }))).not.toMatch(ANSI_PATTERN);
    const coloured = formatStylish(makeInput({ color: true, typecheck: { blocks: 2, optedOut: 0 } }));
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
    expect(coloured).toContain('\u001b[2mRename it to `alpha-1`\u001b[0m');
    expect(coloured).toContain('\u001b[1m\u001b[31m✖ 6 problems');
    expect(stripAnsi(coloured)).toBe(formatStylish(makeInput({ color: false, typecheck: { blocks: 2, optedOut: 0 } })));
    expect(formatStylish(makeInput({ diagnostics: [], color: true }))).toBe('\u001b[32m✔ 4 skills checked, no problems\u001b[0m\n');
  });

  it('never lets control characters or bidi overrides from a file reach the terminal', () => {
    const hostile = [
      warning({ file: 'evil\u001b]0;pwned\u0007/SKILL.md', message: 'a\u0000b\u009bc\u2066d', ruleId: 'x\ny', hint: 'h\u001b[8m' }),
    ];
    for (const color of [false, true]) {
      const out = stripAnsi(formatStylish(makeInput({ diagnostics: hostile, color })));
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2066-\u2069\u202a-\u202e]/u);
      expect(out).toContain('evil\\x1B]0;pwned\\x07/SKILL.md');
      expect(out).toContain('a\\x00b\\x9Bc\\u2066d');
      expect(out).toContain('x\\x0Ay');
    }
    expect(formatStylish(makeInput())).toContain('\\x1B[2Jy');
  });

  it('keeps the rule column aligned when messages hold wide characters', () => {
    const out = formatStylish(
      makeInput({
        diagnostics: [
          warning({ line: 1, message: '説明がありません', ruleId: 'wide' }),
          warning({ line: 2, message: 'ascii text here!', ruleId: 'narrow' }),
          warning({ line: 3, message: 'cafe\u0301 ok', ruleId: 'combining' }),
        ],
      }),
    );
    // Measured in terminal cells: each CJK character takes two, the combining accent none.
    expect(out.split('\n').slice(1, 4)).toEqual([
      '  1:1  warning  説明がありません  wide',
      '  2:1  warning  ascii text here!  narrow',
      '  3:1  warning  cafe\u0301 ok' + ' '.repeat(11) + 'combining',
    ]);
  });

  it('formats positions as - for the whole file and drops an unknown column', () => {
    expect(formatPosition({ line: 0, column: 0 })).toBe('-');
    expect(formatPosition({ line: 0, column: 5 })).toBe('-');
    expect(formatPosition({ line: 7, column: 0 })).toBe('7');
    expect(formatPosition({ line: 7, column: 3 })).toBe('7:3');
  });

  it('escapes only what is unprintable', () => {
    expect(printable('plain ünï 日本 🚀 "quotes" %0A')).toBe('plain ünï 日本 🚀 "quotes" %0A');
    expect(printable('tab\there')).toBe('tab here');
    expect(printable('\u202e')).toBe('\\u202E');
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('plain ASCII: `x` ~ {y}')).toBe(22);
    expect(displayWidth('a日b')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});
