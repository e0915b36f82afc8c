/**
 * Lock-file interop with the real `skills` CLI 1.7.4 (run on Node >= 22.20, installed into a
 * cache outside the repository by tests/helpers/external-tools.ts), both ways.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureSkillsCli, runWithNode22, scratchEnv } from '../helpers/external-tools.js';
import { exists, readJson, runCli, skill, snapshot, Temp } from './fixtures.js';

const temp = new Temp();
afterEach(() => temp.cleanup());

let skillsCli: string;
beforeAll(async () => {
  skillsCli = await ensureSkillsCli();
}, 900_000);

/** A base folder holding `src/` (a skill repository), a scratch home, and projects beside them. */
async function base() {
  const root = await temp.tree({
    'src/skills/alpha/SKILL.md': skill('alpha'),
    'src/skills/alpha/references/guide.md': '# Guide\n',
    'src/skills/alpha/scripts/run.sh': '#!/bin/sh\necho hi\n',
    'src/skills/beta/SKILL.md': skill('beta'),
    'home/.keep': '',
  });
  const home = path.join(root, 'home');
  const env = scratchEnv(home);
  const project = async (name: string) => {
    const dir = path.join(root, name);
    await mkdir(path.join(dir, '.claude'), { recursive: true });
    return dir;
  };
  const skills = async (args: string[], cwd: string) => {
    const r = await runWithNode22(skillsCli, args, { cwd, env, timeoutMs: 120_000 });
    expect(r.code, `skills ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r;
  };
  const vibe = (args: string[], cwd: string) => runCli(args, { cwd, env: { ...env, CLAUDE_CONFIG_DIR: undefined } });
  return { root, home, env, project, skills, vibe, src: path.join(root, 'src') };
}

describe('lock file interop with the `skills` CLI', () => {
  it('vibe-skills writes the same skills-lock.json, byte for byte, and the same files', async () => {
    const b = await base();
    const ours = await b.project('ours');
    const theirs = await b.project('theirs');
    const r = b.vibe(['install', 'alpha', 'beta', '--from', '../src', '--agent', 'claude-code'], ours);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await b.skills(['add', '../src', '--skill', 'alpha', 'beta', '-a', 'claude-code', '-y'], theirs);
    expect(await readFile(path.join(ours, 'skills-lock.json'), 'utf8')).toBe(await readFile(path.join(theirs, 'skills-lock.json'), 'utf8'));
    expect(await snapshot(path.join(ours, '.claude/skills'))).toEqual(await snapshot(path.join(theirs, '.claude/skills')));
  });

  it('what vibe-skills installs, `skills list` shows with its source, and `skills remove` removes', async () => {
    const b = await base();
    const proj = await b.project('app');
    expect(b.vibe(['install', 'alpha', '--from', '../src', '--agent', 'claude-code'], proj).code).toBe(0);
    const listed = JSON.parse((await b.skills(['list', '--json'], proj)).stdout);
    expect(listed).toEqual([
      expect.objectContaining({ name: 'alpha', path: path.join(proj, '.claude/skills/alpha'), scope: 'project', agents: ['Claude Code'], source: b.src, sourceType: 'local' }),
    ]);
    await b.skills(['remove', 'alpha', '-y'], proj);
    expect(await exists(path.join(proj, '.claude/skills/alpha'))).toBe(false);
    expect((await readJson(path.join(proj, 'skills-lock.json'))).skills).toEqual({});
  });

  it('what `skills add` installs, vibe-skills lists with its status, updates and removes', async () => {
    const b = await base();
    const proj = await b.project('app');
    // Two agents: the `skills` CLI keeps one copy in .agents/skills and links .claude/skills to it.
    await b.skills(['add', '../src', '--skill', 'alpha', 'beta', '-a', 'claude-code', 'codex', '-y'], proj);
    const list = () => JSON.parse(b.vibe(['list', '--project', '--json'], proj).stdout).scopes[0];
    const statuses = () =>
      Object.fromEntries(
        list().folders.flatMap((f: { dir: string; skills: Array<{ name: string; status: string; kind: string }> }) =>
          f.skills.map((s) => [`${path.relative(proj, f.dir)}/${s.name}`, `${s.status}${s.kind === 'symlink' ? ' (link)' : ''}`]),
        ),
      );
    expect(statuses()).toEqual({
      '.agents/skills/alpha': 'up-to-date',
      '.agents/skills/beta': 'up-to-date',
      '.claude/skills/alpha': 'up-to-date (link)',
      '.claude/skills/beta': 'up-to-date (link)',
    });

    await writeFile(path.join(b.src, 'skills/alpha/references/guide.md'), '# Guide v2\n');
    await writeFile(path.join(proj, '.agents/skills/beta/SKILL.md'), skill('beta', { body: '# edited here\n' }));
    expect(statuses()).toEqual({
      '.agents/skills/alpha': 'outdated',
      '.agents/skills/beta': 'modified',
      '.claude/skills/alpha': 'outdated (link)',
      '.claude/skills/beta': 'modified (link)',
    });

    // An untouched, outdated install is updated in place; the edited one is not.
    const up = b.vibe(['install', 'alpha', 'beta', '--from', '../src', '--agent', 'codex'], proj);
    expect(up.code).toBe(1);
    expect(up.stdout).toMatch(/~ alpha\s+updated/);
    expect(up.stdout).toMatch(/! beta\s+not replaced/);
    expect(await readFile(path.join(proj, '.claude/skills/alpha/references/guide.md'), 'utf8')).toBe('# Guide v2\n');
    expect(statuses()['.agents/skills/alpha']).toBe('up-to-date');

    // Removing alpha everywhere removes the link and the copy, and the lock entry.
    const rm = b.vibe(['remove', 'alpha'], proj);
    expect(rm.code).toBe(0);
    expect(await exists(path.join(proj, '.claude/skills/alpha'))).toBe(false);
    expect(await exists(path.join(proj, '.agents/skills/alpha'))).toBe(false);
    expect(Object.keys((await readJson(path.join(proj, 'skills-lock.json'))).skills)).toEqual(['beta']);
    expect(JSON.parse((await b.skills(['list', '--json'], proj)).stdout).map((s: { name: string }) => s.name)).toEqual(['beta']);
  });

  it('global installs are recorded in the `skills` CLI global lock, which `skills list -g` reads', async () => {
    const b = await base();
    const proj = await b.project('app');
    const r = b.vibe(['install', 'beta', '--from', '../src', '--agent', 'claude-code', '--global'], proj);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await exists(path.join(b.home, '.claude/skills/beta/SKILL.md'))).toBe(true);
    const listed = JSON.parse((await b.skills(['list', '-g', '--json'], proj)).stdout);
    expect(listed).toEqual([expect.objectContaining({ name: 'beta', scope: 'global', source: b.src, sourceType: 'local' })]);
  });
});
