import { describe, expect, it } from 'vitest';
import {
  claudePluginSchema,
  KEBAB_CASE,
  marketplaceSchema,
  ownPluginSchema,
  RELATIVE_PATH_ISSUE,
  schemaIssues,
  SEMVER,
} from '../../src/plugin/schemas.js';

const own = () => ({
  name: 'my-pack',
  version: '1.2.3',
  description: 'Skills for things.',
  author: { name: 'Ada', email: 'ada@example.com', url: 'https://example.com' },
  license: 'MIT',
  homepage: 'https://github.com/ada/my-pack',
  repository: 'https://github.com/ada/my-pack',
  keywords: ['skills'],
  skills: ['./skills/a', './skills/b'],
  marketplace: { category: 'development' },
});

const market = () => ({
  name: 'my-market',
  owner: { name: 'Ada' },
  plugins: [{ name: 'my-pack', source: './', skills: ['./skills/a'] }],
});

const issuesOf = (schema: Parameters<typeof schemaIssues>[0], data: unknown) =>
  schemaIssues(schema, data).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('name and version formats', () => {
  it.each(['a', 'my-plugin', 'x1-2y', 'a'.repeat(64)])('kebab-case accepts %s', (n) => expect(KEBAB_CASE.test(n)).toBe(true));
  it.each(['', 'My-Plugin', 'my_plugin', '-a', 'a-', 'a--b', 'a b', 'ä'])('kebab-case rejects %j', (n) => expect(KEBAB_CASE.test(n)).toBe(false));
  it.each(['0.1.0', '1.2.3-beta.1', '1.0.0+build.5', '10.20.30-rc.1+sha.abc'])('semver accepts %s', (v) => expect(SEMVER.test(v)).toBe(true));
  it.each(['1.0', 'v1.2.3', '01.2.3', '1.2.3-', 'latest', '1.2.3.4'])('semver rejects %s', (v) => expect(SEMVER.test(v)).toBe(false));
});

describe('our plugin.json', () => {
  it('accepts a complete manifest', () => {
    expect(issuesOf(ownPluginSchema(), own())).toEqual([]);
    expect(issuesOf(ownPluginSchema('strict'), own())).toEqual([]);
  });

  it('requires name, version, description, author and skills, and says so', () => {
    expect(issuesOf(ownPluginSchema(), {})).toEqual([
      'name: is required',
      'version: is required',
      'description: is required',
      'author: is required',
      'skills: is required',
    ]);
  });

  it('checks formats with messages that say what to write', () => {
    const bad = { ...own(), name: 'My Pack', version: '1.0', homepage: 'javascript:alert(1)', author: { name: '' }, skills: [] };
    expect(issuesOf(ownPluginSchema(), bad)).toEqual([
      'name: must be kebab-case: lowercase letters, digits and single hyphens, e.g. "my-plugin"',
      'version: must be a semantic version such as "1.2.3" (semver.org)',
      'author.name: must not be empty',
      'homepage: must be an http:// or https:// URL',
      'skills: must list at least one skill folder, e.g. "./skills/my-skill"',
    ]);
  });

  it('marks paths that do not start with ./ so the paths rule can own them', () => {
    const issues = schemaIssues(ownPluginSchema(), { ...own(), skills: ['skills/a', './skills/b', '../c'] });
    expect(issues.map((i) => [i.path, i.marker])).toEqual([
      [['skills', 0], RELATIVE_PATH_ISSUE],
      [['skills', 2], RELATIVE_PATH_ISSUE],
    ]);
  });

  it('rejects duplicate skill paths', () => {
    expect(issuesOf(ownPluginSchema(), { ...own(), skills: ['./skills/a', './skills/a'] })).toEqual([
      'skills.1: duplicate skill path "./skills/a" (also at index 0)',
    ]);
  });

  it('reports unknown keys only in the strict flavour', () => {
    const data = { ...own(), skils: [], author: { name: 'Ada', twitter: '@ada' } };
    expect(issuesOf(ownPluginSchema('loose'), data)).toEqual([]);
    expect(schemaIssues(ownPluginSchema('strict'), data).map((i) => [i.path.join('.'), i.keys])).toEqual([
      ['author', ['twitter']],
      ['', ['skils']],
    ]);
  });

  it('says what type was expected and what was found', () => {
    expect(issuesOf(ownPluginSchema(), [])).toEqual([': must be an object, not an array']);
    expect(issuesOf(ownPluginSchema(), { ...own(), version: 1 })).toEqual(['version: must be a string, not number']);
  });
});

