/**
 * `vibe-skills plugin sync` as users run it: the built CLI in a subprocess.
 * (Needs src/cli/main.ts to register src/cli/commands/plugin.ts.)
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { PLUGIN_COMPONENTS } from '../helpers/plugin-components.js';
import { useTempTrees } from '../helpers/tmp.js';

const tree = useTempTrees();
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const OWN = { name: 'pack', version: '1.0.0', description: 'A pack.', author: { name: 'Ada' }, skills: ['./skills/a'] };
const SKILL = '---\nname: a\ndescription: Use when testing.\n---\n';
const DERIVED = ['.claude-plugin/plugin.json', '.claude-plugin/marketplace.json'];

/** Each derived file's bytes and inode: sync replaces a file by renaming a new one over it, so a write changes the inode. */
async function snapshot(root: string): Promise<[string, string, number][]> {
  return Promise.all(DERIVED.map(async (rel) => [rel, await readFile(path.join(root, rel), 'latin1'), (await stat(path.join(root, rel))).ino] as [string, string, number]));
}

/** The rule ids `validate --format json` reports for the tree. */
function validateRules(root: string): string[] {
  const r = runCli(['validate', '--format', 'json', '--no-config'], { cwd: root });
  return (JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId);
}

describe('vibe-skills plugin sync', () => {
  it('writes the derived manifests (exit 0), then --check passes', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    const first = runCli(['plugin', 'sync'], { cwd: root });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('wrote       .claude-plugin/plugin.json\nwrote       .claude-plugin/marketplace.json\n');
    expect(JSON.parse(await readFile(path.join(root, '.claude-plugin/marketplace.json'), 'utf8'))).toMatchObject({ plugins: [{ name: 'pack', source: './' }] });
    const check = runCli(['plugin', 'sync', '--check', root], { cwd: path.dirname(root) });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`up to date  ${path.basename(root)}/.claude-plugin/plugin.json`);
  });

  it('--check exits 1 and writes nothing when a derived file is out of date', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    const r = runCli(['plugin', 'sync', '--check'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('out of date .claude-plugin/plugin.json');
    expect(r.stderr).toContain('run `vibe-skills plugin sync`');
    expect(await readdir(root)).not.toContain('.claude-plugin');
  });

  it('a CRLF checkout (git autocrlf) of up-to-date manifests is up to date: --check exits 0, sync writes nothing, validate agrees', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    // What unix2dos (or git on Windows with core.autocrlf) makes of them.
    for (const rel of DERIVED) await writeFile(path.join(root, rel), (await readFile(path.join(root, rel), 'utf8')).replace(/\n/g, '\r\n'));
    const before = await snapshot(root);
    expect(before.every(([, text]) => text.includes('\r\n'))).toBe(true);

    const check = runCli(['plugin', 'sync', '--check'], { cwd: root });
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe('up to date  .claude-plugin/plugin.json\nup to date  .claude-plugin/marketplace.json\n');
    expect(check.code).toBe(0);
    const write = runCli(['plugin', 'sync'], { cwd: root });
    expect(write.stdout).toBe('up to date  .claude-plugin/plugin.json\nup to date  .claude-plugin/marketplace.json\n');
    expect(write.code).toBe(0);
    expect(await snapshot(root)).toEqual(before);
    expect(validateRules(root)).not.toContain('manifest-drift');
  });

  it('a derived file re-indented by hand, keys in another order, is up to date and kept as written', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    const file = path.join(root, DERIVED[0]!);
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(data).reverse());
    await writeFile(file, JSON.stringify(reordered, null, 4));
    const before = await snapshot(root);
    expect(runCli(['plugin', 'sync', '--check'], { cwd: root })).toMatchObject({ code: 0, stderr: '' });
    expect(runCli(['plugin', 'sync'], { cwd: root }).stdout).toBe('up to date  .claude-plugin/plugin.json\nup to date  .claude-plugin/marketplace.json\n');
    expect(await snapshot(root)).toEqual(before);
    expect(validateRules(root)).not.toContain('manifest-drift');
  });

  it('a derived file with a duplicate key is not up to date, though its data (the last value) match: --check exits 1, sync rewrites it, validate agrees', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    const file = path.join(root, DERIVED[0]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"name": "pack",', '"name": "other", "name": "pack",'));
    expect(validateRules(root)).toContain('manifest-json');
    const check = runCli(['plugin', 'sync', '--check'], { cwd: root });
    expect(check.stdout).toBe('out of date .claude-plugin/plugin.json\nup to date  .claude-plugin/marketplace.json\n');
    expect(check.code).toBe(1);
    expect(runCli(['plugin', 'sync'], { cwd: root }).stdout).toBe('wrote       .claude-plugin/plugin.json\nup to date  .claude-plugin/marketplace.json\n');
    expect(await readFile(file, 'utf8')).not.toContain('"other"');
    expect(validateRules(root)).not.toContain('manifest-json');
  });

  it('keeps a field named __proto__ that only the derived file has, as it keeps any other', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    const file = path.join(root, DERIVED[0]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('{', '{\n  "__proto__": { "x": 1 },'));
    await writeFile(path.join(root, 'plugin.json'), json({ ...OWN, version: '1.1.0' }));
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    const written = await readFile(file, 'utf8');
    expect(written).toContain('"__proto__"');
    expect(Object.getOwnPropertyDescriptor(JSON.parse(written), '__proto__')?.value).toEqual({ x: 1 });
    expect(runCli(['plugin', 'sync', '--check'], { cwd: root }).code).toBe(0);
  });

  it('never writes a derived file over the 1 MiB manifest limit (deeply nested inline hooks grow with indentation)', async () => {
    // Under 1 MiB as written compactly; 2-space indentation at depth 200 makes it several MiB.
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { k: deep };
    const hooks = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`h${i}`, deep]));
    const source = JSON.stringify({ ...OWN, hooks });
    expect(source.length).toBeLessThan(1024 * 1024);
    const root = await tree({ 'plugin.json': source, 'skills/a/SKILL.md': SKILL });
    const r = runCli(['plugin', 'sync'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\.claude-plugin\/plugin\.json {2}error {2}sync would write \d+ bytes, over the 1 MiB limit for a manifest/);
    expect(r.stderr).toContain('move large inline hooks');
    expect(await readdir(root)).not.toContain('.claude-plugin');
  });

  it('still reports and writes a real difference in a CRLF file', async () => {
    const root = await tree({ 'plugin.json': json(OWN), 'skills/a/SKILL.md': SKILL });
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    for (const rel of DERIVED) await writeFile(path.join(root, rel), (await readFile(path.join(root, rel), 'utf8')).replace(/\n/g, '\r\n'));
    await writeFile(path.join(root, 'plugin.json'), json({ ...OWN, version: '1.1.0' }));
    const check = runCli(['plugin', 'sync', '--check'], { cwd: root });
    expect(check.stdout).toBe('out of date .claude-plugin/plugin.json\nout of date .claude-plugin/marketplace.json\n');
    expect(check.code).toBe(1);
    expect(validateRules(root).filter((id) => id === 'manifest-drift')).toHaveLength(2);
    const write = runCli(['plugin', 'sync'], { cwd: root });
    expect(write.stdout).toBe('wrote       .claude-plugin/plugin.json\nwrote       .claude-plugin/marketplace.json\n');
    const written = await readFile(path.join(root, DERIVED[0]!), 'utf8');
    expect(written).not.toContain('\r');
    expect(JSON.parse(written)).toMatchObject({ version: '1.1.0' });
    expect(runCli(['plugin', 'sync', '--check'], { cwd: root }).code).toBe(0);
  });

  it('carries the component fields of plugin.json into .claude-plugin/plugin.json as written, and validate knows them', async () => {
    const components = PLUGIN_COMPONENTS;
    const root = await tree({
      'plugin.json': json({ ...OWN, ...components }),
      'skills/a/SKILL.md': SKILL,
      'commands/about.md': '# about\n',
      'agents/helper.md': '# helper\n',
      'styles/terse.md': '# terse\n',
      'hooks/extra.json': '{ "hooks": {} }\n',
      'hooks/other.json': '{ "hooks": {} }\n',
    });
    const r = runCli(['plugin', 'sync'], { cwd: root });
    expect(r.code).toBe(0);
    const claude = JSON.parse(await readFile(path.join(root, DERIVED[0]!), 'utf8')) as Record<string, unknown>;
    expect(claude).toEqual({ name: 'pack', version: '1.0.0', description: 'A pack.', author: { name: 'Ada' }, skills: ['./skills/a'], ...components });
    // Claude Code reads them from the plugin's manifest; the marketplace entry does not repeat them.
    const market = JSON.parse(await readFile(path.join(root, DERIVED[1]!), 'utf8')) as { plugins: Record<string, unknown>[] };
    expect(Object.keys(market.plugins[0] ?? {}).filter((key) => key in components)).toEqual([]);
    const rules = validateRules(root);
    expect(rules.filter((id) => id.startsWith('manifest-'))).toEqual([]);

    // An edit to one of them in plugin.json is drift until the next sync.
    await writeFile(path.join(root, 'plugin.json'), json({ ...OWN, ...components, hooks: './hooks/other.json' }));
    const check = runCli(['plugin', 'sync', '--check'], { cwd: root });
    expect(check.stdout).toBe('out of date .claude-plugin/plugin.json\nup to date  .claude-plugin/marketplace.json\n');
    expect(check.code).toBe(1);
    expect(validateRules(root)).toContain('manifest-drift');
    expect(runCli(['plugin', 'sync'], { cwd: root }).code).toBe(0);
    expect(JSON.parse(await readFile(path.join(root, DERIVED[0]!), 'utf8'))).toMatchObject({ hooks: './hooks/other.json' });
  });

  it('refuses a component path Claude Code would reject, and writes nothing', async () => {
    const root = await tree({ 'plugin.json': json({ ...OWN, hooks: 'hooks/extra.json' }), 'skills/a/SKILL.md': SKILL, 'hooks/extra.json': '{}' });
    const r = runCli(['plugin', 'sync'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('plugin.json:11:12  error  hooks must start with "./" (got "hooks/extra.json")');
    expect(r.stderr).toContain('nothing was written');
    expect(await readdir(root)).not.toContain('.claude-plugin');
  });

  it('exits 1 naming file, line and fix when plugin.json is invalid', async () => {
    const root = await tree({ 'plugin.json': '{\n  "name": "pack",\n  "version": 1\n}\n' });
    const r = runCli(['plugin', 'sync'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('plugin.json:3:3  error  version must be a string, not number');
    expect(r.stderr).toContain('plugin.json:1:1  error  description is required\n    hint: add "description" to the top-level object');
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with a hint when there is no plugin.json', async () => {
    const root = await tree({ 'skills/a/SKILL.md': SKILL });
    const r = runCli(['plugin', 'sync'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vibe-skills: no plugin\.json in \.\n {2}hint: create plugin\.json/);
  });

  it('exits 2 for a folder that does not exist', async () => {
    const root = await tree({});
    const r = runCli(['plugin', 'sync', 'nope'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('vibe-skills: nope is not a folder');
  });
});
