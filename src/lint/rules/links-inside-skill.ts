import type { SkillRule } from '../types.js';
import { linkFacts, linkTargets, LINKS_OUTSIDE, shown } from './link-targets.js';

export const rule: SkillRule = {
  id: 'links-inside-skill',
  scope: 'skill',
  description: 'Links and file mentions stay inside the skill folder (no `../`, no absolute paths)',
  severity: 'error',
  docs:
    'Installers copy one skill folder, not the repository around it: the `skills` CLI puts it in `.claude/skills/<name>/` or ' +
    '`.agents/skills/<name>/`, and `vibe-skills install` does the same. (A Claude Code plugin install keeps the plugin folder, so ' +
    'a link to a file of the same plugin works there, and only there.) A link such as `../shared/setup.md` or `/docs/adr/x.md` ' +
    'works in the repository and breaks in those installs. To point at another skill, name it (the `other-skill` skill) instead ' +
    'of linking to its files; to share a file, copy it into each skill that needs it.',
  check({ skill, report }) {
    if ((linkFacts(skill) & LINKS_OUTSIDE) === 0) return;
    const { links } = skill.body;
    const targets = linkTargets(skill);
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      const t = targets[i]!;
      if (t.kind !== 'outside' && t.kind !== 'absolute') continue;
      const toSkill = /^\.\.\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/(?:SKILL\.md)?)?$/.exec(t.rel);
      report({
        message:
          t.kind === 'absolute'
            ? `\`${shown(link)}\` is an absolute path; installed skills cannot reach it`
            : `\`${shown(link)}\` leaves the skill folder; installers such as the \`skills\` CLI copy only the skill folder, so it breaks after install`,
        pos: { line: link.line, column: link.column },
        hint: toSkill
          ? `refer to the skill by name instead: the \`${toSkill[1]}\` skill`
          : 'copy the file into this skill (e.g. references/) and link it relatively, or refer to the other skill by name',
      });
    }
  },
};
