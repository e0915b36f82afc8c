import type { SkillRule } from '../types.js';
import { charLength, getField } from './frontmatter-fields.js';

export const COMPATIBILITY_MAX = 500;

export const rule: SkillRule = {
  id: 'compatibility-length',
  scope: 'skill',
  description: '`compatibility`, when present, is 1–500 characters',
  severity: 'error',
  docs:
    'The specification limits `compatibility` (environment requirements: intended product, system packages, network access) to ' +
    '1–500 characters. Most skills do not need the field at all; when present, name the requirements briefly and put installation ' +
    'steps in the body.',
  check({ skill, report }) {
    const field = getField(skill, 'compatibility');
    if (!field || (typeof field.value !== 'string' && field.value !== null)) return;
    if (field.value === null || field.value.trim() === '') {
      report({ message: '`compatibility` is empty', pos: field.keyPos, hint: 'remove the field, or name the requirements (e.g. "Requires git and network access")' });
      return;
    }
    // No more characters than UTF-16 units: within the limit in units means within it, uncounted.
    if (field.value.length <= COMPATIBILITY_MAX) return;
    const length = charLength(field.value);
    if (length <= COMPATIBILITY_MAX) return;
    report({
      message: `\`compatibility\` is ${length} characters, over the ${COMPATIBILITY_MAX}-character limit`,
      pos: field.valuePos,
      hint: 'name the requirements briefly; move setup instructions into the body',
    });
  },
};
