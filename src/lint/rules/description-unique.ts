import type { SetRule } from '../types.js';

function normalize(description: string): string {
  return description.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const rule: SetRule = {
  id: 'description-unique',
  scope: 'set',
  description: 'No two skills in the set have the same `description`',
  severity: 'warning',
  docs:
    'Agents choose between skills by description. Two skills with the same description are indistinguishable: the agent picks one ' +
    'arbitrarily, and the other never runs. This usually comes from copying a skill as a template. Say what is different about each.',
  check({ skills, report }) {
    const groups = new Map<string, typeof skills[number][]>();
    for (const s of skills) {
      if (typeof s.description !== 'string' || s.description.trim() === '') continue;
      const key = normalize(s.description);
      const list = groups.get(key);
      if (list) list.push(s);
      else groups.set(key, [s]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const s of group) {
        const others = group.filter((o) => o !== s).map((o) => o.file);
        const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
        report({
          file: s.file,
          ...(s.descriptionPos ? { pos: s.descriptionPos } : {}),
          message: `\`description\` is the same as in ${shown}`,
          hint: 'describe what this skill does differently and when to pick it over the other',
        });
      }
    }
  },
};
