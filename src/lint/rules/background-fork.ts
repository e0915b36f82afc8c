import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';

export const rule: SkillRule = {
  id: 'background-fork',
  scope: 'skill',
  description: '`background` comes with `context: fork`',
  severity: 'warning',
  docs:
    '`background` says whether a forked skill runs as a background agent that reports back when done (`true`) or keeps the ' +
    'conversation waiting for its result (`false`). Claude Code only reads it when `context: fork` is set; otherwise the skill ' +
    'runs inline and `background` does nothing. Add `context: fork`, or remove `background`.',
  check({ skill, report }) {
    const field = getField(skill, 'background');
    if (!field || getField(skill, 'context')?.value === 'fork') return;
    report({
      message: '`background` has no effect without `context: fork`',
      pos: field.keyPos,
      hint: 'add `context: fork` to run the skill in a subagent, or remove `background`',
    });
  },
};
