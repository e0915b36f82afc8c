/**
 * The per-document facts rules ask before walking anything (allowedToolFlags, linkFacts), the
 * bounded "did you mean" search, the duplicate groups of the set rules and the runner's plan of
 * active rules: each held against the straightforward code it stands in for, on generated input.
 * A fact may say "look" when there is nothing to report (the rule's own walk decides), but it
 * must never say "nothing here" when the walk would report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedToolEntries, allowedToolFlags, SHELL_TOOLS, TOOLS_MALFORMED, TOOLS_UNKNOWN, TOOLS_UNSCOPED_SHELL, isKnownTool } from '../../src/lint/rules/allowed-tools-parse.js';
import { allRules } from '../../src/lint/rules/index.js';
import { checkExists, linkFacts, linkTargets, LINKS_DEEP, LINKS_MISSING, LINKS_OUTSIDE, MENTIONS_MISSING } from '../../src/lint/rules/link-targets.js';
import { duplicateGroups } from '../../src/lint/rules/set-duplicates.js';
import { resolveSeverities, runSkillRules } from '../../src/lint/runner.js';
import { suggest, suggester } from '../../src/lint/suggest.js';
import type { SetRule } from '../../src/lint/types.js';
import type { SkillRule } from '../../src/lint/types.js';
import type { SkillDocument, SkillSummary } from '../../src/skill/model.js';
import { parseSkillText } from '../../src/skill/read.js';
import type { Diagnostic } from '../../src/types.js';

const skillRules = allRules.filter((r): r is SkillRule => r.scope === 'skill');
const settings = { externalSkills: new Set<string>() };

function makeDoc(text: string, files: string[] = ['SKILL.md']): SkillDocument {
  const dir = '/virtual/skills/my-skill';
  const where = { path: `${dir}/SKILL.md`, file: 'skills/my-skill/SKILL.md', dir };
  return { ...where, folderName: 'my-skill', ...parseSkillText(text, where), files: new Set(files), symlinks: [], filesTruncated: false };
}

/** The findings of one rule on a document, through the runner (which shares the per-document facts). */
function findings(doc: SkillDocument, id: string): Diagnostic[] {
  const rule = skillRules.find((r) => r.id === id)!;
  return runSkillRules(doc, [rule], new Map(), settings);
}