describe("Claude Code's .claude-plugin/plugin.json", () => {
  it('needs only a name, and knows all of Claude Code component fields', () => {
    expect(issuesOf(claudePluginSchema('strict'), { name: 'p' })).toEqual([]);
    const full = {
      name: 'p',
      version: '1.0.0',
      skills: './skills/a',
      commands: ['./commands/x.md'],
      agents: './agents/a.md',
      hooks: './hooks/hooks.json',
      mcpServers: { server: { command: 'x' } },
      outputStyles: ['./styles'],
      lspServers: './lsp.json',
      defaultEnabled: true,
      metadata: { anything: 1 },
    };
    expect(issuesOf(claudePluginSchema('strict'), full)).toEqual([]);
  });

  it('checks every path string inside union-typed component fields', () => {
    const issues = schemaIssues(claudePluginSchema(), { name: 'p', skills: ['./a', 'b'], hooks: [{ x: 1 }, '/abs.json'], commands: 'c.md' });
    expect(issues.map((i) => [i.path.join('.'), i.marker])).toEqual([
      ['skills.1', RELATIVE_PATH_ISSUE],
      ['commands', RELATIVE_PATH_ISSUE],
      ['hooks.1', RELATIVE_PATH_ISSUE],
    ]);
  });

  it('names the wrong shape of a union field instead of dumping every alternative', () => {
    expect(issuesOf(claudePluginSchema(), { name: 'p', skills: 5 })).toEqual(['skills: must be a "./" path or a list of them']);
  });
});

describe('.claude-plugin/marketplace.json', () => {
  it('accepts a minimal marketplace and remote sources', () => {
    expect(issuesOf(marketplaceSchema('strict'), market())).toEqual([]);
    const remote = { ...market(), plugins: [{ name: 'r', source: { source: 'github', repo: 'o/r' } }] };
    expect(issuesOf(marketplaceSchema('strict'), remote)).toEqual([]);
  });

  it('requires an owner and at least one plugin, with unique names', () => {
    expect(issuesOf(marketplaceSchema(), { name: 'm', plugins: [] })).toEqual(['owner: is required', 'plugins: must list at least one plugin']);
    const dup = { ...market(), plugins: [{ name: 'a', source: './a' }, { name: 'b', source: './b' }, { name: 'a', source: './c' }] };
    expect(issuesOf(marketplaceSchema(), dup)).toEqual(['plugins.2.name: duplicate plugin name "a" (also plugins[0])']);
  });

  it('knows the entry fields Claude Code adds on top of a plugin manifest', () => {
    const entry = { name: 'a', source: './', category: 'dev', tags: ['x'], strict: false, version: '1.0.0', skills: ['./s'] };
    expect(issuesOf(marketplaceSchema('strict'), { ...market(), plugins: [entry] })).toEqual([]);
    expect(schemaIssues(marketplaceSchema('strict'), { ...market(), plugins: [{ ...entry, bogus: 1 }] }).map((i) => i.keys)).toEqual([['bogus']]);
  });
});

describe("zod's own English messages (zod/mini ships no locale; the schemas install English)", () => {
  const minimal = () => ({ name: 'my-pack', version: '1.2.3', description: 'Skills for things.', author: { name: 'Ada' }, skills: ['./skills/a'] });

  it('words unknown keys the way zod does, singular and plural', () => {
    expect(issuesOf(ownPluginSchema('strict'), { ...minimal(), skils: [] })).toEqual([': Unrecognized key: "skils"']);
    expect(issuesOf(ownPluginSchema('strict'), { ...minimal(), skils: [], homepage2: 1 })).toEqual([': Unrecognized keys: "skils", "homepage2"']);
  });

  it('words length checks that carry no message of our own', () => {
    expect(issuesOf(ownPluginSchema(), { ...minimal(), displayName: '', license: '' })).toEqual([
      'displayName: Too small: expected string to have >=1 characters',
      'license: Too small: expected string to have >=1 characters',
    ]);
    const remote = { name: 'm', owner: { name: 'A' }, plugins: [{ name: 'a', source: { source: '' } }] };
    expect(issuesOf(marketplaceSchema(), remote)).toEqual(['plugins.0.source.source: Too small: expected string to have >=1 characters']);
  });

  it('gives English messages to callers who parse with the schemas directly', () => {
    const r = ownPluginSchema().safeParse({ ...minimal(), version: 1, displayName: '' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'displayName: Too small: expected string to have >=1 characters',
      'version: Invalid input: expected string, received number',
    ]);
  });
});
