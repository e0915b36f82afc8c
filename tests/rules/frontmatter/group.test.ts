import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frontmatterRules } from '../../../src/lint/rules/group-frontmatter.js';
import { parseToolEntry, tokenizeToolList } from '../../../src/lint/rules/allowed-tools-parse.js';
import { lintAll, skill } from './helpers.js';

describe('the frontmatter rule group', () => {
  it('has unique kebab-case ids, docs and a default severity', () => {
    const ids = frontmatterRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of frontmatterRules) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.docs.length).toBeGreaterThan(80);
      expect(['error', 'warning']).toContain(r.severity);
    }
  });

  it('reports nothing on a skill that uses every field correctly', async () => {
    const text = skill(
      [
        'license: MIT',
        'compatibility: Requires git and network access',
        'metadata:\n  author: example-org\n  version: "1.0"',
        'allowed-tools: Read, Grep, Glob, Bash(git diff:*), mcp__github__get_issue',
        'model: sonnet',
        'context: fork',
        'agent: Explore',
        'effort: high',
        'shell: bash',
        'argument-hint: "[file]"',
        'disable-model-invocation: true',
        'user-invocable: true',
      ].join('\n'),
      { body: '# My skill\n\nFormat $ARGUMENTS.\n' },
    );
    const ids = new Set(frontmatterRules.map((r) => r.id));
    const mine = (await lintAll(text)).filter((d) => ids.has(d.ruleId) || d.ruleId === 'internal-error');
    expect(mine).toEqual([]);
  });

  it('never crashes on odd values of every field', async () => {
    const odd = ['', '~', '[]', '{}', '[[[]]]', '{a: {b: [1, {c: d}]}}', '0x1F', '.inf', '-', '"\\u0000"', '!!binary aGk=', '&a 1', '|\n  x'];
    const fields = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools', 'model', 'context', 'agent', 'effort', 'shell', 'hooks', 'argument-hint', 'user-invocable', 'disable-model-invocation', 'x'];
    const lines = fields.map((f, i) => `${f}: ${odd[i % odd.length]}`).join('\n');
    const all = await lintAll(`---\n${lines}\n---\n`);
    expect(all.filter((d) => d.ruleId === 'internal-error')).toEqual([]);
    const all2 = await lintAll(`---\n${fields.map((f, i) => `${f}: ${odd[(i + 5) % odd.length]}`).join('\n')}\n---\n`);
    expect(all2.filter((d) => d.ruleId === 'internal-error')).toEqual([]);
  });

  it('tokenizes any string without throwing, tokens being exact slices', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '(', ')', '\\', ':', '*', '_', '\t') }), (s) => {
        for (const t of tokenizeToolList(s)) {
          expect(s.slice(t.start, t.end)).toBe(t.text);
          expect(t.text.length).toBeGreaterThan(0);
          parseToolEntry(t.text);
        }
      }),
    );
  });
});
