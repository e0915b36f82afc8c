import type { SkillRule } from '../types.js';
import { suggest } from '../suggest.js';
import { allowedToolEntries, allowedToolFlags, CURRENT_TOOLS, isKnownTool, TOOLS_UNKNOWN } from './allowed-tools-parse.js';

export const rule: SkillRule = {
  id: 'allowed-tools-known',
  scope: 'skill',
  description: 'Every tool named in `allowed-tools` exists in Claude Code (or is an MCP tool)',
  severity: 'error',
  docs:
    'Tool names are matched exactly and case-sensitively: `grep` or `Bash_` allows nothing, and the skill then stops for a permission ' +
    "prompt its author meant to avoid. Known names are Claude Code's built-in tools (Read, Write, Edit, Glob, Grep, Bash, WebFetch, " +
    'WebSearch, Agent, Skill, TodoWrite, NotebookEdit, AskUserQuestion, ...) and the legacy names it still understands (Task, ' +
    'BashOutput, KillShell, MultiEdit, LS, ...). Tools from MCP servers are written `mcp__<server>__<tool>`. Fix the spelling as the ' +
    'hint suggests, or turn the rule off for skills written for another agent with different tool names.',
  check({ skill, report }) {
    if ((allowedToolFlags(skill) & TOOLS_UNKNOWN) === 0) return;
    for (const e of allowedToolEntries(skill) ?? []) {
      const name = e.entry.kind === 'tool' || e.entry.kind === 'scoped' ? e.entry.name : undefined;
      if (name === undefined || isKnownTool(name)) continue;
      const guess = suggest(name, CURRENT_TOOLS);
      const { pos, end } = e.where();
      report({
        message: `allowed-tools names \`${name}\`, which is not a Claude Code tool`,
        pos,
        ...(end ? { end } : {}),
        hint: guess
          ? `did you mean \`${guess}\`? Tool names are case-sensitive`
          : 'use a built-in tool name (Read, Grep, Bash, ...) or an MCP tool as mcp__<server>__<tool>',
      });
    }
  },
};
