import type { SkillSummary } from '../../skill/model.js';
import type { SetRule } from '../types.js';
import { duplicateGroups, skillName } from './set-duplicates.js';

export const rule: SetRule = {
  id: 'name-unique',
  scope: 'set',
  description: 'No two skills share a `name` within one plugin (or outside plugins)',
  severity: 'error',
  docs:
    'Skills are installed and invoked by name. The `skills` CLI lists one skill per name (the first it finds), so the other cannot be installed ' +
    'with it, and both would go to the same `.claude/skills/<name>/`. Give each skill its own name (and folder). ' +
    'Skills in different plugins of a marketplace are `name-unique-across-plugins` instead: Claude Code keeps those apart (`plugin:name`).',
  check({ skills, pluginOf, report }) {
    // One group per plugin folder (or none): a name repeated in another plugin is the other rule's.
    const key = (s: SkillSummary) => {
      const name = skillName(s);
      return name === undefined ? undefined : `${pluginOf(s) ?? ''}\0${name}`;
    };
    for (const { members } of duplicateGroups(skills, key)) {
      for (const { skill, others } of members) {
        report({
          file: skill.file,
          ...(skill.namePos ? { pos: skill.namePos } : {}),
          message: `\`name\` "${skillName(skill)}" is also used by ${others}`,
          hint: 'give each skill a unique name and rename its folder to match; installers put both into the same folder',
        });
      }
    }
  },
};
