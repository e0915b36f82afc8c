import { readdirSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rule as driftRule } from '../../src/lint/rules/manifest-drift.js';
import { rule as experimentalRule } from '../../src/lint/rules/manifest-experimental.js';
import { rule as jsonRule } from '../../src/lint/rules/manifest-json.js';
import { rule as nameAnthropicRule } from '../../src/lint/rules/manifest-name-anthropic.js';
import { rule as nameReservedRule } from '../../src/lint/rules/manifest-name-reserved.js';
import { rule as pathsRule } from '../../src/lint/rules/manifest-paths.js';
import { rule as schemaRule } from '../../src/lint/rules/manifest-schema.js';
import { rule as unknownRule } from '../../src/lint/rules/manifest-unknown-field.js';
import type { Finding, RepoRule } from '../../src/lint/types.js';
import { loadManifests } from '../../src/plugin/load.js';
import type { ManifestFile } from '../../src/plugin/model.js';
import { deriveManifests } from '../../src/plugin/sync.js';
import { ownPluginSchema } from '../../src/plugin/schemas.js';
import { makeTree, removeTree, type Tree } from '../helpers/tmp.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const RULES = [jsonRule, schemaRule, unknownRule, experimentalRule, nameReservedRule, nameAnthropicRule, pathsRule, driftRule];

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeTree(dirs.pop() as string);
});

const SKILL = (name: string) => `---\nname: ${name}\ndescription: Use when testing ${name}.\n---\n\n# ${name}\n`;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

const OWN = {
  name: 'pack',
  version: '1.0.0',
  description: 'A pack.',
  author: { name: 'Ada' },
  license: 'MIT',
  skills: ['./skills/a', './skills/b'],
};

/** A repository whose three manifests are valid and in sync. */
function goodRepo(own: Record<string, unknown> = OWN): Tree {
  const files: Tree = { 'plugin.json': json(own), 'skills/a/SKILL.md': SKILL('a'), 'skills/b/SKILL.md': SKILL('b') };
  for (const d of deriveManifests(ownPluginSchema().parse(own))) files[d.path] = d.content;
  return files;
}

async function load(files: Tree): Promise<{ root: string; manifests: ManifestFile[] }> {
  const root = await makeTree(files);
  dirs.push(root);
  return { root, manifests: await loadManifests(root, root) };
}

function run(rule: RepoRule, root: string, manifests: readonly ManifestFile[]): (Finding & { file: string })[] {
  const found: (Finding & { file: string })[] = [];
  rule.check({ root, manifests, discovery: [], skills: [], settings: { externalSkills: new Set() }, report: (f) => found.push(f) });
  return found;
}

async function check(rule: RepoRule, files: Tree) {
  const { root, manifests } = await load(files);
  return run(rule, root, manifests).map((f) => ({ file: f.file, line: f.pos?.line ?? 0, message: f.message, hint: f.hint }));
}

describe('rule contract', () => {
  it('each manifest rule file exports one repo rule whose id is its file name', () => {
    const files = readdirSync(path.join(REPO, 'src/lint/rules')).filter((f) => f.startsWith('manifest-'));
    expect(files.sort()).toEqual(RULES.map((r) => `${r.id}.ts`).sort());
    for (const r of RULES) {
      expect(r.scope).toBe('repo');
      expect(r.id).toMatch(/^manifest-[a-z-]+$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.docs.length).toBeGreaterThan(100);
      expect(['error', 'warning']).toContain(r.severity);
    }
  });

  it('a valid, synced repository passes every manifest rule', async () => {
    const { root, manifests } = await load(goodRepo());
    for (const r of RULES) expect(run(r, root, manifests), r.id).toEqual([]);
  });
});

