/**
 * The coding agents vibe-skills can install into, as data: adding an agent is one row.
 *
 * Ids, folders and environment overrides match the public `skills` CLI 1.7.4 (read from its
 * source), so a user can switch tools without relearning names. Global folders are the ones
 * each agent reads; where the `skills` CLI sends a global install somewhere else (it puts the
 * `.agents/skills` agents' global copies in `~/.agents/skills`), we follow the agent, because
 * that is the folder the agent actually scans.
 */
import path from 'node:path';
import { InstallError } from './errors.js';

/** Where an agent's global (per-user) skill folder lives. */
export interface GlobalLocation {
  /** `home` is the user's home folder; `xdg-config` is `$XDG_CONFIG_HOME`, else `~/.config`. */
  base: 'home' | 'xdg-config';
  /** Folder under `base`, `/` separators. */
  path: string;
  /** An environment variable that, when set to a non-blank value, replaces `base/path` with `$VAR/<path>`. */
  env?: { name: string; path: string };
}

export interface AgentDefinition {
  /** The `--agent` id, identical to the `skills` CLI id. */
  id: string;
  /** Display name. */
  name: string;
  /** Project skill folder, relative to the project root, `/` separators, no trailing slash. */
  projectDir: string;
  /** Global skill folder; null when the agent only reads project skills. */
  global: GlobalLocation | null;
}

const home = (p: string): GlobalLocation => ({ base: 'home', path: p });
const xdg = (p: string): GlobalLocation => ({ base: 'xdg-config', path: p });
const homeOr = (p: string, env: string, sub: string): GlobalLocation => ({ base: 'home', path: p, env: { name: env, path: sub } });

/** Agents that read `.agents/skills/` in a project and `~/.agents/skills/` globally. */
const UNIVERSAL = '.agents/skills';

