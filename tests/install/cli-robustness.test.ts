/**
 * install / remove / list through the built CLI on layouts and files users (or a cloned
 * repository) make that the happy path does not: agent folders linked to each other, a lock
 * file that cannot be written or is not a regular file, links to pseudo-file systems.
 */
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exists, readJson, runCli, skill, Temp } from './fixtures.js';

const temp = new Temp();
afterEach(() => temp.cleanup());

async function setup() {
  const src = await temp.tree({ 'skills/alpha/SKILL.md': skill('alpha'), 'skills/beta/SKILL.md': skill('beta') });
  const proj = await temp.tree({ '.claude/settings.json': '{}' });
  const home = await temp.tree({});
  return { src, proj, home, env: { HOME: home, XDG_STATE_HOME: undefined, XDG_CONFIG_HOME: undefined, CLAUDE_CONFIG_DIR: undefined } };
}

describe('agent folders that are one folder (.claude/skills -> ../.agents/skills)', () => {
  async function shared() {
    const s = await setup();
    await mkdir(path.join(s.proj, '.agents/skills'), { recursive: true });
    await symlink('../.agents/skills', path.join(s.proj, '.claude/skills'));
    return { ...s, copy: path.join(s.proj, '.agents/skills/alpha') };
  }

  it('install and remove treat them as one target: one copy, no false failure', async () => {
    const { src, proj, env, copy } = await shared();
    const installed = runCli(['install', 'alpha', '--from', src], { cwd: proj, env });
    expect(installed.stdout).not.toMatch(/failed/);
    expect(installed.stdout).toMatch(/\n  \.agents\/skills\/ .*\n    \+ alpha\s+created \(1 file\)\nRecorded/);
    expect(installed.code).toBe(0);
    expect((await lstat(copy)).isDirectory()).toBe(true);

    const removed = runCli(['remove', 'alpha'], { cwd: proj, env });
    expect(removed.stdout).not.toMatch(/failed/);
    expect(removed.code).toBe(0);
    expect(await exists(copy)).toBe(false);
    expect((await readJson(path.join(proj, 'skills-lock.json'))).skills).toEqual({});
  });

  it('--symlink links nothing to the shared folder itself: the copy is never replaced by a link to itself', async () => {
    const { src, proj, env, copy } = await shared();
    const first = runCli(['install', 'alpha', '--from', src, '--symlink'], { cwd: proj, env });
    expect(first.stdout).not.toMatch(/link ->/);
    expect(first.code).toBe(0);
    for (const args of [['--symlink'], ['--symlink', '--agent', 'claude-code'], []]) {
      const again = runCli(['install', 'alpha', '--from', src, ...args], { cwd: proj, env });
      expect(again.stdout, args.join(' ')).toMatch(/Nothing to do/);
      expect(again.code, args.join(' ')).toBe(0);
    }
    expect((await lstat(copy)).isDirectory()).toBe(true);
    expect(await readFile(path.join(copy, 'SKILL.md'), 'utf8')).toBe(skill('alpha'));
    expect(runCli(['list', '--project'], { cwd: proj, env }).stdout).toMatch(/alpha\s+up to date/);
  });
});

/** `chattr +i` (binds root too); false where the machine does not offer it. */
function immutable(file: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', file]).status === 0;
}

