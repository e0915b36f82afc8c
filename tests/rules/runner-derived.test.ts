/**
 * The runner's one-context-per-document loop and the per-document memo (src/lint/derived.ts)
 * that lets several rules share parsed data: findings go to the right rule, a crash stays in
 * its rule, and a memoised value never outlives the document visit it was computed in.
 */
import { describe, expect, it } from 'vitest';
import { enterDocument, leaveDocument, perDocument } from '../../src/lint/derived.js';
import { allowedToolEntries } from '../../src/lint/rules/allowed-tools-parse.js';
import { getField } from '../../src/lint/rules/frontmatter-fields.js';
import { linkTargets } from '../../src/lint/rules/link-targets.js';
import { allRules } from '../../src/lint/rules/index.js';
import { resolveSeverities, runSkillRules } from '../../src/lint/runner.js';
import type { SkillRule } from '../../src/lint/types.js';
import type { SkillDocument } from '../../src/skill/model.js';
import { parseSkillText } from '../../src/skill/read.js';

const settings = { externalSkills: new Set<string>() };
const skillRules = allRules.filter((r): r is SkillRule => r.scope === 'skill');
const severities = resolveSeverities(allRules);

function doc(text: string, files: string[] = ['SKILL.md']): SkillDocument {
  const dir = '/virtual/skills/my-skill';
  const where = { path: `${dir}/SKILL.md`, file: 'skills/my-skill/SKILL.md', dir };
  return { ...where, folderName: 'my-skill', ...parseSkillText(text, where), files: new Set(files), symlinks: [], filesTruncated: false };
}

const skillText = (frontmatter: string, body = '# T\n\nDo the thing.\n') =>
  `---\nname: my-skill\ndescription: Formats SQL files. Use when the user asks to clean up .sql code.\n${frontmatter}---\n\n${body}`;

function rule(id: string, check: SkillRule['check'], extra: Partial<SkillRule> = {}): SkillRule {
  return { id, scope: 'skill', description: id, severity: 'error', docs: id, check, ...extra };
}

describe('runSkillRules: one shared context per document', () => {
  it('files each finding under the rule that reported it, with that rule’s severity', () => {
    const rules = [
      rule('first', ({ report }) => report({ message: 'a', pos: { line: 2, column: 3 } })),
      rule('second', ({ report }) => {
        report({ message: 'b' });
        report({ message: 'c', hint: 'h', end: { line: 4, column: 1 }, pos: { line: 3, column: 1 } });
      }),
      rule('silent', () => {}),
      rule('third', ({ report }) => report({ message: 'd' }), { severity: 'warning' }),
    ];
    const out = runSkillRules(doc(skillText('')), rules, new Map([['second', 'warning']]), settings);
    expect(out).toEqual([
      { ruleId: 'first', severity: 'error', message: 'a', file: 'skills/my-skill/SKILL.md', line: 2, column: 3 },
      { ruleId: 'second', severity: 'warning', message: 'b', file: 'skills/my-skill/SKILL.md', line: 0, column: 0 },
      { ruleId: 'second', severity: 'warning', message: 'c', file: 'skills/my-skill/SKILL.md', line: 3, column: 1, endLine: 4, endColumn: 1, hint: 'h' },
      { ruleId: 'third', severity: 'warning', message: 'd', file: 'skills/my-skill/SKILL.md', line: 0, column: 0 },
    ]);
  });

  it('keeps a crash inside its rule: earlier findings stay, later rules still run under their own id', () => {
    const rules = [
      rule('crashes', ({ report }) => {
        report({ message: 'before the crash' });
        throw new Error('boom');
      }),
      rule('after', ({ report }) => report({ message: 'still here' }), { severity: 'warning' }),
      rule('off', ({ report }) => report({ message: 'never' })),
    ];
    const out = runSkillRules(doc(skillText('')), rules, new Map([['off', 'off']]), settings);
    expect(out.map((d) => [d.ruleId, d.severity, d.message])).toEqual([
      ['crashes', 'error', 'before the crash'],
      ['internal-error', 'error', 'rule crashes failed on this file: boom'],
      ['after', 'warning', 'still here'],
    ]);
  });

  it('runs only onUnreadable rules on a file that could not be read', () => {
    const unreadable = { ...doc(''), readProblem: { kind: 'binary' as const, message: 'binary file' } };
    const rules = [rule('normal', ({ report }) => report({ message: 'x' })), rule('reads', ({ report }) => report({ message: 'y' }), { onUnreadable: true })];
    expect(runSkillRules(unreadable, rules, new Map(), settings).map((d) => d.ruleId)).toEqual(['reads']);
  });
});

