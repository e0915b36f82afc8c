/** The rules that report whether a SKILL.md could be read and parsed at all. */
import { describe, expect, it } from 'vitest';
import { lintSkill, lintTree, only, skillMd } from '../helpers/skill-tree.js';

describe('file-readable', () => {
  it('reports a binary SKILL.md once, and nothing else about it', async () => {
    const r = await lintTree({ 'skills/bin/SKILL.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]) });
    expect(only(r, 'file-readable')).toMatchObject([{ severity: 'error', file: 'skills/bin/SKILL.md', line: 0 }]);
    expect(r.diagnostics.filter((d) => d.file === 'skills/bin/SKILL.md')).toHaveLength(1);
  });

  it('is quiet on a readable file', async () => {
    expect(only(await lintSkill(skillMd('my-skill')), 'file-readable')).toEqual([]);
  });
});

describe('frontmatter-present', () => {
  it('reports a missing and an unclosed frontmatter at line 1', async () => {
    expect(only(await lintSkill('# No frontmatter\n\nText.\n'), 'frontmatter-present')).toMatchObject([{ line: 1, column: 1 }]);
    const unclosed = only(await lintSkill('---\nname: my-skill\n\n# Body\n'), 'frontmatter-present');
    expect(unclosed).toHaveLength(1);
    expect(unclosed[0]!.message).toMatch(/never closed/);
  });

  it('is quiet on closed frontmatter', async () => {
    expect(only(await lintSkill(skillMd('my-skill')), 'frontmatter-present')).toEqual([]);
  });
});

describe('frontmatter-yaml', () => {
  it('reports invalid YAML, duplicate keys and a non-mapping at their lines, with a hint', async () => {
    const invalid = only(await lintSkill('---\nname: my-skill\ndescription: "unterminated\n---\n'), 'frontmatter-yaml');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.hint).toBeTruthy();
    const dup = only(await lintSkill('---\nname: my-skill\nname: my-skill\ndescription: Does things. Use when testing.\n---\n'), 'frontmatter-yaml');
    expect(dup).toMatchObject([{ line: 3 }]);
    expect(only(await lintSkill('---\n- a\n- b\n---\n'), 'frontmatter-yaml')[0]!.message).toMatch(/mapping/);
  });

  it('leaves the unquoted ": " case to frontmatter-portable', async () => {
    const r = await lintSkill('---\nname: my-skill\ndescription: Use when: testing\n---\n');
    expect(only(r, 'frontmatter-yaml')).toEqual([]);
    expect(only(r, 'frontmatter-portable')).toHaveLength(1);
  });

  it('is quiet on valid frontmatter', async () => {
    expect(only(await lintSkill(skillMd('my-skill')), 'frontmatter-yaml')).toEqual([]);
  });
});