describe('allowedToolFlags', () => {
  const ENTRIES = [
    'Read', 'Grep', 'grep', 'Bash', 'Bash(*)', 'Bash( * )', 'Bash(git diff:*)', 'Bash(git', 'Bash(:*)', 'Bash(a:* b)', 'PowerShell', 'PowerShell(*)',
    'WebFetch(https://x.io)', 'WebFetch(domain:x.io)', 'WebSearch(a*)', 'mcp__s__t', 'mcp__s', 'mcp____t', 'mcp__s__t(x)', 'Read(src/**:*)', 'Edit()',
    '(x)', 'Foo(bar)baz', 'Task', 'MultiEdit', 'Agent(a, b)', '*', 'Bash_', 'x)', 'Read\\(x',
  ];
  const entry = fc.constantFrom(...ENTRIES);
  const value = fc.oneof(
    fc.array(entry, { minLength: 1, maxLength: 5 }).map((xs) => ` ${xs.join(', ')}`),
    fc.array(entry, { minLength: 1, maxLength: 5 }).map((xs) => ` ${xs.join(' ')}`),
    fc.array(entry, { minLength: 1, maxLength: 4 }).map((xs) => `\n${xs.map((x) => `  - ${JSON.stringify(x)}`).join('\n')}`),
    fc.constantFrom(' 3', ' true', '\n  a: b', ' [Read, 3]', ' ""'),
  );

  it('sets every bit the full walk over the entries would report, and the rules report exactly the walk', () => {
    fc.assert(
      fc.property(value, (v) => {
        const doc = makeDoc(`---\nname: my-skill\ndescription: Formats SQL. Use when asked.\nallowed-tools:${v}\n---\n\n# T\n\nText.\n`);
        const flags = allowedToolFlags(doc);
        let malformed = 0;
        let unknown = 0;
        let unscoped = 0;
        for (const e of allowedToolEntries(doc) ?? []) {
          const x = e.entry;
          if (x.kind === 'malformed') malformed++;
          if ((x.kind === 'tool' || x.kind === 'scoped') && !isKnownTool(x.name)) unknown++;
          if ((x.kind === 'tool' && SHELL_TOOLS.has(x.name)) || (x.kind === 'scoped' && SHELL_TOOLS.has(x.name) && x.spec.trim() === '*')) unscoped++;
        }
        expect((flags & TOOLS_MALFORMED) !== 0).toBe(malformed > 0);
        expect((flags & TOOLS_UNKNOWN) !== 0).toBe(unknown > 0);
        expect((flags & TOOLS_UNSCOPED_SHELL) !== 0).toBe(unscoped > 0);
        expect(findings(doc, 'allowed-tools-format')).toHaveLength(malformed);
        expect(findings(doc, 'allowed-tools-known')).toHaveLength(unknown);
        expect(findings(doc, 'allowed-tools-bash-unscoped')).toHaveLength(unscoped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('linkFacts', () => {
  const FILES = ['SKILL.md', 'references/', 'references/retries.md', 'references/a/', 'references/a/b.md', 'assets/', 'assets/logo.png', 'scripts/', 'scripts/run.sh'];
  const TARGETS = [
    'references/retries.md', 'references/missing.md', 'References/Retries.md', 'references/', 'references/a/b.md', 'references/a/c.md', 'references/a/b.py',
    'assets/logo.png', '../other/SKILL.md', '/docs/x.md', 'https://x.io', '#top', 'references/retries.md#x', 'references/re%74ries.md', './references/../references/retries.md',
    'references\\retries.md', 'scripts/run.sh', 'scripts/gone.sh', '', '.', 'references/a/b/c.txt',
  ];
  const link = fc.tuple(fc.constantFrom('link', 'image', 'path'), fc.constantFrom(...TARGETS)).map(([kind, t]) =>
    kind === 'link' ? `[x](${t})` : kind === 'image' ? `![x](${t})` : t.includes('/') && !t.includes(' ') && t !== '' ? `\`${t}\`` : `[y](${t})`,
  );

  it('sets every bit the four link rules would report on', () => {
    fc.assert(
      fc.property(fc.array(link, { maxLength: 8 }), (links) => {
        const doc = makeDoc(`---\nname: my-skill\ndescription: Formats SQL. Use when asked.\n---\n\n# T\n\n${links.join(' and ')}\n`, FILES);
        const facts = linkFacts(doc);
        const targets = linkTargets(doc);
        let missingLinks = 0;
        let missingMentions = 0;
        let outside = 0;
        let deep = false;
        doc.body.links.forEach((l, i) => {
          const t = targets[i]!;
          if (t.kind === 'outside' || t.kind === 'absolute') outside++;
          if (t.kind !== 'inside') return;
          const missing = checkExists(doc, t.rel, t.isDir).exists === false;
          if (missing && l.kind === 'path') missingMentions++;
          if (missing && l.kind !== 'path') missingLinks++;
          if (l.kind !== 'image' && !t.isDir && t.rel.split('/').length > 2) deep = true;
        });
        expect((facts & LINKS_MISSING) !== 0).toBe(missingLinks > 0);
        expect((facts & MENTIONS_MISSING) !== 0).toBe(missingMentions > 0);
        expect((facts & LINKS_OUTSIDE) !== 0).toBe(outside > 0);
        expect((facts & LINKS_DEEP) !== 0).toBe(deep);
        expect(findings(doc, 'links-exist')).toHaveLength(missingLinks);
        expect(findings(doc, 'file-mentions-exist')).toHaveLength(missingMentions);
        expect(findings(doc, 'links-inside-skill')).toHaveLength(outside);
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggest', () => {
  /** The search as it was before the bounded distance and the shared-character filter. */
  function referenceDistance(a: string, b: string): number {
    if (a === b) return 0;
    const m = a.length;
    const n = b.length;
    if (m === 0) return n;
    if (n === 0) return m;
    let prev2: number[] = [];
    let prev = Array.from({ length: n + 1 }, (_, j) => j);
    for (let i = 1; i <= m; i++) {
      const cur = [i];
      for (let j = 1; j <= n; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
        cur.push(v);
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[n]!;
  }
  function reference(input: string, candidates: readonly string[]): string | undefined {
    const lower = input.toLowerCase();
    let best: string | undefined;
    let bestDistance = Infinity;
    const limit = Math.max(1, Math.floor(input.length / 3));
    for (const c of candidates) {
      if (c.toLowerCase() === lower) return c;
      if (Math.abs(c.length - input.length) > limit) continue;
      const d = referenceDistance(lower, c.toLowerCase());
      if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? best : undefined;
  }

  const letters = fc.constantFrom('a', 'b', 'c', 'd', '-', 'A', 'B', '1', 'é', 'İ', '😀', 'x', 'y');
  const word = fc.array(letters, { maxLength: 14 }).map((xs) => xs.join(''));
  /** A few edits away from `w`: insertions, deletions, substitutions and swaps. */
  const near = (w: string) =>
    fc.array(fc.tuple(fc.nat(3), fc.nat(20), letters), { maxLength: 4 }).map((ops) => {
      const cs = [...w];
      for (const [op, at, c] of ops) {
        const p = at % (cs.length + 1);
        if (op === 0) cs.splice(p, 0, c);
        else if (op === 1) cs.splice(p, 1);
        else if (op === 2 && p + 1 < cs.length) [cs[p], cs[p + 1]] = [cs[p + 1]!, cs[p]!];
        else cs[p] = c;
      }
      return cs.join('');
    });
  const cases = word.chain((w) => fc.tuple(fc.oneof(near(w), word), fc.array(fc.oneof(near(w), word), { maxLength: 25 })));

  it('answers as the unbounded search does', () => {
    fc.assert(fc.property(cases, ([input, candidates]) => suggest(input, candidates) === reference(input, candidates)), { numRuns: 3000 });
  });

  it('answers every input of a prepared list as the unbounded search does', () => {
    const many = word.chain((w) => fc.tuple(fc.array(fc.oneof(near(w), word), { maxLength: 8 }), fc.array(fc.oneof(near(w), word), { maxLength: 25 })));
    fc.assert(
      fc.property(many, ([inputs, candidates]) => {
        const prepared = suggester(candidates);
        return inputs.every((input) => prepared(input) === reference(input, candidates));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives cross-references the hint of the unbounded search and of a partial match over every skill', () => {
    const rule = allRules.find((r): r is SetRule => r.id === 'cross-references')!;
    const part = fc.constantFrom('a', 'b', 'ab', 'ba', 'x', 'api', 'db');
    const name = fc.array(part, { minLength: 1, maxLength: 3 }).map((ps) => ps.join('-'));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 12 }), fc.array(fc.oneof(name, part), { maxLength: 10 }), (names, refs) => {
        const skills: SkillSummary[] = names.map((n, i) => ({
          file: `skills/${n}/SKILL.md`,
          dir: `/r/skills/${n}`,
          folderName: n,
          name: n,
          references: i === 0 ? refs.map((r, k) => ({ name: r, line: k + 1, column: 1, section: 'Composes With' })) : [],
        }));
        const hints: Array<string | undefined> = [];
        rule.check({ skills, settings, pluginOf: () => undefined, report: (f) => hints.push(f.hint) });
        const sorted = [...names].sort();
        const expected = refs
          .filter((r) => !names.includes(r))
          .map((r) => {
            const partial = sorted.filter((c) => c.startsWith(`${r}-`) || c.endsWith(`-${r}`));
            return reference(r, sorted) ?? (partial.length === 1 ? partial[0] : undefined);
          });
        expect(hints.map((h) => /did you mean `([^`]*)`/.exec(h ?? '')?.[1])).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps answering after a search over other scripts and after an early exact match', () => {
    expect(suggest('İstanbul', ['istanbul', 'x'])).toBe(reference('İstanbul', ['istanbul', 'x']));
    expect(suggest('Read', ['read', 'Read'])).toBe('read');
    expect(suggest('grpe', ['Grep', 'Glob'])).toBe('Grep');
    expect(suggest('grpe', ['Grep', 'Glob'])).toBe('Grep');
  });
});

describe('duplicateGroups', () => {
  const summary = (file: string, key: string): SkillSummary => ({ file, dir: `/x/${file}`, folderName: file, name: key, references: [] });
  /** The groups as they were built before: a filter over the group per member. */
  function reference(skills: readonly SkillSummary[]) {
    const groups = new Map<string, SkillSummary[]>();
    for (const s of skills) {
      const list = groups.get(s.name!);
      if (list) list.push(s);
      else groups.set(s.name!, [s]);
    }
    return [...groups]
      .filter(([, g]) => g.length >= 2)
      .map(([key, group]) => ({
        key,
        members: group.map((skill) => {
          const others = group.filter((o) => o !== skill).map((o) => o.file);
          return { skill, others: others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '') };
        }),
      }));
  }

  it('lists the same others as a filter per member, for groups of any size and repeated entries', () => {
    const skills = fc
      .array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(9)), { maxLength: 40 })
      .map((xs) => xs.map(([key, i]) => summary(`f${i}`, key)))
      // Now and then the same summary object twice, which a filter by identity drops twice.
      .chain((list) => fc.nat(3).map((k) => (list.length > 0 && k === 0 ? [...list, list[0]!] : list)));
    fc.assert(
      fc.property(skills, (list) => {
        expect(duplicateGroups(list, (s) => s.name)).toEqual(reference(list));
      }),
    );
  });

  it('names the first three others and counts the rest in a group of thousands', () => {
    const list = Array.from({ length: 5000 }, (_, i) => summary(`skills/s${i}/SKILL.md`, 'same'));
    const groups = duplicateGroups(list, (s) => s.name);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.members[0]!.others).toBe('skills/s1/SKILL.md, skills/s2/SKILL.md, skills/s3/SKILL.md and 4996 more');
    expect(groups[0]!.members[2]!.others).toBe('skills/s0/SKILL.md, skills/s1/SKILL.md, skills/s3/SKILL.md and 4996 more');
  });
});

describe('runSkillRules: the active rules follow the severities passed', () => {
  it('does not keep the rules of an earlier call with another severity map', () => {
    const doc = makeDoc('---\nname: my-skill\ndescription: Helps with PDFs.\nshell: zsh\n---\n\n# T\n\nText.\n');
    const ids = (severities: ReadonlyMap<string, 'error' | 'warning' | 'off'>) => runSkillRules(doc, skillRules, severities, settings).map((d) => `${d.ruleId}:${d.severity}`);
    const defaults = resolveSeverities(allRules);
    const shellOff = resolveSeverities(allRules, { 'shell-value': 'off' });
    const shellWarning = resolveSeverities(allRules, { 'shell-value': 'warning', 'description-min-length': 'error' });
    expect(ids(defaults)).toContain('shell-value:error');
    expect(ids(shellOff)).not.toContain('shell-value:error');
    expect(ids(shellOff).some((id) => id.startsWith('shell-value'))).toBe(false);
    expect(ids(shellWarning)).toEqual(expect.arrayContaining(['shell-value:warning', 'description-min-length:error']));
    expect(ids(defaults)).toContain('shell-value:error');
    // Another rules array with the same map: its own rules, not the previous call's.
    expect(runSkillRules(doc, skillRules.filter((r) => r.id === 'shell-value'), defaults, settings).map((d) => d.ruleId)).toEqual(['shell-value']);
  });
});
