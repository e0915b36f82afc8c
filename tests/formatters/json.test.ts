import { describe, expect, it } from 'vitest';
import { formatJson, type JsonReport } from '../../src/lint/formatters/json.js';
import type { Diagnostic } from '../../src/types.js';
import { makeInput, makeWindowsInput, permutations, TRICKY } from './fixtures.js';

function parse(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

describe('json', () => {
  it('has the documented top-level shape, pretty-printed with a trailing newline', () => {
    const text = formatJson(makeInput({ typecheck: { blocks: 5, optedOut: 2 } }));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "version": 1,\n  "tool": {\n    "name": "vibe-skills",')).toBe(true);
    const report = parse(text);
    expect(Object.keys(report)).toEqual(['version', 'tool', 'summary', 'diagnostics']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'vibe-skills', version: '0.1.0' });
    expect(report.summary).toEqual({ skills: 4, errors: 4, warnings: 2, typecheck: { blocks: 5, optedOut: 2 } });
  });

  it('leaves typecheck out of the summary when the type check did not run', () => {
    const report = parse(formatJson(makeInput()));
    expect(report.summary).toEqual({ skills: 4, errors: 4, warnings: 2 });
    expect('typecheck' in report.summary).toBe(false);
  });

  it('lists diagnostics sorted, with / paths, and every text exactly as given', () => {
    const report = parse(formatJson(makeInput()));
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.ruleId}`)).toEqual([
      'skills/alpha/SKILL.md:2:name-format',
      'skills/alpha/SKILL.md:3:description-when',
      'skills/alpha/SKILL.md:4:unknown-field',
      'skills/beta/SKILL.md:0:frontmatter-present',
      'skills/gamma, the: third/SKILL.md:5:portability',
      'skills/ünï 日本/SKILL.md:41:typecheck',
    ]);
    const byRule = new Map(report.diagnostics.map((d) => [d.ruleId, d]));
    for (const original of TRICKY) {
      const out = byRule.get(original.ruleId)!;
      expect(out).toEqual(original);
    }
    // Optional fields appear only when set, in a fixed key order.
    expect(Object.keys(byRule.get('name-format')!)).toEqual([
      'ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'hint',
    ]);
    expect(Object.keys(byRule.get('typecheck')!)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column']);
  });

  it('turns the \\ of a Windows run into /: the same report as the POSIX run', () => {
    expect(formatJson(makeWindowsInput())).toBe(formatJson(makeInput()));
  });

  it('keeps a \\ of a POSIX name, and a top folder named C:, as they are', () => {
    const files = ['skills/a\\b/SKILL.md', 'C:/skills/x/SKILL.md', 'C:\\y\\SKILL.md'];
    const report = parse(formatJson(makeInput({ diagnostics: files.map((file) => ({ ...TRICKY[0]!, file })) })));
    expect(report.diagnostics.map((d) => d.file)).toEqual([...files].sort());
  });

  it('is byte-identical whatever the input order', () => {
    const expected = formatJson(makeInput());
    for (const order of permutations(TRICKY)) expect(formatJson(makeInput({ diagnostics: order }))).toBe(expected);
  });

  it('does not leak properties a rule attached to a diagnostic', () => {
    const withExtra = { ...TRICKY[0]!, internal: { secret: 1 } } as Diagnostic;
    const report = parse(formatJson(makeInput({ diagnostics: [withExtra] })));
    expect(report.diagnostics[0]).not.toHaveProperty('internal');
  });

  it('reports an empty run', () => {
    expect(parse(formatJson(makeInput({ diagnostics: [], skillCount: 0 })))).toEqual({
      version: 1,
      tool: { name: 'vibe-skills', version: '0.1.0' },
      summary: { skills: 0, errors: 0, warnings: 0 },
      diagnostics: [],
    });
  });

  it('writes well-formed JSON even for lone surrogates in a message', () => {
    const text = formatJson(makeInput({ diagnostics: [{ ...TRICKY[0]!, message: 'bad \ud800 half' }] }));
    expect(text).toContain('bad \\ud800 half');
    expect(parse(text).diagnostics[0]!.message).toBe('bad \ud800 half');
  });
});
