import type { SkillRule } from '../types.js';
import { getField } from './frontmatter-fields.js';

const RESERVED = ['anthropic', 'claude'];
/**
 * Either word in any ASCII case. Without the `u` flag, `i` never folds a non-ASCII character
 * onto ASCII, and `toLowerCase` only turns non-ASCII into ASCII for U+0130 (to "i" plus a
 * combining dot, which cannot continue a word): so no match here means no match below.
 */
const MAYBE_RESERVED = /anthropic|claude/i;

export const rule: SkillRule = {
  id: 'name-reserved',
  scope: 'skill',
  description: '`name` does not contain the reserved words "anthropic" or "claude"',
  severity: 'warning',
  docs:
    'Anthropic reserves "anthropic" and "claude" in skill names: the Claude API and claude.ai refuse to upload a skill whose name ' +
    'contains either word. Claude Code and the `skills` CLI still load such skills, hence a warning. Pick a name that says what the ' +
    'skill does (`api-reference` rather than `claude-api`), or turn the rule off if the skill never leaves Claude Code.',
  check({ skill, report }) {
    const field = getField(skill, 'name');
    if (!field || typeof field.value !== 'string' || !MAYBE_RESERVED.test(field.value)) return;
    const lower = field.value.toLowerCase();
    const word = RESERVED.find((w) => lower.includes(w));
    if (!word) return;
    report({
      message: `\`name\` "${field.value}" contains the reserved word "${word}"`,
      pos: field.valuePos,
      hint: `the Claude API and claude.ai reject such names: if you publish there, pick a name without "${word}" that says what the skill does`,
    });
  },
};
