/** `validate --cache` through the real pipeline: warm runs reuse results and are never stale. */
import { cp, mkdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RACY_MS } from '../../src/lint/cache.js';
import { validate } from '../../src/validate.js';
import { makeTree, removeTree } from '../helpers/tmp.js';

const roots: string[] = [];
afterEach(async () => {
  while (roots.length) await removeTree(roots.pop()!);
});

const skill = (name: string, extra = '') =>
  `---\nname: ${name}\ndescription: Drafts release notes from merged pull requests. Use when the user asks for release notes.\n---\n\n# ${name}\n\nSee [guide](references/guide.md).\n${extra}`;

/** skills/a and skills/b, each linking to its references/guide.md. */
async function twoSkills(): Promise<string> {
  const root = await makeTree({
    'skills/a/SKILL.md': skill('a'),
    'skills/a/references/guide.md': 'guide',
    'skills/b/SKILL.md': skill('b'),
    'skills/b/references/guide.md': 'guide',
  });
  roots.push(root);
  return root;
}

describe('validate with a cache', () => {
  it('reuses unchanged skills and re-lints changed ones, with the same results as a cold run', async () => {
    const root = await twoSkills();
    const cache = path.join(root, '.cache-file');
    const run = (rules?: Record<string, 'off'>) => validate({ cwd: root, config: false, cache, ...(rules ? { rules } : {}) });
    const cold = await run();
    expect(cold.cache).toMatchObject({ hits: 0, misses: 2 });
    const warm = await run();
    expect(warm.cache).toMatchObject({ hits: 2, misses: 0 });
    expect(warm.diagnostics).toEqual(cold.diagnostics);

    // Same size, same second: a content change is still seen.
    await writeFile(path.join(root, 'skills/a/SKILL.md'), skill('a').replace('name: a', 'name: x'));
    const changed = await run();
    expect(changed.cache).toMatchObject({ hits: 1, misses: 1 });
    expect(changed.diagnostics.map((d) => d.ruleId)).toContain('name-matches-folder');

    // A file the SKILL.md links to disappears: the listing is part of the fingerprint.
    await rename(path.join(root, 'skills/b/references/guide.md'), path.join(root, 'skills/b/references/other.md'));
    const relisted = await run();
    expect(relisted.diagnostics.filter((d) => d.file === 'skills/b/SKILL.md').map((d) => d.ruleId)).toContain('links-exist');

    // Another configuration never reuses results computed under the old one.
    const reconfigured = await run({ 'links-exist': 'off' });
    expect(reconfigured.cache?.hits).toBe(0);
    expect(reconfigured.diagnostics.map((d) => d.ruleId)).not.toContain('links-exist');
    const uncached = await validate({ cwd: root, config: false, rules: { 'links-exist': 'off' } });
    expect(reconfigured.diagnostics).toEqual(uncached.diagnostics);
  });

  it('reads nothing that is provably unchanged, and still sees every change', async () => {
    const root = await twoSkills();
    const fileA = path.join(root, 'skills/a/SKILL.md');
    const when = 1_700_000_000; // whole seconds: restorable exactly after the edit below
    await utimes(fileA, when, when);
    const cache = path.join(root, '.cache-file');
    const run = () => validate({ cwd: root, config: false, cache });
    // Stamps younger than RACY_MS are never trusted (a change in the same clock tick could keep
    // them equal), so the files must age first: this test waits for real.
    const fresh = await run();
    expect(fresh.cache).toMatchObject({ misses: 2, unread: 0 });
    expect((await run()).cache).toMatchObject({ hits: 2, unread: 0 });
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    const recorded = await run(); // reads both (stamps were racy), records trusted stamps
    expect(recorded.cache).toMatchObject({ hits: 2, unread: 0 });
    const warm = await run();
    expect(warm.cache).toMatchObject({ hits: 2, misses: 0, unread: 2 });
    expect(warm.diagnostics).toEqual(fresh.diagnostics);

    // Same size, same mtime (restored), different bytes: the ctime moved, so it is read.
    const before = await stat(fileA);
    await writeFile(fileA, (await readFile(fileA, 'utf8')).replace('name: a', 'name: x'));
    await utimes(fileA, when, when);
    const after = await stat(fileA);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const edited = await run();
    expect(edited.cache).toMatchObject({ hits: 1, misses: 1, unread: 1 });
    expect(edited.diagnostics.filter((d) => d.file === 'skills/a/SKILL.md').map((d) => d.ruleId)).toContain('name-matches-folder');

    // A new file in an unchanged skill's subfolder: that folder is listed again.
    await writeFile(path.join(root, 'skills/b/references/new.md'), 'new');
    await rename(path.join(root, 'skills/b/references/guide.md'), path.join(root, 'skills/b/references/gone.md'));
    const relisted = await run();
    expect(relisted.diagnostics.filter((d) => d.file === 'skills/b/SKILL.md').map((d) => d.ruleId)).toContain('links-exist');

    // A new skill folder appears: discovery lists the changed skills/ folder again.
    await mkdir(path.join(root, 'skills/c/references'), { recursive: true });
    await writeFile(path.join(root, 'skills/c/references/guide.md'), 'guide');
    await writeFile(path.join(root, 'skills/c/SKILL.md'), skill('c'));
    const grown = await run();
    expect(grown.skills.map((s) => s.folderName)).toEqual(['a', 'b', 'c']);

    // Every answer equals a run without the cache.
    const uncached = await validate({ cwd: root, config: false });
    expect(grown.diagnostics).toEqual(uncached.diagnostics);
  }, 20_000);

  it('re-resolves symlinks on every run: a retargeted link is seen though no skill folder changed', async () => {
    const root = await makeTree({
      'skills/a/SKILL.md': skill('a'),
      'skills/a/references/guide.md': 'guide',
      'skills/a/docs/notes.md': 'notes',
      'outside/secret.md': 'outside',
    });
    roots.push(root);
    // skills/a/current -> <root>/pointer -> skills/a/docs: inside the skill, until `pointer` moves.
    await symlink(path.join(root, 'skills/a/docs'), path.join(root, 'pointer'));
    await symlink(path.join(root, 'pointer'), path.join(root, 'skills/a/current'));
    const cache = path.join(root, '.cache-file');
    const run = () => validate({ cwd: root, config: false, cache });
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    const before = await run();
    expect(before.diagnostics.filter((d) => d.message.includes('current'))).toEqual([]);
    await rm(path.join(root, 'pointer'));
    await symlink(path.join(root, 'outside'), path.join(root, 'pointer'));
    const after = await run();
    expect(after.cache?.unread).toBe(0); // a skill with symlinks is always read and resolved again
    expect(after.diagnostics.filter((d) => d.message.includes('current')).length).toBeGreaterThan(0);
    expect(after.diagnostics).toEqual((await validate({ cwd: root, config: false })).diagnostics);
  }, 20_000);
});

