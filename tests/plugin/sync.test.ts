import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chmod, lstat, readFile, readdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownPluginSchema } from '../../src/plugin/schemas.js';
import { CLAUDE_PLUGIN_PATH, deriveManifests, firstDifference, MARKETPLACE_PATH } from '../../src/plugin/sync.js';
import { PluginSyncError, syncPlugin } from '../../src/plugin/write.js';
import { useTempTrees } from '../helpers/tmp.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const tree = useTempTrees();
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const OWN = {
  name: 'pack',
  version: '1.0.0',
  description: 'A pack.',
  author: { name: 'Ada', url: 'https://example.com' },
  skills: ['./skills/a'],
};
const SKILL = '---\nname: a\ndescription: Use when testing.\n---\n';

describe('deriveManifests', () => {
  it('derives the Claude Code plugin manifest and a one-plugin marketplace rooted at ./', () => {
    const [claude, market] = deriveManifests(ownPluginSchema().parse({ ...OWN, license: 'MIT', marketplace: { category: 'development' } }));
    expect(claude?.path).toBe(CLAUDE_PLUGIN_PATH);
    expect(claude?.data).toEqual({
      name: 'pack',
      version: '1.0.0',
      description: 'A pack.',
      author: { name: 'Ada', url: 'https://example.com' },
      license: 'MIT',
      skills: ['./skills/a'],
    });
    expect(market?.path).toBe(MARKETPLACE_PATH);
    expect(market?.data).toEqual({
      name: 'pack',
      owner: { name: 'Ada', url: 'https://example.com' },
      metadata: { description: 'A pack.', version: '1.0.0' },
      plugins: [
        {
          name: 'pack',
          source: './',
          description: 'A pack.',
          version: '1.0.0',
          author: { name: 'Ada', url: 'https://example.com' },
          license: 'MIT',
          category: 'development',
          skills: ['./skills/a'],
        },
      ],
    });
  });

  it('lets plugin.json name the marketplace and its owner separately', () => {
    const [, market] = deriveManifests(ownPluginSchema().parse({ ...OWN, marketplace: { name: 'ada-tools', owner: { name: 'Ada Org' }, description: 'All of it.' } }));
    expect(market?.data).toMatchObject({ name: 'ada-tools', owner: { name: 'Ada Org' }, metadata: { description: 'All of it.' } });
  });

  it("takes GitHub Copilot CLI's top-level category and tags for the marketplace entry, unless marketplace names its own", () => {
    const copilot = { ...OWN, category: 'productivity', tags: ['notes'] };
    const [claude, market] = deriveManifests(ownPluginSchema('strict').parse(copilot));
    expect((market?.data as { plugins: object[] }).plugins[0]).toMatchObject({ category: 'productivity', tags: ['notes'] });
    // Claude Code's plugin.json has no such fields: not carried there.
    expect(claude?.data).not.toHaveProperty('category');
    expect(claude?.data).not.toHaveProperty('tags');
    const [, both] = deriveManifests(ownPluginSchema().parse({ ...copilot, marketplace: { category: 'development', tags: ['dev'] } }));
    expect((both?.data as { plugins: object[] }).plugins[0]).toMatchObject({ category: 'development', tags: ['dev'] });
  });

  it('writes stable 2-space JSON with a final newline', () => {
    for (const d of deriveManifests(ownPluginSchema().parse(OWN))) {
      expect(d.content).toBe(`${JSON.stringify(d.data, null, 2)}\n`);
      expect(d.content).not.toContain('undefined');
    }
  });

  it("this repository's .claude-plugin files are exactly what sync writes from its plugin.json", () => {
    const plugin = ownPluginSchema().parse(JSON.parse(readFileSync(path.join(REPO, 'plugin.json'), 'utf8')));
    for (const d of deriveManifests(plugin)) expect(readFileSync(path.join(REPO, d.path), 'utf8'), d.path).toBe(d.content);
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; name: string; license: string };
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.name).toBe(pkg.name);
    expect(plugin.license).toBe(pkg.license);
  });
});

