/**
 * The real Claude Code (npm @anthropic-ai/claude-code, pinned in tests/helpers/external-tools.ts)
 * validates this repository as a plugin and a marketplace. It runs offline from a scratch
 * HOME, so no user settings, credentials or caches are involved.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/lint/types.js';
import { CURRENT_TOOLS, isKnownTool, LEGACY_TOOLS } from '../../src/lint/rules/allowed-tools-parse.js';
import { KNOWN_FIELDS, UNDOCUMENTED_SPELLINGS } from '../../src/lint/rules/frontmatter-fields.js';
import { isValidModel } from '../../src/lint/rules/model-value.js';
import { rule as experimentalRule } from '../../src/lint/rules/manifest-experimental.js';
import { rule as nameReservedRule } from '../../src/lint/rules/manifest-name-reserved.js';
import { rule as pathsRule } from '../../src/lint/rules/manifest-paths.js';
import { rule as unknownRule } from '../../src/lint/rules/manifest-unknown-field.js';
import { loadManifests } from '../../src/plugin/load.js';
import { marketplaceNameStanding, pluginNameStanding } from '../../src/plugin/reserved-names.js';
import { ownPluginSchema } from '../../src/plugin/schemas.js';
import { deriveManifests } from '../../src/plugin/sync.js';
import { runCli } from '../helpers/cli.js';
import { PLUGIN_COMPONENTS } from '../helpers/plugin-components.js';
import { CLAUDE_CODE_VERSION, ensureClaudeCode, run, scratchEnv } from '../helpers/external-tools.js';
import { makeTree, removeTree, type Tree } from '../helpers/tmp.js';
import { REPO } from './repo-copy.js';

interface ValidateReport {
  success: boolean;
  strict: boolean;
  manifest: { file: string; type: string; errors: { path: string; message: string }[]; warnings: { path: string; message: string }[] };
  provides: { skills: string[] } & Record<string, ({ name?: string; event?: string } | string)[]>;
  /** Claude's plugin directory review (README, LICENSE, icon, ...); a blocking finding keeps a plugin out of the directory. */
  directory?: { findings: { code: string; blocking: boolean }[] };
}

let claude: string;
let home: string;
const dirs: string[] = [];

beforeAll(async () => {
  claude = await ensureClaudeCode();
  home = await mkdtemp(path.join(os.tmpdir(), 'vibe-claude-home-'));
  dirs.push(home);
}, 900_000);

afterAll(async () => {
  for (const d of dirs) await removeTree(d);
});

async function validate(target: string): Promise<{ code: number | null; report: ValidateReport; stderr: string }> {
  const r = await run(claude, ['plugin', 'validate', '--strict', '--json', target], { cwd: path.dirname(target), env: scratchEnv(home), timeoutMs: 180_000 });
  let report: ValidateReport;
  try {
    report = JSON.parse(r.stdout) as ValidateReport;
  } catch {
    throw new Error(`claude plugin validate printed no JSON (exit ${String(r.code)}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

const plugin = ownPluginSchema().parse(JSON.parse(readFileSync(path.join(REPO, 'plugin.json'), 'utf8')));
const expectedSkills = plugin.skills.map((s) => `${plugin.name}:${path.posix.basename(s)}`).sort();

describe(`claude plugin validate --strict (Claude Code ${CLAUDE_CODE_VERSION})`, () => {
  it('is the pinned version, running from the scratch HOME', async () => {
    const r = await run(claude, ['--version'], { env: scratchEnv(home), timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${CLAUDE_CODE_VERSION} (Claude Code)`);
  });

  it('passes on the repository root (the marketplace), providing exactly the six skills', async () => {
    const { code, report } = await validate(REPO);
    expect(report.manifest.errors).toEqual([]);
    expect(report.manifest.warnings).toEqual([]);
    expect(report.manifest.type).toBe('marketplace');
    expect(report.strict).toBe(true);
    expect(report.success).toBe(true);
    expect(code).toBe(0);
    expect([...report.provides.skills].sort()).toEqual(expectedSkills);
    expect(expectedSkills).toHaveLength(6);
    expect(report.directory?.findings.map((f) => f.code)).toEqual([]);
  });

  it('passes on .claude-plugin/plugin.json (the plugin)', async () => {
    const { code, report } = await validate(path.join(REPO, '.claude-plugin', 'plugin.json'));
    expect(report.manifest.errors).toEqual([]);
    expect(report.manifest.warnings).toEqual([]);
    expect(report.manifest.type).toBe('plugin');
    expect(code).toBe(0);
    expect([...report.provides.skills].sort()).toEqual(expectedSkills);
    expect(report.directory?.findings.map((f) => f.code)).toEqual([]);
  });
});

