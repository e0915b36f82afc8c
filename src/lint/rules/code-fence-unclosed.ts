import type { SkillRule } from '../types.js';

export const rule: SkillRule = {
  id: 'code-fence-unclosed',
  scope: 'skill',
  description: 'Every fenced code block is closed',
  severity: 'error',
  docs:
    'A fence that is never closed turns the rest of the file into code: headings, links and instructions after it are shown and ' +
    'read as one code block. Close it with a fence of the same character (` or ~), at least as long as the opening one. A fence ' +
    'that looks closed may have been closed by a shorter or different fence (```` opened, ``` "closed"), or the stray one may be ' +
    'an extra closing fence further up.',
  check({ skill, report }) {
    // The body's lines are needed only to quote an unclosed fence, which almost no file has.
    let lines: string[] | undefined;
    const blocks = skill.body.codeBlocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (!block.unclosed) continue;
      lines ??= skill.body.text.split('\n');
      const fence = /^[ \t]*(`{3,}|~{3,})/.exec(lines[block.line - skill.body.startLine] ?? '')?.[1] ?? '```';
      report({
        message: `code block opened with ${fence} on line ${block.line} is never closed; the rest of the file becomes code`,
        pos: { line: block.line, column: block.column },
        // A bare fence after a closed block is usually a stray extra closing fence: closing it
        // would turn the text in between into code.
        hint:
          block.info === '' && i > 0
            ? `if this ${fence} was meant to close the code block above it, delete it; otherwise close it with a line of ${fence}`
            : `close it with a line of ${fence}`,
      });
    }
  },
};
