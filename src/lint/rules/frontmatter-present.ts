import type { SkillRule } from '../types.js';

export const rule: SkillRule = {
  id: 'frontmatter-present',
  scope: 'skill',
  description: 'SKILL.md starts with YAML frontmatter between two `---` lines',
  severity: 'error',
  docs: 'Agents read a skill\'s name and description from its frontmatter; without it (or without the closing `---`) the skill is not loaded. Start the file with `---`, the fields, then `---`.',
  check({ skill, report }) {
    const e = skill.frontmatter.error;
    if (e && (e.kind === 'missing' || e.kind === 'unclosed')) report({ message: e.message, pos: e.pos, ...(e.hint ? { hint: e.hint } : {}) });
  },
};