describe('a lock file that cannot be written after the folders changed', () => {
  it('reports what was installed or removed, says the lock file was not updated, exits 1; a re-run records it', async (ctx) => {
    const { src, proj, env } = await setup();
    expect(runCli(['install', 'alpha', '--from', src], { cwd: proj, env }).code).toBe(0);
    const lockFile = path.join(proj, 'skills-lock.json');
    if (!immutable(lockFile, true)) return ctx.skip();
    try {
      const inst = runCli(['install', 'beta', '--from', src], { cwd: proj, env });
      expect(inst.stderr).toBe('');
      expect(inst.stdout).toMatch(/\+ beta\s+created/);
      expect(inst.stdout).toMatch(/error\s+beta is in place, but skills-lock\.json does not record it: skills-lock\.json could not be written \(EPERM\)/);
      expect(inst.stdout).toMatch(/check the permissions of skills-lock\.json and its folder .*then run the same command again: it records what is already in place/);
      expect(inst.stdout).toMatch(/Installed, but not recorded in skills-lock\.json; see above\.\n$/);
      expect(inst.code).toBe(1);

      const rem = runCli(['remove', 'alpha'], { cwd: proj, env });
      expect(rem.stderr).toBe('');
      expect(rem.stdout).toMatch(/- \.claude\/skills\/alpha\s+removed/);
      expect(rem.stdout).toMatch(/alpha is removed, but skills-lock\.json still lists it: skills-lock\.json could not be written \(EPERM\)/);
      expect(rem.stdout).toContain('✖ 1 problem (1 error, 0 warnings)\n');
      expect(rem.stdout).not.toMatch(/Removed from/);
      expect(rem.code).toBe(1);
      // Nothing of ours is left beside the lock file.
      expect((await readdir(proj)).filter((n) => n.includes('vibe-tmp'))).toEqual([]);
    } finally {
      immutable(lockFile, false);
    }
    expect(runCli(['install', 'beta', '--from', src], { cwd: proj, env }).stdout).toMatch(/Recorded in skills-lock\.json: beta \(added\)/);
    expect(runCli(['remove', 'alpha'], { cwd: proj, env }).stdout).toMatch(/Removed from skills-lock\.json: alpha/);
    expect(Object.keys((await readJson(lockFile)).skills)).toEqual(['beta']);
  });
});

