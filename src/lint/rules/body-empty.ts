import type { SkillRule } from '../types.js';

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
    const lines = skill.body.text.split('\n');
    const headingLines = new Set(skill.body.headings.map((h) => h.line));
    const hasContent = lines.some((l, i) => l.trim() !== '' && !headingLines.has(skill.body.startLine + i) && !/^ {0,3}(=+|-+)\s*$/.test(l));
    if (hasContent || skill.body.codeBlocks.length > 0) return;
    report({
      message: skill.body.text.trim() === '' ? 'SKILL.md has no body after the frontmatter' : 'SKILL.md has headings but no instructions',
      pos: { line: fm.endLine > 0 ? fm.endLine : 1, column: 1 },
      hint: 'add the instructions the agent should follow when the skill is loaded, below the closing ---',
    });
  },
};
