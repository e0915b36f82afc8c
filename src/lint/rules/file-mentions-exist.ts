import type { SkillRule } from '../types.js';
import { checkExists, linkFacts, linkTargets, MENTIONS_MISSING, shown } from './link-targets.js';

export const rule: SkillRule = {
  id: 'file-mentions-exist',
  scope: 'skill',
  description: 'Files named in inline code (`references/x.md`, `scripts/y.py`) exist in the skill folder',
  severity: 'warning',
  docs:
    'Skills tell the agent to "read `references/forms.md`" or "run `scripts/check.py`"; those paths are resolved next to SKILL.md. ' +
    'Only inline code that is nothing but a path under references/, reference/, scripts/, assets/, templates/ or examples/ with a ' +
    'file extension is checked, and not where the words before it say the file is made or is the user\'s ("Create `scripts/seed.sh`", ' +
    '"generates `scripts/x.sh`", "your `scripts/seed.ts`") or only an example ("a `scripts/x.py` script"). It is a warning, not an error, ' +
    'because a skill may also name a file of the user\'s project (`scripts/seed.ts`) in the same way; when it does, say so in those ' +
    'words, write it as a longer path, or turn the rule off for that repository.',
  check({ skill, report }) {
    if ((linkFacts(skill) & MENTIONS_MISSING) === 0) return;
    const { links } = skill.body;
    const targets = linkTargets(skill);
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (link.kind !== 'path') continue;
      const t = targets[i]!;
      if (t.kind !== 'inside') continue;
      const e = checkExists(skill, t.rel, t.isDir);
      if (e.exists !== false) continue;
      report({
        message: `\`${shown(link)}\` is named as a file of the skill but does not exist in the skill folder`,
        pos: { line: link.line, column: link.column },
        hint: e.caseMismatch
          ? `the file is \`${e.caseMismatch}\`: paths are case-sensitive on Linux and in installs`
          : e.suggestion
            ? `did you mean \`${e.suggestion}\`?`
            : `add ${t.rel} to the skill, or fix the path; if it names a file of the user's project, say so ("your \`${t.rel}\`")`,
      });
    }
  },
};
