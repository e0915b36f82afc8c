import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'discovery-symlink',
  scope: 'repo',
  description: 'Skill folders are not symbolic links that leave the repository',
  severity: 'warning',
  docs:
    'A `skills/x -> ../../elsewhere` link works only on the machine that made it: a clone gets a dangling link, and an installer ' +
    'that follows it copies whatever that path holds on the installing machine. The validator does not follow such links, so ' +
    'the skills behind them were not checked. Commit the skill itself, or validate the linked folder directly.',
  check({ discovery, report }) {
    for (const note of discovery) {
      if (note.kind !== 'symlink-outside' && note.kind !== 'symlink-skipped') continue;
      report({ file: note.file, message: note.message, hint: note.hint ?? 'commit the skill instead of a link to it' });
    }
  },
};
