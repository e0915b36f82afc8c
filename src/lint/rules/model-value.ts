import type { SkillRule } from '../types.js';
import { suggest } from '../suggest.js';
import { getField } from './frontmatter-fields.js';

/** Aliases Claude Code 2.1.x resolves (case-insensitive), plus `inherit`. */
export const MODEL_ALIASES: readonly string[] = ['sonnet', 'opus', 'haiku', 'fable', 'best', 'opusplan', 'inherit'];

/** Full model IDs: Anthropic (`claude-…`), Bedrock (`us.anthropic.claude-…`, ARNs), Vertex (`claude-…@date`). */
const MODEL_ID = /claude|^anthropic\./i;

export function isValidModel(value: string): boolean {
  const v = value.trim().replace(/\[1m\]$/i, '');
  return MODEL_ALIASES.includes(v.toLowerCase()) || MODEL_ID.test(v);
}

export const rule: SkillRule = {
  id: 'model-value',
  scope: 'skill',
  description: '`model` is a Claude model alias or a full Claude model ID',
  severity: 'error',
  docs:
    'Claude Code switches to `model` while the skill runs. It accepts the aliases sonnet, opus, haiku, fable, best and opusplan ' +
    '(optionally with `[1m]`), `inherit` (keep the conversation\'s model), or a full model ID such as `claude-sonnet-4-5` or a ' +
    'Bedrock/Vertex ID. Anything else (`gpt-4o`, `sonet`, `default`) is sent to the API as a model name and the skill fails. ' +
    'Use an alias, or turn the rule off if a gateway maps custom model names.',
  check({ skill, report }) {
    const field = getField(skill, 'model');
    if (!field || typeof field.value !== 'string') return;
    if (field.value.trim() !== '' && isValidModel(field.value)) return;
    const guess = suggest(field.value.trim(), MODEL_ALIASES);
    report({
      message: field.value.trim() === '' ? '`model` is empty' : `\`model\` "${field.value}" is not a Claude model alias or model ID`,
      pos: field.valuePos,
      hint: guess
        ? `did you mean \`model: ${guess}\`?`
        : 'use sonnet, opus, haiku, fable, inherit, or a full ID such as claude-sonnet-4-5; remove the field to keep the current model',
    });
  },
};
