import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadManifests, MANIFEST_SIZE_CAP } from '../../src/plugin/load.js';
import { pluginRootsFromManifests, skillDirsFromManifests } from '../../src/plugin/paths.js';
import { makeTree, removeTree, type Tree } from '../helpers/tmp.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeTree(dirs.pop() as string);
});
async function tree(files: Tree): Promise<string> {
  const root = await makeTree(files);
  dirs.push(root);
  return root;
}
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const SKILL = '---\nname: a\ndescription: x\n---\n';

describe('loadManifests: finding and reading', () => {
  it('returns nothing for a repository without manifests, and nothing for a missing root', async () => {
    const root = await tree({ 'skills/a/SKILL.md': SKILL });
    expect(await loadManifests(root, root)).toEqual([]);
    expect(await loadManifests(path.join(root, 'nope'), root)).toEqual([]);
  });

  it('reads the three manifests with kinds, display paths relative to cwd, and data', async () => {
    const root = await tree({
      'plugin.json': json({ name: 'p', skills: ['./skills/a'] }),
      '.claude-plugin/plugin.json': json({ name: 'p' }),
      '.claude-plugin/marketplace.json': json({ name: 'm', owner: { name: 'o' }, plugins: [] }),
      'skills/a/SKILL.md': SKILL,
    });
    const found = await loadManifests(root, path.dirname(root));
    const base = path.basename(root);
    expect(found.map((m) => [m.kind, m.file, m.parseError])).toEqual([
      ['plugin', `${base}/plugin.json`, undefined],
      ['claude-plugin', `${base}/.claude-plugin/plugin.json`, undefined],
      ['marketplace', `${base}/.claude-plugin/marketplace.json`, undefined],
    ]);
    expect(found[0]?.data).toEqual({ name: 'p', skills: ['./skills/a'] });
    expect(found[0]?.paths).toEqual({ './skills/a': 'dir' });
  });

  it('reports invalid JSON with line and column, keeping the text', async () => {
    const root = await tree({ 'plugin.json': '{\n  "name": "p",\n  "skills": ["./a",]\n}\n' });
    const [m] = await loadManifests(root, root);
    expect(m?.data).toBeUndefined();
    expect(m?.parseError).toEqual({ message: expect.stringMatching(/^invalid JSON: trailing comma/), line: 3, column: 20 });
    expect(m?.text).toContain('"./a",]');
  });

  it('does not parse a file over the size cap, and does not hold it in memory', async () => {
    const root = await tree({ 'plugin.json': `{"name": "p", "pad": "${'x'.repeat(MANIFEST_SIZE_CAP)}"}` });
    const [m] = await loadManifests(root, root);
    expect(m?.parseError?.message).toMatch(/over the 1 MiB limit/);
    expect(m?.parseError?.line).toBe(0);
    expect(m?.text).toBe('');
  });

  it('reports invalid UTF-8 and a byte order mark', async () => {
    const root = await tree({
      'plugin.json': new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      '.claude-plugin/plugin.json': `\uFEFF${json({ name: 'p' })}`,
    });
    const [a, b] = await loadManifests(root, root);
    expect(a?.parseError?.message).toMatch(/not valid UTF-8/);
    expect(b?.parseError).toMatchObject({ message: expect.stringMatching(/byte order mark/), line: 1, column: 1 });
  });

  it('reports a folder or a FIFO named like a manifest without hanging', async () => {
    const root = await tree({ 'plugin.json/readme.txt': 'x', '.claude-plugin/.keep': '' });
    execFileSync('mkfifo', [path.join(root, '.claude-plugin', 'plugin.json')]);
    const found = await loadManifests(root, root);
    expect(found.map((m) => m.parseError?.message)).toEqual([
      expect.stringMatching(/not a regular file \(a folder\)/),
      expect.stringMatching(/not a regular file \(a special file\)/),
    ]);
  });
});

describe('loadManifests: never reads outside the root', () => {
  it('refuses a manifest that is a symbolic link out of the repository', async () => {
    const outside = await tree({ 'secret.json': json({ name: 'stolen', token: 'hunter2' }) });
    const root = await tree({});
    await symlink(path.join(outside, 'secret.json'), path.join(root, 'plugin.json'));
    const [m] = await loadManifests(root, root);
    expect(m?.parseError?.message).toMatch(/symbolic link to .*outside the repository/);
    expect(m?.text).toBe('');
    expect(m?.data).toBeUndefined();
  });

  it('refuses manifests reached through a .claude-plugin folder that links out', async () => {
    const outside = await tree({ 'plugin.json': json({ name: 'stolen' }) });
    const root = await tree({});
    await symlink(outside, path.join(root, '.claude-plugin'));
    const [m] = await loadManifests(root, root);
    expect(m?.kind).toBe('claude-plugin');
    expect(m?.text).toBe('');
    expect(m?.parseError?.message).toMatch(/outside the repository/);
  });

  it('accepts a symbolic link that stays inside', async () => {
    const root = await tree({ 'meta/plugin.json': json({ name: 'p', skills: [] }) });
    await symlink(path.join('meta', 'plugin.json'), path.join(root, 'plugin.json'));
    const [m] = await loadManifests(root, root);
    expect(m?.data).toEqual({ name: 'p', skills: [] });
  });
});

