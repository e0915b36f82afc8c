import type { SetRule } from '../types.js';

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
    const byName = new Map<string, typeof skills[number][]>();
    for (const s of skills) {
      if (typeof s.name !== 'string' || s.name.trim() === '') continue;
      const list = byName.get(s.name);
      if (list) list.push(s);
      else byName.set(s.name, [s]);
    }
    for (const [name, group] of byName) {
      if (group.length < 2) continue;
      for (const s of group) {
        const others = group.filter((o) => o !== s).map((o) => o.file);
        const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
        report({
          file: s.file,
          ...(s.namePos ? { pos: s.namePos } : {}),
          message: `\`name\` "${name}" is also used by ${shown}`,
          hint: 'give each skill a unique name and rename its folder to match; installers put both into the same folder',
        });
      }
    }
  },
};
