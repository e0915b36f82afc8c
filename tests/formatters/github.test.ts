import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/lint/formatters/github.js';
import type { Diagnostic } from '../../src/types.js';
import { makeInput, makeWindowsInput, permutations, TRICKY } from './fixtures.js';

const EXPECTED = [
  '::error file=skills/alpha/SKILL.md,line=2,col=7,endLine=2,endColumn=14,title=name-format::name "Alpha_1" is not kebab-case%0AHint: Rename it to `alpha-1`',
  '::warning file=skills/alpha/SKILL.md,line=3,col=1,title=description-when::description never says when to use the skill%0AHint: Add a sentence that starts with "Use when"',
  '::warning file=skills/alpha/SKILL.md,line=4,col=1,title=unknown-field::unknown field "x\\x1B[2Jy" 🚀 \\u202Egnp.exe%0AHint: Remove it',
  '::error file=skills/beta/SKILL.md,title=frontmatter-present::SKILL.md has no frontmatter%0AHint: Start the file with a --- block%0Athat holds name and description',
  '::error file=skills/gamma%2C the%3A third/SKILL.md,line=5,col=12,title=portability::line one%0Aline two, with: a colon%0A100%25 and a literal %250A%0Alast',
  "::error file=skills/ünï 日本/SKILL.md,line=41,title=typecheck::TS2304: Cannot find name 'inngest'",
  '✖ 6 problems (4 errors, 2 warnings), 4 skills checked',
  '',
].join('\n');

interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** Single-pass inverse of the runner's escaping, so `%250A` decodes to `%0A`, not a newline. */
function unescape(text: string): string {
  const table: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };
  return text.replace(/%(?:25|0D|0A|3A|2C)/gu, (m) => table[m]!);
}

/** Parse one line the way the Actions runner does: `::cmd k=v,k=v::data`. */
function parseCommand(line: string): ParsedCommand | undefined {
  const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/u.exec(line);
  if (!match) return undefined;
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: match[1]!, properties, data: unescape(match[3]!) };
}

function diag(overrides: Partial<Diagnostic>): Diagnostic {
  return { ruleId: 'r', severity: 'error', message: 'm', file: 'a/SKILL.md', line: 1, column: 1, ...overrides };
}

describe('github', () => {
  it('writes one workflow command per diagnostic and a plain summary line', () => {
    expect(formatGithub(makeInput())).toBe(EXPECTED);
  });

  it('annotates the files of a Windows run with / between folders', () => {
    expect(formatGithub(makeWindowsInput())).toBe(EXPECTED);
  });

  it('annotates a POSIX file whose name holds \\ or starts with C: under its own name', () => {
    const files = ['a\\b/SKILL.md', 'C:/skills/x/SKILL.md', 'we\\ird 100%, a: b/SKILL.md'];
    const out = formatGithub(makeInput({ diagnostics: files.map((file) => diag({ file })) }));
    expect(out).toContain('::error file=a\\b/SKILL.md,line=1,col=1,title=r::m\n');
    expect(out).toContain('::error file=C%3A/skills/x/SKILL.md,line=1,col=1,title=r::m\n');
    expect(out).toContain('::error file=we\\ird 100%25%2C a%3A b/SKILL.md,line=1,col=1,title=r::m\n');
    const commands = out.trimEnd().split('\n').slice(0, -1).map(parseCommand);
    expect(commands.map((c) => c?.properties['file']).sort()).toEqual([...files].sort());
  });

  it('is the same whatever the input order, and adds the typecheck line when it ran', () => {
    for (const order of permutations(TRICKY)) expect(formatGithub(makeInput({ diagnostics: order }))).toBe(EXPECTED);
    expect(formatGithub(makeInput({ typecheck: { blocks: 1, optedOut: 0 } }))).toBe(
      `${EXPECTED}typecheck: 1 block compiled, 0 opted out\n`,
    );
  });

  it('round-trips file, position, title and message through the runner parsing rules', () => {
    const lines = formatGithub(makeInput()).trimEnd().split('\n');
    const commands = lines.slice(0, -1).map(parseCommand);
    expect(commands.every((c) => c !== undefined)).toBe(true);
    expect(parseCommand(lines.at(-1)!)).toBeUndefined();

    const portability = commands.find((c) => c!.properties.title === 'portability')!;
    expect(portability.command).toBe('error');
    expect(portability.properties).toEqual({ file: 'skills/gamma, the: third/SKILL.md', line: '5', col: '12', title: 'portability' });
    // CRLF and CR end lines too, so the annotation shows four lines.
    expect(portability.data).toBe('line one\nline two, with: a colon\n100% and a literal %0A\nlast');

    const windows = commands.find((c) => c!.properties.title === 'name-format')!;
    expect(windows.properties.file).toBe('skills/alpha/SKILL.md');
    expect(windows.data).toBe('name "Alpha_1" is not kebab-case\nHint: Rename it to `alpha-1`');
  });

  it('annotates the whole file, without line or col, for line 0', () => {
    const [line] = formatGithub(makeInput({ diagnostics: [diag({ line: 0, column: 0 })] })).split('\n');
    expect(parseCommand(line!)!.properties).toEqual({ file: 'a/SKILL.md', title: 'r' });
    const [noColumn] = formatGithub(makeInput({ diagnostics: [diag({ line: 3, column: 0 })] })).split('\n');
    expect(parseCommand(noColumn!)!.properties).toEqual({ file: 'a/SKILL.md', line: '3', title: 'r' });
  });

  it('cannot be tricked into a second command or an early property end', () => {
    const hostile = diag({
      file: 'x,line=999::/SKILL.md',
      ruleId: 'rule,title=fake',
      message: 'ok\n::error file=evil::injected\r\n::stop-commands::token',
    });
    const out = formatGithub(makeInput({ diagnostics: [hostile] }));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(1);
    const parsed = parseCommand(lines[0]!)!;
    expect(parsed.properties).toEqual({ file: 'x,line=999::/SKILL.md', line: '1', col: '1', title: 'rule,title=fake' });
    expect(parsed.data).toBe('ok\n::error file=evil::injected\n::stop-commands::token');
  });

  it('shows terminal escapes in messages instead of sending them to the log', () => {
    const out = formatGithub(makeInput({ diagnostics: [diag({ message: 'a\u001b[31mb\u0007' })] }));
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/u);
    expect(out).toContain('a\\x1B[31mb\\x07');
  });

  it('prints only the summary for an empty run', () => {
    expect(formatGithub(makeInput({ diagnostics: [], skillCount: 2 }))).toBe('✔ 2 skills checked, no problems\n');
  });

  it('escapes data and properties per the runner rules', () => {
    expect(escapeData('100%\r\n: ,')).toBe('100%25%0D%0A: ,');
    expect(escapeProperty('100%\r\n: ,')).toBe('100%25%0D%0A%3A %2C');
  });
});
