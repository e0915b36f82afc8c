/**
 * `vibe-skills plugin sync` as users run it: the built CLI in a subprocess.
 * (Needs src/cli/main.ts to register src/cli/commands/plugin.ts.)
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempTrees } from '../helpers/tmp.js';

const tree = useTempTrees();
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const OWN = { name: 'pack', version: '1.0.0', description: 'A pack.', author: { name: 'Ada' }, skills: ['./skills/a'] };
const SKILL = '---\nname: a\ndescription: Use when testing.\n---\n';

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
