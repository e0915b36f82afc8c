import type { SkillRule } from '../types.js';
import { fieldsUsable, frontmatterStart, getField } from './frontmatter-fields.js';

export const rule: SkillRule = {
  id: 'name-required',
  scope: 'skill',
  description: 'The frontmatter has a non-empty `name`',
  severity: 'error',
  docs:
    'The Agent Skills specification requires `name`: installers (the `skills` CLI), registries and the Claude API identify a skill by it, ' +
    'and skip a skill without one. Claude Code falls back to the folder name, so a missing name often goes unnoticed until someone ' +
    'installs the skill elsewhere. Add `name: <folder-name>` as the first frontmatter line.',
  check({ skill, report }) {
    if (!fieldsUsable(skill)) return;
    const field = getField(skill, 'name');
    const fix = `add \`name: ${skill.folderName}\` (lowercase letters, digits and hyphens, equal to the folder name)`;
    if (!field) {
      report({ message: 'frontmatter has no `name`', pos: frontmatterStart(skill), hint: fix });
      return;
    }
    if (field.value === null || (typeof field.value === 'string' && field.value.trim() === '')) {
      report({ message: '`name` is empty', pos: field.keyPos, hint: fix });
    }
  },
};
