/**
 * The package as a Node script uses it: the built dist/index.js (what `exports` points at),
 * called with what a JavaScript caller may pass, the type declarations unseen. Wrong options
 * are usage errors that say what to pass, never a TypeError from deep inside or an option
 * silently ignored; relative folders mean what they mean to every other function.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempTrees } from '../helpers/tmp.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const lib = (await import(pathToFileURL(path.join(REPO, 'dist', 'index.js')).href)) as typeof import('../../src/index.js');

const tree = useTempTrees();
const skill = (name: string, description = 'Use when a test needs a skill. Does nothing else.') => `---\nname: ${name}\ndescription: ${description}\n---\n# ${name}\n\nBody.\n`;

/** The error `run` rejects with (fails the test if it resolves). */
async function rejection(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** Options as plain JavaScript passes them: unchecked by the compiler. */
const untyped = (o: Record<string, unknown>) => o as never;

describe('validate() options from JavaScript', () => {
  it('refuses paths that are not an array of strings, instead of a TypeError or a run over the working directory', async () => {
    const root = await tree({ 'skills/a/SKILL.md': skill('a') });
    for (const paths of ['skills', 5, [5], [null]]) {
      const e = await rejection(() => lib.validate(untyped({ paths, cwd: root, config: false })));
      expect(e, JSON.stringify(paths)).toBeInstanceOf(lib.ValidateUsageError);
      expect(e.message).toBe('options.paths must be an array of paths');
      expect((e as InstanceType<typeof lib.ValidateUsageError>).hint).toContain("paths: ['skills']");
    }
  });

  it('refuses an unknown rule id, naming the closest one, as --rule does (it was ignored without a word)', async () => {
    const root = await tree({ 'skills/a/SKILL.md': skill('a') });
    const e = await rejection(() => lib.validate({ cwd: root, config: false, rules: { 'descripton-trigger': 'off' } }));
    expect(e).toBeInstanceOf(lib.ValidateUsageError);
    expect(e.message).toBe('options.rules: no rule "descripton-trigger"');
    expect((e as InstanceType<typeof lib.ValidateUsageError>).hint).toContain('did you mean "description-trigger"?');
  });

  it('refuses a severity that is not one, and reads "warn" as "warning" as the config file does', async () => {
    // Named b in folder a: name-matches-folder (an error by default) finds it.
    const root = await tree({ 'skills/a/SKILL.md': skill('b') });
    const e = await rejection(() => lib.validate(untyped({ cwd: root, config: false, rules: { 'name-matches-folder': 'bogus' } })));
    expect(e).toBeInstanceOf(lib.ValidateUsageError);
    expect(e.message).toBe('options.rules.name-matches-folder: "bogus" is not a severity');

    const r = await lib.validate(untyped({ cwd: root, config: false, rules: { 'name-matches-folder': 'warn' } }));
    expect(r.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['name-matches-folder', 'warning']]);
    expect([r.errorCount, r.warningCount]).toEqual([0, 1]);
    expect(r.rules.find((x) => x.id === 'name-matches-folder')?.severity).toBe('warning');
  });

  it('refuses a typecheck object without a project folder, and other mistyped options', async () => {
    const root = await tree({ 'skills/a/SKILL.md': skill('a') });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ typecheck: {} }, 'options.typecheck must be true, false or { project, stubs? } with folder paths'],
      [{ typecheck: 'tc' }, 'options.typecheck must be true, false or { project, stubs? } with folder paths'],
      [{ cwd: 5 }, 'options.cwd must be a folder path'],
      [{ externalSkills: 'shadcn-ui' }, 'options.externalSkills must be an array of skill names'],
      [{ rules: 'description-trigger=off' }, 'options.rules must map rule ids to severities'],
      [{ config: true }, 'options.config must be a file path or false'],
      [{ cache: true }, 'options.cache must be a file path'],
      [{ threads: '4' }, 'options.threads must be a whole number, 1 or more'],
    ];
    for (const [options, message] of cases) {
      const e = await rejection(() => lib.validate(untyped({ cwd: root, config: false, ...options })));
      expect(e, JSON.stringify(options)).toBeInstanceOf(lib.ValidateUsageError);
      expect(e.message).toBe(message);
    }
    const e = await rejection(() => lib.validate(untyped(null as never)));
    expect(e).toBeInstanceOf(lib.ValidateUsageError);
    expect(e.message).toBe('options must be an object');
  });
});