export const AGENTS: readonly AgentDefinition[] = [
  { id: 'aider-desk', name: 'AiderDesk', projectDir: '.aider-desk/skills', global: home('.aider-desk/skills') },
  { id: 'amp', name: 'Amp', projectDir: UNIVERSAL, global: xdg('agents/skills') },
  { id: 'replit', name: 'Replit', projectDir: UNIVERSAL, global: xdg('agents/skills') },
  { id: 'universal', name: 'Universal', projectDir: UNIVERSAL, global: xdg('agents/skills') },
  { id: 'antigravity', name: 'Antigravity', projectDir: UNIVERSAL, global: home('.gemini/antigravity/skills') },
  { id: 'antigravity-cli', name: 'Antigravity CLI', projectDir: UNIVERSAL, global: home('.gemini/antigravity-cli/skills') },
  { id: 'astrbot', name: 'AstrBot', projectDir: 'data/skills', global: home('.astrbot/data/skills') },
  { id: 'autohand-code', name: 'Autohand Code CLI', projectDir: '.autohand/skills', global: homeOr('.autohand/skills', 'AUTOHAND_HOME', 'skills') },
  { id: 'augment', name: 'Augment', projectDir: '.augment/skills', global: home('.augment/skills') },
  { id: 'bob', name: 'IBM Bob', projectDir: '.bob/skills', global: home('.bob/skills') },
  { id: 'claude-code', name: 'Claude Code', projectDir: '.claude/skills', global: homeOr('.claude/skills', 'CLAUDE_CONFIG_DIR', 'skills') },
  { id: 'openclaw', name: 'OpenClaw', projectDir: 'skills', global: home('.openclaw/skills') },
  { id: 'cline', name: 'Cline', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'codex', name: 'Codex', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'dexto', name: 'Dexto', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'fx', name: 'fx', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'kimi-code-cli', name: 'Kimi Code CLI', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'loaf', name: 'Loaf', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'pi', name: 'Pi', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'sarvam-code', name: 'Sarvam Code', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'warp', name: 'Warp', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'zed', name: 'Zed', projectDir: UNIVERSAL, global: home('.agents/skills') },
  { id: 'codearts-agent', name: 'CodeArts Agent', projectDir: '.codeartsdoer/skills', global: home('.codeartsdoer/skills') },
  { id: 'codebuddy', name: 'CodeBuddy', projectDir: '.codebuddy/skills', global: home('.codebuddy/skills') },
  { id: 'codemaker', name: 'Codemaker', projectDir: '.codemaker/skills', global: home('.codemaker/skills') },
  { id: 'codestudio', name: 'Code Studio', projectDir: '.codestudio/skills', global: home('.codestudio/skills') },
  { id: 'command-code', name: 'Command Code', projectDir: '.commandcode/skills', global: home('.commandcode/skills') },
  { id: 'continue', name: 'Continue', projectDir: '.continue/skills', global: home('.continue/skills') },
  { id: 'cortex', name: 'Cortex Code', projectDir: '.cortex/skills', global: home('.snowflake/cortex/skills') },
  { id: 'crush', name: 'Crush', projectDir: '.crush/skills', global: home('.config/crush/skills') },
  { id: 'cursor', name: 'Cursor', projectDir: UNIVERSAL, global: home('.cursor/skills') },
  { id: 'deepagents', name: 'Deep Agents', projectDir: UNIVERSAL, global: home('.deepagents/agent/skills') },
  { id: 'devin', name: 'Devin for Terminal', projectDir: '.devin/skills', global: xdg('devin/skills') },
  { id: 'droid', name: 'Droid', projectDir: UNIVERSAL, global: home('.factory/skills') },
  { id: 'eve', name: 'Eve', projectDir: 'agent/skills', global: null },
  { id: 'firebender', name: 'Firebender', projectDir: UNIVERSAL, global: home('.firebender/skills') },
  { id: 'forgecode', name: 'ForgeCode', projectDir: '.forge/skills', global: home('.forge/skills') },
  { id: 'gemini-cli', name: 'Gemini CLI', projectDir: UNIVERSAL, global: home('.gemini/skills') },
  { id: 'github-copilot', name: 'GitHub Copilot', projectDir: UNIVERSAL, global: home('.copilot/skills') },
  { id: 'goose', name: 'Goose', projectDir: '.goose/skills', global: xdg('goose/skills') },
  { id: 'grok', name: 'Grok Build', projectDir: '.grok/skills', global: homeOr('.grok/skills', 'GROK_HOME', 'skills') },
  { id: 'hermes-agent', name: 'Hermes Agent', projectDir: '.hermes/skills', global: homeOr('.hermes/skills', 'HERMES_HOME', 'skills') },
  { id: 'inference-sh', name: 'inference.sh', projectDir: '.inferencesh/skills', global: home('.inferencesh/skills') },
  { id: 'jazz', name: 'Jazz', projectDir: '.jazz/skills', global: home('.jazz/skills') },
  { id: 'junie', name: 'Junie', projectDir: '.junie/skills', global: home('.junie/skills') },
  { id: 'iflow-cli', name: 'iFlow CLI', projectDir: '.iflow/skills', global: home('.iflow/skills') },
  { id: 'kilo', name: 'Kilo Code', projectDir: UNIVERSAL, global: home('.kilo/skills') },
  { id: 'kimchi', name: 'Kimchi', projectDir: '.kimchi/skills', global: home('.config/kimchi/harness/skills') },
  { id: 'kiro-cli', name: 'Kiro CLI', projectDir: '.kiro/skills', global: home('.kiro/skills') },
  { id: 'kode', name: 'Kode', projectDir: '.kode/skills', global: home('.kode/skills') },
  { id: 'lingma', name: 'Lingma', projectDir: '.lingma/skills', global: home('.lingma/skills') },
  { id: 'mcpjam', name: 'MCPJam', projectDir: '.mcpjam/skills', global: home('.mcpjam/skills') },
  { id: 'minimax-code', name: 'MiniMax Code', projectDir: '.minimax/skills', global: home('.minimax/skills') },
  { id: 'mistral-vibe', name: 'Mistral Vibe', projectDir: '.vibe/skills', global: homeOr('.vibe/skills', 'VIBE_HOME', 'skills') },
  { id: 'moxby', name: 'Moxby', projectDir: '.moxby/skills', global: home('.moxby/skills') },
  { id: 'mux', name: 'Mux', projectDir: '.mux/skills', global: home('.mux/skills') },
  { id: 'opencode', name: 'OpenCode', projectDir: UNIVERSAL, global: xdg('opencode/skills') },
  { id: 'openhands', name: 'OpenHands', projectDir: '.openhands/skills', global: home('.openhands/skills') },
  { id: 'ona', name: 'Ona', projectDir: '.ona/skills', global: home('.ona/skills') },
  { id: 'posit-assistant', name: 'Posit Assistant', projectDir: '.posit/assistant/skills', global: home('.posit/assistant/skills') },
  { id: 'qoder', name: 'Qoder', projectDir: '.qoder/skills', global: home('.qoder/skills') },
  { id: 'qoder-cn', name: 'Qoder CN', projectDir: '.qoder/skills', global: home('.qoder-cn/skills') },
  { id: 'qwen-code', name: 'Qwen Code', projectDir: '.qwen/skills', global: home('.qwen/skills') },
  { id: 'reasonix', name: 'Reasonix', projectDir: '.reasonix/skills', global: home('.reasonix/skills') },
  { id: 'rovodev', name: 'Rovo Dev', projectDir: '.rovodev/skills', global: home('.rovodev/skills') },
  { id: 'roo', name: 'Roo Code', projectDir: '.roo/skills', global: home('.roo/skills') },
  { id: 'tabnine-cli', name: 'Tabnine CLI', projectDir: '.tabnine/agent/skills', global: home('.tabnine/agent/skills') },
  { id: 'terramind', name: 'Terramind', projectDir: '.terramind/skills', global: home('.terramind/skills') },
  { id: 'tinycloud', name: 'Tinycloud', projectDir: '.tinycloud/skills', global: home('.tinycloud/skills') },
  { id: 'trae', name: 'Trae', projectDir: '.trae/skills', global: home('.trae/skills') },
  { id: 'trae-cn', name: 'Trae CN', projectDir: '.trae/skills', global: home('.trae-cn/skills') },
  { id: 'windsurf', name: 'Windsurf', projectDir: '.windsurf/skills', global: home('.codeium/windsurf/skills') },
  { id: 'zcode', name: 'ZCode', projectDir: '.zcode/skills', global: home('.zcode/skills') },
  { id: 'zencoder', name: 'Zencoder', projectDir: '.zencoder/skills', global: home('.zencoder/skills') },
  { id: 'zenflow', name: 'Zenflow', projectDir: '.zencoder/skills', global: home('.zencoder/skills') },
  { id: 'neovate', name: 'Neovate', projectDir: '.neovate/skills', global: home('.neovate/skills') },
  { id: 'pochi', name: 'Pochi', projectDir: '.pochi/skills', global: home('.pochi/skills') },
  { id: 'promptscript', name: 'PromptScript', projectDir: UNIVERSAL, global: null },
  { id: 'adal', name: 'AdaL', projectDir: '.adal/skills', global: home('.adal/skills') },
];

