import { plural } from '../../strings.js';
import type { SkillRule } from '../types.js';
import { charLength, getField } from './frontmatter-fields.js';

/*
 * 40 characters is about six to eight words: the least that can name what a skill does and
 * when to use it ("Formats SQL files. Use when editing .sql."). Every description in the
 * public packs we measured (anthropics/skills, obra/superpowers, vercel-labs/agent-skills,
 * anthropics/claude-plugins-official, wshobson/agents: 251 skills) is 68 characters or
 * longer, so the rule only catches stubs like the specification's "Helps with PDFs.".
 */
export const DESCRIPTION_MIN = 40;

/**
 * True when the (trimmed) description is shorter than the minimum. A character is one or two
 * UTF-16 units, so text of twice the minimum in units is long enough without counting.
 */
export function isStub(trimmed: string): boolean {
  return trimmed.length < 2 * DESCRIPTION_MIN && charLength(trimmed) < DESCRIPTION_MIN;
}

export const rule: SkillRule = {
  id: 'description-min-length',
  scope: 'skill',
  description: `\`description\` has at least ${DESCRIPTION_MIN} characters`,
  severity: 'warning',
  docs:
    `Agents pick skills by their description. One shorter than ${DESCRIPTION_MIN} characters (six to eight words) cannot say both what ` +
    'the skill does and when to use it — the specification\'s own bad example is "Helps with PDFs." — so the skill is missed or ' +
    'picked for the wrong task. Say what it does, then "Use when …" with the situations and keywords that should trigger it.',
  check({ skill, report }) {
    const field = getField(skill, 'description');
    if (!field || typeof field.value !== 'string' || field.value.trim() === '') return;
    const trimmed = field.value.trim();
    if (!isStub(trimmed)) return;
    const length = charLength(trimmed);
    report({
      message: `\`description\` is only ${plural(length, 'character')} long`,
      pos: field.valuePos,
      hint: `say what the skill does and when to use it (at least ${DESCRIPTION_MIN} characters), e.g. "Extracts tables from PDFs. Use when the user asks about PDF data."`,
    });
  },
};
