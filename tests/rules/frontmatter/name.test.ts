import { describe, expect, it } from 'vitest';
import { skillMd } from '../../helpers/skill-tree.js';
import { slugify } from '../../../src/lint/rules/name-format.js';
import { lint, lintFiles, skill } from './helpers.js';

describe('name-required', () => {
  const RULE = 'name-required';

  it('reports a missing name at the opening fence, suggesting the folder name', async () => {
    const d = await lint(RULE, skill('', { name: false }), 'sql-tools');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 1, column: 1, message: 'frontmatter has no `name`' });
    expect(d[0]!.hint).toContain('name: sql-tools');
  });

  it('reports an empty name', async () => {
    expect((await lint(RULE, skill('name:')))[0]!.message).toBe('`name` is empty');
    expect((await lint(RULE, skill('name: ""')))[0]!.message).toBe('`name` is empty');
  });

  it('passes a present name', async () => {
    expect(await lint(RULE, skill(''))).toEqual([]);
  });

  it('stays silent when the YAML itself is broken (reported once, elsewhere)', async () => {
    expect(await lint(RULE, '---\ndescription: [unclosed\n---\n')).toEqual([]);
  });
});

describe('name-format', () => {
  const RULE = 'name-format';

  it.each([
    ['PDF-Tools', 'uppercase letters', 'pdf-tools'],
    ['pdf_tools', '"_"', 'pdf-tools'],
    ['pdf tools', 'spaces', 'pdf-tools'],
    ['-pdf', 'starts with a hyphen', 'pdf'],
    ['pdf-', 'ends with a hyphen', 'pdf'],
    ['pdf--tools', 'double hyphen', 'pdf-tools'],
    ['../evil', '"."', 'evil'],
    ['café', '"é"', 'cafe'],
  ])('reports %s (%s) and suggests %s', async (name, problem, fix) => {
    const d = await lint(RULE, skill('', { name: JSON.stringify(name) }));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 2, column: 7 });
    expect(d[0]!.message).toContain(problem);
    expect(d[0]!.hint).toContain(`name: ${fix}`);
  });

  it('reports a name over 64 characters', async () => {
    const d = await lint(RULE, skill('', { name: 'a'.repeat(65) }));
    expect(d[0]!.message).toContain('65 characters long (at most 64)');
  });

  it('names every problem at once', async () => {
    const d = await lint(RULE, skill('', { name: '"-My_Skill--"' }));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/uppercase.*"_".*starts with a hyphen.*ends with a hyphen.*double hyphen/);
  });

  it('passes valid names, including 64 characters and digits', async () => {
    expect(await lint(RULE, skill('', { name: 'pdf-tools-2' }))).toEqual([]);
    expect(await lint(RULE, skill('', { name: 'a'.repeat(64) }))).toEqual([]);
  });

  it('slugify produces valid names', () => {
    expect(slugify('  My Great_Skill!! ')).toBe('my-great-skill');
    expect(slugify('日本語')).toBe('');
  });
});

describe('name-matches-folder', () => {
  const RULE = 'name-matches-folder';

  it('reports a name that differs from its folder', async () => {
    const d = await lint(RULE, skill('', { name: 'sql-tools' }), 'sql');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', line: 2, column: 7 });
    expect(d[0]!.message).toBe('`name` "sql-tools" does not match the folder name "sql"');
    expect(d[0]!.hint).toContain('name: sql');
  });

  it('passes a matching name', async () => {
    expect(await lint(RULE, skill('', { name: 'sql' }), 'sql')).toEqual([]);
  });

  it('quotes a folder name with control characters and does not offer it as the name', async () => {
    const d = await lint(RULE, skill('', { name: 'sql' }), 'bad\nName');
    expect(d[0]!.message).toBe('`name` "sql" does not match the folder name "bad\\x0AName"');
    expect(d[0]!.hint).toBe('rename the folder to sql/');
  });

  it('shows a backslash in a folder name once (JSON quoting doubled it: "a\\\\b"), and escapes a quote', async () => {
    const d = await lint(RULE, skill('', { name: 'sql' }), 'a\\b');
    expect(d[0]!.message).toBe('`name` "sql" does not match the folder name "a\\b"');
    const quoted = await lint(RULE, skill('', { name: 'sql' }), 'a"b');
    expect(quoted[0]!.message).toBe('`name` "sql" does not match the folder name "a\\"b"');
  });

  it('leaves invalid names to name-format', async () => {
    expect(await lint(RULE, skill('', { name: 'SQL' }), 'sql')).toEqual([]);
  });
});

