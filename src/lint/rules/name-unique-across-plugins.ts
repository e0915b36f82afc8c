import type { SkillSummary } from '../../skill/model.js';
import type { SetRule } from '../types.js';
import { skillName } from './set-duplicates.js';

/** Files listed in a message at most; the rest are counted. */
const SHOWN = 3;

export const rule: SetRule = {
  id: 'name-unique-across-plugins',
  scope: 'set',
  description: 'Skills in different plugins of a marketplace do not share a `name` (the skills CLI installs them to one folder)',
  severity: 'warning',
  docs:
    'Claude Code namespaces plugin skills (`discord:access`, `telegram:access`), so plugins of one marketplace may each have a skill of the same name. ' +
    'The `skills` CLI does not: it lists one skill per name (the first it finds; skills 1.7.4 on anthropics/claude-plugins-official offers one ' +
    '`access` of three), so the others cannot be installed with it, and any two would go to the same `.claude/skills/<name>/`. GitHub Copilot CLI, ' +
    'which reads the same plugins, keeps the first skill of a name it loads and ignores the rest (its plugin reference). Prefix such names with ' +
    'the plugin (`discord-access`) if the skills should also work there; otherwise turn this rule off.',
  check({ skills, pluginOf, report }) {
    // name -> plugin folder -> its skills with that name, in discovery order.
    const byName = new Map<string, Map<string, SkillSummary[]>>();
    for (const s of skills) {
      const name = skillName(s);
      const plugin = name === undefined ? undefined : pluginOf(s);
      if (name === undefined || plugin === undefined) continue;
      let plugins = byName.get(name);
      if (!plugins) byName.set(name, (plugins = new Map()));
      const list = plugins.get(plugin);
      if (list) list.push(s);
      else plugins.set(plugin, [s]);
    }
    for (const [name, plugins] of byName) {
      if (plugins.size < 2) continue;
      let total = 0;
      for (const list of plugins.values()) total += list.length;
      for (const [plugin, list] of plugins) {
        // The first few skills of the other plugins: a walk that stops after SHOWN, whatever the group's size.
        const shown: string[] = [];
        for (const [other, skillsThere] of plugins) {
          if (other === plugin) continue;
          for (const s of skillsThere) {
            if (shown.length === SHOWN) break;
            shown.push(s.file);
          }
          if (shown.length === SHOWN) break;
        }
        const count = total - list.length;
        const others = shown.join(', ') + (count > SHOWN ? ` and ${count - SHOWN} more` : '');
        for (const skill of list) {
          report({
            file: skill.file,
            ...(skill.namePos ? { pos: skill.namePos } : {}),
            message: `\`name\` "${name}" is also used in other plugins of the marketplace: ${others}; Claude Code keeps them apart, but the skills CLI offers only one skill of a name`,
            hint: `prefix the name with the plugin's (e.g. ${pluginPrefix(plugin)}-${name}) so that the skills CLI can install each of them, or turn name-unique-across-plugins off`,
          });
        }
      }
    }
  },
};

/** A plugin folder's name as a name prefix (`plugins/discord` -> `discord`). */
function pluginPrefix(folder: string): string {
  const base = folder.split(/[\\/]/).filter(Boolean).pop() ?? 'plugin';
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'plugin';
}
