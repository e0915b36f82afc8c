import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENTS, findAgent, globalSkillsFolder, groupTargets, projectMarker, projectSkillsFolder, type Environment } from '../../src/install/agents.js';
import { globalLockPath } from '../../src/install/lock.js';

/** Every id in the agents table of the design notes (agents.md), copied here on purpose. */
const DOCUMENTED_IDS = [
  'aider-desk', 'amp', 'replit', 'universal', 'antigravity', 'antigravity-cli', 'astrbot', 'autohand-code', 'augment', 'bob',
  'claude-code', 'openclaw', 'cline', 'codex', 'dexto', 'fx', 'kimi-code-cli', 'loaf', 'pi', 'sarvam-code', 'warp', 'zed',
  'codearts-agent', 'codebuddy', 'codemaker', 'codestudio', 'command-code', 'continue', 'cortex', 'crush', 'cursor',
  'deepagents', 'devin', 'droid', 'eve', 'firebender', 'forgecode', 'gemini-cli', 'github-copilot', 'goose', 'grok',
  'hermes-agent', 'inference-sh', 'jazz', 'junie', 'iflow-cli', 'kilo', 'kimchi', 'kiro-cli', 'kode', 'lingma', 'mcpjam',
  'minimax-code', 'mistral-vibe', 'moxby', 'mux', 'opencode', 'openhands', 'ona', 'posit-assistant', 'qoder', 'qoder-cn',
  'qwen-code', 'reasonix', 'rovodev', 'roo', 'tabnine-cli', 'terramind', 'tinycloud', 'trae', 'trae-cn', 'windsurf', 'zcode',
  'zencoder', 'zenflow', 'neovate', 'pochi', 'promptscript', 'adal',
];

const env = (over: Partial<Environment> = {}): Environment => ({ cwd: '/p', home: '/h', env: {}, ...over });

describe('agents table', () => {
  it('has exactly the documented agents, each id once', () => {
    const ids = AGENTS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...DOCUMENTED_IDS].sort());
  });

  it('uses relative project folders without traversal', () => {
    for (const a of AGENTS) {
      expect(a.projectDir, a.id).not.toMatch(/^\/|\.\.|\/$|\\/);
      expect(a.projectDir.endsWith('skills'), a.id).toBe(true);
    }
  });

  it('resolves the documented folders', () => {
    expect(projectSkillsFolder(findAgent('claude-code')!, env()).dir).toBe(path.join('/p', '.claude/skills'));
    expect(projectSkillsFolder(findAgent('cursor')!, env()).dir).toBe(path.join('/p', '.agents/skills'));
    expect(projectSkillsFolder(findAgent('tabnine-cli')!, env()).dir).toBe(path.join('/p', '.tabnine/agent/skills'));
    expect(globalSkillsFolder(findAgent('claude-code')!, env())?.dir).toBe(path.join('/h', '.claude/skills'));
    expect(globalSkillsFolder(findAgent('codex')!, env())?.dir).toBe(path.join('/h', '.agents/skills'));
    expect(globalSkillsFolder(findAgent('cursor')!, env())?.dir).toBe(path.join('/h', '.cursor/skills'));
    expect(globalSkillsFolder(findAgent('windsurf')!, env())?.dir).toBe(path.join('/h', '.codeium/windsurf/skills'));
    expect(globalSkillsFolder(findAgent('eve')!, env())).toBeNull();
    expect(globalSkillsFolder(findAgent('promptscript')!, env())).toBeNull();
  });

  it('honours CLAUDE_CONFIG_DIR for Claude Code and XDG_CONFIG_HOME for the ~/.config agents', () => {
    const e = env({ env: { CLAUDE_CONFIG_DIR: '/cfg/claude', XDG_CONFIG_HOME: '/xdg' } });
    expect(globalSkillsFolder(findAgent('claude-code')!, e)).toEqual({ dir: path.join('/cfg/claude', 'skills'), root: '/cfg/claude' });
    expect(globalSkillsFolder(findAgent('amp')!, e)?.dir).toBe(path.join('/xdg', 'agents/skills'));
    expect(globalSkillsFolder(findAgent('goose')!, e)?.dir).toBe(path.join('/xdg', 'goose/skills'));
    // Blank values are ignored, as the `skills` CLI does.
    expect(globalSkillsFolder(findAgent('claude-code')!, env({ env: { CLAUDE_CONFIG_DIR: '  ' } }))?.dir).toBe(path.join('/h', '.claude/skills'));
  });

  it('refuses an agent variable that is not an absolute path, and ignores a relative XDG_CONFIG_HOME', () => {
    // A quoted ~ reaches us unexpanded: resolving it made a literal `~` folder.
    expect(() => globalSkillsFolder(findAgent('claude-code')!, env({ env: { CLAUDE_CONFIG_DIR: '~/.claude' } }))).toThrow(
      expect.objectContaining({ name: 'InstallError', message: 'CLAUDE_CONFIG_DIR is "~/.claude", which is not an absolute path (a quoted ~ is not expanded by the shell)', hint: expect.stringContaining('CLAUDE_CONFIG_DIR="$HOME/.claude"') }),
    );
    expect(() => globalSkillsFolder(findAgent('grok')!, env({ env: { GROK_HOME: 'grok' } }))).toThrow(
      expect.objectContaining({ message: 'GROK_HOME is "grok", which is not an absolute path', hint: expect.stringContaining('absolute path, or unset it') }),
    );
    // Another agent's variable does not matter.
    expect(globalSkillsFolder(findAgent('cursor')!, env({ env: { CLAUDE_CONFIG_DIR: '~/.claude' } }))?.dir).toBe(path.join('/h', '.cursor/skills'));
    // The XDG Base Directory spec: a relative value is invalid and ignored.
    expect(globalSkillsFolder(findAgent('amp')!, env({ env: { XDG_CONFIG_HOME: 'cfg' } }))?.dir).toBe(path.join('/h', '.config/agents/skills'));
    expect(globalLockPath('/h', { XDG_STATE_HOME: 'state' })).toBe(path.join('/h', '.agents/.skill-lock.json'));
    expect(globalLockPath('/h', { XDG_STATE_HOME: '/state' })).toBe(path.join('/state', 'skills/.skill-lock.json'));
  });

  it('gives agents that share a folder one target', () => {
    const { targets, unsupported } = groupTargets(['codex', 'cursor', 'claude-code', 'cline'], 'project', env());
    expect(targets.map((t) => [t.dir, t.agents])).toEqual([
      [path.join('/p', '.agents/skills'), ['codex', 'cursor', 'cline']],
      [path.join('/p', '.claude/skills'), ['claude-code']],
    ]);
    expect(unsupported).toEqual([]);
    const global = groupTargets(['codex', 'cursor', 'eve'], 'global', env());
    expect(global.targets.map((t) => t.dir)).toEqual([path.join('/h', '.agents/skills'), path.join('/h', '.cursor/skills')]);
    expect(global.unsupported).toEqual(['eve']);
  });

  it('detects dot-folder agents only', () => {
    expect(projectMarker(findAgent('claude-code')!)).toBe('.claude');
    expect(projectMarker(findAgent('posit-assistant')!)).toBe('.posit');
    expect(projectMarker(findAgent('openclaw')!)).toBeNull();
    expect(projectMarker(findAgent('astrbot')!)).toBeNull();
  });
});
