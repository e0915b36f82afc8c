import type { SkillRule } from '../types.js';

/** The Agent Skills specification and Claude Code both ask for SKILL.md under 500 lines. */
export const MAX_SKILL_LINES = 500;

export const rule: SkillRule = {
  id: 'body-length',
  scope: 'skill',
  description: `SKILL.md stays under ${MAX_SKILL_LINES} lines`,
  severity: 'warning',
  docs:
    `The whole SKILL.md is loaded into the agent's context every time the skill triggers. The Agent Skills specification and ` +
    `Claude Code's documentation recommend keeping it under ${MAX_SKILL_LINES} lines and moving detail (long examples, API ` +
    'tables, edge cases) into files under references/ that SKILL.md links to, which the agent reads only when needed.',
  check({ skill, report }) {
    const total = skill.body.startLine - 1 + skill.body.lineCount;
    if (total <= MAX_SKILL_LINES) return;
    report({
      message: `SKILL.md has ${total} lines, over the recommended ${MAX_SKILL_LINES}`,
      pos: { line: MAX_SKILL_LINES + 1, column: 1 },
      hint: 'move detail into references/<topic>.md files and link them from SKILL.md',
    });
  },
};
