import type { SkillDocument } from '../../skill/model.js';
import type { SkillRule } from '../types.js';
import { fieldsUsable, frontmatterStart, getField } from './frontmatter-fields.js';

/** Built only for a finding: nearly every skill has a name. */
function nameFix(skill: SkillDocument): string {
  return `add \`name: ${skill.folderName}\` (lowercase letters, digits and hyphens, equal to the folder name)`;
}

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
    if (!field) {
      report({ message: 'frontmatter has no `name`', pos: frontmatterStart(skill), hint: nameFix(skill) });
      return;
    }
    if (field.value === null || (typeof field.value === 'string' && field.value.trim() === '')) {
      report({ message: '`name` is empty', pos: field.keyPos, hint: nameFix(skill) });
    }
  },
};
