import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'discovery-incomplete',
  scope: 'repo',
  description: 'Every folder of the tree could be searched for skills',
  severity: 'warning',
  docs:
    'When a folder cannot be read (permissions), the walk hits its folder limit, or a path on the command line is neither a ' +
    'folder nor a SKILL.md, some skills may not have been validated at all. A clean result would then be misleading, so this ' +
    'says what was skipped. Fix the permissions, validate a smaller folder, or pass the right path.',
  check({ discovery, report }) {
    for (const note of discovery) {
      if (note.kind !== 'unreadable-dir' && note.kind !== 'depth-limit' && note.kind !== 'path-not-found') continue;
      report({ file: note.file, message: note.message, ...(note.hint ? { hint: note.hint } : {}) });
    }
  },
};