/** The project folder that holds one shared copy in `--symlink` mode, as the `skills` CLI does. */
export const CANONICAL_PROJECT_DIR = UNIVERSAL;

const BY_ID: ReadonlyMap<string, AgentDefinition> = new Map(AGENTS.map((a) => [a.id, a]));

export function findAgent(id: string): AgentDefinition | undefined {
  return BY_ID.get(id);
}

export type Scope = 'project' | 'global';

/** What the resolution of folders depends on, passed in so tests never touch the real home. */
export interface Environment {
  /** Absolute project root. */
  cwd: string;
  /** Absolute home folder. */
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

function nonBlank(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t === undefined || t === '' ? undefined : t;
}

/**
 * The folder an override or a base points at, and the root a target must stay inside:
 * for global folders that root is the base the path hangs off (home, `$XDG_CONFIG_HOME`, or
 * the override variable's folder), so a `~/.claude -> ~/dotfiles/claude` link stays allowed
 * while a link that leaves the base is refused.
 */
export interface ResolvedFolder {
  /** Absolute skills folder. */
  dir: string;
  /** Absolute folder the skills folder must stay inside after resolving symlinks. */
  root: string;
}

/**
 * An agent's folder variable (`CLAUDE_CONFIG_DIR`...) must be absolute. A relative one means a
 * folder relative to wherever the agent happens to start, and `~/.claude` is a shell that did not
 * expand `~` (it was quoted): either way there is no one folder to install into, and guessing
 * would create a literal `~` folder. Throws an InstallError that says how to fix it.
 */
function absoluteOverride(name: string, value: string): string {
  if (path.isAbsolute(value)) return value;
  const tilde = value === '~' || value.startsWith('~/');
  throw new InstallError(
    `${name} is "${value}", which is not an absolute path${tilde ? ' (a quoted ~ is not expanded by the shell)' : ''}`,
    tilde
      ? `set it without quotes around the ~, or as ${name}="$HOME${value.slice(1)}"; or unset it`
      : `set ${name} to an absolute path, or unset it (the default folder is then used)`,
  );
}

export function globalSkillsFolder(agent: AgentDefinition, e: Environment): ResolvedFolder | null {
  const g = agent.global;
  if (g === null) return null;
  if (g.env !== undefined) {
    const override = nonBlank(e.env[g.env.name]);
    if (override !== undefined) {
      const root = path.resolve(absoluteOverride(g.env.name, override));
      return { dir: path.join(root, g.env.path), root };
    }
  }
  // The XDG Base Directory spec: a relative $XDG_CONFIG_HOME is invalid and is ignored.
  const xdgConfig = nonBlank(e.env.XDG_CONFIG_HOME);
  const root = g.base === 'home' ? e.home : xdgConfig !== undefined && path.isAbsolute(xdgConfig) ? path.resolve(xdgConfig) : path.join(e.home, '.config');
  return { dir: path.join(root, g.path), root };
}

export function projectSkillsFolder(agent: AgentDefinition, e: Environment): ResolvedFolder {
  return { dir: path.join(e.cwd, agent.projectDir), root: e.cwd };
}

export function skillsFolder(agent: AgentDefinition, scope: Scope, e: Environment): ResolvedFolder | null {
  return scope === 'project' ? projectSkillsFolder(agent, e) : globalSkillsFolder(agent, e);
}

/**
 * The path whose existence means "this project uses that agent": the first folder of a
 * dot-folder path (`.claude` for `.claude/skills`). Agents whose project folder is a plain
 * name (`skills/`, `data/skills/`, `agent/skills/`) are never detected, only chosen with
 * `--agent`: a `skills/` folder is far more often a skill pack (this repository has one)
 * than an OpenClaw workspace, and installing into it would write into the source.
 */
export function projectMarker(agent: AgentDefinition): string | null {
  const first = agent.projectDir.split('/')[0] ?? '';
  return first.startsWith('.') ? first : null;
}

/**
 * Agents `remove` and `list` look at when none is named: in a project, only those with a
 * dot-folder; a plain `skills/` folder is usually a skill pack (the very source a skill was
 * installed from), and removing "installed" copies from it would delete the source.
 */
export function defaultAgentIds(scope: Scope): string[] {
  return AGENTS.filter((a) => (scope === 'project' ? projectMarker(a) !== null : a.global !== null)).map((a) => a.id);
}

/** For global scope: the parent of the skills folder (`~/.claude` for `~/.claude/skills`). */
export function globalMarker(agent: AgentDefinition, e: Environment): string | null {
  const f = globalSkillsFolder(agent, e);
  return f === null ? null : path.dirname(f.dir);
}

/** A group of agents that share one skills folder: one copy serves them all. */
export interface TargetFolder {
  dir: string;
  root: string;
  agents: string[];
}

/**
 * Group agents by the folder they read. Agents without a folder in this scope come back in
 * `unsupported` (Eve and PromptScript have no global folder).
 */
export function groupTargets(
  agentIds: readonly string[],
  scope: Scope,
  e: Environment,
): { targets: TargetFolder[]; unsupported: string[] } {
  const byDir = new Map<string, TargetFolder>();
  const unsupported: string[] = [];
  for (const id of agentIds) {
    const agent = findAgent(id);
    if (agent === undefined) continue;
    const folder = skillsFolder(agent, scope, e);
    if (folder === null) {
      unsupported.push(id);
      continue;
    }
    const existing = byDir.get(folder.dir);
    if (existing === undefined) byDir.set(folder.dir, { dir: folder.dir, root: folder.root, agents: [id] });
    else if (!existing.agents.includes(id)) existing.agents.push(id);
  }
  return { targets: [...byDir.values()], unsupported };
}
