import { pathProblems } from '../../plugin/check.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-paths',
  scope: 'repo',
  description: 'Paths in manifests start with "./", stay inside the repository and exist',
  severity: 'error',
  docs:
    'Skill folders, plugin sources and component files named in the manifests are relative to the folder that holds the manifest ' +
    '(for .claude-plugin/*.json: the folder that holds .claude-plugin/). They must start with "./" (the `skills` CLI silently skips ' +
    'any other form), must not leave the repository (`..`, absolute paths, or symbolic links pointing outside: an installer would ' +
    'copy files from the user\'s machine), and must exist, as a folder for skills and plugin sources.',
  check({ manifests, report }) {
    for (const manifest of manifests) for (const problem of pathProblems(manifest)) report(problem);
  },
};
