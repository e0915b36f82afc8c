/** skill-symlinks, discovery-symlink, skill-file-name, discovery-incomplete: real symlinks in real temp folders. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validate } from '../../../src/validate.js';
import { lintTree, makeTree, only, removeTree, skillMd, type Tree } from '../../helpers/skill-tree.js';

const cleanup: string[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await removeTree(cleanup.pop()!);
});

/** Build a tree, then let `links` add symlinks (absolute paths), then validate it. */
async function lintWithLinks(files: Tree, links: (root: string) => Promise<void>, opts: { paths?: string[] } = {}) {
  const root = await makeTree(files);
  cleanup.push(root);
  await links(root);
  return validate({ config: false, cwd: root, ...(opts.paths ? { paths: opts.paths } : {}) });
}

describe('skill-symlinks', () => {
  it('accepts a link to a file inside the skill', async () => {
    const result = await lintWithLinks({ 'skills/my-skill/SKILL.md': skillMd('my-skill'), 'skills/my-skill/references/a.md': 'x' }, (root) =>
      symlink('a.md', path.join(root, 'skills/my-skill/references/alias.md')),
    );
    expect(only(result, 'skill-symlinks')).toEqual([]);
  });

  it('reports a link that points outside the skill, and a dangling link', async () => {
    const outside = await makeTree({ 'secret.txt': 'do not ship' });
    cleanup.push(outside);
    const result = await lintWithLinks(
      { 'skills/my-skill/SKILL.md': skillMd('my-skill'), 'shared/notes.md': 'x' },
      async (root) => {
        await mkdir(path.join(root, 'skills/my-skill/assets'));
        await symlink(path.join(outside, 'secret.txt'), path.join(root, 'skills/my-skill/assets/secret.txt'));
        await symlink('../../shared', path.join(root, 'skills/my-skill/shared'));
        await symlink('nowhere.md', path.join(root, 'skills/my-skill/gone.md'));
      },
    );
    const found = only(result, 'skill-symlinks');
    expect(found.every((d) => d.severity === 'error' && d.file === 'skills/my-skill/SKILL.md')).toBe(true);
    expect(found.map((d) => d.message).sort()).toEqual([
      '`assets/secret.txt` is a symbolic link to ' + path.join(outside, 'secret.txt') + ', outside the skill folder; installers copy its target into the install',
      '`gone.md` is a symbolic link whose target does not exist',
      '`shared` is a symbolic link to ../../shared, outside the skill folder; installers copy its target into the install',
    ].sort());
  });

  it('lets links through a symlinked folder count as existing (the symlink rule judges the link)', async () => {
    const result = await lintWithLinks(
      { 'skills/my-skill/SKILL.md': skillMd('my-skill', { body: '# T\n\nSee [n](shared/notes.md).\n' }), 'shared/notes.md': 'x' },
      (root) => symlink('../../shared', path.join(root, 'skills/my-skill/shared')),
    );
    expect(only(result, 'links-exist')).toEqual([]);
    expect(only(result, 'skill-symlinks')).toHaveLength(1);
  });
});

describe('discovery-symlink', () => {
  it('reports a skill folder that links outside the tree, without reading it', async () => {
    const outside = await makeTree({ 'ext/SKILL.md': '---\nname: ext\n---\n' });
    cleanup.push(outside);
    const result = await lintWithLinks({ 'skills/my-skill/SKILL.md': skillMd('my-skill') }, (root) =>
      symlink(path.join(outside, 'ext'), path.join(root, 'skills/ext')),
    );
    const found = only(result, 'discovery-symlink');
    expect(found.map((d) => [d.severity, d.file])).toEqual([['warning', 'skills/ext']]);
    expect(found[0]!.message).toContain('outside the tree');
    expect(result.skills.map((s) => s.name)).toEqual(['my-skill']);
  });

  it('follows a link that stays inside the tree without a report', async () => {
    const result = await lintWithLinks({ 'skills/my-skill/SKILL.md': skillMd('my-skill'), 'src/other/SKILL.md': skillMd('other') }, (root) =>
      symlink('../src/other', path.join(root, 'skills/other')),
    );
    expect(only(result, 'discovery-symlink')).toEqual([]);
  });
});

describe('skill-file-name', () => {
  it('reports a lowercase skill.md instead of skipping it', async () => {
    const result = await lintTree({ 'skills/good/SKILL.md': skillMd('good'), 'skills/bad/skill.md': skillMd('bad') });
    expect(only(result, 'skill-file-name').map((d) => [d.severity, d.file, d.hint])).toEqual([['error', 'skills/bad/skill.md', 'rename the file to SKILL.md']]);
  });

  it('is quiet when every skill file is SKILL.md', async () => {
    expect(only(await lintTree({ 'skills/good/SKILL.md': skillMd('good') }), 'skill-file-name')).toEqual([]);
  });
});

describe('discovery-incomplete', () => {
  it('reports a command-line path that is neither a folder nor a SKILL.md', async () => {
    const root = await makeTree({ 'skills/good/SKILL.md': skillMd('good'), 'README.md': '# readme\n' });
    cleanup.push(root);
    const result = await validate({ config: false, cwd: root, paths: ['README.md', 'skills'] });
    expect(only(result, 'discovery-incomplete').map((d) => [d.severity, d.file, d.message])).toEqual([
      ['warning', 'README.md', 'README.md is not a SKILL.md or a folder'],
    ]);
  });

  it('is quiet for a normal tree', async () => {
    const root = await makeTree({ 'skills/good/SKILL.md': skillMd('good') });
    cleanup.push(root);
    await writeFile(path.join(root, 'README.md'), '# readme\n');
    expect(only(await validate({ config: false, cwd: root }), 'discovery-incomplete')).toEqual([]);
  });
});
