import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSkills } from '../../src/skill/discover.js';
import { useTempTrees } from '../helpers/tmp.js';

const tree = useTempTrees();
const rel = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));
const SK = '---\nname: x\n---\n';

describe('discovering skills', () => {
  it('finds skills/ trees, nested categories and agent folders, but not unrelated folders', async () => {
    const root = await tree({
      'skills/a/SKILL.md': SK,
      'skills/cat/b/SKILL.md': SK,
      '.claude/skills/c/SKILL.md': SK,
      '.agents/skills/d/SKILL.md': SK,
      'tests/fixtures/bad/SKILL.md': SK,
      'node_modules/pkg/skills/e/SKILL.md': SK,
    });
    const r = await discoverSkills(root, { cwd: root });
    expect(rel(root, r.skillFiles)).toEqual(['.agents/skills/d/SKILL.md', '.claude/skills/c/SKILL.md', 'skills/a/SKILL.md', 'skills/cat/b/SKILL.md']);
  });

  it('finds the project folders the skills CLI searches beyond the agents table (.github/skills, .codex/skills)', async () => {
    const root = await tree({ '.github/skills/a/SKILL.md': SK, '.codex/skills/b/SKILL.md': SK, '.vscode/skills/c/SKILL.md': SK });
    expect(rel(root, (await discoverSkills(root, { cwd: root })).skillFiles)).toEqual(['.codex/skills/b/SKILL.md', '.github/skills/a/SKILL.md']);
    const both = await tree({ 'skills/a/SKILL.md': SK, '.github/skills/b/SKILL.md': SK });
    expect(rel(both, (await discoverSkills(both, { cwd: both })).skillFiles)).toEqual(['.github/skills/b/SKILL.md', 'skills/a/SKILL.md']);
  });

  it('treats a folder with SKILL.md as one skill, hiding everything below it', async () => {
    const root = await tree({ 'SKILL.md': SK, 'skills/inner/SKILL.md': SK });
    expect(rel(root, (await discoverSkills(root, { cwd: root })).skillFiles)).toEqual(['SKILL.md']);
  });

  it('walks the tree when no conventional folder exists, skipping node_modules and hidden folders', async () => {
    const root = await tree({ 'pack/one/SKILL.md': SK, 'node_modules/x/SKILL.md': SK, '.hidden/y/SKILL.md': SK });
    expect(rel(root, (await discoverSkills(root, { cwd: root })).skillFiles)).toEqual(['pack/one/SKILL.md']);
  });

  it('accepts a SKILL.md path and extra folders from manifests', async () => {
    const root = await tree({ 'skills/a/SKILL.md': SK, 'plugins/p/s/SKILL.md': SK });
    expect(rel(root, (await discoverSkills(path.join(root, 'skills/a/SKILL.md'), { cwd: root })).skillFiles)).toEqual(['skills/a/SKILL.md']);
    const r = await discoverSkills(root, { cwd: root, extraDirs: [path.join(root, 'plugins/p/s')] });
    expect(rel(root, r.skillFiles)).toEqual(['plugins/p/s/SKILL.md', 'skills/a/SKILL.md']);
  });

  it('reports a lowercase skill.md instead of skipping it silently', async () => {
    const root = await tree({ 'skills/a/skill.md': SK });
    const r = await discoverSkills(root, { cwd: root });
    expect(r.skillFiles).toEqual([]);
    expect(r.notes).toMatchObject([{ kind: 'misnamed-skill-file', file: 'skills/a/skill.md' }]);
  });

  it('does not follow a symlink out of the tree (a FIFO there would hang a walker that read it)', async () => {
    const outside = await tree({ 'evil/x': 'x' });
    execFileSync('mkfifo', [path.join(outside, 'evil', 'SKILL.md')]);
    const root = await tree({ 'skills/a/SKILL.md': SK });
    await symlink(path.join(outside, 'evil'), path.join(root, 'skills', 'evil'));
    const r = await discoverSkills(root, { cwd: root });
    expect(rel(root, r.skillFiles)).toEqual(['skills/a/SKILL.md']);
    expect(r.notes).toMatchObject([{ kind: 'symlink-outside', file: 'skills/evil' }]);
  });

  it('follows links that stay inside, and survives link loops', async () => {
    const root = await tree({ 'real/a/SKILL.md': SK });
    await mkdir(path.join(root, 'skills'));
    await symlink(path.join(root, 'real', 'a'), path.join(root, 'skills', 'a'));
    await symlink(path.join(root, 'skills'), path.join(root, 'skills', 'loop'));
    const r = await discoverSkills(root, { cwd: root });
    expect(rel(root, r.skillFiles)).toEqual(['skills/a/SKILL.md']);
  });

  it('reads a skill linked from an agent folder under its own path, wherever the walk meets the link first', async () => {
    const root = await tree({ 'plugins/p/skills/x/SKILL.md': SK, 'plugins/p/skills/y/SKILL.md': SK });
    await mkdir(path.join(root, '.claude', 'skills'), { recursive: true });
    await symlink(path.join(root, 'plugins', 'p', 'skills', 'x'), path.join(root, '.claude', 'skills', 'x'));
    await mkdir(path.join(root, '.codex'));
    await symlink(path.join(root, 'plugins', 'p', 'skills'), path.join(root, '.codex', 'skills'));
    const r = await discoverSkills(root, { cwd: root, extraDirs: [path.join(root, 'plugins', 'p', 'skills')] });
    expect(rel(root, r.skillFiles)).toEqual(['plugins/p/skills/x/SKILL.md', 'plugins/p/skills/y/SKILL.md']);
  });

  it('says when the path does not exist', async () => {
    const root = await tree({});
    const r = await discoverSkills(path.join(root, 'nope'), { cwd: root });
    expect(r.notes).toMatchObject([{ kind: 'path-not-found', file: 'nope' }]);
  });
});
