import type { SkillRule } from '../types.js';
import { fieldsUsable, frontmatterStart, getField } from './frontmatter-fields.js';

export const rule: SkillRule = {
  id: 'description-required',
  scope: 'skill',
  description: 'The frontmatter has a non-empty `description`',
  severity: 'error',
  docs:
    'The description is the only thing an agent reads when it decides whether to use a skill; the specification requires it, and ' +
    'installers skip skills without one. Claude Code falls back to the first line of the body, which rarely says when to use the ' +
    'skill. Add `description:` with what the skill does and when to use it.',
  check({ skill, report }) {
    if (!fieldsUsable(skill)) return;
    const field = getField(skill, 'description');
    const fix = 'add `description: <what it does>. Use when <the situations that should trigger it>.`';
    if (!field) {
      report({ message: 'frontmatter has no `description`', pos: frontmatterStart(skill), hint: fix });
      return;
    }
    if (field.value === null || (typeof field.value === 'string' && field.value.trim() === '')) {
      report({ message: '`description` is empty', pos: field.keyPos, hint: fix });
    }
  },
};
