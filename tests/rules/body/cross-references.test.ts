/** cross-references: names in "Composes With" / "When NOT to Use" resolve, through the real pipeline. */
import { describe, expect, it } from 'vitest';
import { lintTree, only, skillMd } from '../../helpers/skill-tree.js';

const body = (lines: string[]) => `# Skill\n\nDoes things.\n\n${lines.join('\n')}\n`;

describe('cross-references', () => {
  it('passes when every referenced skill is in the set', async () => {
    const result = await lintTree({
      'skills/jobs/SKILL.md': skillMd('jobs', {
        body: body(['## When NOT to Use', '- Quick writes → `actions`', '', '## Composes With', '- `db` — queries in steps', '- **actions**: send events']),
      }),
      'skills/db/SKILL.md': skillMd('db', { body: body(['Pairs with the `jobs` skill.']) }),
      'skills/actions/SKILL.md': skillMd('actions'),
    });
    expect(only(result, 'cross-references')).toEqual([]);
    // The references really were extracted: the rule had something to check.
    expect(result.skills.find((s) => s.name === 'jobs')!.references.map((r) => r.name)).toEqual(['actions', 'db', 'actions']);
  });

  it('does not take data types under "Do not use the following…" or an example "a `x` skill" for skills', async () => {
    const pg = skillMd('pg', {
      body: '## Do not use the following data types\n\n- DO NOT use `timestamp`; DO use `timestamptz` instead.\n\nExample: when building a `pdf-editor` skill, list its scripts.\n',
    });
    expect(only(await lintTree({ 'pg/SKILL.md': pg }), 'cross-references')).toEqual([]);
  });

  it('reports a missing skill at its line and column, naming the section and how to declare externals', async () => {
    const result = await lintTree({
      'skills/jobs/SKILL.md': skillMd('jobs', { body: body(['## Composes With', '- `db` — queries', '- `shadcn-ui` — components']) }),
      'skills/db/SKILL.md': skillMd('db'),
    });
    const [d, ...rest] = only(result, 'cross-references');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      severity: 'error',
      file: 'skills/jobs/SKILL.md',
      line: 12,
      column: 4,
      endColumn: 13,
      message: '`shadcn-ui` (in "Composes With") is not a skill in this set',
    });
    expect(d!.hint).toContain('"externalSkills": ["shadcn-ui"] in .vibe-skills.json');
    expect(d!.hint).toContain('--external shadcn-ui');
  });

  it('suggests the closest skill for a typo, and a longer name that contains the reference', async () => {
    const result = await lintTree({
      'skills/jobs/SKILL.md': skillMd('jobs', { body: body(['## When NOT to Use', '- Database → `prizma`', '- Drafts → `draft`']) }),
      'skills/prisma/SKILL.md': skillMd('prisma'),
      'skills/draft-message/SKILL.md': skillMd('draft-message'),
    });
    const found = only(result, 'cross-references');
    expect(found.map((d) => d.hint?.split('?')[0])).toEqual(['did you mean `prisma`', 'did you mean `draft-message`']);
  });

  it('accepts names declared external on the command line and in .vibe-skills.json', async () => {
    const files = {
      '.vibe-skills.json': JSON.stringify({ externalSkills: ['shadcn-ui'] }),
      'skills/jobs/SKILL.md': skillMd('jobs', { body: body(['## Composes With', '- `shadcn-ui` — components', '- `stripe` — payments']) }),
    };
    expect(only(await lintTree(files, { config: '.vibe-skills.json', externalSkills: ['stripe'] }), 'cross-references')).toEqual([]);
    const withoutFlag = only(await lintTree(files, { config: '.vibe-skills.json' }), 'cross-references');
    expect(withoutFlag.map((d) => d.message)).toEqual(['`stripe` (in "Composes With") is not a skill in this set']);
  });

  it('resolves a skill without a name by its folder, a self-reference, a plugin:name and a plugin folder', async () => {
    const result = await lintTree({
      'plugins/web/skills/jobs/SKILL.md': skillMd('jobs', {
        body: body(['This is the `jobs` skill.', 'Use the `web:nameless` skill.', '## Related', '- `nameless` — x', '- **web** — the plugin this ships in']),
      }),
      'plugins/web/skills/nameless/SKILL.md': '---\ndescription: No name here. Use when testing.\n---\n\n# Nameless\n\nText.\n',
      'plugins/other/skills/x/SKILL.md': skillMd('x'),
    });
    expect(only(result, 'cross-references')).toEqual([]);
  });

  it('does not treat backticked code words as references', async () => {
    const result = await lintTree({
      'skills/ui/SKILL.md': skillMd('ui', {
        body: body([
          '## Common Mistakes',
          '- Missing `aria-label` on icon-only buttons',
          '## When NOT to Use',
          '- A `where` clause on an unindexed column',
          '- Full site audit → use `a11y-auditor` agent instead',
        ]),
      }),
    });
    expect(only(result, 'cross-references')).toEqual([]);
  });
});