describe('vibe-skills agrees with Claude Code on broken manifests', () => {
  const SKILL = '---\nname: a\ndescription: Use when testing.\n---\n';
  const own = { name: 'pack', version: '1.0.0', description: 'A pack.', author: { name: 'Ada' }, license: 'MIT', skills: ['./skills/a'] };

  async function repoWith(edit: (files: Tree) => void): Promise<string> {
    const files: Tree = { 'plugin.json': JSON.stringify(own), 'skills/a/SKILL.md': SKILL, 'README.md': 'A pack of skills.\n' };
    for (const d of deriveManifests(ownPluginSchema().parse(own))) files[d.path] = d.content;
    edit(files);
    const root = await makeTree(files);
    dirs.push(root);
    return root;
  }

  async function ours(root: string, rule: typeof pathsRule): Promise<Finding[]> {
    const manifests = await loadManifests(root, root);
    const found: Finding[] = [];
    rule.check({ root, manifests, discovery: [], skills: [], settings: { externalSkills: new Set() }, report: (f) => found.push(f) });
    return found;
  }

  it('control: the derived manifests of a small pack pass', async () => {
    const root = await repoWith(() => {});
    const { code, report } = await validate(root);
    expect(report.manifest.errors).toEqual([]);
    expect(report.manifest.warnings).toEqual([]);
    expect(code).toBe(0);
  });

  it('an unknown field fails --strict in both', async () => {
    const root = await repoWith((files) => {
      const data = JSON.parse(files['.claude-plugin/plugin.json'] as string) as Record<string, unknown>;
      files['.claude-plugin/plugin.json'] = JSON.stringify({ ...data, skils: ['./skills/a'] }, null, 2);
    });
    const { code, report } = await validate(path.join(root, '.claude-plugin', 'plugin.json'));
    expect(code).toBe(1);
    expect(report.manifest.warnings.map((w) => w.path)).toEqual(['skils']);
    expect((await ours(root, unknownRule)).map((f) => [f.message, f.hint])).toEqual([['unknown field "skils"', 'did you mean "skills"?']]);
  });

  it('a top-level experimental component (themes) warns in both', async () => {
    const root = await repoWith((files) => {
      const data = JSON.parse(files['.claude-plugin/plugin.json'] as string) as Record<string, unknown>;
      files['.claude-plugin/plugin.json'] = JSON.stringify({ ...data, themes: './skills' }, null, 2);
    });
    const { code, report } = await validate(path.join(root, '.claude-plugin', 'plugin.json'));
    expect(code).toBe(1);
    expect(report.manifest.warnings.map((w) => [w.path, /experimental/.test(w.message)])).toEqual([['themes', true]]);
    expect((await ours(root, experimentalRule)).map((f) => f.message)).toEqual(['"themes" is an experimental component; Claude Code will stop reading it at the top level']);
  });

  it('a skill path without "./" fails in both', async () => {
    const root = await repoWith((files) => {
      const data = JSON.parse(files['.claude-plugin/marketplace.json'] as string) as { plugins: { skills: string[] }[] };
      const entry = data.plugins[0];
      if (entry) entry.skills = ['skills/a'];
      files['.claude-plugin/marketplace.json'] = JSON.stringify(data, null, 2);
    });
    const { code, report } = await validate(root);
    expect(code).toBe(1);
    expect(report.manifest.errors.map((e) => e.path)).toEqual(['plugins.0.skills.0']);
    expect((await ours(root, pathsRule)).map((f) => f.message)).toEqual(['plugins[0].skills[0] must start with "./" (got "skills/a")']);
  });

  // Claude Code's verdict on each name (an error, a warning or nothing) is ours: manifest-name-reserved
  // for its errors, manifest-name-anthropic for its warnings.
  it('plugin and marketplace names Claude Code keeps for Anthropic get the same verdict in both', async () => {
    const verdict = (standing: ReturnType<typeof pluginNameStanding>) => (standing === undefined ? 'ok' : standing.kind === 'reserved' ? 'error' : 'warning');
    const pluginNames = [
      'claude-helper', 'anthropic', 'anthropics-x', 'cc-plugin-x', 'claude', 'claude-code', 'claudecode', 'claude-mods', 'claude-code-helper',
      'official-claude', 'x-anthropic-official', 'officialclaude-x', 'my-claude-tool', 'tools-for-anthropic', 'x-anthropics',
      'claudehelper', 'anthropicx', 'cc-plugin', 'ccplugin-y', 'plain-tool', 'claudia',
    ];
    const files: Tree = {
      '.claude-plugin/marketplace.json': JSON.stringify({
        name: 'names',
        description: 'Names.',
        owner: { name: 'Ada' },
        plugins: pluginNames.map((name, i) => ({ name, source: `./plugins/${i}`, description: 'A plugin.', version: '1.0.0', author: { name: 'Ada' } })),
      }),
    };
    pluginNames.forEach((_, i) => {
      files[`plugins/${i}/skills/a/SKILL.md`] = SKILL;
    });
    const root = await makeTree(files);
    dirs.push(root);
    const { report } = await validate(root);
    const theirs = (list: { path: string }[], i: number) => list.some((e) => e.path === `plugins[${i}].name`);
    expect(pluginNames.map((name, i) => [name, theirs(report.manifest.errors, i) ? 'error' : theirs(report.manifest.warnings, i) ? 'warning' : 'ok']))
      .toEqual(pluginNames.map((name) => [name, verdict(pluginNameStanding(name))]));

    const marketplaceNames = ['claude-marketplace', 'anthropic-plugins-hub', 'tools-official-claude', 'claudeplugins', 'claude-directories', 'inline', 'skills-dir', 'claude', 'my-claude-marketplace', 'plain-market'];
    for (const name of marketplaceNames) {
      const one = await makeTree({
        '.claude-plugin/marketplace.json': JSON.stringify({ name, description: 'Names.', owner: { name: 'Ada' }, plugins: [{ name: 'p', source: './p', description: 'A plugin.', version: '1.0.0', author: { name: 'Ada' } }] }),
        'p/skills/a/SKILL.md': SKILL,
      });
      dirs.push(one);
      const theirsToo = (await validate(one)).report.manifest;
      expect([name, theirsToo.errors.some((e) => e.path === 'name') ? 'error' : theirsToo.warnings.some((e) => e.path === 'name') ? 'warning' : 'ok'])
        .toEqual([name, verdict(marketplaceNameStanding(name))]);
    }

    // The plugins an official marketplace lists are exempt in both; its name passes validation
    // (it is refused at `marketplace add` from outside github.com/anthropics, which we warn about).
    const official = await makeTree({
      '.claude-plugin/marketplace.json': JSON.stringify({ name: 'agent-skills', description: 'Names.', owner: { name: 'Ada' }, plugins: [{ name: 'claude-helper', source: './p', description: 'A plugin.', version: '1.0.0', author: { name: 'Ada' } }] }),
      'p/skills/a/SKILL.md': SKILL,
    });
    dirs.push(official);
    const theirsOfficial = (await validate(official)).report.manifest;
    expect([...theirsOfficial.errors, ...theirsOfficial.warnings].filter((e) => /name$/.test(e.path))).toEqual([]);
    expect((await ours(official, nameReservedRule)).length).toBe(0);
  }, 600_000);
});

