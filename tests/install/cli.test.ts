/**
 * install / remove / list through real subprocesses of the built CLI (`node dist/vibe-skills.js`):
 * exit codes and messages, kill -9 at every step of an install, concurrent installs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, childEnv, exists, readJson, runCli, runCliAsync, skill, snapshot, Temp } from './fixtures.js';

const temp = new Temp();
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await temp.cleanup();
});

async function setup() {
  const src = await temp.tree({
    'skills/alpha/SKILL.md': skill('alpha'),
    'skills/alpha/references/one.md': 'one\n',
    'skills/beta/SKILL.md': skill('beta'),
    'skills/gamma/SKILL.md': skill('gamma'),
    'skills/delta/SKILL.md': skill('delta'),
  });
  const proj = await temp.tree({ '.claude/settings.json': '{}' });
  const home = await temp.tree({});
  return { src, proj, home, env: { HOME: home, XDG_STATE_HOME: undefined, XDG_CONFIG_HOME: undefined, CLAUDE_CONFIG_DIR: undefined } };
}

/** Wait until a file exists; the deadline is a safety net against a hang, not an assertion on time. */
async function waitForFile(file: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await exists(file))) {
    if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}) before pausing`);
    if (Date.now() > deadline) throw new Error(`${file} never appeared`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function start(args: string[], cwd: string, env: Record<string, string | undefined>): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env) });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe('vibe-skills install/remove/list (built CLI)', () => {
  it('has help with examples for each command', () => {
    for (const cmd of ['install', 'remove', 'list']) {
      const r = runCli([cmd, '--help'], { cwd: process.cwd() });
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/Examples:/);
    }
    expect(runCli(['install', '--help'], { cwd: process.cwd() }).stdout).toMatch(/claude-code/);
  });

  it('refuses a CLAUDE_CONFIG_DIR with an unexpanded ~ instead of creating a folder named ~', async () => {
    const { src, proj, home, env } = await setup();
    for (const cmd of [['install', 'alpha', '--from', src], ['list'], ['remove', 'alpha']]) {
      const r = runCli([...cmd, '--global', '--agent', 'claude-code'], { cwd: proj, env: { ...env, CLAUDE_CONFIG_DIR: '~/.claude' } });
      expect(r.code, cmd[0]).toBe(2);
      expect(r.stderr, cmd[0]).toMatch(/^vibe-skills: CLAUDE_CONFIG_DIR is "~\/\.claude", which is not an absolute path \(a quoted ~ is not expanded by the shell\)\n\s+hint: set it without quotes around the ~, or as CLAUDE_CONFIG_DIR="\$HOME\/\.claude"/);
    }
    expect(await exists(path.join(home, '~'))).toBe(false);
    expect(await exists(path.join(proj, '~'))).toBe(false);
    expect(await readdir(home)).toEqual([]);
  });

  it('installs, says when there is nothing to do, lists, and removes', async () => {
    const { src, proj, env } = await setup();
    const first = runCli(['install', 'alpha', '--from', src], { cwd: proj, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\.claude\/skills\/\s+\(claude-code\)/);
    expect(first.stdout).toMatch(/\+ alpha\s+created \(2 files\)/);
    expect(first.stdout).toMatch(/Recorded in skills-lock.json: alpha \(added\)/);

    const again = runCli(['install', 'alpha', '--from', src], { cwd: proj, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing to do: 1 skill already up to date/);

    const listed = runCli(['list', '--project'], { cwd: proj, env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/alpha\s+up to date/);
    const json = JSON.parse(runCli(['list', '--json'], { cwd: proj, env }).stdout);
    expect(json.scopes[0].folders[0].skills[0]).toMatchObject({ name: 'alpha', status: 'up-to-date' });

    const removed = runCli(['remove', 'alpha'], { cwd: proj, env });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/removed/);
    expect(await exists(path.join(proj, '.claude/skills/alpha'))).toBe(false);
    expect((await readJson(path.join(proj, 'skills-lock.json'))).skills).toEqual({});

    const again2 = runCli(['remove', 'alpha'], { cwd: proj, env });
    expect(again2.code).toBe(1);
    expect(again2.stdout).toMatch(/alpha is not installed \(project scope\)\n\s+hint: `vibe-skills list` shows what is installed; add --global/);
  });

  it('prints the plan with --dry-run and --json, changing nothing', async () => {
    const { src, proj, env } = await setup();
    const before = await snapshot(proj);
    const r = runCli(['install', 'alpha', '--from', src, '--dry-run'], { cwd: proj, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/add\s+SKILL\.md/);
    expect(r.stdout).toMatch(/add\s+references\//);
    expect(r.stdout).toMatch(/add\s+references\/one\.md/);
    expect(r.stdout).toMatch(/Dry run: nothing was changed/);
    const j = JSON.parse(runCli(['install', 'alpha', '--from', src, '--dry-run', '--json'], { cwd: proj, env }).stdout);
    expect(j).toMatchObject({ ok: true, dryRun: true, skills: ['alpha'] });
    expect(await snapshot(proj)).toEqual(before);
  });

  it('exits 1 on a conflict and 2 on usage errors, with hints and no stack trace', async () => {
    const { src, proj, env } = await setup();
    runCli(['install', 'beta', '--from', src], { cwd: proj, env });
    await writeFile(path.join(proj, '.claude/skills/beta/SKILL.md'), skill('beta', { body: '# mine\n' }));
    await writeFile(path.join(src, 'skills/beta/SKILL.md'), skill('beta', { body: '# v2\n' }));
    const conflict = runCli(['install', 'beta', '--from', src], { cwd: proj, env });
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toMatch(/! beta\s+not replaced/);
    expect(conflict.stdout).toMatch(/hint: run again with --force/);

    const bare = await temp.tree({});
    for (const args of [['install', 'beta', '--from', src], ['install', 'beta', '--from', src, '--agent', 'nope'], ['install', 'zzz', '--from', src, '--agent', 'codex'], ['remove', '../x'], ['list', '--global', '--project']]) {
      const r = runCli(args, { cwd: bare, env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^vibe-skills: .+\n\s+hint: /);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    // A name typed (or pasted) with an escape sequence is shown, not obeyed by the terminal.
    const esc = runCli(['install', 'x\u001b[2Jy', '--from', src, '--agent', 'codex'], { cwd: bare, env });
    expect(esc.code).toBe(2);
    expect(esc.stderr).toContain('has no skill named "x\\x1B[2Jy"');
    expect(esc.stderr).not.toContain('\u001b');
  });

  // Each step of replacing v1 with v2; a kill there must leave v1 or v2, never a mix, and the
  // next run must finish the job and leave no staging folder behind.
  for (const step of ['staged', 'moved-aside', 'renamed', 'before-lock']) {
    it(`kill -9 at "${step}" leaves the old or the new skill, and the next run cleans up`, async () => {
      const { src, proj, env } = await setup();
      expect(runCli(['install', 'alpha', '--from', src], { cwd: proj, env }).code).toBe(0);
      const skills = path.join(proj, '.claude/skills');
      const v1 = await snapshot(path.join(skills, 'alpha'));
      await writeFile(path.join(src, 'skills/alpha/SKILL.md'), skill('alpha', { body: '# alpha v2\n' }));
      await writeFile(path.join(src, 'skills/alpha/references/two.md'), 'two\n');
      await rm(path.join(src, 'skills/alpha/references/one.md'));
      const v2 = await snapshot(path.join(src, 'skills/alpha'));

      const pause = path.join(await temp.tree({}), 'pause');
      const { child, done } = start(['install', 'alpha', '--from', src], proj, { ...env, VIBE_SKILLS_TEST_PAUSE: step, VIBE_SKILLS_TEST_PAUSE_FILE: pause });
      await waitForFile(pause, child);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');

      // Whatever is on disk now is v1 or v2 in full: under its name, or (between the two
      // renames) the old one set aside.
      const entries = await readdir(skills);
      const current = entries.includes('alpha') ? 'alpha' : entries.find((e) => /^\.alpha\.vibe-old-/.test(e));
      expect(current).toBeDefined();
      expect([v1, v2]).toContainEqual(await snapshot(path.join(skills, current!)));
      expect(JSON.parse(await readFile(path.join(proj, 'skills-lock.json'), 'utf8')).version).toBe(1);

      const next = runCli(['install', 'alpha', '--from', src], { cwd: proj, env });
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      expect((await readdir(skills)).sort()).toEqual(['alpha']);
      expect(await snapshot(path.join(skills, 'alpha'))).toEqual(v2);
      const list = JSON.parse(runCli(['list', '--project', '--json'], { cwd: proj, env }).stdout);
      expect(list.scopes[0].folders[0].skills[0]).toMatchObject({ name: 'alpha', status: 'up-to-date' });
      expect(await exists(path.join(proj, 'skills-lock.json.vibe-lock'))).toBe(false);
    });
  }

  it('kill -9 during remove --force keeps the edited folder: the next run puts it back', async () => {
    const { src, proj, env } = await setup();
    expect(runCli(['install', 'alpha', '--from', src], { cwd: proj, env }).code).toBe(0);
    const skills = path.join(proj, '.claude/skills');
    await writeFile(path.join(skills, 'alpha/notes.md'), 'my edit\n');
    const pause = path.join(await temp.tree({}), 'pause');
    const { child, done } = start(['remove', 'alpha', '--force'], proj, { ...env, VIBE_SKILLS_TEST_PAUSE: 'removing', VIBE_SKILLS_TEST_PAUSE_FILE: pause });
    await waitForFile(pause, child);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const next = runCli(['list', '--project'], { cwd: proj, env });
    expect(next.stdout).toMatch(/left by an interrupted run/);
    const again = runCli(['remove', 'alpha', '--force'], { cwd: proj, env });
    expect(again.stdout).toMatch(/recovered an interrupted run: .*\.alpha\.vibe-keep-\w+ restored/);
    expect(again.code).toBe(0);
    const backups = await readdir(path.join(skills, '.vibe-skills-backups'));
    expect(backups).toHaveLength(1);
    expect(await readFile(path.join(skills, '.vibe-skills-backups', backups[0]!, 'notes.md'), 'utf8')).toBe('my edit\n');
  });

  it('answers a lock it cannot take as an error with a hint, without waiting or spinning', async () => {
    const { src, proj, env, home } = await setup();
    await mkdir(path.join(proj, 'skills-lock.json.vibe-lock'));
    const folder = runCli(['install', 'alpha', '--from', src], { cwd: proj, env, killAfterMs: 60_000 });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('vibe-skills: cannot take the lock skills-lock.json.vibe-lock (EISDIR)\n  hint: skills-lock.json.vibe-lock is a folder; if no vibe-skills is running, delete it\n');
    // The global lock's folder cannot be made: a file stands in the way.
    await writeFile(path.join(home, 'state'), 'not a folder');
    const global = runCli(['install', 'alpha', '--from', src, '--global', '--agent', 'claude-code'], { cwd: proj, env: { ...env, XDG_STATE_HOME: path.join(home, 'state') } });
    expect(global.code).toBe(2);
    expect(global.stderr).toMatch(/^vibe-skills: cannot take the lock .* \((ENOTDIR|EEXIST)\)\n  hint: a file stands where a folder is needed/);
    expect(global.stderr).not.toContain('internal error');
  });

  it('kill -9 during a first install leaves nothing half-made, and the next run removes the staging folder', async () => {
    const { src, proj, env } = await setup();
    const pause = path.join(await temp.tree({}), 'pause');
    const { child, done } = start(['install', 'alpha', '--from', src], proj, { ...env, VIBE_SKILLS_TEST_PAUSE: 'staged', VIBE_SKILLS_TEST_PAUSE_FILE: pause });
    await waitForFile(pause, child);
    child.kill('SIGKILL');
    await done;
    const skills = path.join(proj, '.claude/skills');
    expect(await exists(path.join(skills, 'alpha'))).toBe(false);
    expect((await readdir(skills)).some((e) => e.startsWith('.alpha.vibe-staging-'))).toBe(true);
    const listed = runCli(['list', '--project'], { cwd: proj, env });
    expect(listed.stdout).toMatch(/left by an interrupted run/);
    expect(runCli(['install', 'alpha', '--from', src], { cwd: proj, env }).code).toBe(0);
    expect(await readdir(skills)).toEqual(['alpha']);
  });

  it('two installs at once into one project both finish, and the lock file keeps both', async () => {
    const { src, proj, env } = await setup();
    const dir = await temp.tree({});
    // A holds the project lock (paused just before writing skills-lock.json) ...
    const pauseA = path.join(dir, 'a');
    const a = start(['install', 'alpha', '--from', src], proj, { ...env, VIBE_SKILLS_TEST_PAUSE: 'before-lock', VIBE_SKILLS_TEST_PAUSE_FILE: pauseA });
    await waitForFile(pauseA, a.child);
    // ... B starts and finds it busy; only then does A go on.
    const pauseB = path.join(dir, 'b');
    const b = start(['install', 'beta', '--from', src], proj, { ...env, VIBE_SKILLS_TEST_PAUSE: 'lock-busy', VIBE_SKILLS_TEST_PAUSE_FILE: pauseB });
    await waitForFile(pauseB, b.child);
    await rm(pauseB);
    await rm(pauseA);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code, ra.stderr]).toEqual([0, 0, '']);
    // B said why it waited (it did not look like a hang).
    expect(rb.stderr).toMatch(/^vibe-skills: waiting for another vibe-skills run \(pid \d+ on [^)]+\) to release skills-lock\.json\.vibe-lock\n$/);
    // And a crowd, unsynchronised.
    const crowd = await Promise.all(['gamma', 'delta', 'alpha', 'beta'].map((s) => runCliAsync(['install', s, '--from', src], { cwd: proj, env })));
    expect(crowd.map((c) => c.code)).toEqual([0, 0, 0, 0]);
    const lock = await readJson(path.join(proj, 'skills-lock.json'));
    expect(Object.keys(lock.skills)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect((await readdir(path.join(proj, '.claude/skills'))).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('a project run in the home folder (its .claude/skills is the global one) waits for a global run there', async () => {
    const { src, home, env } = await setup();
    await mkdir(path.join(home, '.claude'));
    const dir = await temp.tree({});
    // A global install holds its locks, paused with alpha staged in ~/.claude/skills ...
    const pauseA = path.join(dir, 'a');
    const a = start(['install', 'alpha', '--from', src, '--global', '--agent', 'claude-code'], home, { ...env, VIBE_SKILLS_TEST_PAUSE: 'staged:alpha', VIBE_SKILLS_TEST_PAUSE_FILE: pauseA });
    await waitForFile(pauseA, a.child);
    // ... a project install in home writes into the same folder under its own scope's lock: it
    // must wait for the folder (it "recovered" the live run's staging folder, and that run failed).
    const pauseB = path.join(dir, 'b');
    const b = start(['install', 'beta', '--from', src, '--agent', 'claude-code'], home, { ...env, VIBE_SKILLS_TEST_PAUSE: 'lock-busy', VIBE_SKILLS_TEST_PAUSE_FILE: pauseB });
    await waitForFile(pauseB, b.child);
    await rm(pauseB);
    await rm(pauseA);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code, ra.stderr]).toEqual([0, 0, '']);
    expect(rb.stderr).toMatch(/^vibe-skills: waiting for another vibe-skills run \(pid \d+ on [^)]+\) to release \.claude\/\.skills\.vibe-lock\n$/);
    expect(ra.stdout + rb.stdout).not.toMatch(/recovered an interrupted run/);
    expect((await readdir(path.join(home, '.claude/skills'))).sort()).toEqual(['alpha', 'beta']);
    // The folder's mutex is gone with the runs; nothing else was created (no ~/.agents for a project run).
    expect((await readdir(path.join(home, '.claude'))).sort()).toEqual(['skills']);
  });

  it("warns when the source is in npx's cache, which npm may delete (the built-in pack run through npx)", async () => {
    const { proj, home, env } = await setup();
    const repo = path.resolve(path.dirname(BIN), '..');
    // What `npx -p vibe-coding-plugin vibe-skills` runs: the package inside <npm cache>/_npx/<hash>/node_modules.
    const modules = path.join(await temp.tree({}), '_npx', '82d67679138ee89e', 'node_modules');
    const pkg = path.join(modules, 'vibe-coding-plugin');
    await mkdir(pkg, { recursive: true });
    for (const entry of ['dist', 'skills', 'package.json']) await cp(path.join(repo, entry), path.join(pkg, entry), { recursive: true });
    const deps = Object.keys((await readJson(path.join(repo, 'package.json'))).dependencies as Record<string, string>);
    for (const dep of deps) await symlink(path.join(repo, 'node_modules', dep), path.join(modules, dep), 'dir');

    const r = spawnSync(process.execPath, [path.join(pkg, 'dist', 'vibe-skills.js'), 'install', 'prisma'], { cwd: proj, env: childEnv(env), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/warning\s+the source is in npx's temporary cache: the lock file records a folder npm may delete/);
    expect(r.stdout).toContain('install the package in the project (npm install --save-dev vibe-coding-plugin)');
    expect(await exists(path.join(proj, '.claude/skills/prisma/SKILL.md'))).toBe(true);
    // Control: the same install from the package where it stays says nothing about its source.
    const lasting = runCli(['install', 'deploy'], { cwd: proj, env: { ...env, HOME: home } });
    expect(lasting.code).toBe(0);
    expect(lasting.stdout).not.toContain('install-source');
  });

  it('warns about version fit on the command line', async () => {
    const { src, proj, env } = await setup();
    await writeFile(path.join(src, 'skills/beta/SKILL.md'), skill('beta', { frontmatter: 'name: beta\ndescription: Handles beta work. Use when a test needs beta.\ncompatibility: inngest 4.x' }));
    await writeFile(path.join(proj, 'package.json'), JSON.stringify({ dependencies: { inngest: '^3.2.0' } }));
    const r = runCli(['install', 'beta', '--from', src], { cwd: proj, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning\s+beta is written for inngest 4\.x \(compatibility\), but package\.json depends on inngest \^3\.2\.0/);
  });
});
