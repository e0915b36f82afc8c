import type { SkillSummary } from '../../skill/model.js';
import type { SetRule } from '../types.js';
import { duplicateGroups } from './set-duplicates.js';

export const rule: SetRule = {
  id: 'name-unique',
  scope: 'set',
  description: 'No two skills in the set share a `name`',
  severity: 'error',
  docs:
    'Skills are installed and invoked by name. The `skills` CLI copies both skills to `.claude/skills/<name>/` (or `.agents/skills/<name>/`), ' +
    'so the second overwrites the first, and `--skill <name>` picks one at random. Claude Code keeps same-named skills apart only when ' +
    'they ship in different plugins (`plugin:name`). Give each skill its own name (and folder).',
  check({ skills, report }) {
    const named = (s: SkillSummary) => (typeof s.name === 'string' && s.name.trim() !== '' ? s.name : undefined);
    for (const { key, members } of duplicateGroups(skills, named)) {
      for (const { skill, others } of members) {
        report({
          file: skill.file,
          ...(skill.namePos ? { pos: skill.namePos } : {}),
          message: `\`name\` "${key}" is also used by ${others}`,
          hint: 'give each skill a unique name and rename its folder to match; installers put both into the same folder',
        });
      }
    }
  },
};
