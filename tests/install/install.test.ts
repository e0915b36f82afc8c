/**
 * install / remove / list as a library, on real temp folders (the CLI tests cover the
 * subprocess side: kills, concurrency, exit codes).
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { install, InstallError, list, remove } from '../../src/install/index.js';
import { skillFolderHash } from '../../src/install/hash.js';
import { exists, readJson, skill, snapshot, Temp } from './fixtures.js';

const temp = new Temp();
afterEach(() => temp.cleanup());

/** A source repository with alpha (composes with beta and gamma-missing) and beta. */
async function source(extra: Record<string, string> = {}) {
  return temp.tree({
    'skills/alpha/SKILL.md': skill('alpha', {
      frontmatter: 'name: alpha\ndescription: Handles alpha work in tests. Use when a test needs alpha.\ncompatibility: Requires inngest 4.x',
      body: '# alpha\n\nSteps.\n\n## Composes With\n\n- `beta` for the second half\n- `gamma-missing` for the rest\n',
    }),
    'skills/alpha/references/details.md': 'Details.\n',
    'skills/beta/SKILL.md': skill('beta'),
    // The repository's lint configuration applies: gamma-missing is declared as living elsewhere.
    '.vibe-skills.json': JSON.stringify({ externalSkills: ['gamma-missing'] }),
    ...extra,
  });
}

async function project(files: Record<string, string> = {}) {
  return temp.tree({ '.claude/settings.json': '{}', ...files });
}

function opts(cwd: string, home: string, from: string) {
  return { cwd, home, env: {}, from };
}