describe('manifest-json', () => {
  it('reports a syntax error at its line, with a hint', async () => {
    const files = { ...goodRepo(), '.claude-plugin/plugin.json': '{\n  "name": "pack",\n  "version": "1.0.0",\n}\n' };
    expect(await check(jsonRule, files)).toEqual([
      { file: '.claude-plugin/plugin.json', line: 4, message: "invalid JSON: trailing comma before '}' (JSON allows none)", hint: expect.stringMatching(/no trailing commas/) },
    ]);
  });

  it('reports duplicate keys where the value is silently lost', async () => {
    const files = { ...goodRepo(), 'plugin.json': json(OWN).replace('"version": "1.0.0",', '"version": "1.0.0",\n  "version": "2.0.0",') };
    const found = await check(jsonRule, files);
    expect(found).toEqual([{ file: 'plugin.json', line: 4, message: expect.stringMatching(/^duplicate key "version" in \(root\) \(first at line 3\)/), hint: 'remove one of the two' }]);
  });

  it("leaves another tool's root plugin.json alone, unless it is unsafe to read", async () => {
    const foreign = { 'plugin.json': '{\n  // a JSON-with-comments config of some other tool\n  "id": "x"\n}\n', 'skills/a/SKILL.md': SKILL('a') };
    expect(await check(jsonRule, foreign)).toEqual([]);
    expect(await check(jsonRule, { ...foreign, 'plugin.json': foreign['plugin.json'].replace('"id"', '"skills": [], "id"') })).toHaveLength(1);
    const outside = await makeTree({ 'x.json': '{}' });
    dirs.push(outside);
    const { root } = await load({ 'skills/a/SKILL.md': SKILL('a') });
    await symlink(path.join(outside, 'x.json'), path.join(root, 'plugin.json'));
    const found = run(jsonRule, root, await loadManifests(root, root));
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^not read: the file is a symbolic link to .* outside the repository$/)]);
  });

  it('reports unreadable manifests as a whole-file problem', async () => {
    const files = { ...goodRepo(), 'plugin.json': new Uint8Array([0xc3, 0x28]) };
    expect(await check(jsonRule, files)).toEqual([{ file: 'plugin.json', line: 0, message: expect.stringMatching(/UTF-8/), hint: expect.any(String) }]);
  });
});

describe('manifest-schema', () => {
  it('points at the line of the offending key', async () => {
    const files = { ...goodRepo(), 'plugin.json': json({ ...OWN, version: 'v1', name: 'Pack' }) };
    expect(await check(schemaRule, files)).toEqual([
      { file: 'plugin.json', line: 2, message: 'name must be kebab-case: lowercase letters, digits and single hyphens, e.g. "my-plugin"', hint: undefined },
      { file: 'plugin.json', line: 3, message: 'version must be a semantic version such as "1.2.3" (semver.org)', hint: undefined },
    ]);
  });

  it('says where to add a missing field', async () => {
    const { name: _n, ...noName } = OWN;
    const files = { ...goodRepo(), 'plugin.json': json(noName) };
    expect(await check(schemaRule, files)).toEqual([{ file: 'plugin.json', line: 1, message: 'name is required', hint: 'add "name" to the top-level object' }]);
  });

  it('checks the Claude Code manifests too', async () => {
    const files = {
      ...goodRepo(),
      '.claude-plugin/marketplace.json': json({ name: 'm', plugins: [{ name: 'a b', source: './' }] }),
    };
    const found = await check(schemaRule, files);
    expect(found.map((f) => [f.file, f.line, f.message])).toEqual([
      ['.claude-plugin/marketplace.json', 1, 'owner is required'],
      ['.claude-plugin/marketplace.json', 5, 'plugins[0].name must be kebab-case: lowercase letters, digits and single hyphens, e.g. "my-plugin"'],
    ]);
  });

  it('leaves "./" problems to manifest-paths', async () => {
    const files = { ...goodRepo(), 'plugin.json': json({ ...OWN, skills: ['skills/a', './skills/b'] }) };
    expect(await check(schemaRule, files)).toEqual([]);
  });

  it('ignores a root plugin.json that belongs to another tool', async () => {
    expect(await check(schemaRule, { 'plugin.json': json({ id: 'grafana-panel', type: 'panel' }), 'skills/a/SKILL.md': SKILL('a') })).toEqual([]);
  });

  it("ignores another tool's root plugin.json beside Claude Code manifests (a marketplace's own notes)", async () => {
    const files = goodRepo();
    files['plugin.json'] = json({ name: 'cc-skills', version: '23.6.0', 'claude-code': { 'min-version': '1.0.0' } });
    for (const rule of RULES) expect(await check(rule, files), rule.id).toEqual([]);
    // With one of our fields it is ours again, and judged.
    files['plugin.json'] = json({ name: 'cc-skills', version: '23.6.0', marketplace: { category: 'development' } });
    expect((await check(schemaRule, files)).map((f) => f.message)).toContain('skills is required');
  });
});