describe('component fields written in the root plugin.json reach Claude Code through plugin sync', () => {
  /** What each kind of component the report provides is called: hooks by event, the rest by name. */
  function provided(report: ValidateReport): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [kind, items] of Object.entries(report.provides)) {
      if (items.length > 0) out[kind] = items.map((item) => (typeof item === 'string' ? item : (item.name ?? item.event ?? '?')));
    }
    return out;
  }

  it('the synced manifests pass --strict, as the plugin and as the marketplace, and provide every component', async () => {
    const own = {
      name: 'pack',
      version: '1.0.0',
      description: 'A pack.',
      author: { name: 'Ada' },
      license: 'MIT',
      skills: ['./skills/a'],
      // Paths are relative to the plugin root: the folder of plugin.json, the one that holds .claude-plugin/.
      ...PLUGIN_COMPONENTS,
    };
    const root = await makeTree({
      'plugin.json': JSON.stringify(own, null, 2),
      'README.md': 'A pack of skills.\n',
      'skills/a/SKILL.md': '---\nname: a\ndescription: Use when testing.\n---\n\nBody.\n',
      'commands/about.md': '---\ndescription: Says what the pack is.\n---\n\nSay what the pack is.\n',
      'agents/helper.md': '---\nname: helper\ndescription: Helps with tests.\n---\n\nYou help.\n',
      'styles/terse.md': '---\nname: terse\ndescription: Short answers.\n---\n\nAnswer in one line.\n',
      'hooks/extra.json': JSON.stringify({ hooks: { PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'echo', args: ['written'] }] }] } }),
    });
    dirs.push(root);
    const sync = runCli(['plugin', 'sync'], { cwd: root });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);

    const expected = {
      skills: ['pack:a'],
      commands: ['pack:about'],
      agents: ['pack:helper'],
      outputStyles: ['pack:terse'],
      hooks: ['PostToolUse'],
      mcpServers: ['db'],
      lspServers: ['go'],
    };
    for (const [target, type] of [[path.join(root, '.claude-plugin', 'plugin.json'), 'plugin'], [root, 'marketplace']] as const) {
      const { code, report } = await validate(target);
      expect(report.manifest.type).toBe(type);
      expect(report.manifest.errors).toEqual([]);
      expect(report.manifest.warnings).toEqual([]);
      expect(code, type).toBe(0);
      expect(provided(report), type).toEqual(expected);
    }
  });
});