describe('parseConfig() from JavaScript', () => {
  it('checks rule ids against this build\'s rules when no list is given (it threw "Cannot read properties of undefined")', () => {
    expect(lib.parseConfig('{ "rules": { "name-format": "off" } }', 'x.json')).toMatchObject({ rules: { 'name-format': 'off' } });
    let e: unknown;
    try {
      lib.parseConfig('{ "rules": { "name-fromat": "off" } }', 'x.json');
    } catch (error) {
      e = error;
    }
    expect(e).toBeInstanceOf(lib.ConfigError);
    expect((e as Error).message).toBe('x.json: rules.name-fromat: no such rule');
  });
});

describe('relative folders', () => {
  it('readSkill with a relative cwd shows paths relative to it (they came out absolute)', async () => {
    const root = await tree({ 'skills/a/SKILL.md': skill('a') });
    const cwd = path.relative(process.cwd(), root);
    const doc = await lib.readSkill(path.join(cwd, 'skills', 'a', 'SKILL.md'), { cwd });
    expect(doc.readProblem).toBeUndefined();
    expect(doc.file).toBe('skills/a/SKILL.md');
    expect(doc.path).toBe(path.join(root, 'skills', 'a', 'SKILL.md'));
  });

  it('readSkill without options reads relative to the working directory (it threw "Cannot read properties of undefined")', async () => {
    const root = await tree({ 'skills/a/SKILL.md': skill('a') });
    const doc = await lib.readSkill(path.join(root, 'skills', 'a', 'SKILL.md'));
    expect(doc.readProblem).toBeUndefined();
    expect(doc.frontmatter.data.name).toBe('a');
    // Shown as validate shows it from the working directory: relative inside it, else absolute.
    const abs = path.join(root, 'skills', 'a', 'SKILL.md');
    const rel = path.relative(process.cwd(), abs);
    expect(doc.file).toBe(rel.startsWith('..') ? abs : rel.split(path.sep).join('/'));
  });

  it('discoverSkills with a relative cwd shows its notes relative to it', async () => {
    const root = await tree({ 'skills/a/skill.md': skill('a') });
    const cwd = path.relative(process.cwd(), root);
    const r = await lib.discoverSkills('.', { cwd });
    expect(r.notes.map((n) => [n.kind, n.file])).toEqual([['misnamed-skill-file', 'skills/a/skill.md']]);
  });

  it('loadManifests reads a relative root from cwd, as discoverSkills does (it read the working directory)', async () => {
    const root = await tree({ 'plugin.json': JSON.stringify({ name: 'probe-plugin' }) });
    const manifests = await lib.loadManifests('.', root);
    expect(manifests.map((m) => [m.kind, m.file, (m.data as { name?: string }).name])).toEqual([['plugin', 'plugin.json', 'probe-plugin']]);
  });
});

