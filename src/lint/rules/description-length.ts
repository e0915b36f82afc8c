import type { SkillRule } from '../types.js';
import { charLength, getField } from './frontmatter-fields.js';

export const DESCRIPTION_MAX = 1024;

export const rule: SkillRule = {
  id: 'description-length',
  scope: 'skill',
  description: '`description` is at most 1,024 characters',
  severity: 'error',
  docs:
    'The specification caps descriptions at 1,024 characters, and the Claude API rejects longer ones. Every description is loaded into ' +
    'the context of every conversation, so length also costs tokens for all skills at once; Claude Code truncates long ones in its ' +
    'skill list. Keep what the skill does and when to use it; move details into the body or references/.',
  check({ skill, report }) {
    const field = getField(skill, 'description');
    if (!field || typeof field.value !== 'string') return;
    // No more characters than UTF-16 units: within the limit in units means within it, uncounted.
    if (field.value.length <= DESCRIPTION_MAX) return;
    const length = charLength(field.value);
    if (length <= DESCRIPTION_MAX) return;
    report({
      message: `\`description\` is ${length.toLocaleString('en-US')} characters, over the ${DESCRIPTION_MAX.toLocaleString('en-US')}-character limit`,
      pos: field.valuePos,
      hint: 'keep what the skill does and when to use it; move the rest into the body',
    });
  },
};