let binaryRead: Promise<Buffer> | undefined;
/** The Claude Code executable's bytes (~380 MB), read once for the tests that look inside it. */
function claudeBinary(): Promise<Buffer> {
  binaryRead ??= readFile(claude);
  return binaryRead;
}

/**
 * The SKILL.md frontmatter schema compiled into the pinned Claude Code binary, as key ->
 * description. It is a zod object `base().extend({...})` whose fields read
 * `key:<type>().optional().describe("...")`; the extension holds `when_to_use`. Minified
 * names change between releases, so the objects are found by that field and by brace
 * matching, not by name.
 */
function skillSchema(binary: Buffer): Map<string, string> {
  const marker = Buffer.from('when_to_use:');
  for (let at = binary.indexOf(marker); at !== -1; at = binary.indexOf(marker, at + 1)) {
    const text = binary.subarray(Math.max(0, at - 20_000), at + 20_000).toString('latin1');
    const here = text.indexOf('when_to_use:', at < 20_000 ? at : 20_000);
    if (!/^when_to_use:[\w$]+\(\)\.optional\(\)\.describe\("/.test(text.slice(here))) continue;
    const extend = text.lastIndexOf('.extend({', here);
    const base = /([\w$]+)\(\)$/.exec(text.slice(0, extend))?.[1];
    if (base === undefined) continue;
    const baseAt = text.lastIndexOf(`${base}=`, extend);
    const baseOpen = text.indexOf('({', baseAt) + 1;
    const fields = new Map<string, string>();
    for (const open of [baseOpen, extend + '.extend('.length]) {
      for (const entry of topLevelEntries(text, open)) {
        const m = /^(?:"([\w-]+)"|([\w$]+)):.*\.describe\("((?:[^"\\]|\\.)*)"\)$/s.exec(entry);
        if (m) fields.set(m[1] ?? m[2] ?? '', m[3] ?? '');
      }
    }
    return fields;
  }
  throw new Error('no SKILL.md frontmatter schema (an object with `when_to_use:...describe(`) in the Claude Code binary');
}

