import type { SkillRule } from '../types.js';
import { allowedToolEntries, allowedToolFlags, TOOLS_MALFORMED } from './allowed-tools-parse.js';

export const rule: SkillRule = {
  id: 'allowed-tools-format',
  scope: 'skill',
  description: 'Every `allowed-tools` entry is well-formed: Tool, Tool(pattern) or mcp__server__tool',
  severity: 'error',
  docs:
    '`allowed-tools` lists tools the skill may use without a permission prompt, separated by spaces or commas, or as a YAML list. ' +
    'Each entry is a tool name (`Read`), a tool with a pattern in balanced parentheses (`Bash(git diff *)`, `WebFetch(domain:example.com)`), ' +
    'or an MCP tool (`mcp__server__tool`, `mcp__server__*`). Claude Code silently drops malformed entries, so the skill keeps prompting ' +
    'for a tool its author meant to allow. Fix the entry as the hint says: balance the parentheses, drop empty `()`, keep `:*` at the end ' +
    'of a Bash pattern, give WebFetch a `domain:`.',
  check({ skill, report }) {
    if ((allowedToolFlags(skill) & TOOLS_MALFORMED) === 0) return;
    for (const e of allowedToolEntries(skill) ?? []) {
      if (e.entry.kind !== 'malformed') continue;
      const { pos, end } = e.where();
      report({ message: `allowed-tools entry \`${e.text}\` ${e.entry.reason}`, pos, ...(end ? { end } : {}), hint: e.entry.hint });
    }
  },
};
