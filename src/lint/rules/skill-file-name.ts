import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'skill-file-name',
  scope: 'repo',
  description: 'Skill files are named exactly `SKILL.md`',
  severity: 'error',
  docs:
    'Claude Code, the `skills` CLI and the other agents look for the upper-case file name `SKILL.md`; a `skill.md` or `Skill.md` ' +
    'is silently ignored on Linux (and found only by accident on case-insensitive disks), so the skill never loads. Rename the file ' +
    '(`git mv skill.md SKILL.md`; on macOS and Windows go through a temporary name).',
  check({ discovery, report }) {
    for (const note of discovery) {
      if (note.kind !== 'misnamed-skill-file') continue;
      report({ file: note.file, message: note.message, hint: note.hint ?? 'rename the file to SKILL.md' });
    }
  },
};