describe('name-reserved', () => {
  const RULE = 'name-reserved';

  it.each(['claude-helper', 'my-anthropic-tools', 'claudemd'])('warns about %s', async (name) => {
    const d = await lint(RULE, skill('', { name }), name);
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('warning');
    expect(d[0]!.hint).toContain('Claude API');
  });

  it('passes ordinary names', async () => {
    expect(await lint(RULE, skill('', { name: 'api-reference' }), 'api-reference')).toEqual([]);
  });
});

describe('name-unique', () => {
  const RULE = 'name-unique';

  it('reports each duplicate at its name, naming the other file', async () => {
    const d = await lintFiles(RULE, {
      'plugins/a/skills/deploy/SKILL.md': skillMd('deploy'),
      'plugins/b/skills/deploy/SKILL.md': skillMd('deploy', { description: 'Deploys b. Use when shipping b to production servers.' }),
      'plugins/b/skills/other/SKILL.md': skillMd('other'),
    });
    expect(d).toHaveLength(2);
    expect(d.map((x) => x.file).sort()).toEqual(['plugins/a/skills/deploy/SKILL.md', 'plugins/b/skills/deploy/SKILL.md']);
    const a = d.find((x) => x.file.startsWith('plugins/a'))!;
    expect(a).toMatchObject({ severity: 'error', line: 2, column: 7 });
    expect(a.message).toBe('`name` "deploy" is also used by plugins/b/skills/deploy/SKILL.md');
  });

  it('passes distinct names', async () => {
    expect(await lintFiles(RULE, { 'skills/a/SKILL.md': skillMd('a'), 'skills/b/SKILL.md': skillMd('b') })).toEqual([]);
  });
});

/** A marketplace of three plugins; discord and telegram both ship an `access` skill (as anthropics/claude-plugins-official does). */
const marketplace = (extra: Record<string, string> = {}) => ({
  '.claude-plugin/marketplace.json': JSON.stringify({
    name: 'chat',
    owner: { name: 'o' },
    plugins: ['discord', 'telegram', 'imessage'].map((p) => ({ name: p, source: `./plugins/${p}`, description: `${p} channel` })),
  }),
  'plugins/discord/skills/access/SKILL.md': skillMd('access'),
  'plugins/telegram/skills/access/SKILL.md': skillMd('access', { description: 'Manages telegram access. Use when pairing telegram users.' }),
  'plugins/imessage/skills/configure/SKILL.md': skillMd('configure'),
  ...extra,
});

describe('byte-identical copies of a skill', () => {
  // A pack that serves several agents keeps the same skill twice (stripe/ai: skills/ and providers/claude/plugin/skills/).
  const mirrored = (copy: string) => ({
    '.claude-plugin/marketplace.json': JSON.stringify({ name: 'pack', owner: { name: 'o' }, plugins: [{ name: 'claude', source: './providers/claude/plugin', description: 'd' }] }),
    'skills/checkout/SKILL.md': skillMd('checkout'),
    'providers/claude/plugin/skills/checkout/SKILL.md': copy,
  });

  it('are one skill: no name-unique error and no description-unique warning', async () => {
    const tree = mirrored(skillMd('checkout'));
    expect(await lintFiles('name-unique', tree)).toEqual([]);
    expect(await lintFiles('description-unique', tree)).toEqual([]);
  });

  it('are two skills once they differ by a byte', async () => {
    const tree = mirrored(`${skillMd('checkout')}\n`);
    expect((await lintFiles('name-unique', tree)).map((d) => d.file)).toEqual(['providers/claude/plugin/skills/checkout/SKILL.md', 'skills/checkout/SKILL.md']);
    expect((await lintFiles('description-unique', tree)).length).toBe(2);
  });
});