describe('names beside the lock file that look like its temporary files', () => {
  it('deletes only the temp files a write of ours left, never a folder or file that is not one, and installs', async () => {
    const { src, proj, env } = await setup();
    await mkdir(path.join(proj, 'skills-lock.json.vibe-tmp-1'));
    await writeFile(path.join(proj, 'skills-lock.json.vibe-tmp-1/keep.txt'), 'mine\n');
    await writeFile(path.join(proj, 'skills-lock.json.vibe-tmp-notes'), 'mine too\n');
    await mkdir(path.join(proj, 'skills-lock.json.vibe-tmp-0123456789ac'));
    await writeFile(path.join(proj, 'skills-lock.json.vibe-tmp-0123456789ab'), '{"version":1,');
    const r = runCli(['install', 'alpha', '--from', src], { cwd: proj, env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/recovered an interrupted run: skills-lock\.json\.vibe-tmp-0123456789ab deleted/);
    expect(r.stdout).toMatch(/\+ alpha\s+created/);
    expect(r.code).toBe(0);
    expect((await readdir(proj)).filter((n) => n.includes('vibe-tmp')).sort()).toEqual(['skills-lock.json.vibe-tmp-0123456789ac', 'skills-lock.json.vibe-tmp-1', 'skills-lock.json.vibe-tmp-notes']);
    expect(await readFile(path.join(proj, 'skills-lock.json.vibe-tmp-1/keep.txt'), 'utf8')).toBe('mine\n');
  });
});

/** A FIFO nobody writes to: reading it (without O_NONBLOCK) waits forever. */
function fifo(file: string): void {
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

// A hang here is caught by killAfterMs (the process is killed and `code` is null): a safety
// net, not a timing assertion.
const NO_HANG = 60_000;

describe('a lock file that is not a regular file', () => {
  it('a FIFO (or a link to one) as skills-lock.json is the lock-file error for list, install and remove, never a hang', async () => {
    const { src, proj, env } = await setup();
    const fifoDir = await temp.tree({});
    fifo(path.join(fifoDir, 'pipe'));
    for (const make of [() => fifo(path.join(proj, 'skills-lock.json')), () => symlink(path.join(fifoDir, 'pipe'), path.join(proj, 'skills-lock.json'))]) {
      await rm(path.join(proj, 'skills-lock.json'), { force: true });
      await make();
      for (const args of [['list', '-p'], ['install', 'alpha', '--from', src], ['remove', 'alpha']]) {
        const r = runCli(args, { cwd: proj, env, killAfterMs: NO_HANG });
        expect(r.code, args[0]).toBe(1);
        expect(r.stdout, args[0]).toMatch(/skills-lock\.json is not a regular file \(a FIFO, a device or a link to one\)/);
        expect(r.stderr, args[0]).toBe('');
      }
    }
    expect(await exists(path.join(proj, '.claude/skills/alpha'))).toBe(false);
  });

  it('a folder as skills-lock.json says so, with a hint that fits', async () => {
    const { src, proj, env } = await setup();
    await mkdir(path.join(proj, 'skills-lock.json'));
    const r = runCli(['install', 'alpha', '--from', src], { cwd: proj, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/skills-lock\.json is a folder\s+lock-file\n\s+move it away \(the next install writes a new skills-lock\.json\) or restore it from version control/);
  });

  it('a FIFO or a link where the mutex file goes is an error with a hint, never a hang', async () => {
    const { src, proj, env } = await setup();
    const mutex = path.join(proj, 'skills-lock.json.vibe-lock');
    fifo(mutex);
    const r = runCli(['install', 'alpha', '--from', src], { cwd: proj, env, killAfterMs: NO_HANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vibe-skills: cannot take the lock skills-lock.json.vibe-lock (ENOTREG)\n  hint: skills-lock.json.vibe-lock is not a regular file, not a lock vibe-skills made; if no vibe-skills is running, delete it\n');
    await rm(mutex);
    await symlink('/dev/stdin', mutex);
    const l = runCli(['remove', 'alpha'], { cwd: proj, env, killAfterMs: NO_HANG });
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/\(ELOOP\)\n  hint: skills-lock\.json\.vibe-lock is a symbolic link, not a lock vibe-skills made/);
  });
});

describe('a skill entry that links into the system (.claude/skills/x -> /proc)', () => {
  it('is not walked: list, install and remove finish (as root /proc/kmsg would block a read forever)', async () => {
    const { src, proj, env } = await setup();
    await mkdir(path.join(proj, '.claude/skills'));
    for (const [name, to] of [['x', '/proc'], ['y', '/'], ['alpha', '/sys']] as const) await symlink(to, path.join(proj, '.claude/skills', name));
    const listed = runCli(['list', '-p'], { cwd: proj, env, killAfterMs: NO_HANG });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe('Project skills  (skills-lock.json)\n  (none)\n');
    const inst = runCli(['install', 'alpha', '--from', src], { cwd: proj, env, killAfterMs: NO_HANG });
    expect(inst.code).toBe(1);
    expect(inst.stdout).toMatch(/! alpha\s+not replaced\n\s+already there as your own link to \/sys \(no lock entry\)/);
    const rem = runCli(['remove', 'x'], { cwd: proj, env, killAfterMs: NO_HANG });
    expect(rem.code).toBe(1);
    expect(rem.stdout).toMatch(/your own link to \/proc \(no lock entry\)/);
  });
});

describe('--global --symlink for agents without a global folder', () => {
  it('is the same error as without --symlink, and writes nothing', async () => {
    const { src, proj, home, env } = await setup();
    for (const agents of [['eve'], ['eve', 'promptscript']]) {
      const plain = runCli(['install', 'alpha', '--from', src, '--global', '--agent', ...agents], { cwd: proj, env });
      const linked = runCli(['install', 'alpha', '--from', src, '--global', '--agent', ...agents, '--symlink'], { cwd: proj, env });
      expect(plain.code).toBe(2);
      expect(plain.stderr).toMatch(/no global skills folder\n  hint: install into the project instead/);
      expect(linked).toEqual(plain);
    }
    expect(await readdir(home)).toEqual([]);
  });
});

describe('a lock entry without a usable hash', () => {
  it('is described as such, not as "no lock entry", by install and remove (still a conflict without --force)', async () => {
    const { src, proj, env } = await setup();
    expect(runCli(['install', 'alpha', '--from', src], { cwd: proj, env }).code).toBe(0);
    await writeFile(path.join(src, 'skills/alpha/SKILL.md'), skill('alpha', { body: '# v2\n' }));
    const lockFile = path.join(proj, 'skills-lock.json');
    const lock = await readJson(lockFile);
    for (const hash of ['', 42, undefined]) {
      await writeFile(lockFile, JSON.stringify({ ...lock, skills: { alpha: { ...lock.skills.alpha, computedHash: hash } } }));
      for (const args of [['install', 'alpha', '--from', src], ['remove', 'alpha']]) {
        const r = runCli(args, { cwd: proj, env });
        expect(r.code, `${args[0]} ${String(hash)}`).toBe(1);
        expect(r.stdout, `${args[0]} ${String(hash)}`).toMatch(/its lock entry has no usable hash, so local changes cannot be ruled out\n\s+hint: run again with --force/);
        expect(r.stdout).not.toMatch(/no lock entry/);
      }
    }
  });
});

describe('a lock held on another host', () => {
  it('is an error with a hint at once, not minutes of waiting', async () => {
    const { src, proj, env } = await setup();
    const mutex = path.join(proj, 'skills-lock.json.vibe-lock');
    await writeFile(mutex, JSON.stringify({ pid: 1, host: 'other-host', token: 'x' }));
    const r = runCli(['install', 'alpha', '--from', src], { cwd: proj, env, killAfterMs: NO_HANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'vibe-skills: another vibe-skills process (pid 1 on other-host) holds skills-lock.json.vibe-lock\n' +
        '  hint: vibe-skills cannot check from here whether that process still runs; if it does not (a killed container, a lock file committed by mistake), delete skills-lock.json.vibe-lock\n',
    );
    expect(await exists(mutex)).toBe(true);
  });
});

describe('exit codes for an unusable lock file', () => {
  it('are 1 for install, remove and list, as --help and the README say', async () => {
    const { src, proj, env } = await setup();
    await writeFile(path.join(proj, 'skills-lock.json'), '{"version": 1, "skills": [');
    for (const args of [['install', 'alpha', '--from', src], ['remove', 'alpha'], ['list', '-p']]) {
      const r = runCli(args, { cwd: proj, env });
      expect(r.code, args[0]).toBe(1);
      expect(r.stdout, args[0]).toMatch(/skills-lock\.json/);
      expect(r.stderr, args[0]).toBe('');
    }
    // list names the file once, with the place and the fix (it printed "skills-lock.json: skills-lock.json is not valid JSON", no hint).
    const listed = runCli(['list', '-p'], { cwd: proj, env }).stdout;
    expect(listed).toMatch(/^  skills-lock\.json is not valid JSON: .* \(line 1, column \d+\)\n  hint: Fix the file by hand, or move it away/m);
    for (const cmd of ['install', 'remove']) {
      const help = runCli([cmd, '--help'], { cwd: proj, env }).stdout.replace(/\s+/g, ' ');
      expect(help, cmd).toMatch(/1 [^,]+.*or a lock file that cannot be read or written, 2 usage error/);
      expect(help, cmd).toMatch(/a \.vibe-lock, beside the lock file or beside a skills folder, busy or unusable\)/);
    }
    const readme = (await readFile(path.join(import.meta.dirname, '../../README.md'), 'utf8')).replace(/\s+/g, ' ');
    expect(readme).toMatch(/1 something was not done \([^)]*a lock file that cannot be read[^)]*\); 2 a usage error, or one the environment causes \(no agent found, a `\.vibe-lock`, beside the lock file or beside a skills folder, busy or unusable\)/);
  });
});

describe('a run that stops after taking the skills folders\' mutexes', () => {
  it('leaves no folder it made for them: an unreadable lock file stops install before anything is written', async () => {
    const { src, proj, home, env } = await setup();
    // Project: .agents/ (codex) and .claude/skills/ are not there yet.
    await mkdir(path.join(proj, 'skills-lock.json'));
    const r = runCli(['install', 'alpha', '--from', src, '--agent', 'codex', 'claude-code'], { cwd: proj, env });
    expect(r.stdout).toContain('skills-lock.json is a folder');
    expect(r.code).toBe(1);
    expect((await readdir(proj)).sort()).toEqual(['.claude', 'skills-lock.json']);
    expect(await readdir(path.join(proj, '.claude'))).toEqual(['settings.json']);
    // Global: ~/.config/goose/ and ~/.claude/ are not there yet; ~/.agents/ holds the unreadable lock file.
    await mkdir(path.join(home, '.agents/.skill-lock.json'), { recursive: true });
    const g = runCli(['install', 'alpha', '--from', src, '--global', '--agent', 'goose', 'claude-code'], { cwd: proj, env });
    expect(g.stdout).toContain('.skill-lock.json is a folder');
    expect(g.code).toBe(1);
    expect(await readdir(home)).toEqual(['.agents']);
    expect(await readdir(path.join(home, '.agents'))).toEqual(['.skill-lock.json']);
  });

  it('keeps the folders a successful install made, and leaves no mutex behind', async () => {
    const { src, proj, env } = await setup();
    const r = runCli(['install', 'alpha', '--from', src, '--agent', 'codex'], { cwd: proj, env });
    expect(r.code).toBe(0);
    expect(await readdir(path.join(proj, '.agents'))).toEqual(['skills']);
    expect(await exists(path.join(proj, '.agents/.skills.vibe-lock'))).toBe(false);
  });
});