describe('validate with a cache, across builds', () => {
  it('neither reads nor replaces a cache file that is a symbolic link', async () => {
    const root = await twoSkills();
    const real = path.join(root, 'elsewhere.json');
    await validate({ cwd: root, config: false, cache: real }); // a valid cache of these very skills
    const before = await readFile(real, 'utf8');
    const link = path.join(root, '.cache-link');
    await symlink(real, link);
    const r = await validate({ cwd: root, config: false, cache: link });
    expect(r.cache).toMatchObject({ hits: 0, misses: 2, error: expect.stringMatching(/\.cache-link is a symbolic link$/) });
    expect(await readFile(real, 'utf8')).toBe(before);
  });

  it('says a folder at the cache location is not a regular file', async () => {
    const root = await twoSkills();
    await mkdir(path.join(root, 'cache-dir'));
    const r = await validate({ cwd: root, config: false, cache: path.join(root, 'cache-dir') });
    expect(r.cache?.error).toMatch(/cache-dir is not a regular file \(a folder\?\)$/);
  });

  it('never serves results cached by another build of the same version', async () => {
    // A copy of the built package, so that its dist/build-id can change under it.
    const repo = path.resolve(import.meta.dirname, '../..');
    const pkg = await makeTree({});
    roots.push(pkg);
    await cp(path.join(repo, 'package.json'), path.join(pkg, 'package.json'));
    await cp(path.join(repo, 'dist'), path.join(pkg, 'dist'), { recursive: true });
    await symlink(path.join(repo, 'node_modules'), path.join(pkg, 'node_modules'));
    const lib = (await import(pathToFileURL(path.join(pkg, 'dist', 'index.js')).href)) as typeof import('../../src/index.js');

    const root = await twoSkills();
    const cache = path.join(root, '.cache-file');
    const run = () => lib.validate({ cwd: root, config: false, cache });
    expect((await run()).cache).toMatchObject({ hits: 0, misses: 2 });
    expect((await run()).cache).toMatchObject({ hits: 2, misses: 0 });
    await writeFile(path.join(pkg, 'dist', 'build-id'), 'another-build\n');
    expect((await run()).cache).toMatchObject({ hits: 0, misses: 2 });
  }, 20_000);
});
