import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';

const BOOLEAN_FIELDS = ['disable-model-invocation', 'user-invocable'];

export const rule: SkillRule = {
  id: 'boolean-as-string',
  scope: 'skill',
  description: '`disable-model-invocation` and `user-invocable` are booleans, not the strings "true"/"false"',
  severity: 'warning',
  docs:
    'Written in quotes, `"true"` is a string. Claude Code happens to compare these two fields against the string "true", so the skill ' +
    'works there, but schema validators, other clients and any code that checks `=== true` see a string — and `"True"` or `"yes"` ' +
    'already mean false to Claude Code. Write bare `true` or `false`.',
  check({ skill, report }) {
    for (let i = 0; i < BOOLEAN_FIELDS.length; i++) {
      const key = BOOLEAN_FIELDS[i]!;
      const field = getField(skill, key);
      if (!field || (field.value !== 'true' && field.value !== 'false')) continue;
      report({
        message: `\`${key}\` is the string "${field.value}", not a boolean`,
        pos: field.valuePos,
        hint: `remove the quotes: \`${key}: ${field.value}\``,
      });
    }
  },
};
