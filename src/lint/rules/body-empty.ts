import type { SkillBody } from '../../skill/model.js';
import type { SkillRule } from '../types.js';

/** A setext underline (`===` or `---` under a heading's text): markup, not instructions. */
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;

/**
 * True when some line of the body is neither blank, nor a heading, nor a setext underline.
 * Walks the text line by line and stops at the first such line, which in a real skill comes
 * within the first few lines: no split of the whole body, no set of heading lines unless a
 * non-blank line needs the lookup.
 */
function hasInstructions(body: SkillBody): boolean {
  const { text, startLine } = body;
  let headingLines: Set<number> | undefined;
  let line = startLine;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const l = text.slice(start, end);
    start = end + 1;
    if (l.trim() === '' || SETEXT_UNDERLINE.test(l)) continue;
    headingLines ??= new Set(body.headings.map((h) => h.line));
    if (!headingLines.has(line)) return true;
  }
  return false;
}

export const rule: SkillRule = {
  id: 'body-empty',
  scope: 'skill',
  description: 'SKILL.md has instructions after its frontmatter',
  severity: 'warning',
  docs:
    'The frontmatter only tells the agent when to load a skill; what the agent then does comes from the Markdown body. A body ' +
    'that is empty or only headings loads nothing useful. Write the instructions (purpose, steps, examples) below the closing `---`.',
  check({ skill, report }) {
    const fm = skill.frontmatter;
    // Unclosed frontmatter swallows the body; frontmatter-present reports that.
    if (fm.error?.kind === 'unclosed') return;
    // A code block counts as content: checked first because it needs no scan of the text.
    if (skill.body.codeBlocks.length > 0 || hasInstructions(skill.body)) return;
    report({
      message: skill.body.text.trim() === '' ? 'SKILL.md has no body after the frontmatter' : 'SKILL.md has headings but no instructions',
      pos: { line: fm.endLine > 0 ? fm.endLine : 1, column: 1 },
      hint: 'add the instructions the agent should follow when the skill is loaded, below the closing ---',
    });
  },
};