describe('install', () => {
  it('installs into the detected agent folder, records the lock entry, and a re-run changes nothing', async () => {
    const src = await source();
    const proj = await project();
    const home = await temp.tree({});
    const r = await install({ ...opts(proj, home, src), skills: ['alpha'] });
    expect(r.ok).toBe(true);
    expect(r.agents).toEqual(['claude-code']);
    expect(r.items.map((i) => [i.skill, i.outcome])).toEqual([['alpha', 'create']]);
    const dest = path.join(proj, '.claude/skills/alpha');
    expect(await snapshot(dest)).toEqual(await snapshot(path.join(src, 'skills/alpha')));
    const lock = await readJson(path.join(proj, 'skills-lock.json'));
    const hash = skillFolderHash([
      { path: 'SKILL.md', content: await readFile(path.join(src, 'skills/alpha/SKILL.md')) },
      { path: 'references/details.md', content: await readFile(path.join(src, 'skills/alpha/references/details.md')) },
    ]);
    expect(lock).toEqual({ version: 1, skills: { alpha: { source: path.relative(proj, src), sourceType: 'local', computedHash: hash } } });

    const before = await snapshot(proj);
    const again = await install({ ...opts(proj, home, src), skills: ['alpha'] });
    expect(again.ok).toBe(true);
    expect(again.changed).toBe(false);
    expect(again.items.map((i) => i.outcome)).toEqual(['unchanged']);
    expect(await snapshot(proj)).toEqual(before);
  });

  it('keeps scripts executable and nothing else', async () => {
    const src = await source({ 'skills/beta/scripts/run.sh': '#!/bin/sh\necho hi\n' });
    await chmod(path.join(src, 'skills/beta/scripts/run.sh'), 0o755);
    const proj = await project();
    expect((await install({ ...opts(proj, proj, src), skills: ['beta'] })).ok).toBe(true);
    expect((await stat(path.join(proj, '.claude/skills/beta/scripts/run.sh'))).mode & 0o111).not.toBe(0);
    expect((await stat(path.join(proj, '.claude/skills/beta/SKILL.md'))).mode & 0o111).toBe(0);
  });

  it('stops on validation errors and writes nothing', async () => {
    const src = await source({ 'skills/broken/SKILL.md': '# no frontmatter at all\n' });
    const proj = await project();
    const before = await snapshot(proj);
    const r = await install({ ...opts(proj, proj, src), skills: ['broken'] });
    expect(r.ok).toBe(false);
    expect(r.items).toEqual([]);
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.file.endsWith('skills/broken/SKILL.md'))).toBe(true);
    expect(await snapshot(proj)).toEqual(before);
  });

  it('refuses names that would leave the folder, and names that differ from the folder', async () => {
    const src = await temp.tree({
      'skills/evil/SKILL.md': skill('evil', { frontmatter: 'name: ../evil\ndescription: Escapes the skills folder. Use when testing traversal.' }),
      'skills/other/SKILL.md': skill('other', { frontmatter: 'name: not-other\ndescription: Has a different name. Use when testing names.' }),
    });
    const base = await temp.tree({ 'proj/.claude/settings.json': '{}' });
    const proj = path.join(base, 'proj');
    const before = await snapshot(base);
    for (const name of ['../evil', 'not-other']) {
      const r = await install({ ...opts(proj, proj, src), skills: [name] });
      expect(r.ok, name).toBe(false);
      expect(r.items, name).toEqual([]);
      // The installer's own check, whatever the lint configuration says.
      expect(r.diagnostics.some((d) => d.ruleId === 'install-safety' && d.severity === 'error'), name).toBe(true);
    }
    expect(await exists(path.join(proj, '.claude', 'evil'))).toBe(false);
    expect(await snapshot(base)).toEqual(before);
  });

  it('says a skill whose frontmatter cannot be read has no name, not that its folder name is invalid', async () => {
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) bomb += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]\n`;
    const src = await temp.tree({ 'skills/s5/SKILL.md': skill('s5', { frontmatter: `${bomb}name: s5\ndescription: An alias bomb. Use when testing hostile YAML.` }) });
    const proj = await project();
    const r = await install({ ...opts(proj, proj, src), skills: ['s5'] });
    expect(r.ok).toBe(false);
    const safety = r.diagnostics.filter((d) => d.ruleId === 'install-safety').map((d) => d.message);
    expect(safety).toEqual([expect.stringMatching(/^no name to install the skill under: its frontmatter could not be read \(.*aliases/)]);
    expect(await exists(path.join(proj, '.claude/skills/s5'))).toBe(false);
  });

  it('quotes a source folder name with control characters, and does not offer it as the name', async () => {
    const src = await temp.tree({ 'skills/Bad\nName/SKILL.md': skill('x', { frontmatter: 'name: x\ndescription: Has a folder with a newline. Use when testing names.' }) });
    const proj = await project();
    const r = await install({ ...opts(proj, proj, src), skills: ['x'] });
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.ruleId === 'install-safety');
    expect(d?.message).toBe('skill name "x" differs from its folder "Bad\\nName"');
    expect(d?.hint).toBe('rename the folder to x');
  });

  it('refuses a source skill with a link that leaves it, and copies inside links as links', async () => {
    const secret = await temp.tree({ 'id_rsa': 'PRIVATE' });
    const src = await source();
    await symlink(path.join(secret, 'id_rsa'), path.join(src, 'skills/beta/key'));
    const proj = await project();
    const r = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/`key` is a symbolic link to .*outside the skill/);
    expect(await exists(path.join(proj, '.claude/skills/beta'))).toBe(false);
    // A repository that switches the lint rule off still cannot get the link installed.
    await writeFile(path.join(src, '.vibe-skills.json'), JSON.stringify({ externalSkills: ['gamma-missing'], rules: { 'skill-symlinks': 'off' } }));
    const again = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(again.ok).toBe(false);
    expect(again.diagnostics.find((d) => d.ruleId === 'install-source')?.message).toMatch(/key: symbolic link points outside the skill/);
    expect(await exists(path.join(proj, '.claude/skills/beta'))).toBe(false);

    await rm(path.join(src, 'skills/beta/key'));
    await symlink(path.join(src, 'skills/alpha/references/details.md'), path.join(src, 'skills/alpha/latest.md'));
    const ok = await install({ ...opts(proj, proj, src), skills: ['alpha'] });
    expect(ok.ok).toBe(true);
    const snap = await snapshot(path.join(proj, '.claude/skills/alpha'));
    expect(snap['latest.md']).toBe('link:references/details.md');
  });

  it('refuses a target folder that resolves outside the project through a symlinked parent', async () => {
    const src = await source();
    const outside = await temp.tree({ 'keep.txt': 'x' });
    const proj = await temp.tree({});
    await symlink(outside, path.join(proj, '.claude'));
    const r = await install({ ...opts(proj, proj, src), skills: ['beta'], agents: ['claude-code'] });
    expect(r.ok).toBe(false);
    expect(r.items[0]).toMatchObject({ outcome: 'refused' });
    expect(r.items[0]!.reason).toMatch(/outside/);
    expect(await snapshot(outside)).toEqual({ 'keep.txt': expect.any(String) });
    expect(await exists(path.join(proj, 'skills-lock.json'))).toBe(false);
  });

  it('keeps local edits: no replace without --force, and --force keeps a named backup', async () => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    const dest = path.join(proj, '.claude/skills/beta/SKILL.md');
    await writeFile(dest, `${await readFile(dest, 'utf8')}\nMy own notes.\n`);
    await writeFile(path.join(src, 'skills/beta/SKILL.md'), skill('beta', { body: '# beta\n\nVersion 2.\n' }));

    const r = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(r.ok).toBe(false);
    expect(r.items[0]).toMatchObject({ outcome: 'conflict' });
    expect(r.items[0]!.hint).toMatch(/--force/);
    expect(await readFile(dest, 'utf8')).toMatch(/My own notes/);

    const forced = await install({ ...opts(proj, proj, src), skills: ['beta'], force: true, now: new Date('2030-01-02T03:04:05Z') });
    expect(forced.ok).toBe(true);
    const backup = forced.items[0]!.backup!;
    expect(backup).toBe(path.join(proj, '.claude/skills/.vibe-skills-backups/beta-20300102T030405Z'));
    expect(await readFile(path.join(backup, 'SKILL.md'), 'utf8')).toMatch(/My own notes/);
    expect(await readFile(dest, 'utf8')).toMatch(/Version 2/);
  });

  it('updating through one agent brings the untouched copies of the others along, and leaves edited ones alone', async () => {
    const src = await source();
    const proj = await project({ '.agents/.keep': '', '.windsurf/.keep': '' });
    await install({ ...opts(proj, proj, src), skills: ['beta'], agents: ['claude-code', 'codex', 'windsurf'] });
    await writeFile(path.join(proj, '.windsurf/skills/beta/notes.md'), 'mine');
    await writeFile(path.join(src, 'skills/beta/SKILL.md'), skill('beta', { body: '# beta\n\nVersion 2.\n' }));

    const r = await install({ ...opts(proj, proj, src), skills: ['beta'], agents: ['codex'] });
    expect(r.ok).toBe(true);
    expect(r.items.map((i) => [path.relative(proj, i.targetDir), i.outcome])).toEqual([
      ['.agents/skills', 'update'],
      ['.claude/skills', 'update'],
    ]);
    for (const dir of ['.agents', '.claude']) expect(await readFile(path.join(proj, dir, 'skills/beta/SKILL.md'), 'utf8')).toMatch(/Version 2/);
    expect(await readFile(path.join(proj, '.windsurf/skills/beta/SKILL.md'), 'utf8')).not.toMatch(/Version 2/);
    const statuses = (await list({ cwd: proj, home: proj, env: {}, scope: 'project' })).scopes[0]!.folders.map((f) => [path.relative(proj, f.dir), f.skills[0]?.status]);
    expect(statuses.sort()).toEqual([
      ['.agents/skills', 'up-to-date'],
      ['.claude/skills', 'up-to-date'],
      ['.windsurf/skills', 'modified'],
    ]);
  });

  it('updates an untouched install when the source changed', async () => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    await writeFile(path.join(src, 'skills/beta/extra.md'), 'new\n');
    const r = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(r.ok).toBe(true);
    expect(r.items[0]).toMatchObject({ outcome: 'update' });
    expect(r.items[0]!.backup).toBeUndefined();
    expect(await readFile(path.join(proj, '.claude/skills/beta/extra.md'), 'utf8')).toBe('new\n');
    expect(r.lockChanges).toEqual([{ skill: 'beta', change: 'update' }]);
    expect((await readdir(path.join(proj, '.claude/skills'))).sort()).toEqual(['beta']);
  });

  it('--with-deps installs what a skill composes with and warns about what is missing', async () => {
    const src = await source();
    const proj = await project();
    const r = await install({ ...opts(proj, proj, src), skills: ['alpha'], withDeps: true });
    expect(r.skills).toEqual(['alpha', 'beta']);
    expect(r.dependencies).toEqual(['beta']);
    expect(await exists(path.join(proj, '.claude/skills/beta/SKILL.md'))).toBe(true);
    expect(r.diagnostics.find((d) => d.ruleId === 'with-deps')?.message).toMatch(/gamma-missing/);
  });

  it('warns when the project depends on a library version outside the skill', async () => {
    const src = await source();
    const proj = await project({ 'package.json': JSON.stringify({ dependencies: { inngest: '^3.2.0' } }) });
    const r = await install({ ...opts(proj, proj, src), skills: ['alpha'] });
    expect(r.ok).toBe(true);
    const w = r.diagnostics.find((d) => d.ruleId === 'version-fit');
    expect(w).toMatchObject({ severity: 'warning', line: 4 });
    expect(w!.message).toContain('inngest 4.x');
    expect(w!.message).toContain('inngest ^3.2.0');
  });

  it('gives agents sharing a folder one copy, and --symlink links the others to it', async () => {
    const src = await source();
    const proj = await project({ '.agents/.keep': '' });
    const r = await install({ ...opts(proj, proj, src), skills: ['beta'], agents: ['codex', 'cursor', 'claude-code'] });
    expect(r.items.map((i) => [path.relative(proj, i.targetDir), i.agents])).toEqual([
      ['.agents/skills', ['codex', 'cursor']],
      ['.claude/skills', ['claude-code']],
    ]);
    const linked = await project();
    const l = await install({ ...opts(linked, linked, src), skills: ['beta'], agents: ['claude-code'], symlink: true });
    expect(l.ok).toBe(true);
    expect((await snapshot(path.join(linked, '.claude/skills')))['beta']).toBe('link:../../.agents/skills/beta');
    expect(await exists(path.join(linked, '.agents/skills/beta/SKILL.md'))).toBe(true);
  });

  it('installs globally into CLAUDE_CONFIG_DIR and records the global lock where the skills CLI keeps it', async () => {
    const src = await source();
    const proj = await temp.tree({});
    const home = await temp.tree({});
    const config = path.join(home, 'claude-config');
    const env = { CLAUDE_CONFIG_DIR: config, XDG_STATE_HOME: path.join(home, 'state') };
    const r = await install({ cwd: proj, home, env, from: src, skills: ['beta'], agents: ['claude-code', 'eve'], global: true });
    expect(r.ok).toBe(true);
    expect(r.skippedAgents).toEqual(['eve']);
    expect(await exists(path.join(config, 'skills/beta/SKILL.md'))).toBe(true);
    const lock = await readJson(path.join(home, 'state/skills/.skill-lock.json'));
    expect(lock.version).toBe(3);
    expect(lock.skills.beta).toMatchObject({ source: src, sourceType: 'local', sourceUrl: src, skillFolderHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await exists(path.join(proj, 'skills-lock.json'))).toBe(false);
  });

  it('--dry-run reports every file and changes nothing', async () => {
    const src = await source();
    const proj = await project();
    const before = await snapshot(proj);
    const r = await install({ ...opts(proj, proj, src), skills: ['alpha'], dryRun: true });
    expect(r.items[0]!.files.map((f) => `${f.change} ${f.path}`)).toEqual(['add SKILL.md', 'add references', 'add references/details.md']);
    expect(r.changed).toBe(true);
    expect(await snapshot(proj)).toEqual(before);
  });

  it('explains what to do when no agent is found or an agent id is unknown', async () => {
    const src = await source();
    const bare = await temp.tree({});
    await expect(install({ ...opts(bare, bare, src), skills: ['beta'] })).rejects.toThrow(InstallError);
    await expect(install({ ...opts(bare, bare, src), skills: ['beta'] })).rejects.toMatchObject({ hint: expect.stringMatching(/--agent claude-code/) });
    await expect(install({ ...opts(bare, bare, src), skills: ['beta'], agents: ['claude'] })).rejects.toMatchObject({ message: 'unknown agent "claude"', hint: expect.stringMatching(/did you mean claude-code/) });
    await expect(install({ ...opts(bare, bare, src), skills: ['nope'], agents: ['claude-code'] })).rejects.toMatchObject({ message: expect.stringMatching(/no skill named "nope"/), hint: expect.stringMatching(/alpha, beta/) });
  });

  it('never overwrites a lock file it cannot read', async () => {
    const src = await source();
    const proj = await project({ 'skills-lock.json': '{ "version": 1, "skills": { oops } }' });
    const r = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ ruleId: 'lock-file', file: 'skills-lock.json', line: 1 });
    expect(await readFile(path.join(proj, 'skills-lock.json'), 'utf8')).toBe('{ "version": 1, "skills": { oops } }');
    expect(await exists(path.join(proj, '.claude/skills/beta'))).toBe(false);
  });

  it('recovers what an interrupted run left: restores an old folder put aside, deletes staging', async () => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    const skills = path.join(proj, '.claude/skills');
    // The state a kill between "move aside" and "rename into place" leaves.
    await rename(path.join(skills, 'beta'), path.join(skills, '.beta.vibe-old-aaaaaa'));
    await mkdir(path.join(skills, '.beta.vibe-staging-bbbbbb'));
    await writeFile(path.join(skills, '.beta.vibe-staging-bbbbbb/SKILL.md'), 'half');
    const l = await list({ cwd: proj, home: proj, env: {} });
    expect(l.scopes[0]!.folders[0]!.leftovers.map((x) => x.kind).sort()).toEqual(['old', 'staging']);
    const r = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(r.ok).toBe(true);
    expect(r.recovered.map((a) => a.action).sort()).toEqual(['deleted', 'restored']);
    expect(r.items[0]!.outcome).toBe('unchanged');
    expect(await readdir(skills)).toEqual(['beta']);
  });
});

/**
 * Make `file` impossible to delete, as a read-only folder does for a user (root ignores
 * permissions: then the immutable flag, which binds root too). Returns the undo, or undefined
 * when this machine offers neither.
 */
async function pin(file: string): Promise<((movedTo: string) => Promise<void>) | undefined> {
  if (process.getuid?.() !== 0) {
    await chmod(path.dirname(file), 0o555);
    return (movedTo) => chmod(path.dirname(movedTo), 0o755);
  }
  if (spawnSync('chattr', ['+i', file]).status !== 0) return undefined;
  return async (movedTo) => void spawnSync('chattr', ['-i', movedTo]);
}

describe('when the file system refuses part of the work', () => {
  it('an update whose old folder cannot be deleted is done and recorded, with a warning; later runs go on', async (ctx) => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['alpha'] });
    const skills = path.join(proj, '.claude/skills');
    const unpin = await pin(path.join(skills, 'alpha/references/details.md'));
    if (unpin === undefined) return ctx.skip();
    try {
      await writeFile(path.join(src, 'skills/alpha/SKILL.md'), skill('alpha', { body: '# alpha\n\nVersion 2.\n' }));
      const r = await install({ ...opts(proj, proj, src), skills: ['alpha'] });
      expect(r.items[0]).toMatchObject({ outcome: 'update', warning: expect.stringMatching(/could not be deleted \(E[A-Z]+\): what is left of it is in .*\.alpha\.vibe-old-\w+; delete it when you can$/) });
      expect(r.ok).toBe(true);
      expect(await readFile(path.join(skills, 'alpha/SKILL.md'), 'utf8')).toMatch(/Version 2/);
      const l = await list({ cwd: proj, home: proj, env: {} });
      expect(l.scopes[0]!.folders[0]!.skills.find((x) => x.name === 'alpha')?.status).toBe('up-to-date');
      // The leftover cannot be cleared yet: reported, and the run goes on.
      const again = await install({ ...opts(proj, proj, src), skills: ['beta'] });
      expect(again.ok).toBe(true);
      expect(again.recovered).toEqual([expect.objectContaining({ action: 'failed', error: expect.stringMatching(/E[A-Z]+/) })]);
      const gone = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'] });
      expect(gone.ok).toBe(true);
    } finally {
      const aside = (await readdir(skills)).find((e) => e.startsWith('.alpha.vibe-old-'));
      await unpin(path.join(skills, aside ?? 'alpha', 'references/details.md'));
    }
    const cleared = await install({ ...opts(proj, proj, src), skills: ['alpha'] });
    expect(cleared.recovered.map((a) => a.action)).toEqual(['deleted']);
    expect(await readdir(skills)).toEqual(['alpha']);
  });

  it('never moves a backup through a symlinked backups folder, out of the project', async () => {
    const src = await source();
    const proj = await project();
    const outside = await temp.tree({});
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    const skills = path.join(proj, '.claude/skills');
    await writeFile(path.join(skills, 'beta/notes.md'), 'mine');
    await symlink(outside, path.join(skills, '.vibe-skills-backups'));
    await writeFile(path.join(src, 'skills/beta/SKILL.md'), skill('beta', { body: '# beta\n\nVersion 2.\n' }));

    const forced = await install({ ...opts(proj, proj, src), skills: ['beta'], force: true });
    expect(forced.ok).toBe(false);
    expect(forced.items[0]).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/\.vibe-skills-backups is a symbolic link; no backup is moved there/) });
    const removed = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'], force: true });
    expect(removed.ok).toBe(false);
    expect(removed.items[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/symbolic link/) });
    expect(await readdir(outside)).toEqual([]);
    expect(await readFile(path.join(skills, 'beta/notes.md'), 'utf8')).toBe('mine');
    expect((await readdir(skills)).sort()).toEqual(['.vibe-skills-backups', 'beta']);
  });
});

describe('remove', () => {
  it('removes exactly the installed folders and the lock entry, nothing else', async () => {
    const src = await source();
    const proj = await project({ '.agents/.keep': '', '.claude/skills/mine/SKILL.md': skill('mine') });
    await install({ ...opts(proj, proj, src), skills: ['alpha', 'beta'], agents: ['claude-code', 'codex'] });
    const r = await remove({ cwd: proj, home: proj, env: {}, skills: ['alpha'] });
    expect(r.ok).toBe(true);
    expect(r.items.map((i) => path.relative(proj, i.dest)).sort()).toEqual(['.agents/skills/alpha', '.claude/skills/alpha']);
    expect(r.lockRemoved).toEqual(['alpha']);
    expect(Object.keys((await readJson(path.join(proj, 'skills-lock.json'))).skills)).toEqual(['beta']);
    expect((await readdir(path.join(proj, '.claude/skills'))).sort()).toEqual(['beta', 'mine']);
  });

  it('never touches the source pack in a project that is itself a skill repository', async () => {
    const proj = await temp.tree({ '.claude/settings.json': '{}', 'skills/beta/SKILL.md': skill('beta') });
    const i = await install({ cwd: proj, home: proj, env: {}, from: '.', skills: ['beta'] });
    expect(i.ok).toBe(true);
    expect(i.items.map((x) => path.relative(proj, x.dest))).toEqual(['.claude/skills/beta']);
    // The installed copy is not a second source: a re-run is a no-op, not a "duplicate name" error.
    const again = await install({ cwd: proj, home: proj, env: {}, from: '.', skills: ['beta'] });
    expect(again.items.map((x) => x.outcome)).toEqual(['unchanged']);
    const r = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'] });
    expect(r.items.map((x) => path.relative(proj, x.dest))).toEqual(['.claude/skills/beta']);
    expect(await exists(path.join(proj, 'skills/beta/SKILL.md'))).toBe(true);
    // The source pack is not an installed copy: the lock entry goes with the last install.
    expect(r.lockRemoved).toEqual(['beta']);
    // Naming OpenClaw (whose folder is skills/) makes the target the source itself: refused.
    const o = await install({ cwd: proj, home: proj, env: {}, from: '.', skills: ['beta'], agents: ['openclaw'] });
    expect(o.items[0]).toMatchObject({ outcome: 'refused' });
  });

  it('keeps the lock entry while another agent folder still holds the skill', async () => {
    const src = await source();
    const proj = await project({ '.agents/.keep': '' });
    await install({ ...opts(proj, proj, src), skills: ['beta'], agents: ['claude-code', 'codex'] });
    const r = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'], agents: ['claude-code'] });
    expect(r.ok).toBe(true);
    expect(r.lockRemoved).toEqual([]);
    expect(await exists(path.join(proj, '.agents/skills/beta'))).toBe(true);
  });

  it("keeps the lock entry while a plain agent folder (openclaw's skills/) holds an installed copy", async () => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['beta'], agents: ['claude-code', 'openclaw'] });
    const first = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'], agents: ['claude-code'] });
    expect(first.ok).toBe(true);
    expect(first.lockRemoved).toEqual([]);
    const second = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'], agents: ['openclaw'] });
    expect(second.ok).toBe(true);
    expect(second.items.map((i) => [path.relative(proj, i.dest), i.outcome])).toEqual([['skills/beta', 'remove']]);
    expect(second.lockRemoved).toEqual(['beta']);
  });

  it('leaves modified and untracked folders unless --force, which keeps a backup', async () => {
    const src = await source();
    const proj = await project({ '.claude/skills/mine/SKILL.md': skill('mine') });
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    await writeFile(path.join(proj, '.claude/skills/beta/notes.md'), 'mine');
    const r = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta', 'mine'] });
    expect(r.ok).toBe(false);
    expect(r.items.map((i) => [i.skill, i.outcome])).toEqual([['beta', 'conflict'], ['mine', 'conflict']]);
    expect(await exists(path.join(proj, '.claude/skills/beta/notes.md'))).toBe(true);
    const f = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'], force: true });
    expect(f.ok).toBe(true);
    expect(await readFile(path.join(f.items[0]!.backup!, 'notes.md'), 'utf8')).toBe('mine');
  });

  it("treats the user's own link to a skill as theirs: kept without --force, kept as a backup with it", async () => {
    const src = await source();
    const proj = await project();
    const dev = await temp.tree({ 'beta/SKILL.md': skill('beta', { body: '# beta\n\nIn development.\n' }) });
    await mkdir(path.join(proj, '.claude/skills'), { recursive: true });
    const link = path.join(proj, '.claude/skills/beta');
    await symlink(path.join(dev, 'beta'), link);

    const installed = await install({ ...opts(proj, proj, src), skills: ['beta'] });
    expect(installed.ok).toBe(false);
    expect(installed.items[0]).toMatchObject({ outcome: 'conflict', reason: expect.stringMatching(/your own link to .* \(no lock entry\)/) });
    const removed = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'] });
    expect(removed.ok).toBe(false);
    expect(removed.items[0]).toMatchObject({ outcome: 'conflict', reason: expect.stringMatching(/your own link/) });
    expect((await stat(link)).isDirectory()).toBe(true);

    const forced = await install({ ...opts(proj, proj, src), skills: ['beta'], force: true });
    expect(forced.ok).toBe(true);
    const backup = forced.items[0]!.backup!;
    expect(await readFile(path.join(backup, 'SKILL.md'), 'utf8')).toMatch(/In development/); // the link, kept, still leads to the dev copy
    expect(await readFile(path.join(dev, 'beta/SKILL.md'), 'utf8')).toMatch(/In development/);
    expect(await readFile(path.join(link, 'SKILL.md'), 'utf8')).toBe(skill('beta'));
  });

  it('says which copies stay when an agent folder leads out of the project, and lists that folder as not read', async () => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    const outside = await temp.tree({});
    await rename(path.join(proj, '.claude'), path.join(outside, 'claude'));
    await symlink(path.join(outside, 'claude'), path.join(proj, '.claude'));
    const r = await remove({ cwd: proj, home: proj, env: {}, skills: ['beta'] });
    expect(r.ok).toBe(false);
    expect(r.items).toEqual([expect.objectContaining({ outcome: 'refused', reason: expect.stringMatching(/resolves to .*, outside/) })]);
    expect(r.lockRemoved).toEqual([]);
    expect(await exists(path.join(outside, 'claude/skills/beta/SKILL.md'))).toBe(true);
    const l = await list({ cwd: proj, home: proj, env: {}, scope: 'project' });
    expect(l.scopes[0]!.folders).toEqual([expect.objectContaining({ dir: path.join(proj, '.claude/skills'), skills: [], refused: expect.stringMatching(/outside/) })]);
  });

  it('says so when a skill is not installed, and rejects non-names', async () => {
    const proj = await project();
    const r = await remove({ cwd: proj, home: proj, env: {}, skills: ['ghost'] });
    expect(r.ok).toBe(false);
    expect(r.notInstalled).toEqual(['ghost']);
    await expect(remove({ cwd: proj, home: proj, env: {}, skills: ['../x'] })).rejects.toThrow(InstallError);
  });
});

describe('list', () => {
  it('reports up to date, modified locally, outdated, broken and untracked', async () => {
    const src = await source({ 'skills/gamma/SKILL.md': skill('gamma'), 'skills/delta/SKILL.md': skill('delta') });
    const proj = await project({ '.claude/skills/hand-made/SKILL.md': skill('hand-made') });
    await install({ ...opts(proj, proj, src), skills: ['alpha', 'beta', 'gamma', 'delta'] });
    await writeFile(path.join(proj, '.claude/skills/beta/SKILL.md'), skill('beta', { body: '# edited\n' }));
    await writeFile(path.join(src, 'skills/gamma/SKILL.md'), skill('gamma', { body: '# gamma v2\n' }));
    await rm(path.join(proj, '.claude/skills/delta/SKILL.md'));
    const r = await list({ cwd: proj, home: proj, env: {}, scope: 'project' });
    const statuses = Object.fromEntries(r.scopes[0]!.folders[0]!.skills.map((s) => [s.name, s.status]));
    expect(statuses).toEqual({ alpha: 'up-to-date', beta: 'modified', gamma: 'outdated', delta: 'broken', 'hand-made': 'untracked' });
    expect(r.scopes[0]!.folders[0]!.agents).toEqual(['claude-code']);
  });

  it('does not walk a huge source a lock names (a forged "source": "/"), and does not compare with a same-named skill there', async () => {
    const src = await source();
    const proj = await project();
    await install({ ...opts(proj, proj, src), skills: ['beta'] });
    // A tree over the bound with another `beta` in it: the walk would find it and call the install outdated.
    const big = await temp.tree({ 'a/beta/SKILL.md': skill('beta', { body: '# not the source\n' }) });
    for (let i = 0; i <= 10_000; i++) await mkdir(path.join(big, `d${i}`));
    const lockFile = path.join(proj, 'skills-lock.json');
    const lock = await readJson(lockFile) as { skills: Record<string, { source: string }> };
    lock.skills['beta']!.source = path.relative(proj, big);
    await writeFile(lockFile, JSON.stringify(lock));
    const r = await list({ cwd: proj, home: proj, env: {}, scope: 'project' });
    expect(r.scopes[0]!.folders[0]!.skills).toEqual([
      expect.objectContaining({ name: 'beta', status: 'up-to-date', detail: `source ${path.relative(proj, big)} has over 10,000 folders; not checked` }),
    ]);
  });
});
