import type { SetRule } from '../types.js';
import { namesByPlugin, othersText } from './set-duplicates.js';

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
  check({ skills, pluginOf, pluginName, report, isCopy }) {
    for (const [name, { plugins }] of namesByPlugin(skills, pluginOf, isCopy)) {
      if (plugins.size < 2) continue;
      let total = 0;
      for (const list of plugins.values()) total += list.length;
      for (const [plugin, list] of plugins) {
        const elsewhere = function* () {
          for (const [other, there] of plugins) if (other !== plugin) yield there;
        };
        const others = othersText(elsewhere(), undefined, total - list.length);
        for (const skill of list) {
          report({
            file: skill.file,
            ...(skill.namePos ? { pos: skill.namePos } : {}),
            message: `\`name\` "${name}" is also used in other plugins of the marketplace: ${others}; Claude Code keeps them apart, but the skills CLI offers only one skill of a name`,
            hint: `prefix the name with the plugin's (e.g. ${pluginPrefix(pluginName?.(plugin) ?? plugin)}-${name}) so that the skills CLI can install each of them, or turn name-unique-across-plugins off`,
          });
        }
      }
    }
  },
};

/** A plugin's name, or its folder's, as a name prefix (`plugins/discord` -> `discord`). */
function pluginPrefix(folder: string): string {
  const base = folder.split(/[\\/]/).filter(Boolean).pop() ?? 'plugin';
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'plugin';
}