describe('name-unique-across-plugins', () => {
  const RULE = 'name-unique-across-plugins';

  it('warns when plugins of one marketplace share a skill name (Claude Code keeps them apart, the skills CLI offers one)', async () => {
    const d = await lintFiles(RULE, marketplace());
    expect(d.map((x) => [x.file, x.severity, x.line, x.column])).toEqual([
      ['plugins/discord/skills/access/SKILL.md', 'warning', 2, 7],
      ['plugins/telegram/skills/access/SKILL.md', 'warning', 2, 7],
    ]);
    expect(d[0]!.message).toBe('`name` "access" is also used in other plugins of the marketplace: plugins/telegram/skills/access/SKILL.md; Claude Code keeps them apart, but the skills CLI offers only one skill of a name');
    expect(d[0]!.hint).toContain('discord-access');
    // name-unique says nothing about names in different plugins ...
    expect(await lintFiles('name-unique', marketplace())).toEqual([]);
  });

  it('leaves a name repeated inside one plugin (or outside plugins) to name-unique, an error', async () => {
    const tree = marketplace({ 'plugins/discord/skills/access-copy/SKILL.md': skillMd('access', { description: 'Manages discord access, again. Use when pairing discord users.' }) });
    const unique = await lintFiles('name-unique', tree);
    expect(unique.map((x) => [x.file, x.severity, x.message])).toEqual([
      ['plugins/discord/skills/access-copy/SKILL.md', 'error', '`name` "access" is also used by plugins/discord/skills/access/SKILL.md'],
      ['plugins/discord/skills/access/SKILL.md', 'error', '`name` "access" is also used by plugins/discord/skills/access-copy/SKILL.md'],
    ]);
    // ... while both discord copies are still warned about telegram's.
    expect((await lintFiles(RULE, tree)).map((x) => x.file)).toEqual([
      'plugins/discord/skills/access-copy/SKILL.md',
      'plugins/discord/skills/access/SKILL.md',
      'plugins/telegram/skills/access/SKILL.md',
    ]);
    // Without a marketplace the folders are not plugins: an error, as before.
    const plain = { 'plugins/a/skills/x/SKILL.md': skillMd('x'), 'plugins/b/skills/x/SKILL.md': skillMd('x', { description: 'Does the other x thing. Use when the user asks for the other x.' }) };
    expect((await lintFiles('name-unique', plain)).length).toBe(2);
    expect(await lintFiles(RULE, plain)).toEqual([]);
  });

  it('leaves a skill outside the plugins that shares a name with a plugin skill to name-unique: no plugin keeps it apart', async () => {
    // The skills CLI finds other/access too and offers one `access`; Claude Code does not load it as part of any plugin.
    const tree = marketplace({ 'other/access/SKILL.md': skillMd('access', { description: 'Manages other access. Use when pairing other users.' }) });
    const unique = await lintFiles('name-unique', tree);
    expect(unique.map((x) => [x.file, x.severity, x.message])).toEqual([
      ['other/access/SKILL.md', 'error', '`name` "access" is also used by plugins/discord/skills/access/SKILL.md, plugins/telegram/skills/access/SKILL.md'],
      ['plugins/discord/skills/access/SKILL.md', 'error', '`name` "access" is also used by other/access/SKILL.md'],
      ['plugins/telegram/skills/access/SKILL.md', 'error', '`name` "access" is also used by other/access/SKILL.md'],
    ]);
    // The two plugins' skills are still only warned about each other.
    expect((await lintFiles(RULE, tree)).map((x) => x.file)).toEqual(['plugins/discord/skills/access/SKILL.md', 'plugins/telegram/skills/access/SKILL.md']);
  });

  it("prefixes the hint with the plugin's name, not its folder's (a root plugin's folder is the checkout, named anything)", async () => {
    const tree = {
      '.claude-plugin/marketplace.json': JSON.stringify({
        name: 'chat',
        owner: { name: 'o' },
        plugins: [{ name: 'core', source: './', description: 'core' }, { name: 'discord-bot', source: './plugins/discord', description: 'discord' }],
      }),
      'skills/access/SKILL.md': skillMd('access'),
      'plugins/discord/skills/access/SKILL.md': skillMd('access', { description: 'Manages discord access. Use when pairing discord users.' }),
    };
    const d = await lintFiles(RULE, tree);
    expect(d.map((x) => [x.file, x.hint?.replace(/ so that.*/, '')])).toEqual([
      ['plugins/discord/skills/access/SKILL.md', "prefix the name with the plugin's (e.g. discord-bot-access)"],
      ['skills/access/SKILL.md', "prefix the name with the plugin's (e.g. core-access)"],
    ]);
  });

  it("finds the plugins' skills/ folders also when the root has a skills/ folder of its own", async () => {
    const d = await lintFiles(RULE, marketplace({ 'skills/own/SKILL.md': skillMd('own') }));
    expect(d.map((x) => x.file)).toEqual(['plugins/discord/skills/access/SKILL.md', 'plugins/telegram/skills/access/SKILL.md']);
  });

  it('name-unique stays linear and short on thousands of same-named skills in and outside one plugin', async () => {
    const { rule } = await import('../../../src/lint/rules/name-unique.js');
    const skills = Array.from({ length: 20_000 }, (_, i) => ({ file: `${i % 2 ? 'p' : 'o'}/s${i}/SKILL.md`, dir: `/r/${i % 2 ? 'p' : 'o'}/s${i}`, folderName: `s${i}`, name: 'x', references: [] }));
    const messages: string[] = [];
    const started = performance.now();
    rule.check({ skills, settings: { externalSkills: new Set() }, pluginOf: (s) => (s.file.startsWith('p/') ? '/r/p' : undefined), report: (f) => messages.push(f.message) });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(messages).toHaveLength(20_000);
    expect(messages[0]).toBe('`name` "x" is also used by p/s1/SKILL.md, o/s2/SKILL.md, p/s3/SKILL.md and 19996 more');
    expect(messages[1]).toBe('`name` "x" is also used by p/s3/SKILL.md, p/s5/SKILL.md, p/s7/SKILL.md and 19996 more');
  });

  it('stays linear and short on thousands of plugins sharing one name', async () => {
    const { rule } = await import('../../../src/lint/rules/name-unique-across-plugins.js');
    const skills = Array.from({ length: 20_000 }, (_, i) => ({ file: `p${i}/skills/x/SKILL.md`, dir: `/r/p${i}/skills/x`, folderName: 'x', name: 'x', references: [] }));
    const messages: string[] = [];
    rule.check({ skills, settings: { externalSkills: new Set() }, pluginOf: (s) => `/r/${s.file.split('/')[0]}`, report: (f) => messages.push(f.message) });
    expect(messages).toHaveLength(20_000);
    expect(messages[0]).toContain('p1/skills/x/SKILL.md, p2/skills/x/SKILL.md, p3/skills/x/SKILL.md and 19996 more;');
  });
});

describe('name-matches-folder at a repository root', () => {
  it('does not compare the name with the folder a repository was cloned into', async () => {
    const { lintTree, only } = await import('../../helpers/skill-tree.js');
    const r = await lintTree({ 'SKILL.md': '---\nname: release-notes\ndescription: Formats release notes. Use when asked for release notes.\n---\n\n# Notes\n\nText.\n' });
    expect(only(r, 'name-matches-folder')).toEqual([]);
  });

  it('still compares it for a skill folder inside the tree', async () => {
    const { lintTree, only } = await import('../../helpers/skill-tree.js');
    const r = await lintTree({ 'skills/other/SKILL.md': '---\nname: release-notes\ndescription: Formats release notes. Use when asked for release notes.\n---\n\n# Notes\n\nText.\n' });
    expect(only(r, 'name-matches-folder')).toHaveLength(1);
  });
});