describe('install(), remove() and list() options from JavaScript', () => {
  it('refuses a string where a list of names goes, a missing skills list and mistyped folders, and touches nothing', async () => {
    const source = await tree({ 'skills/a/SKILL.md': skill('a') });
    const project = await tree({ '.claude/settings.json': '{}' });
    const cases: Array<[string, () => Promise<unknown>, string]> = [
      ['install skills: "a"', () => lib.install(untyped({ skills: 'a', from: source, cwd: project })), 'options.skills must be an array of skill names'],
      ['install()', () => lib.install(untyped(undefined as never)), 'options.skills must be an array of skill names'],
      ['install {}', () => lib.install(untyped({ from: source, cwd: project })), 'options.skills must be an array of skill names'],
      ['install agents: "claude-code"', () => lib.install(untyped({ skills: ['a'], agents: 'claude-code', from: source, cwd: project })), 'options.agents must be an array of agent ids'],
      ['install cwd: 5', () => lib.install(untyped({ skills: ['a'], from: source, cwd: 5 })), 'options.cwd must be a folder path'],
      ['remove skills: "a"', () => lib.remove(untyped({ skills: 'a', cwd: project })), 'options.skills must be an array of skill names'],
      ['remove agents: "claude-code"', () => lib.remove(untyped({ skills: ['a'], agents: 'claude-code', cwd: project })), 'options.agents must be an array of agent ids'],
      ['list agents: "claude-code"', () => lib.list(untyped({ agents: 'claude-code', cwd: project })), 'options.agents must be an array of agent ids'],
      ['list scope: "globl"', () => lib.list(untyped({ scope: 'globl', cwd: project })), 'options.scope: "globl" is not a scope'],
      ['list home: true', () => lib.list(untyped({ home: true, cwd: project })), 'options.home must be a folder path'],
      ['install now: "yesterday"', () => lib.install(untyped({ skills: ['a'], from: source, cwd: project, now: 'yesterday' })), 'options.now must be a valid Date'],
      ['install now: Invalid Date', () => lib.install(untyped({ skills: ['a'], from: source, cwd: project, now: new Date('x') })), 'options.now must be a valid Date'],
      ['remove now: 0', () => lib.remove(untyped({ skills: ['a'], cwd: project, now: 0 })), 'options.now must be a valid Date'],
    ];
    for (const [label, run, message] of cases) {
      const e = await rejection(run);
      expect(e, label).toBeInstanceOf(lib.InstallError);
      expect(e.message, label).toBe(message);
    }
    expect((await readdir(project, { recursive: true })).sort()).toEqual(['.claude', path.join('.claude', 'settings.json')]);
  });
});

describe('syncPlugin() and the file system', () => {
  // Linux refuses paths of 4,096 bytes or more: a root whose plugin.json is within the limit
  // but whose .claude-plugin/ is not gets past every check to an lstat that fails (as an
  // unreadable .claude-plugin/ does for a user who is not root, which a test run as root cannot show).
  it.skipIf(process.platform !== 'linux')('words a file-system error as a PluginSyncError, not a bare Node error', async () => {
    const base = await tree({});
    let root = base;
    while (root.length < 4083 - 201) root = path.join(root, 'd'.repeat(200));
    root = path.join(root, 'e'.repeat(4083 - root.length - 1));
    await mkdir(path.join(root, 's'), { recursive: true });
    const plugin = { name: 'p', version: '1.0.0', description: 'A plugin for tests.', author: { name: 'x' }, skills: ['./s'] };
    await writeFile(path.join(root, 'plugin.json'), JSON.stringify(plugin));
    const e = await rejection(() => lib.syncPlugin({ root, cwd: root }));
    expect(e).toBeInstanceOf(lib.PluginSyncError);
    expect(e.message).toBe('.claude-plugin could not be read or written (ENAMETOOLONG)');
    expect((e as InstanceType<typeof lib.PluginSyncError>).hint).toContain('permissions');
  });

  it('refuses a root or cwd that is not a path, and does not word that as a file-system error', async () => {
    for (const options of [{ root: 5 }, { cwd: true }]) {
      const e = await rejection(() => lib.syncPlugin(untyped(options)));
      expect(e, JSON.stringify(options)).toBeInstanceOf(lib.PluginSyncError);
      expect(e.message).toBe(`options.${Object.keys(options)[0]} must be a folder path`);
    }
  });
});

describe('install() from a file', () => {
  it('says the file is not a SKILL.md or a folder (it said its folder had no such skill, "no skills were found there")', async () => {
    const source = await tree({ 'skills/a/SKILL.md': skill('a'), 'notes.txt': 'not a skill\n' });
    const e = await rejection(() => lib.install({ skills: ['a'], from: path.join(source, 'notes.txt'), cwd: source, agents: ['claude-code'], dryRun: true }));
    expect(e).toBeInstanceOf(lib.InstallError);
    expect(e.message).toBe('notes.txt is not a SKILL.md or a folder');
    expect((e as InstanceType<typeof lib.InstallError>).hint).toBe('pass --from a skill folder or a repository of skills');
  });
});
