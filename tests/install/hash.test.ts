import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { skillFolderHash } from '../../src/install/hash.js';
import { readInstalledTree, readRegularFile, readSourceTree } from '../../src/install/tree.js';
import { makeTree, removeTree } from '../helpers/tmp.js';

const roots: string[] = [];
afterEach(async () => {
  while (roots.length) await removeTree(roots.pop()!);
});

describe('computedHash', () => {
  it('hashes path then bytes per file, in localeCompare order (references/ before SKILL.md)', () => {
    const files = [
      { path: 'SKILL.md', content: Buffer.from('skill') },
      { path: 'references/a.md', content: Buffer.from('ref') },
    ];
    const expected = createHash('sha256').update('references/a.md').update('ref').update('SKILL.md').update('skill').digest('hex');
    expect(skillFolderHash(files)).toBe(expected);
    expect(skillFolderHash([...files].reverse())).toBe(expected);
  });

  it('leaves out .git and node_modules folders and symlinks, as the `skills` CLI does', async () => {
    const root = await makeTree({ 'SKILL.md': 'x', 'references/a.md': 'y', 'node_modules/p/index.js': 'z', 'sub/.git/HEAD': 'h' });
    roots.push(root);
    await symlink('references/a.md', path.join(root, 'link.md'));
    const plain = skillFolderHash([
      { path: 'SKILL.md', content: Buffer.from('x') },
      { path: 'references/a.md', content: Buffer.from('y') },
    ]);
    expect((await readInstalledTree(root)).hash).toBe(plain);
    const src = await readSourceTree(root);
    expect('tree' in src && src.tree.hash).toBe(plain);
  });
});

describe('reading a source skill', () => {
  it('keeps links that stay inside the skill, as relative links', async () => {
    const root = await makeTree({ 'SKILL.md': 'x', 'references/a.md': 'y' });
    roots.push(root);
    await symlink(path.join(root, 'references', 'a.md'), path.join(root, 'abs-link.md'));
    await mkdir(path.join(root, 'deep'));
    await symlink('../references', path.join(root, 'deep', 'refs'));
    const r = await readSourceTree(root);
    if (!('tree' in r)) throw new Error(JSON.stringify(r.problems));
    expect(r.tree.entries.filter((e) => e.kind === 'symlink')).toEqual([
      { kind: 'symlink', path: 'abs-link.md', target: 'references/a.md' },
      { kind: 'symlink', path: 'deep/refs', target: '../references' },
    ]);
  });

  it('refuses links that leave the skill, dangle or loop, and special files', async () => {
    const outside = await makeTree({ 'secret.txt': 'do not copy' });
    const root = await makeTree({ 'SKILL.md': 'x' });
    roots.push(outside, root);
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'steal.txt'));
    await symlink('../', path.join(root, 'up'));
    await symlink('missing.md', path.join(root, 'dangling.md'));
    await symlink('loop-b', path.join(root, 'loop-a'));
    await symlink('loop-a', path.join(root, 'loop-b'));
    const r = await readSourceTree(root);
    if (!('problems' in r)) throw new Error('expected problems');
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
    expect(byPath['steal.txt']).toMatch(/points outside the skill/);
    expect(byPath['up']).toMatch(/points outside the skill/);
    expect(byPath['dangling.md']).toMatch(/points to nothing/);
    expect(byPath['loop-a']).toMatch(/loops/);
  });

  it('refuses skills over the size limit instead of truncating them', async () => {
    const root = await makeTree({ 'SKILL.md': 'x' });
    roots.push(root);
    await writeFile(path.join(root, 'big.bin'), Buffer.alloc(51 * 1024 * 1024));
    const r = await readSourceTree(root);
    expect('problems' in r && r.problems[0]?.message).toMatch(/larger than 50 MiB/);
  });
});

describe('readRegularFile', () => {
  it('refuses a FIFO without waiting for a writer, and a folder', async () => {
    const root = await makeTree({ 'dir/x': 'x' });
    roots.push(root);
    expect(spawnSync('mkfifo', [path.join(root, 'pipe')]).status).toBe(0);
    await expect(readRegularFile(path.join(root, 'pipe'), 100)).rejects.toMatchObject({ code: 'ENOTREG' });
    await expect(readRegularFile(path.join(root, 'dir'), 100)).rejects.toMatchObject({ code: 'EISDIR' });
    await symlink(path.join(root, 'dir/x'), path.join(root, 'link'));
    await expect(readRegularFile(path.join(root, 'link'), 100, { follow: false })).rejects.toMatchObject({ code: 'ELOOP' });
    expect((await readRegularFile(path.join(root, 'link'), 100)).toString()).toBe('x');
  });

  it.skipIf(!existsSync('/proc/self/status'))('caps the read whatever st.size says (a pseudo-file says 0)', async () => {
    await expect(readRegularFile('/proc/self/status', 16)).rejects.toMatchObject({ code: 'EFBIG' });
    expect((await readRegularFile('/proc/self/status', 1024 * 1024)).toString()).toMatch(/^Name:/);
  });
});
