import type { SkillRule } from '../types.js';

export const rule: SkillRule = {
  id: 'file-readable',
  scope: 'skill',
  onUnreadable: true,
  description: 'SKILL.md is a readable UTF-8 text file of reasonable size',
  severity: 'error',
  docs: 'A SKILL.md that is binary, not UTF-8, a symbolic link or over 1 MiB is not read at all: agents either fail on it or load garbage. Re-save it as UTF-8 Markdown, replace links with the file, and move long material to references/.',
  check({ skill, report }) {
    const p = skill.readProblem;
    if (p) report({ message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
  },
};