describe('loadManifests: path status of everything a manifest names', () => {
  it('classifies file, dir, missing, outside (.. and absolute) and symlink-outside', async () => {
    const outside = await tree({ 'x/SKILL.md': SKILL });
    const root = await tree({
      'skills/a/SKILL.md': SKILL,
      'skills/file.md': 'x',
      'plugin.json': json({
        name: 'p',
        skills: ['./skills/a', './skills/file.md', './skills/missing', '../escape', '/etc', './skills/../../escape', './skills/link', './skills/dangling', 'C:\\win'],
      }),
    });
    await symlink(path.join(outside, 'x'), path.join(root, 'skills', 'link'));
    await symlink(path.join(outside, 'nothing-here'), path.join(root, 'skills', 'dangling'));
    const [m] = await loadManifests(root, root);
    expect(m?.paths).toEqual({
      './skills/a': 'dir',
      './skills/file.md': 'file',
      './skills/missing': 'missing',
      '../escape': 'outside',
      '/etc': 'outside',
      './skills/link': 'symlink-outside',
      './skills/dangling': 'symlink-outside',
      'C:\\win': 'outside',
    });
  });

  it('resolves .claude-plugin paths from the folder that holds .claude-plugin/', async () => {
    const root = await tree({
      'skills/a/SKILL.md': SKILL,
      'agents/r.md': 'x',
      '.claude-plugin/plugin.json': json({ name: 'p', skills: './skills/a', agents: ['./agents/r.md'], hooks: './hooks.json' }),
    });
    const [m] = await loadManifests(root, root);
    expect(m?.paths).toEqual({ './skills/a': 'dir', './agents/r.md': 'file', './hooks.json': 'missing' });
  });

  it('resolves marketplace skills under each plugin source, and bare names under metadata.pluginRoot', async () => {
    const root = await tree({
      'plugins/one/skills/s1/SKILL.md': SKILL,
      'plugins/two/skills/s2/SKILL.md': SKILL,
      '.claude-plugin/marketplace.json': json({
        name: 'm',
        owner: { name: 'o' },
        metadata: { pluginRoot: './plugins' },
        plugins: [
          { name: 'one', source: './plugins/one', skills: ['./skills/s1'] },
          { name: 'two', source: 'two', skills: ['./skills/s2', './skills/nope'] },
          { name: 'far', source: { source: 'github', repo: 'o/r' }, skills: ['./ignored'] },
          { name: 'esc', source: '../elsewhere', skills: ['./x'] },
        ],
      }),
    });
    const manifests = await loadManifests(root, root);
    expect(manifests[0]?.paths).toEqual({
      './plugins/one': 'dir',
      './plugins/one/skills/s1': 'dir',
      './plugins/two': 'dir',
      './plugins/two/skills/s2': 'dir',
      './plugins/two/skills/nope': 'missing',
      '../elsewhere': 'outside',
    });
    expect(skillDirsFromManifests(manifests)).toEqual([path.join(root, 'plugins/one/skills/s1'), path.join(root, 'plugins/two/skills/s2')]);
    expect(pluginRootsFromManifests(manifests)).toEqual([path.join(root, 'plugins/one'), path.join(root, 'plugins/two')]);
  });

  it('skillDirsFromManifests keeps only real folders inside the root, once each, in manifest order', async () => {
    const outside = await tree({ 'x/SKILL.md': SKILL });
    const root = await tree({
      'skills/a/SKILL.md': SKILL,
      'skills/b/SKILL.md': SKILL,
      'plugin.json': json({ name: 'p', skills: ['./skills/b', './skills/a', './skills/gone', '../x', './skills/out'] }),
      '.claude-plugin/plugin.json': json({ name: 'p', skills: ['./skills/a', './skills/b'] }),
    });
    await symlink(path.join(outside, 'x'), path.join(root, 'skills', 'out'));
    const manifests = await loadManifests(root, root);
    expect(skillDirsFromManifests(manifests)).toEqual([path.join(root, 'skills/b'), path.join(root, 'skills/a')]);
  });
});

describe('loadManifests: cwd outside the root', () => {
  it('shows the manifest by its absolute path, as validate shows skills outside the working folder', async () => {
    const root = await tree({ 'plugin.json': json({ name: 'p', skills: [] }) });
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'vibe-cwd-'));
    dirs.push(cwd);
    await mkdir(path.join(cwd, 'sub'));
    const [m] = await loadManifests(root, path.join(cwd, 'sub'));
    expect(m?.file).toBe(path.join(root, 'plugin.json').split(path.sep).join('/'));
  });
});
