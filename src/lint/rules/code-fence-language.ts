import type { SkillRule } from '../types.js';

export const rule: SkillRule = {
  id: 'code-fence-language',
  scope: 'skill',
  description: 'Fenced code blocks name their language',
  severity: 'warning',
  docs:
    'A language on the opening fence (```ts, ```bash, ```json) tells the agent what the code is and how to run or adapt it, gives ' +
    'readers highlighting, and lets `vibe-skills validate --typecheck` find the TypeScript. For output, trees and prose use ```text.',
  check({ skill, report }) {
    const blocks = skill.body.codeBlocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      // An unclosed fence is reported by code-fence-unclosed; it is often a stray closing fence.
      if (block.lang !== '' || block.unclosed) continue;
      report({
        message: 'code block has no language',
        pos: { line: block.line, column: block.column },
        hint: 'name it after the opening fence: ```ts, ```bash, ```json, or ```text for plain output',
      });
    }
  },
};