describe('manifest-experimental', () => {
  it('warns at a top-level themes or monitors in .claude-plugin/plugin.json, not under experimental', async () => {
    const files = { ...goodRepo(), '.claude-plugin/plugin.json': json({ name: 'pack', themes: './themes', experimental: { monitors: './monitors.json' } }) };
    expect(await check(experimentalRule, files)).toEqual([
      {
        file: '.claude-plugin/plugin.json',
        line: 3,
        message: '"themes" is an experimental component; Claude Code will stop reading it at the top level',
        hint: 'move it under "experimental": { "themes": ... }',
      },
    ]);
    expect(experimentalRule.severity).toBe('warning');
  });
});

describe('manifest-name-reserved and manifest-name-anthropic', () => {
  // Claude Code 2.1.330 fails these names (tests/compat/claude-code.test.ts runs it on a list of them).
  it('reports a reserved plugin name in every manifest that gives it, at the value, and a reserved marketplace name', async () => {
    const own = { ...OWN, name: 'claude-helper' };
    const files: Tree = { ...goodRepo(own), '.claude-plugin/marketplace.json': json({ name: 'claude-marketplace', owner: { name: 'Ada' }, plugins: [{ name: 'claude-helper', source: './' }, { name: 'inngest-jobs', source: './' }] }) };
    const found = (await check(nameReservedRule, files)).sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    expect(found.map((f) => [f.file, f.line, f.message.replace(/:.*/, '')])).toEqual([
      ['.claude-plugin/marketplace.json', 2, 'marketplace name "claude-marketplace" is reserved by Claude Code'],
      ['.claude-plugin/marketplace.json', 8, 'plugin name "claude-helper" is reserved by Claude Code'],
      ['.claude-plugin/plugin.json', 2, 'plugin name "claude-helper" is reserved by Claude Code'],
      ['plugin.json', 2, 'plugin name "claude-helper" is reserved by Claude Code'],
    ]);
    expect(found[1]?.hint).toBe('name it for what it does, without "claude" or "anthropic" in it');
    expect(await check(nameAnthropicRule, files)).toEqual([]);
    expect(nameReservedRule.severity).toBe('error');
  });

  it('warns at a plugin name with "claude" in it and at an official marketplace name, which only github.com/anthropics may use', async () => {
    const files: Tree = { ...goodRepo(), '.claude-plugin/marketplace.json': json({ name: 'tools', owner: { name: 'Ada' }, plugins: [{ name: 'my-claude-tool', source: './' }] }) };
    expect((await check(nameAnthropicRule, files)).map((f) => [f.line, f.message])).toEqual([
      [8, 'plugin name "my-claude-tool" reads as one of Anthropic\'s own plugins (Claude Code warns, and `claude plugin validate --strict` fails)'],
    ]);
    expect(await check(nameReservedRule, files)).toEqual([]);
    const official: Tree = { ...goodRepo(), '.claude-plugin/marketplace.json': json({ name: 'agent-skills', owner: { name: 'Ada' }, plugins: [{ name: 'pack', source: './' }] }) };
    expect((await check(nameAnthropicRule, official)).map((f) => [f.line, f.message, f.hint])).toEqual([
      [2, 'marketplace name "agent-skills" is one of Anthropic\'s official marketplaces: Claude Code adds a marketplace of this name only from github.com/anthropics', 'choose another name (in a repository of github.com/anthropics, turn manifest-name-anthropic off)'],
    ]);
    expect(nameAnthropicRule.severity).toBe('warning');
  });

  it('exempts the plugins of a marketplace with an official name, as Claude Code does (anthropics/claude-plugins-official lists claude-code-setup)', async () => {
    const files: Tree = { ...goodRepo({ ...OWN, name: 'claude-helper' }), '.claude-plugin/marketplace.json': json({ name: 'Claude-Plugins-Official', owner: { name: 'Ada' }, plugins: [{ name: 'claude-helper', source: './' }, { name: 'my-claude-tool', source: './' }] }) };
    expect(await check(nameReservedRule, files)).toEqual([]);
    expect((await check(nameAnthropicRule, files)).map((f) => f.message)).toEqual([expect.stringMatching(/^marketplace name "Claude-Plugins-Official" is one of Anthropic's official marketplaces/)]);
  });

  it('leaves other names, and names that are not strings, alone', async () => {
    const files: Tree = { ...goodRepo(), '.claude-plugin/marketplace.json': json({ name: 5, owner: { name: 'Ada' }, plugins: [{ name: 'claudehelper', source: './' }, 'x', { name: ['claude'] }] }) };
    expect([...(await check(nameReservedRule, files)), ...(await check(nameAnthropicRule, files))]).toEqual([]);
  });
});

describe('manifest-unknown-field', () => {
  it('warns with a did-you-mean at the key', async () => {
    const files = { ...goodRepo(), '.claude-plugin/plugin.json': json({ name: 'pack', skils: ['./skills/a'], author: { name: 'A', emial: 'a@b.c' } }) };
    const found = await check(unknownRule, files);
    expect(found).toEqual([
      { file: '.claude-plugin/plugin.json', line: 3, message: 'unknown field "skils"', hint: 'did you mean "skills"?' },
      { file: '.claude-plugin/plugin.json', line: 8, message: 'unknown field "emial" in author', hint: 'did you mean "email"?' },
    ]);
    expect(unknownRule.severity).toBe('warning');
  });

  it('does not guess when nothing is close', async () => {
    const files = { ...goodRepo(), '.claude-plugin/plugin.json': json({ name: 'pack', zzzqqq: 1 }) };
    expect((await check(unknownRule, files))[0]?.hint).toMatch(/remove it/);
  });

  it('does not suggest the same name when the field belongs at another level', async () => {
    const files = {
      ...goodRepo(),
      '.claude-plugin/marketplace.json': json({ name: 'm', owner: { name: 'o' }, homepage: 'https://example.com', plugins: [] }),
    };
    const [found] = await check(unknownRule, files);
    expect(found?.message).toBe('unknown field "homepage"');
    expect(found?.hint).toMatch(/remove it/);
  });
});

describe('manifest-unknown-field in the root plugin.json', () => {
  it("knows GitHub Copilot CLI's top-level category and tags (it reads this file as its own manifest)", async () => {
    const files = goodRepo({ ...OWN, category: 'productivity', tags: ['notes'] });
    expect(await check(unknownRule, files)).toEqual([]);
    expect(await check(schemaRule, files)).toEqual([]);
  });

  it('knows the component fields sync carries, and says where a field sync does not carry belongs', async () => {
    const own = { ...OWN, hooks: { PostToolUse: [] }, mcpServers: { db: { command: 'db' } }, userConfig: {}, mcpServer: {}, zzzqqq: 1 };
    const found = await check(unknownRule, { ...goodRepo(OWN), 'plugin.json': json(own) });
    expect(found.map((f) => [f.file, f.message, f.hint])).toEqual([
      [
        'plugin.json',
        'unknown field "userConfig"',
        'Claude Code reads "userConfig" from .claude-plugin/plugin.json, and `plugin sync` does not carry it there: move it into that file (sync keeps the fields it does not write)',
      ],
      ['plugin.json', 'unknown field "mcpServer"', 'did you mean "mcpServers"?'],
      ['plugin.json', 'unknown field "zzzqqq"', '`plugin sync` does not carry it to .claude-plugin/plugin.json, so Claude Code never reads it: remove it'],
    ]);
  });
});

describe('manifest-paths', () => {
  it('checks the component paths of the root plugin.json, from its folder, when the file is ours', async () => {
    const components = { hooks: 'hooks.json', agents: ['./agents/a.md', './agents/x'], commands: './commands/missing.md', mcpServers: { db: { command: 'db' } } };
    const files = { ...goodRepo(), 'agents/a.md': '# a', 'agents/x/.keep': '', 'plugin.json': json({ ...OWN, ...components }) };
    expect((await check(pathsRule, files)).map((f) => [f.file, f.message])).toEqual([
      ['plugin.json', 'commands names "./commands/missing.md", which does not exist'],
      ['plugin.json', 'agents[1] ("./agents/x") is a folder, but must be a file'],
      ['plugin.json', 'hooks must start with "./" (got "hooks.json")'],
    ]);
    // Another tool's plugin.json (none of our fields) is not judged.
    expect(await check(pathsRule, { 'plugin.json': json({ name: 'grafana-panel', hooks: 'hooks.json' }) })).toEqual([]);
  });

  it('reports every kind of bad path at its line', async () => {
    const root = await makeTree({});
    dirs.push(root);
    const files = {
      ...goodRepo(),
      'skills/file.md': 'x',
      'plugin.json': json({
        ...OWN,
        skills: ['skills/a', '../outside', '/etc', './skills/missing', './skills/file.md', './skills/link', './skills\\b'],
      }),
    };
    const repo = await makeTree(files);
    dirs.push(repo);
    await symlink(root, path.join(repo, 'skills', 'link'));
    const reloaded = await loadManifests(repo, repo);
    const found = run(pathsRule, repo, reloaded).map((f) => [f.pos?.line, f.message]);
    expect(found).toEqual([
      [10, 'skills[0] must start with "./" (got "skills/a")'],
      [11, 'skills[1] points outside the repository ("../outside")'],
      [12, 'skills[2] is an absolute path ("/etc"); manifest paths are relative and stay inside the repository'],
      [13, 'skills[3] names "./skills/missing", which does not exist'],
      [14, 'skills[4] ("./skills/file.md") is a file, but must be a folder (a skill folder holding SKILL.md, or a folder of them)'],
      [15, 'skills[5] ("./skills/link") is or passes through a symbolic link that leads outside the repository'],
      [16, 'skills[6] uses backslashes ("./skills\\\\b")'],
    ]);
  });

  it('suggests the "./" form', async () => {
    const files = { ...goodRepo(), 'plugin.json': json({ ...OWN, skills: ['skills/a', '.'] }) };
    const hints = (await check(pathsRule, files)).map((f) => f.hint);
    expect(hints).toEqual([expect.stringMatching(/^write "\.\/skills\/a"/), expect.stringMatching(/^write "\.\/"/)]);
  });

  it('explains the bare marketplace source that the skills CLI ignores', async () => {
    const files = {
      'plugins/one/skills/x/SKILL.md': SKILL('x'),
      '.claude-plugin/marketplace.json': json({ name: 'm', owner: { name: 'o' }, metadata: { pluginRoot: './plugins' }, plugins: [{ name: 'one', source: 'one' }] }),
    };
    const found = await check(pathsRule, files);
    expect(found).toEqual([
      {
        file: '.claude-plugin/marketplace.json',
        line: 12,
        message: expect.stringMatching(/bare name \("one"\).*skills CLI ignores/),
        hint: 'write it as "./plugins/one"',
      },
    ]);
  });

  it('reports a bare source under an absolute metadata.pluginRoot as outside the repository', async () => {
    const files = {
      'etc/pam.d/skills/x/SKILL.md': SKILL('x'),
      '.claude-plugin/marketplace.json': json({ name: 'm', owner: { name: 'o' }, metadata: { pluginRoot: '/etc' }, plugins: [{ name: 'one', source: 'pam.d' }] }),
    };
    expect((await check(pathsRule, files)).map((f) => [f.message, f.hint])).toEqual([
      ['plugins[0].source points outside the repository ("pam.d" under metadata.pluginRoot "/etc")', expect.stringMatching(/^move the files into the repository/)],
    ]);
  });

  it('reports a path that leaves its plugin folder without suggesting the same path back', async () => {
    const files = {
      'plugins/a/.keep': '',
      'plugins/x/SKILL.md': SKILL('x'),
      'plugins/c.md': '# c',
      '.claude-plugin/marketplace.json': json({ name: 'm', owner: { name: 'o' }, plugins: [{ name: 'a', source: './plugins/a', skills: ['../x'], commands: ['./../c.md'] }] }),
    };
    const found = await check(pathsRule, files);
    expect(found.map((f) => f.message)).toEqual([
      'plugins[0].skills[0] leaves the plugin\'s folder (its source) ("../x")',
      'plugins[0].commands[0] leaves the plugin\'s folder (its source) ("./../c.md")',
    ]);
    for (const f of found) expect(f.hint).toMatch(/^move what it names into the plugin's folder/);
  });

  it('takes an MCPB bundle by URL in mcpServers, as Claude Code does, and explains any other URL', async () => {
    const mcpb = { name: 'pack', mcpServers: ['https://example.com/db.mcpb', 'https://example.com/x.dxt'] };
    const ok = { ...goodRepo(), '.claude-plugin/plugin.json': json(mcpb) };
    for (const rule of [pathsRule, schemaRule]) expect(await check(rule, ok), rule.id).toEqual([]);
    const other = { ...goodRepo(), '.claude-plugin/plugin.json': json({ name: 'pack', mcpServers: 'https://example.com/servers.json', hooks: 'https://example.com/hooks.json' }) };
    expect((await check(pathsRule, other)).map((f) => [f.message, f.hint])).toEqual([
      ['hooks must be a "./" path in the plugin (got the URL "https://example.com/hooks.json")', 'put the file in the plugin and write a "./" path: Claude Code does not download it'],
      ['mcpServers must be a "./" path in the plugin (got the URL "https://example.com/servers.json")', 'Claude Code downloads a URL only for an MCPB bundle (ending in .mcpb or .dxt); for anything else, put the file in the plugin and write a "./" path'],
    ]);
  });

  it('takes an MCPB URL only as Claude Code does: lower-case scheme and extension', async () => {
    // claude 2.1.330 `plugin validate`: "…/Y.DXT" and "…/a.MCPB" fail ('must start with "./"'), and
    // "HTTPS://…/a.mcpb" passes only as the local path "./HTTPS://…/a.mcpb", which is not there.
    const urls = ['HTTPS://X.EXAMPLE/Y.DXT', 'https://x.example/a.MCPB', 'HTTPS://x.example/a.mcpb'];
    const files = { ...goodRepo(), '.claude-plugin/plugin.json': json({ name: 'pack', mcpServers: urls }) };
    expect((await check(pathsRule, files)).map((f) => f.message)).toEqual(urls.map((u, i) => `mcpServers[${i}] must be a "./" path in the plugin (got the URL "${u}")`));
  });

  it('expects files where Claude Code expects files', async () => {
    const files = { ...goodRepo(), 'agents/x/.keep': '', '.claude-plugin/plugin.json': json({ name: 'pack', agents: './agents/x' }) };
    expect((await check(pathsRule, files)).map((f) => f.message)).toEqual(['agents ("./agents/x") is a folder, but must be a file']);
  });
});

describe('manifest-drift', () => {
  it('reports a missing derived file with the sync command', async () => {
    const files = goodRepo();
    delete files['.claude-plugin/marketplace.json'];
    expect(await check(driftRule, files)).toEqual([
      {
        file: '.claude-plugin/marketplace.json',
        line: 0,
        message: '.claude-plugin/marketplace.json is missing; it is derived from plugin.json',
        hint: expect.stringMatching(/vibe-skills plugin sync/),
      },
    ]);
  });

  it('names the first difference and where it is', async () => {
    const files = { ...goodRepo(), 'plugin.json': json({ ...OWN, version: '1.1.0' }) };
    const found = await check(driftRule, files);
    expect(found.map((f) => [f.file, f.line, f.message])).toEqual([
      ['.claude-plugin/plugin.json', 3, 'out of date with plugin.json: version is "1.0.0", plugin.json makes it "1.1.0"'],
      ['.claude-plugin/marketplace.json', 8, 'out of date with plugin.json: metadata.version is "1.0.0", plugin.json makes it "1.1.0"'],
    ]);
  });

  it('notices a skill added to plugin.json only', async () => {
    const files = { ...goodRepo(), 'skills/c/SKILL.md': SKILL('c'), 'plugin.json': json({ ...OWN, skills: [...OWN.skills, './skills/c'] }) };
    const found = await check(driftRule, files);
    expect(found.map((f) => f.message)).toEqual([
      'out of date with plugin.json: skills[2] is absent, plugin.json makes it "./skills/c"',
      'out of date with plugin.json: plugins[0].skills[2] is absent, plugin.json makes it "./skills/c"',
    ]);
  });

  it("compares the component fields plugin.json holds, and leaves the derived file's own alone", async () => {
    const withHooks = { ...OWN, hooks: './hooks/a.json' };
    const files = { ...goodRepo(withHooks), 'hooks/a.json': '{"hooks":{}}', 'hooks/b.json': '{"hooks":{}}' };
    expect(await check(driftRule, files)).toEqual([]);
    const edited = await check(driftRule, { ...files, 'plugin.json': json({ ...withHooks, hooks: './hooks/b.json' }) });
    expect(edited.map((f) => [f.file, f.message])).toEqual([['.claude-plugin/plugin.json', 'out of date with plugin.json: hooks is "./hooks/a.json", plugin.json makes it "./hooks/b.json"']]);
    // Written by hand in .claude-plugin/plugin.json only: not sync's, not drift.
    expect(await check(driftRule, { ...files, 'plugin.json': json(OWN) })).toEqual([]);
  });

  it('ignores formatting and key order', async () => {
    const files = goodRepo();
    const data = JSON.parse(files['.claude-plugin/plugin.json'] as string) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(data).reverse());
    expect(await check(driftRule, { ...files, '.claude-plugin/plugin.json': JSON.stringify(reordered) })).toEqual([]);
  });

  it('stays silent without a root plugin.json, or when it is invalid (other rules report that)', async () => {
    const files = goodRepo();
    delete files['plugin.json'];
    expect(await check(driftRule, files)).toEqual([]);
    expect(await check(driftRule, { ...goodRepo(), 'plugin.json': json({ ...OWN, version: 'x' }) })).toEqual([]);
  });
});

describe('this repository', () => {
  it('its manifests pass every manifest rule (needs the six skills to exist)', async () => {
    const manifests = await loadManifests(REPO, REPO);
    expect(manifests.map((m) => m.kind)).toEqual(['plugin', 'claude-plugin', 'marketplace']);
    const findings = RULES.flatMap((r) => run(r, REPO, manifests).map((f) => `${r.id} ${f.file}:${f.pos?.line ?? 0} ${f.message}`));
    expect(findings).toEqual([]);
  });
});

describe('didYouMean (manifest field names)', () => {
  const known = ['name', 'description', 'homepage', 'keywords', 'skills', 'email', 'metadata', 'pluginRoot'];
  it.each([
    ['descripton', 'description'], // a letter missing
    ['homepgae', 'homepage'], // two neighbours swapped: one edit
    ['Skills', 'skills'], // case only
    ['kewords', 'keywords'],
    ['plugin_root', 'pluginRoot'],
    ['colour', undefined], // too far for its length
    ['name', undefined], // a known name is not offered back
    ['k12345', undefined],
    ['x'.repeat(200), undefined], // longer than the rolling rows: still answered
  ])('%s -> %s', async (key, expected) => {
    const { didYouMean } = await import('../../src/plugin/check.js');
    expect(didYouMean(key, known)).toBe(expected);
  });
});
