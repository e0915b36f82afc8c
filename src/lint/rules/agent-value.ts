import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';

export const rule: SkillRule = {
  id: 'agent-value',
  scope: 'skill',
  description: '`agent` is a non-empty agent type and comes with `context: fork`',
  severity: 'warning',
  docs:
    '`agent` picks the subagent type (`Explore`, `Plan`, `general-purpose`, or a custom agent) that runs a forked skill. Claude Code ' +
    'only reads it when `context: fork` is set; otherwise the skill runs inline and `agent` does nothing. Add `context: fork`, or ' +
    'remove `agent`.',
  check({ skill, report }) {
    const field = getField(skill, 'agent');
    if (!field || typeof field.value !== 'string') return;
    if (field.value.trim() === '') {
      report({ message: '`agent` is empty', pos: field.keyPos, hint: 'name an agent type (e.g. `agent: Explore`) or remove the field' });
      return;
    }
    if (getField(skill, 'context')?.value === 'fork') return;
    report({
      message: `\`agent: ${field.value}\` has no effect without \`context: fork\``,
      pos: field.keyPos,
      hint: 'add `context: fork` to run the skill in that subagent, or remove `agent`',
    });
  },
};