describe('perDocument memo', () => {
  const a = doc(skillText(''));
  const b = doc(skillText(''));

  it('computes once per document visit, afresh outside one and after leaving it', () => {
    let calls = 0;
    const count = perDocument(() => ++calls);
    expect([count(a), count(a)]).toEqual([1, 2]); // outside a visit: no caching
    const previous = enterDocument(a);
    expect([count(a), count(a)]).toEqual([3, 3]);
    expect(count(b)).toBe(4); // another document than the one being visited: not cached
    expect(count(a)).toBe(3);
    leaveDocument(previous);
    expect(count(a)).toBe(5);
    const again = enterDocument(a);
    expect([count(a), count(a)]).toEqual([6, 6]); // a new visit of the same object starts over
    leaveDocument(again);
  });

  it('restores the outer visit when visits nest, without reusing a value across them', () => {
    let calls = 0;
    const count = perDocument(() => ++calls);
    const outer = enterDocument(a);
    expect(count(a)).toBe(1);
    const inner = enterDocument(b);
    expect([count(b), count(b)]).toEqual([2, 2]);
    leaveDocument(inner);
    expect([count(a), count(a)]).toEqual([3, 3]);
    leaveDocument(outer);
  });

  it('does not cache a throw: every caller sees the error', () => {
    let calls = 0;
    const fails = perDocument(() => {
      calls++;
      throw new Error('bad');
    });
    const previous = enterDocument(a);
    expect(() => fails(a)).toThrow('bad');
    expect(() => fails(a)).toThrow('bad');
    leaveDocument(previous);
    expect(calls).toBe(2);
  });

  it('shares parsed allowed-tools entries and link targets between the rules of one visit only', () => {
    const d = doc(skillText('allowed-tools: Read Grep\n', '# T\n\nSee [x](references/x.md).\n'));
    expect(allowedToolEntries(d)).not.toBe(allowedToolEntries(d));
    const previous = enterDocument(d);
    expect(allowedToolEntries(d)).toBe(allowedToolEntries(d));
    expect(linkTargets(d)).toBe(linkTargets(d));
    expect(linkTargets(d)).toEqual([{ kind: 'inside', rel: 'references/x.md', isDir: false }]);
    leaveDocument(previous);
  });

  it('gives fresh results when a document changes between two runs (no stale memo)', () => {
    const d = doc(skillText('allowed-tools: Bahs\n', '# T\n\nSee [x](references/x.md).\n'));
    const ids = () => runSkillRules(d, skillRules, severities, settings).map((x) => x.ruleId);
    expect(ids()).toEqual(expect.arrayContaining(['allowed-tools-known', 'links-exist']));
    const field = d.frontmatter.fields.find((f) => f.key === 'allowed-tools')!;
    field.value = 'Bash(git diff *)';
    d.body.links[0]!.target = 'https://example.com';
    const after = ids();
    expect(after).not.toContain('allowed-tools-known');
    expect(after).not.toContain('links-exist');
  });
});

describe('getField', () => {
  it('finds the first field of a key, as a search in source order does', () => {
    const d = doc(skillText('model: opus\n'));
    const first = d.frontmatter.fields.find((f) => f.key === 'model')!;
    d.frontmatter.fields.push({ ...first, value: 'second' });
    expect(getField(d, 'model')?.value).toBe('opus');
    const previous = enterDocument(d);
    expect(getField(d, 'model')?.value).toBe('opus');
    expect(getField(d, 'shell')).toBeUndefined();
    leaveDocument(previous);
  });

  it('finds nothing when the frontmatter failed, even though fields are listed', () => {
    const d = doc(skillText('model: opus\n'));
    d.frontmatter.error = { kind: 'yaml', message: 'bad', pos: { line: 1, column: 1 } };
    expect(getField(d, 'model')).toBeUndefined();
  });
});
