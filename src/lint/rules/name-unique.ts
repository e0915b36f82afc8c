import type { SkillSummary } from '../../skill/model.js';
import type { SetRule } from '../types.js';
import { skillName } from './set-duplicates.js';

/** Files listed in a message at most; the rest are counted. */
const SHOWN = 3;

export const rule: SetRule = {
  id: 'name-unique',
  scope: 'set',
  description: 'No two skills share a `name` within one plugin, or with a skill outside plugins',
  severity: 'error',
  docs:
    'Skills are installed and invoked by name. The `skills` CLI lists one skill per name (the first it finds), so the other cannot be installed ' +
    'with it, and both would go to the same `.claude/skills/<name>/`. Give each skill its own name (and folder). ' +
    'Skills in different plugins of a marketplace are `name-unique-across-plugins` instead: Claude Code keeps those apart (`plugin:name`). ' +
    'A skill outside the plugins has no plugin to keep it apart: it clashes with a skill of its name in any plugin.',
  check({ skills, pluginOf, report }) {
    // name -> its skills (discovery order), those outside plugins, and those of each plugin folder.
    interface Group { all: SkillSummary[]; plugin: Map<SkillSummary, string>; outside: SkillSummary[]; plugins: Map<string, SkillSummary[]> }
    const byName = new Map<string, Group>();
    for (const skill of skills) {
      const name = skillName(skill);
      if (name === undefined) continue;
      const plugin = pluginOf(skill);
      let group = byName.get(name);
      if (!group) byName.set(name, (group = { all: [], plugin: new Map(), outside: [], plugins: new Map() }));
      group.all.push(skill);
      if (plugin === undefined) group.outside.push(skill);
      else {
        group.plugin.set(skill, plugin);
        const list = group.plugins.get(plugin);
        if (list) list.push(skill);
        else group.plugins.set(plugin, [skill]);
      }
    }
    for (const [name, group] of byName) {
      if (group.all.length < 2) continue;
      for (const skill of group.all) {
        const plugin = group.plugin.get(skill);
        // What it clashes with: every skill of its name when it is outside plugins; else those of
        // its own plugin and those outside plugins (another plugin's are name-unique-across-plugins').
        const own = plugin === undefined ? undefined : group.plugins.get(plugin)!;
        const count = (own === undefined ? group.all.length : own.length + group.outside.length) - 1;
        if (count === 0) continue;
        // The first few of them: a walk that stops after SHOWN, whatever the group's size.
        const shown: string[] = [];
        for (const list of own === undefined ? [group.all] : [own, group.outside]) {
          for (let i = 0; i < list.length && shown.length < SHOWN; i++) if (list[i] !== skill) shown.push(list[i]!.file);
        }
        report({
          file: skill.file,
          ...(skill.namePos ? { pos: skill.namePos } : {}),
          message: `\`name\` "${name}" is also used by ${shown.join(', ')}${count > SHOWN ? ` and ${count - SHOWN} more` : ''}`,
          hint: 'give each skill a unique name and rename its folder to match; installers put both into the same folder',
        });
      }
    }
  },
};
