import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { spawn, spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, runCliAsync } from '../helpers/cli.js';
import { type Tree, useTempTrees } from '../helpers/tmp.js';

const tree = useTempTrees();

const good = (name: string) =>
  `---\nname: ${name}\ndescription: Formats release notes from merged pull requests. Use when the user asks for a changelog or release notes.\n---\n\n# ${name}\n\nSteps.\n`;

describe('vibe-skills validate (built CLI)', () => {
  it('exits 0 on a clean tree and prints a summary', async () => {
    const root = await tree({ 'skills/release-notes/SKILL.md': good('release-notes') });
    const r = runCli(['validate'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 skill/);
  });

  it('exits 1 on a lint error, naming file, line and rule', async () => {
    const root = await tree({ 'skills/a/SKILL.md': '---\nname: a\ndescription: Use when: broken\n---\n' });
    const r = runCli(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('skills/a/SKILL.md');
    expect(r.stdout).toMatch(/3:1\s+error/);
  });

  it('exits 2 on usage and I/O errors, with a hint and no stack trace', async () => {
    const root = await tree({ 'skills/a/SKILL.md': good('a'), 'bad/.vibe-skills.json': '{ "rules": { "nope": "off" } }' });
    for (const args of [['validate', '--typecheck', '--stubs', 'stubs'], ['validate', 'missing-folder'], ['validate', '--format', 'xml'], ['validate', '--max-warnings', 'x'], ['validate', '--rule', 'nope=off'], ['validate', '--bogus'], ['validate', '--config', 'bad/.vibe-skills.json']]) {
      const r = runCli(args, { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(runCli(['validate', '--typecheck', '--stubs', 'stubs'], { cwd: root }).stderr).toMatch(/^vibe-skills: --stubs goes with --project\n\s+hint: pass --project <folder> too/);
    const missing = runCli(['validate', 'missing-folder'], { cwd: root });
    expect(missing.stderr).toMatch(/missing-folder does not exist\n\s+hint:/);
  });

  it('gives a FIFO named on the command line the verdict it gets through discovery; a device is a usage error', async () => {
    const root = await tree({ 'x/.keep': '' });
    execFileSync('mkfifo', [path.join(root, 'x', 'SKILL.md')]);
    for (const arg of ['x/SKILL.md', 'x']) {
      const r = runCli(['validate', '--format', 'json', arg], { cwd: root });
      expect(r.code, arg).toBe(1);
      expect((JSON.parse(r.stdout) as { diagnostics: unknown[] }).diagnostics, arg).toMatchObject([{ ruleId: 'file-readable', file: 'x/SKILL.md', message: 'SKILL.md is not a regular file' }]);
    }
    const device = runCli(['validate', '/dev/null'], { cwd: root });
    expect(device.code).toBe(2);
    expect(device.stderr).toMatch(/^vibe-skills: \/dev\/null is not a SKILL.md or a folder\n/);
  });

  it('reports a finding once when the paths repeat or overlap', async () => {
    const root = await tree({ 'a/skills/s/SKILL.md': good('s'), 'a/.claude-plugin/plugin.json': '{"name":"p","version":1}' });
    const once = JSON.parse(runCli(['validate', '--format', 'json', 'a'], { cwd: root }).stdout) as { diagnostics: Array<{ ruleId: string }> };
    expect(once.diagnostics.filter((d) => d.ruleId === 'manifest-schema')).toHaveLength(1);
    for (const args of [['a', 'a'], ['a', './a/'], ['a', 'a/skills']]) {
      const r = runCli(['validate', '--format', 'json', ...args], { cwd: root });
      expect(JSON.parse(r.stdout), args.join(' ')).toEqual(once);
    }
  });

  it('says how deep it looked when it finds no skill', async () => {
    const root = await tree({ 'a/b/c/d/e/f/g/SKILL.md': good('g') });
    const r = runCli(['validate'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no SKILL.md found in \.\n\s+hint: .*5 folders deep/);
    expect(runCli(['validate', 'a/b/c/d/e/f/g'], { cwd: root }).code).toBe(0);
  });

  it('--strict and --max-warnings turn warnings into failure; --quiet hides them', async () => {
    const warnOnly = '---\nname: w\ndescription: Formats release notes. Use when asked for release notes.\n---\n\n# w\n\n```\nno language\n```\n';
    const root = await tree({ 'skills/w/SKILL.md': warnOnly });
    const plain = runCli(['validate', '--format', 'json'], { cwd: root });
    const warnings = (JSON.parse(plain.stdout) as { summary: { warnings: number } }).summary.warnings;
    expect(warnings).toBeGreaterThan(0);
    expect(plain.code).toBe(0);
    expect(runCli(['validate', '--strict'], { cwd: root }).code).toBe(1);
    expect(runCli(['validate', '--max-warnings', String(warnings)], { cwd: root }).code).toBe(0);
    expect(runCli(['validate', '--max-warnings', String(warnings - 1)], { cwd: root }).code).toBe(1);
    const quiet = runCli(['validate', '--quiet', '--format', 'json'], { cwd: root });
    expect((JSON.parse(quiet.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([]);
    expect(quiet.code).toBe(0);
  });

  it('says why it fails when the failing warnings are hidden by --quiet', async () => {
    const warnOnly = '---\nname: w\ndescription: Formats release notes. Use when asked for release notes.\n---\n\n# w\n\n```\nno language\n```\n';
    const root = await tree({ 'skills/w/SKILL.md': warnOnly });
    const strict = runCli(['validate', '-q', '--strict'], { cwd: root });
    expect(strict.stdout).toBe('✔ 1 skill checked, no errors (1 warning not shown: --quiet)\n');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^vibe-skills: 1 warning, failing the run under --strict \(not shown: --quiet hides warnings; run without it to see them\)\n$/);
    const max = runCli(['validate', '-q', '--max-warnings', '0', '--format', 'json'], { cwd: root });
    expect(max.code).toBe(1);
    expect(max.stderr).toContain('1 warning, more than --max-warnings 0 (not shown: --quiet hides warnings');
    // Not shown, and failing nothing: nothing to say.
    expect(runCli(['validate', '-q'], { cwd: root }).stderr).toBe('');
  });

  it('applies severity overrides from the command line and from .vibe-skills.json', async () => {
    const root = await tree({ 'skills/a/SKILL.md': '---\nname: a\ndescription: Use when: broken\n---\n' });
    expect(runCli(['validate', '--rule', 'frontmatter-portable=warning'], { cwd: root }).code).toBe(0);
    const withConfig = await tree({
      'skills/a/SKILL.md': '---\nname: a\ndescription: Use when: broken\n---\n',
      '.vibe-skills.json': JSON.stringify({ rules: { 'frontmatter-portable': 'off' } }),
    });
    const r = runCli(['validate', '--format', 'json'], { cwd: withConfig });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('frontmatter-portable');
    expect(runCli(['validate', '--no-config'], { cwd: withConfig }).code).toBe(1);
  });

  it('never colours when NO_COLOR is set, colours when forced', async () => {
    const root = await tree({ 'skills/a/SKILL.md': '---\nname: a\ndescription: Use when: broken\n---\n' });
    expect(runCli(['validate'], { cwd: root }).stdout).not.toContain('\u001b[');
    expect(runCli(['validate'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });

  it('writes every format in full to a pipe, even when the report is large', async () => {
    const files: Tree = {};
    for (let i = 0; i < 1500; i++) files[`skills/s${i}/SKILL.md`] = `---\nname: wrong-${i}\ndescription: Use when: broken ${i}\n---\n`;
    const root = await tree(files);
    for (const format of ['json', 'sarif']) {
      const r = await runCliAsync(['validate', '--format', format], { cwd: root });
      expect(r.code).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(64 * 1024);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
    const gh = await runCliAsync(['validate', '--format', 'github'], { cwd: root });
    expect(gh.stdout.split('\n').filter((l) => l.startsWith('::error')).length).toBeGreaterThanOrEqual(1500);
  });

  it('writes the report to a file with --output', async () => {
    const root = await tree({ 'skills/a/SKILL.md': good('a') });
    const r = runCli(['validate', '--format', 'sarif', '--output', 'out.sarif'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(await readFile(path.join(root, 'out.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });

  it('answers an --output it cannot write as an I/O error with a hint, not as a bug', async () => {
    const root = await tree({ 'skills/a/SKILL.md': good('a'), 'taken/.keep': '' });
    const missing = runCli(['validate', '--format', 'json', '-o', 'no/such/dir/report.json'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('vibe-skills: the report could not be written to no/such/dir/report.json (ENOENT)\n  hint: create its folder first, or pass another path to -o\n');
    const folder = runCli(['validate', '-o', 'taken'], { cwd: root });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/could not be written to taken \(EISDIR\)\n\s+hint: pass a writable file path to -o/);
  });

  it('never writes the report through a symbolic link or over a SKILL.md it lints', async () => {
    const root = await tree({ 'repo/skills/a/SKILL.md': good('a'), 'victim.txt': 'precious\n', 'repo/old.sarif': 'stale' });
    const repo = path.join(root, 'repo');
    // A pull request can commit a link where the GitHub Action writes vibe-skills.sarif.
    await symlink('../victim.txt', path.join(repo, 'vibe-skills.sarif'));
    const link = runCli(['validate', '--format', 'sarif', '-o', 'vibe-skills.sarif'], { cwd: repo });
    expect(link.code).toBe(2);
    expect(link.stderr).toBe('vibe-skills: the report was not written: vibe-skills.sarif is a symbolic link, and a report is never written through one\n  hint: remove the link, or pass another path to -o\n');
    expect(await readFile(path.join(root, 'victim.txt'), 'utf8')).toBe('precious\n');
    const input = runCli(['validate', '-o', 'skills/a/SKILL.md'], { cwd: repo });
    expect(input.code).toBe(2);
    expect(input.stderr).toMatch(/^vibe-skills: the report was not written: skills\/a\/SKILL.md is a SKILL.md this run lints\n/);
    expect(await readFile(path.join(repo, 'skills/a/SKILL.md'), 'utf8')).toBe(good('a'));
    // An ordinary file is replaced.
    expect(runCli(['validate', '--format', 'sarif', '-o', 'old.sarif'], { cwd: repo }).code).toBe(0);
    expect(JSON.parse(await readFile(path.join(repo, 'old.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('reports a SKILL.md with 125,000 findings (no stack overflow), and says what --quiet hid', async () => {
    // One million bytes of empty fences, under the 1 MiB cap: one code-fence-language warning each.
    const fences = '```\n```\n'.repeat(125_000);
    const root = await tree({ 'skills/f/SKILL.md': `---\nname: f\ndescription: Formats release notes. Use when asked for release notes.\n---\n${fences}` });
    const r = runCli(['validate', '-q', '--strict'], { cwd: root });
    const hidden = /^vibe-skills: (\d+) warnings, failing the run under --strict \(not shown: --quiet hides warnings; run without it to see them\)\n$/.exec(r.stderr)?.[1];
    expect(Number(hidden)).toBeGreaterThanOrEqual(125_000);
    expect(r.stdout).toBe(`✔ 1 skill checked, no errors (${hidden} warnings not shown: --quiet)\n`);
    expect(r.code).toBe(1);
    const full = runCli(['validate'], { cwd: root });
    expect(full.code).toBe(0);
    expect(full.stdout.split('\n').filter((l) => l.includes('code-fence-language'))).toHaveLength(125_000);
  });

  it('ends quietly when the reader of its output goes away, and says so when the output is full', async () => {
    const files: Tree = {};
    for (let i = 0; i < 300; i++) files[`skills/s${i}/SKILL.md`] = `---\nname: wrong-${i}\ndescription: Use when: broken ${i}\n---\n`;
    const root = await tree(files);
    // `vibe-skills validate | head -1`: the pipe closes after the first line.
    const child = spawn(process.execPath, [BIN, 'validate'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1); // the lint result, not a crash
    if (existsSync('/dev/full')) {
      const full = spawnSync(process.execPath, [BIN, 'rules'], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
      expect(full.stderr).toBe('vibe-skills: standard output could not be written (ENOSPC)\n');
      expect(full.status).toBe(2);
    }
  });

  it('has --help for the program and the command', async () => {
    const root = await tree({});
    const top = runCli(['--help'], { cwd: root });
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/validate/);
    const sub = runCli(['validate', '--help'], { cwd: root });
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/Exit codes/);
    expect(runCli(['--version'], { cwd: root }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('answers a bad number option as a usage error that says what to write, not as an internal error', async () => {
    const root = await tree({ 'skills/release-notes/SKILL.md': good('release-notes') });
    for (const args of [['--max-warnings', 'x'], ['--max-warnings', '-1'], ['--max-warnings', ''], ['--max-warnings', ' '], ['--max-warnings', '0x1'], ['--max-warnings', '1.5'], ['--threads', '0'], ['--threads', '1e1']]) {
      const r = runCli(['validate', ...args], { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${args[0]}`);
      expect(r.stderr).toContain('whole number');
      expect(r.stderr).not.toContain('internal error');
    }
  });
});

describe('a tree with only a misnamed skill.md', () => {
  it('reports the file instead of saying nothing was found', async () => {
    const root = await tree({ 'skills/a/skill.md': good('a') });
    const r = runCli(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('skills/a/skill.md');
    expect(r.stdout).toContain('skill-file-name');
  });
});

describe('a configuration file that names folders for --typecheck', () => {
  const demo = `---\nname: demo\ndescription: Demonstrates a thing for testing. Use when the user asks about demo.\n---\n# D\n\n\`\`\`ts\nconst x: number = 1;\n\`\`\`\n`;

  it('never loads a compiler from the folder it names: that would run the repository\'s code', async () => {
    const canary = path.join(os.tmpdir(), `vibe-skills-canary-${process.pid}-${Date.now()}`);
    const root = await tree({
      'skills/demo/SKILL.md': demo,
      '.vibe-skills.json': JSON.stringify({ typecheck: { project: 'tc' } }),
      'tc/tsconfig.json': '{}',
      'tc/node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', main: 'index.js' }),
      'tc/node_modules/typescript/index.js': `require("fs").writeFileSync(${JSON.stringify(canary)}, "ran")`,
    });
    const r = runCli(['validate', '--typecheck'], { cwd: root });
    expect(existsSync(canary)).toBe(false);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/typecheck: 1 block compiled/);
    expect(r.code).toBe(0);
  });

  it('refuses folders outside its own folder, and a config that links out of the tree', async () => {
    const root = await tree({ 'skills/demo/SKILL.md': demo, 'tc/tsconfig.json': '{}' });
    for (const typecheck of [{ project: 'tc', stubs: '/' }, { project: '../..' }]) {
      await writeFile(path.join(root, '.vibe-skills.json'), JSON.stringify({ typecheck }));
      const r = runCli(['validate', '--typecheck'], { cwd: root });
      expect(r.code, JSON.stringify(typecheck)).toBe(2);
      expect(r.stderr).toMatch(/^vibe-skills: \.vibe-skills\.json: typecheck\.(stubs|project) leaves the folder of the configuration file .*\n\s+hint: /);
    }
    const outside = await tree({ 'secret.json': '{ "PRIVATE_TOKEN_field": 1 }' });
    const linked = await tree({ 'skills/demo/SKILL.md': demo });
    await symlink(path.join(outside, 'secret.json'), path.join(linked, '.vibe-skills.json'));
    const r = runCli(['validate'], { cwd: linked });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a symbolic link to a file outside its folder; not read/);
    expect(r.stderr).not.toContain('PRIVATE_TOKEN');
  });
});

describe('a type check that cannot run', () => {
  const demo = `---\nname: demo\ndescription: Demonstrates a thing for testing. Use when the user asks about demo.\n---\n# D\n\n\`\`\`ts\nconst x: number = 1;\n\`\`\`\n`;

  // Nothing was checked, so this is a set-up error (2), not "the skills have errors" (1): CI
  // and the GitHub Action tell the two apart. The report still names the problem and its fix.
  it('exits 2 with the reason on standard error, and no "blocks compiled" line', async () => {
    const root = await tree({
      'skills/demo/SKILL.md': demo,
      'no-config/placeholder.txt': '',
      'bad-json/tsconfig.json': '{ "compilerOptions": ',
      // No node_modules/typescript on the way up from here, and --project is the compiler's folder:
      // the fallback is vibe-skills' own copy, so an unusable one must be planted to see "no TypeScript".
      'fake-ts/tsconfig.json': '{}',
      'fake-ts/node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', main: 'index.js' }),
      'fake-ts/node_modules/typescript/index.js': 'module.exports = { version: "4.9.5" };',
      // The options it extends are unknown: compiling without them would report the wrong errors.
      'extends-missing/tsconfig.json': '{ "extends": "./base.json" }',
      'extends-package/tsconfig.json': '{ "extends": "@tsconfig/not-installed/tsconfig.json" }',
      'extends-bad/tsconfig.json': '{ "extends": "./base.json" }',
      'extends-bad/base.json': '{ "compilerOptions": ',
      'extends-loop/tsconfig.json': '{ "extends": "./tsconfig.json" }',
      'extends-outside/tsconfig.json': '{ "extends": "/etc/hostname" }',
      'a-file': 'not a folder',
    });
    await symlink('loop', path.join(root, 'loop'));
    await mkdir(path.join(root, 'fifo'));
    execFileSync('mkfifo', [path.join(root, 'fifo', 'tsconfig.json')]);
    const cases: Array<[string[], RegExp]> = [
      [['--project', 'nowhere'], /type-check project folder nowhere does not exist/],
      [['--project', 'no-config'], /type-check project no-config has no tsconfig\.json/],
      [['--project', 'bad-json'], /bad-json\/tsconfig\.json could not be read: TS1109/],
      [['--project', 'no-config', '--stubs', 'no-stubs'], /has no tsconfig\.json/],
      [['--project', 'fake-ts'], /not the TypeScript compiler|too old/],
      [['--project', 'extends-missing'], /extends-missing\/tsconfig\.json could not be read: TS5083: Cannot read file '.*base\.json'/],
      [['--project', 'extends-package'], /extends-package\/tsconfig\.json could not be read: TS6053: File '@tsconfig\/not-installed\/tsconfig\.json' not found/],
      [['--project', 'extends-bad'], /extends-bad\/base\.json could not be read: TS1\d\d\d/],
      [['--project', 'extends-loop'], /extends-loop\/tsconfig\.json could not be read: TS18000: Circularity/],
      [['--project', 'extends-outside'], /extends-outside\/tsconfig\.json could not be read: TS(5083|6053)/],
      [['--project', 'a-file'], /type-check project folder a-file is not a folder/],
      [['--project', 'loop'], /type-check project folder loop is a loop of symbolic links/],
      [['--project', 'fifo'], /fifo\/tsconfig\.json is not a regular file/],
    ];
    for (const [flags, reason] of cases) {
      const r = runCli(['validate', '--typecheck', ...flags], { cwd: root });
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr, flags.join(' ')).toMatch(new RegExp(`^vibe-skills: the type check could not run: .*${reason.source}`, 'm'));
      expect(r.stdout, flags.join(' ')).toMatch(/typecheck/);
      expect(r.stdout, flags.join(' ')).not.toMatch(/blocks? compiled/);
    }
    const json = runCli(['validate', '--typecheck', '--project', 'nowhere', '--format', 'json'], { cwd: root });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).summary.typecheck).toBeUndefined();
    // A config it extends (or a linked tsconfig.json) that is not a small regular file in the project
    // is not read, and the report says why: a FIFO blocked the read for ever, a huge file ran the
    // process out of memory, and a refused link was only "Cannot read file".
    const hostile = await tree({
      'skills/demo/SKILL.md': demo,
      'extends-fifo/tsconfig.json': '{ "extends": "./base.json" }',
      'extends-huge/tsconfig.json': '{ "extends": "./base.json" }',
      'extends-huge/base.json': `{${' '.repeat(2 * 1024 * 1024)}}`,
      'extends-gone/tsconfig.json': '{ "extends": "./base.json" }',
      'elsewhere.json': '{}',
    });
    execFileSync('mkfifo', [path.join(hostile, 'extends-fifo', 'base.json')]);
    await mkdir(path.join(hostile, 'linked'));
    await symlink('../elsewhere.json', path.join(hostile, 'linked', 'tsconfig.json'));
    const refusals: Array<[string, RegExp]> = [
      ['extends-fifo', /extends-fifo\/tsconfig\.json could not be read: TS5083: Cannot read file '.*base\.json': it is not a regular file\.$/],
      ['extends-huge', /extends-huge\/tsconfig\.json could not be read: TS5083: Cannot read file '.*base\.json': it is larger than 1 MiB\.$/],
      ['extends-gone', /extends-gone\/tsconfig\.json could not be read: TS5083: Cannot read file '.*base\.json': it does not exist\.$/],
      ['linked', /linked\/tsconfig\.json could not be read: TS5083: Cannot read file '.*tsconfig\.json': it links to a file outside the project folder and its node_modules\.$/],
    ];
    for (const [project, reason] of refusals) {
      const r = spawnSync(process.execPath, [BIN, 'validate', '--typecheck', '--project', project], { cwd: hostile, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
      expect(r.signal, project).toBeNull();
      expect(r.status, project).toBe(2);
      expect(r.stderr, project).toMatch(new RegExp(`^vibe-skills: the type check could not run: ${reason.source}`, 'm'));
    }
    // The rule is off: the compiler does not run, so nothing is needed for it, and the run says so.
    const off = runCli(['validate', '--typecheck', '--project', 'nowhere', '--rule', 'typecheck=off'], { cwd: root });
    expect(off.code).toBe(0);
    expect(off.stderr).toMatch(/^vibe-skills: --typecheck did nothing: the typecheck rule is off/m);
    expect(off.stdout).not.toMatch(/typecheck/);
    // Nothing to compile: nothing needed, nothing wrong.
    const prose = await tree({ 'skills/demo/SKILL.md': demo.replace('```ts', '```ts nocheck') });
    const none = runCli(['validate', '--typecheck', '--project', 'nowhere'], { cwd: prose });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/typecheck: 0 blocks compiled, 1 opted out/);
  });
});

describe('a hostile configuration file', () => {
  it('is refused when it is a FIFO or oversized, without hanging or reading it', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifoRoot = await tree({ 'skills/a/SKILL.md': good('a') });
    execFileSync('mkfifo', [path.join(fifoRoot, '.vibe-skills.json')]);
    const fifo = runCli(['validate'], { cwd: fifoRoot });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/\.vibe-skills\.json: not a readable file/);
    const bigRoot = await tree({ 'skills/a/SKILL.md': good('a'), '.vibe-skills.json': `{"rules":{}${' '.repeat(2 * 1024 * 1024)}}` });
    const big = runCli(['validate'], { cwd: bigRoot });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/over the \d+-byte limit/);
  });
});

describe('a configuration file with mistakes', () => {
  // Through the bundled CLI: zod/mini ships no locale, so this proves the English one is bundled.
  it('says so when "ignore" leaves nothing to lint, instead of "no SKILL.md found"', async () => {
    for (const ignore of [['.'], [''], ['/']]) {
      const root = await tree({ 'skills/a/SKILL.md': good('a'), '.vibe-skills.json': JSON.stringify({ ignore }) });
      const r = runCli(['validate'], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^vibe-skills: every SKILL\.md found \(1 file\) is ignored by "ignore" in \.vibe-skills\.json\n\s+hint: narrow "ignore"/);
    }
  });

  it("names the field and says what is wrong in zod's English", async () => {
    const cases: [string, string][] = [
      ['{"rules":{"frontmatter-portable":"warnings"}}', 'rules.frontmatter-portable: Invalid option: expected one of "error"|"warning"|"warn"|"off"'],
      ['{"rules":{},"ignores":[],"x":1}', '(root): Unrecognized keys: "ignores", "x"'],
      ['{"externalSkills":"shadcn-ui"}', 'externalSkills: Invalid input: expected array, received string'],
      ['{"typecheck":{"project":"p","stub":"s"}}', 'typecheck: Unrecognized key: "stub"'],
      ['{"typecheck":{}}', 'typecheck.project: Invalid input: expected string, received undefined'],
      // A record schema would turn this key into a prototype and drop it without a word.
      ['{"rules":{"__proto__":"bogus"}}', 'rules.__proto__: no such rule'],
    ];
    for (const [config, message] of cases) {
      const root = await tree({ 'skills/a/SKILL.md': good('a'), '.vibe-skills.json': config });
      const r = runCli(['validate'], { cwd: root });
      expect(r.code, config).toBe(2);
      expect(r.stderr, config).toContain(`.vibe-skills.json: ${message}\n`);
    }
  });
});
