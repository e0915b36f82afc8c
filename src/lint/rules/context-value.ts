import type { SkillRule } from '../types.js';
import { suggest } from '../suggest.js';
import { getField } from './frontmatter-fields.js';

const VALUES = ['fork', 'inline'];

export const rule: SkillRule = {
  id: 'context-value',
  scope: 'skill',
  description: '`context` is `fork` (or `inline`)',
  severity: 'error',
  docs:
    '`context: fork` makes Claude Code run the skill in a separate subagent with its own context window; `inline` (the default) ' +
    'expands it into the current conversation. Claude Code compares the value exactly: anything else (`forked`, `Fork`, `isolated`) ' +
    'silently runs the skill inline. Write `context: fork`, or remove the field.',
  check({ skill, report }) {
    const field = getField(skill, 'context');
    if (!field || typeof field.value !== 'string') return;
    if (VALUES.includes(field.value)) return;
    const guess = suggest(field.value.trim(), VALUES);
    report({
      message: `\`context\` "${field.value}" is not \`fork\` or \`inline\`: Claude Code runs the skill inline`,
      pos: field.valuePos,
      hint: guess ? `did you mean \`context: ${guess}\`?` : 'write `context: fork` to run the skill in a subagent, or remove the field',
    });
  },
};
