import { printable } from '../../strings.js';
import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';
import { nameProblems } from './name-format.js';

export const rule: SkillRule = {
  id: 'name-matches-folder',
  scope: 'skill',
  description: '`name` equals the name of the skill folder',
  severity: 'error',
  docs:
    'The specification requires the folder to be named like the skill. The two drift apart silently: Claude Code names the `/command` ' +
    'after the folder, while the `skills` CLI installs the skill into a folder named after `name` — so the command changes after ' +
    'installation, and two skills can overwrite each other. Rename the folder or change `name` so they are equal.',
  check({ skill, report }) {
    const field = getField(skill, 'name');
    if (!field || typeof field.value !== 'string' || field.value.trim() === '') return;
    // An invalid name gets one diagnostic (name-format), whose hint already names the fix.
    if (nameProblems(field.value).length > 0) return;
    // A SKILL.md at the validated root sits in whatever folder the repository was cloned to;
    // installers name the installed folder after `name`, so there is nothing to compare.
    if (field.value === skill.folderName || skill.atRoot) return;
    // The folder name is whatever is on disk (a newline, a quote): its control characters and
    // quotes shown as escapes, and offered as the name only when it would be a valid one.
    const folderUsable = nameProblems(skill.folderName).length === 0;
    report({
      message: `\`name\` "${field.value}" does not match the folder name "${printable(skill.folderName).replaceAll('"', '\\"')}"`,
      pos: field.valuePos,
      hint: folderUsable ? `rename the folder to ${field.value}/, or set \`name: ${skill.folderName}\`` : `rename the folder to ${field.value}/`,
    });
  },
};
