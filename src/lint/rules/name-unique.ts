import type { SkillSummary } from '../../skill/model.js';
import type { SetRule } from '../types.js';
import { namesByPlugin, othersText } from './set-duplicates.js';

export const rule: SetRule = {
  id: 'name-unique',
  scope: 'set',
  description: 'No two skills share a `name` within one plugin, or with a skill outside plugins',
  severity: 'error',
  docs:
    'Skills are installed and invoked by name. The `skills` CLI lists one skill per name (the first it finds), so the other cannot be installed ' +
    'with it, and both would go to the same `.claude/skills/<name>/`. Give each skill its own name (and folder). ' +
    'Skills in different plugins of a marketplace are `name-unique-across-plugins` instead: Claude Code keeps those apart (`plugin:name`). ' +
    'A skill outside the plugins has no plugin to keep it apart: it clashes with a skill of its name in any plugin. ' +
    'Byte-identical copies of one SKILL.md (a pack that keeps the same skill for several agents) are one skill, not a clash.',
  check({ skills, pluginOf, report, isCopy }) {
    for (const [name, group] of namesByPlugin(skills, pluginOf, isCopy)) {
      if (group.all.length < 2) continue;
      const clash = (skill: SkillSummary, lists: readonly (readonly SkillSummary[])[], count: number) => {
        if (count === 0) return;
        report({
          file: skill.file,
          ...(skill.namePos ? { pos: skill.namePos } : {}),
          message: `\`name\` "${name}" is also used by ${othersText(lists, skill, count)}`,
          hint: 'give each skill a unique name and rename its folder to match; installers put both into the same folder',
        });
      };
      // A skill outside plugins clashes with every skill of its name; a plugin's skill with those of
      // its own plugin and those outside plugins (another plugin's are name-unique-across-plugins').
      for (const skill of group.all) {
        const plugin = pluginOf(skill);
        const own = plugin === undefined ? undefined : group.plugins.get(plugin);
        if (own === undefined) clash(skill, [group.all], group.all.length - 1);
        else clash(skill, [own, group.outside], own.length + group.outside.length - 1);
      }
    }
  },
};
