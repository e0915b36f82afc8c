import type { SkillRule } from '../types.js';

/** The specification's budget for SKILL.md instructions. */
export const MAX_BODY_TOKENS = 5000;
/** Tokens are estimated as characters / 4, the usual rule of thumb for English text and code. */
export const CHARS_PER_TOKEN = 4;

export const rule: SkillRule = {
  id: 'body-tokens',
  scope: 'skill',
  description: `The SKILL.md body stays under about ${MAX_BODY_TOKENS} tokens`,
  severity: 'warning',
  docs:
    `The Agent Skills specification recommends under ${MAX_BODY_TOKENS} tokens for the instructions in SKILL.md, since they are ` +
    `loaded whole whenever the skill triggers. The estimate is the body's length in characters divided by ${CHARS_PER_TOKEN} ` +
    '(no tokenizer is bundled: exact counts differ per model, and text in non-Latin scripts uses more tokens per character than ' +
    'the estimate assumes). The diagnostic points at the line where the budget runs out. Move detail into references/ files.',
  check({ skill, report }) {
    const { text, startLine } = skill.body;
    const estimate = Math.ceil(text.length / CHARS_PER_TOKEN);
    if (estimate <= MAX_BODY_TOKENS) return;
    // The line where the running estimate passes the budget.
    const limit = MAX_BODY_TOKENS * CHARS_PER_TOKEN;
    let chars = 0;
    let line = startLine;
    for (const l of text.split('\n')) {
      chars += l.length + 1;
      if (chars > limit) break;
      line++;
    }
    report({
      message: `the body is about ${estimate} tokens (${text.length} characters / ${CHARS_PER_TOKEN}), over the recommended ${MAX_BODY_TOKENS}`,
      pos: { line, column: 1 },
      hint: 'move long examples and reference material into references/<topic>.md and link them from SKILL.md',
    });
  },
};
