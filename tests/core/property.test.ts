/**
 * Random and mutated SKILL.md text through the reader and every skill rule: no exception
 * ever escapes, and no rule crashes (a crash would surface as an `internal-error` diagnostic).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/lint/rules/index.js';
import { resolveSeverities, runSetRules, runSkillRules } from '../../src/lint/runner.js';
import type { SetRule, SkillRule } from '../../src/lint/types.js';
import type { SkillDocument } from '../../src/skill/model.js';
import { decodeSkillText, parseSkillText, summarize } from '../../src/skill/read.js';

const skillRules = allRules.filter((r): r is SkillRule => r.scope === 'skill');
const setRules = allRules.filter((r): r is SetRule => r.scope === 'set');
const severities = resolveSeverities(allRules);
const settings = { externalSkills: new Set<string>() };

const SEED = `---
name: background-jobs
description: >
  Background jobs with Inngest. Use when work must leave the request.
allowed-tools: Read, Grep, Glob, Bash(npx prisma *)
metadata:
  version: "1"
---

# Background Jobs

## When NOT to Use
- Simple mutations → \`react-server-actions\`

## Pattern
\`\`\`ts
// src/inngest/client.ts
export const x = 1;
\`\`\`

See [retries](references/retries.md) and \`scripts/check.py\`.

## Composes With
- \`prisma\` — database work in steps
`;

const PIECES = ['---', '\n', ': ', '- ', '  ', '"', "'", '`', '```', '~~~', '#', '[', ']', '(', ')', '{', '}', '&a', '*a', '!!str', '|', '>', '→', '\r\n', '\t', '\uFEFF', '__proto__', 'name', 'description', 'allowed-tools', 'Bash(', 'mcp__x__y', '\u0000', 'é'];

function lintText(text: string): void {
  const dir = '/virtual/skills/some-skill';
  const doc: SkillDocument = {
    path: `${dir}/SKILL.md`,
    file: 'skills/some-skill/SKILL.md',
    dir,
    folderName: 'some-skill',
    ...parseSkillText(text, { path: `${dir}/SKILL.md`, file: 'skills/some-skill/SKILL.md', dir }),
    files: new Set(['SKILL.md', 'references/', 'references/retries.md']),
    symlinks: [],
    filesTruncated: false,
  };
  const diagnostics = runSkillRules(doc, skillRules, severities, settings);
  diagnostics.push(...runSetRules([summarize(doc), summarize(doc)], setRules, severities, settings));
  const crashes = diagnostics.filter((d) => d.ruleId === 'internal-error');
  expect(crashes, JSON.stringify({ text, crashes })).toEqual([]);
  for (const d of diagnostics) {
    expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
    expect(typeof d.message).toBe('string');
  }
}

const mutated = fc
  .array(fc.tuple(fc.nat(SEED.length), fc.nat(8), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }))), { maxLength: 12 })
  .map((edits) => {
    let s = SEED;
    for (const [at, del, ins] of edits) {
      const i = Math.min(at, s.length);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });

describe('the reader and the rules never throw', () => {
  it('on mutations of a realistic SKILL.md', () => {
    fc.assert(fc.property(mutated, (text) => lintText(text)), { numRuns: 600 });
  });

  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => lintText(text)), { numRuns: 400 });
  });

  it('on arbitrary bytes through the decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const d = decodeSkillText(bytes);
        if ('text' in d) lintText(d.text);
      }),
      { numRuns: 400 },
    );
  });

  it('on frontmatter built from YAML-ish pieces', () => {
    const fm = fc.array(fc.constantFrom(...PIECES, 'name: a', 'description: b', 'x:', '  - y', 'k: [1, {a: b}]'), { maxLength: 20 }).map((p) => `---\n${p.join('')}\n---\nbody\n`);
    fc.assert(fc.property(fm, (text) => lintText(text)), { numRuns: 600 });
  });
});