describe('firstDifference', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, undefined],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, undefined],
    [{ a: 1 }, { a: 2 }, ['a']],
    [{ a: [1, 2] }, { a: [1, 2, 3] }, ['a', 2]],
    [{ a: { b: 1, extra: 1 } }, { a: { b: 1 } }, ['a', 'extra']],
    [[], {}, []],
    [null, 0, []],
  ])('%j vs %j -> %j', (a, b, d) => expect(firstDifference(a, b)).toEqual(d));
});

describe('syncPlugin', () => {
  it('writes both files, then finds them up to date', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    const first = await syncPlugin({ root, cwd: root });
    expect(first).toEqual({
      ok: true,
      problems: [],
      files: [
        { file: '.claude-plugin/plugin.json', status: 'written' },
        { file: '.claude-plugin/marketplace.json', status: 'written' },
      ],
    });
    const [claude] = deriveManifests(ownPluginSchema().parse(OWN));
    expect(await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8')).toBe(claude?.content);
    const second = await syncPlugin({ root, cwd: root });
    expect(second.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    // No temporary files left behind.
    expect((await readdir(path.join(root, '.claude-plugin'))).sort()).toEqual(['marketplace.json', 'plugin.json']);
  });

  it('in check mode reports outdated files and writes nothing', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, '.claude-plugin/plugin.json': '{"name":"pack"}' });
    const result = await syncPlugin({ root, cwd: root, check: true });
    expect(result.ok).toBe(false);
    expect(result.files.map((f) => f.status)).toEqual(['outdated', 'outdated']);
    expect(await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8')).toBe('{"name":"pack"}');
    await expect(lstat(path.join(root, MARKETPLACE_PATH))).rejects.toThrow();
  });

  it('refuses to derive from an invalid plugin.json, naming the line, and writes nothing', async () => {
    const root = await tree({ 'plugin.json': json({ ...OWN, version: 'one', skills: ['skills/a'] }), 'skills/a/SKILL.md': SKILL });
    const result = await syncPlugin({ root, cwd: root });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.file, p.pos?.line, p.message])).toEqual([
      ['plugin.json', 3, 'version must be a semantic version such as "1.2.3" (semver.org)'],
      ['plugin.json', 10, 'skills[0] must start with "./" (got "skills/a")'],
    ]);
    await expect(lstat(path.join(root, '.claude-plugin'))).rejects.toThrow();
  });

  it('judges a root plugin.json as ours even without skills, because the user asked', async () => {
    const { skills: _s, ...noSkills } = OWN;
    const root = await tree({ 'plugin.json': json(noSkills) });
    const result = await syncPlugin({ root, cwd: root });
    expect(result.problems.map((p) => p.message)).toEqual(['skills is required']);
  });

  it('explains a missing plugin.json', async () => {
    const root = await tree({ 'skills/a/SKILL.md': SKILL });
    await expect(syncPlugin({ root, cwd: root })).rejects.toThrow(PluginSyncError);
    await expect(syncPlugin({ root, cwd: root })).rejects.toMatchObject({ message: 'no plugin.json in .', hint: expect.stringMatching(/create plugin.json/) });
  });

  it('never writes through a .claude-plugin symlink that leaves the repository', async () => {
    const outside = await tree({ 'keep.txt': 'x' });
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    await symlink(outside, path.join(root, '.claude-plugin'));
    await expect(syncPlugin({ root, cwd: root })).rejects.toThrow(/not a folder \(it is a symbolic link\)/);
    expect(await readdir(outside)).toEqual(['keep.txt']);
  });

  it('never replaces a derived file that is a symlink', async () => {
    const outside = await tree({ 'victim.json': 'original' });
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, '.claude-plugin/.keep': '' });
    await symlink(path.join(outside, 'victim.json'), path.join(root, CLAUDE_PLUGIN_PATH));
    await expect(syncPlugin({ root, cwd: root })).rejects.toThrow(/not a regular file; refusing to replace it/);
    expect(await readFile(path.join(outside, 'victim.json'), 'utf8')).toBe('original');
  });

  it('checks every target before writing any: a symlinked marketplace.json leaves plugin.json unwritten too', async () => {
    const outside = await tree({ 'victim.json': 'original' });
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, '.claude-plugin/.keep': '' });
    await symlink(path.join(outside, 'victim.json'), path.join(root, MARKETPLACE_PATH));
    await expect(syncPlugin({ root, cwd: root })).rejects.toThrow(/marketplace\.json is not a regular file; refusing to replace it/);
    expect((await readdir(path.join(root, '.claude-plugin'))).sort()).toEqual(['.keep', 'marketplace.json']);
    expect(await readFile(path.join(outside, 'victim.json'), 'utf8')).toBe('original');
  });

  it('keeps what the derived files hold beyond its own fields: hooks, servers, other plugins, pluginRoot', async () => {
    const handClaude = { name: 'old', version: '0.9.0', hooks: './hooks/hooks.json', mcpServers: { db: { command: 'db-server' } }, agents: ['./agents/a.md'] };
    const handMarket = {
      name: 'pack',
      owner: { name: 'Ada' },
      metadata: { pluginRoot: './plugins', version: '0.9.0' },
      plugins: [{ name: 'other', source: './other' }, { name: 'pack', source: './', version: '0.9.0', strict: false }],
      $schema: 'https://example.com/marketplace.json',
    };
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, [CLAUDE_PLUGIN_PATH]: json(handClaude), [MARKETPLACE_PATH]: json(handMarket) });
    const result = await syncPlugin({ root, cwd: root });
    expect(result.files.map((f) => f.status)).toEqual(['written', 'written']);
    const claude = JSON.parse(await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8')) as Record<string, unknown>;
    expect(claude).toMatchObject({ name: 'pack', version: '1.0.0', skills: ['./skills/a'], hooks: handClaude.hooks, mcpServers: handClaude.mcpServers, agents: handClaude.agents });
    const market = JSON.parse(await readFile(path.join(root, MARKETPLACE_PATH), 'utf8')) as { metadata: unknown; plugins: Array<Record<string, unknown>>; $schema: string };
    expect(market.metadata).toEqual({ description: 'A pack.', version: '1.0.0', pluginRoot: './plugins' });
    expect(market.plugins.map((p) => [p.name, p.version, p.strict])).toEqual([['other', undefined, undefined], ['pack', '1.0.0', false]]);
    expect(market.$schema).toBe(handMarket.$schema);
    // What it wrote is what it would write again, and what validate's drift check expects.
    expect((await syncPlugin({ root, cwd: root, check: true })).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    const { validate } = await import('../../src/validate.js');
    expect((await validate({ cwd: root, config: false })).diagnostics.filter((d) => d.ruleId === 'manifest-drift')).toEqual([]);
  });

  it('a component field in plugin.json replaces the one written by hand in .claude-plugin/plugin.json; one only there is kept', async () => {
    const hand = { name: 'pack', hooks: './hooks/hand.json', agents: ['./agents/hand.md'] };
    const root = await tree({ 'plugin.json': json({ ...OWN, hooks: './hooks/mine.json' }), 'skills/a/SKILL.md': SKILL, 'hooks/mine.json': '{}', [CLAUDE_PLUGIN_PATH]: json(hand) });
    expect((await syncPlugin({ root, cwd: root })).files[0]?.status).toBe('written');
    expect(JSON.parse(await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8'))).toMatchObject({ hooks: './hooks/mine.json', agents: hand.agents });
  });

  it('carries an inline component whole, even a key named __proto__ (JSON allows any server name)', async () => {
    const text = json(OWN).replace(/\n}\n$/, ',\n  "mcpServers": { "__proto__": { "command": "a" }, "db": { "command": "b" } }\n}\n');
    const root = await tree({ 'plugin.json': text, 'skills/a/SKILL.md': SKILL });
    await syncPlugin({ root, cwd: root });
    const written = await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8');
    expect(Object.keys((JSON.parse(written) as { mcpServers: object }).mcpServers)).toEqual(['__proto__', 'db']);
    expect((await syncPlugin({ root, cwd: root, check: true })).ok).toBe(true);
  });

  it('refuses to replace a derived file it cannot read, and a broken plugin.json is named, not "out of date"', async () => {
    const broken = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, [CLAUDE_PLUGIN_PATH]: '{"name": "pack", // mine\n "hooks": "./h.json"}' });
    const r = await syncPlugin({ root: broken, cwd: broken });
    expect(r.ok).toBe(false);
    expect(r.problems).toMatchObject([{ file: '.claude-plugin/plugin.json', message: expect.stringMatching(/sync keeps the fields it does not write, so it cannot replace a file it cannot read$/) }]);
    expect(await readFile(path.join(broken, CLAUDE_PLUGIN_PATH), 'utf8')).toContain('// mine');
    await expect(lstat(path.join(broken, MARKETPLACE_PATH))).rejects.toThrow();
    // A source that does not parse (no "skills" in sight) is still judged: the user named it.
    for (const text of ['{"name": "x",', '', '\uFEFF\u0000{']) {
      const root = await tree({ 'plugin.json': text });
      const result = await syncPlugin({ root, cwd: root });
      expect(result.ok, JSON.stringify(text)).toBe(false);
      expect(result.problems.length, JSON.stringify(text)).toBeGreaterThan(0);
    }
  });

  it('keeps a derived file read-only, and says which file was written when the next one fails', async (ctx) => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, [CLAUDE_PLUGIN_PATH]: '{}\n', [MARKETPLACE_PATH]: '{}\n' });
    await chmod(path.join(root, CLAUDE_PLUGIN_PATH), 0o444);
    const market = path.join(root, MARKETPLACE_PATH);
    if (spawnSync('chattr', ['+i', market]).status !== 0) return ctx.skip(); // a file even root cannot replace
    try {
      await expect(syncPlugin({ root, cwd: root })).rejects.toMatchObject({
        message: '.claude-plugin/marketplace.json could not be written (EPERM); .claude-plugin/plugin.json was written',
        hint: expect.stringMatching(/run `vibe-skills plugin sync` again$/),
      });
    } finally {
      spawnSync('chattr', ['-i', market]);
    }
    expect((await stat(path.join(root, CLAUDE_PLUGIN_PATH))).mode & 0o777).toBe(0o444);
    expect(JSON.parse(await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8'))).toMatchObject({ name: 'pack' });
    expect((await readdir(path.join(root, '.claude-plugin'))).sort()).toEqual(['marketplace.json', 'plugin.json']);
  });

  it('names a symlinked repository folder as such', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    const parent = await tree({});
    await symlink(root, path.join(parent, 'link'));
    await expect(syncPlugin({ root: 'link', cwd: parent })).rejects.toMatchObject({ message: 'link is a symbolic link', hint: expect.stringMatching(/^pass the folder it leads to/) });
  });

  it('leaves a file whose data matches but whose formatting does not as it is, in both modes', async () => {
    const [claude] = deriveManifests(ownPluginSchema().parse(OWN));
    const oneLine = JSON.stringify(claude?.data);
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL, [CLAUDE_PLUGIN_PATH]: oneLine });
    const check = await syncPlugin({ root, cwd: root, check: true });
    expect(check.files[0]).toEqual({ file: '.claude-plugin/plugin.json', status: 'unchanged' });
    const result = await syncPlugin({ root, cwd: root });
    expect(result.files[0]).toEqual({ file: '.claude-plugin/plugin.json', status: 'unchanged' });
    expect(await readFile(path.join(root, CLAUDE_PLUGIN_PATH), 'utf8')).toBe(oneLine);
  });
});
