import type { SkillRule } from '../types.js';

const KINDS = new Set(['yaml', 'not-a-mapping', 'too-large', 'too-deep', 'aliases', 'duplicate-key']);

export const rule: SkillRule = {
  id: 'frontmatter-yaml',
  scope: 'skill',
  description: 'Frontmatter is valid, bounded YAML and a mapping',
  severity: 'error',
  docs: 'Invalid YAML, duplicate keys, alias bombs, deep nesting and oversized frontmatter make agents drop the skill or stall on it. Write plain `key: value` lines; quote values with special characters.',
  check({ skill, report }) {
    const e = skill.frontmatter.error;
    if (e && KINDS.has(e.kind)) report({ message: e.message, pos: e.pos, ...(e.hint ? { hint: e.hint } : {}) });
  },
};