/** The top-level `key:value` entries of the object literal whose `{` is at `open`, skipping string literals. */
function topLevelEntries(text: string, open: number): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (depth === 0) return [...found, text.slice(start, i)];
    } else if (c === ',' && depth === 1) {
      found.push(text.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error('unbalanced schema object');
}

describe(`SKILL.md fields: the linter knows what Claude Code ${CLAUDE_CODE_VERSION} reads`, () => {
  it('every documented field of its schema is a known field, and every Claude Code field we know is in it', async () => {
    const schema = skillSchema(await claudeBinary());
    // The extraction found the real object: fields on both sides of the extension, with their descriptions.
    expect(schema.get('description')).toMatch(/summary/i);
    expect(schema.get('when_to_use')).toMatch(/when the model should/i);
    const documented = [...schema].filter(([, text]) => !text.startsWith('@internal')).map(([key]) => key);
    expect(documented.filter((key) => !KNOWN_FIELDS.has(key) && !UNDOCUMENTED_SPELLINGS.has(key))).toEqual([]);
    const ours = [...KNOWN_FIELDS].filter(([, field]) => field.source === 'claude-code').map(([key]) => key);
    expect(ours.filter((key) => !schema.has(key))).toEqual([]);
    // The undocumented spellings the linter names as such are ones Claude Code still reads.
    expect([...UNDOCUMENTED_SPELLINGS.keys()].filter((key) => !schema.has(key))).toEqual([]);
  });
});

/** A JavaScript string list in the binary, found by a run of names it contains: `["Agent",...,"Write"]`. */
function nameList(text: string, pattern: RegExp): string[] {
  const found = pattern.exec(text)?.[1];
  if (found === undefined) throw new Error(`no list matching ${String(pattern)} in the Claude Code binary`);
  return [...found.matchAll(/"([\w-]+)"/g)].map((m) => m[1] ?? '');
}

describe(`allowed-tools and model: the linter knows the names Claude Code ${CLAUDE_CODE_VERSION} accepts`, () => {
  it('its tools, their aliases and its removed tools are known; our current tools are its tools', async () => {
    const binary = await claudeBinary();
    // The permissions module: the canonical tool list, then the map of renamed tools.
    const at = binary.indexOf('{Task:"Agent",');
    expect(at).toBeGreaterThan(0);
    const text = binary.subarray(at - 4000, at + 4000).toString('latin1');
    const tools = nameList(text, /=\[("Agent",(?:"[\w-]+",)+"Write")\],[\w$]+=\{Task:"Agent"/);
    const mapAt = text.indexOf('{Task:"Agent",');
    const renamed = [...text.slice(mapAt, text.indexOf('}', mapAt) + 1).matchAll(/(\w+):"(\w+)"/g)];
    // Tools it has dropped: a set that holds the old output tools.
    const removedAt = binary.indexOf('"AgentOutputTool","BashOutputTool"');
    const removed = nameList(binary.subarray(removedAt - 400, removedAt + 400).toString('latin1'), /new Set\(\[((?:"\w+",)*"AgentOutputTool",(?:"\w+",?)*)\]\)/);
    expect(tools).toEqual(expect.arrayContaining(['Bash', 'Read', 'Skill', 'WebFetch']));
    expect(renamed.length).toBeGreaterThan(3);
    expect(removed).toContain('TaskOutput');

    const names = [...tools, ...renamed.flatMap((m) => [m[1] ?? '', m[2] ?? '']), ...removed];
    expect(names.filter((name) => !isKnownTool(name))).toEqual([]);
    // Suggestions come from CURRENT_TOOLS: none of them may be a removed or renamed name.
    expect(CURRENT_TOOLS.filter((name) => !tools.includes(name) && name !== 'REPL')).toEqual([]);
    expect(renamed.filter((m) => LEGACY_TOOLS.get(m[1] ?? '') !== m[2])).toEqual([]);
  });

  it('model: its aliases are valid models', async () => {
    const binary = await claudeBinary();
    const at = binary.indexOf('"opusplan"]');
    expect(at).toBeGreaterThan(0);
    const aliases = nameList(binary.subarray(at - 300, at + 20).toString('latin1').replace(/\[1m\]/g, ''), /\[((?:"\w+",)+"opusplan")\]/);
    expect(aliases).toEqual(expect.arrayContaining(['sonnet', 'opus', 'haiku']));
    expect(aliases.filter((alias) => !isValidModel(alias))).toEqual([]);
  });
});

// Runs last in this file: by now Claude Code has run several times.
it('kept its state in the scratch HOME (so it never read or wrote the real one)', async () => {
  const entries = await readdir(home);
  expect(entries.some((e) => e === '.claude' || e === '.claude.json')).toBe(true);
});
