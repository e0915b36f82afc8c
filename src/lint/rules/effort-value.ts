import type { SkillRule } from '../types.js';
import { suggest } from '../suggest.js';
import { getField } from './frontmatter-fields.js';

/** Effort levels Claude Code 2.1.x accepts (case-insensitive; `med` is an alias of medium). */
export const EFFORT_LEVELS: readonly string[] = ['low', 'medium', 'high', 'xhigh', 'max'];

export const rule: SkillRule = {
  id: 'effort-value',
  scope: 'skill',
  description: '`effort` is low, medium, high, xhigh, max or a whole number',
  severity: 'error',
  docs:
    '`effort` sets how much the model thinks while the skill runs. Claude Code accepts low, medium (or med), high, xhigh, max, or an ' +
    'integer; any other value is ignored with a warning in its debug log, so the skill runs at the default effort. Use one of the levels.',
  check({ skill, report }) {
    const field = getField(skill, 'effort');
    if (!field || typeof field.value !== 'string') return;
    const v = field.value.trim().toLowerCase();
    if (EFFORT_LEVELS.includes(v) || v === 'med' || /^\d+$/.test(v)) return;
    const guess = suggest(v, EFFORT_LEVELS);
    report({
      message: `\`effort\` "${field.value}" is not an effort level`,
      pos: field.valuePos,
      hint: guess ? `did you mean \`effort: ${guess}\`?` : 'use low, medium, high, xhigh or max',
    });
  },
};
