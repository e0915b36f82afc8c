import { unknownFieldProblems } from '../../plugin/check.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-unknown-field',
  scope: 'repo',
  description: 'Manifests contain no fields that their readers (Claude Code, the skills CLI, `plugin sync`) do not know',
  severity: 'warning',
  docs:
    'An unknown field is ignored at load time, so it is usually a typo (`skill` for `skills`, `autor` for `author`) whose intended ' +
    'effect never happens. `claude plugin validate --strict` fails on it too. Rename it to the field you meant, or remove it. ' +
    'In the root plugin.json, the known fields are those `plugin sync` carries to .claude-plugin/: the metadata, `skills`, ' +
    '`marketplace` and the component fields (`commands`, `agents`, `outputStyles`, `hooks`, `mcpServers`, `lspServers`). ' +
    'Other Claude Code fields (`userConfig`, `dependencies`...) belong in .claude-plugin/plugin.json, where sync keeps them.',
  check({ manifests, report }) {
    for (const manifest of manifests) for (const problem of unknownFieldProblems(manifest)) report(problem);
  },
};
