import type { SkillRule } from '../types.js';
import { checkExists, linkFacts, linkTargets, LINKS_MISSING, shown } from './link-targets.js';

export const rule: SkillRule = {
  id: 'links-exist',
  scope: 'skill',
  description: 'Relative links and images in SKILL.md point at files that exist in the skill folder',
  severity: 'error',
  docs:
    'An agent follows a link such as `[retries](references/retries.md)` by reading that path next to SKILL.md; when the file is ' +
    'missing the instructions it was promised are simply not there. The check covers Markdown links and images, reference ' +
    'definitions and `<a href>` / `<img src>`; URLs, `mailto:`, `#anchor` links and skill references such as `/plugin:skill` are ' +
    'skipped, `?query` and `#anchor` parts are ignored, `%20`-style escapes decoded, and a leading `${CLAUDE_SKILL_DIR}/` (which ' +
    'Claude Code replaces with the skill folder) or `{baseDir}/` (the older placeholder for it) read as the folder itself. Paths are matched case-sensitively, as on Linux. Fix the path (the hint names a ' +
    'close match) or add the file. Links that leave the skill folder are reported by `links-inside-skill`.',
  check({ skill, report }) {
    if ((linkFacts(skill) & LINKS_MISSING) === 0) return;
    const { links } = skill.body;
    const targets = linkTargets(skill);
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (link.kind === 'path') continue;
      const t = targets[i]!;
      if (t.kind !== 'inside') continue;
      const e = checkExists(skill, t.rel, t.isDir);
      if (e.exists !== false) continue;
      const what = link.kind === 'image' ? 'image' : 'link';
      report({
        message: `${what} target \`${shown(link)}\` does not exist in the skill folder`,
        pos: { line: link.line, column: link.column },
        hint: e.caseMismatch
          ? `the file is \`${e.caseMismatch}\`: paths are case-sensitive on Linux and in installs`
          : e.suggestion
            ? `did you mean \`${e.suggestion}\`?`
            : `add ${t.rel} to the skill folder or fix the path (relative to SKILL.md)`,
      });
    }
  },
};
