import { positionOf } from '../../plugin/check.js';
import { nameStandings, type NameStanding } from '../../plugin/reserved-names.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-name-reserved',
  scope: 'repo',
  description: 'Plugin and marketplace names are not ones Claude Code keeps for Anthropic or for itself',
  severity: 'error',
  docs:
    'Claude Code refuses names that would pass as Anthropic\'s own: `claude plugin validate` fails a plugin whose name starts with ' +
    '`claude-`, `anthropic-`, `anthropics-` or `cc-plugin-`, is `claude`, `anthropic`, `anthropics`, `claude-code` or `claude-mods`, or puts ' +
    '`official` beside `claude` or `anthropic`; and a marketplace whose name reads as an official catalog (`claude-marketplace`, ' +
    '`anthropic-plugins`, `official-claude-tools`) or is one Claude Code uses for its own plugins (`inline`, `builtin`, `skills-dir`, ' +
    '`synced`, `claude-plugin-test`). Name it for what it does (`inngest-jobs`, not `claude-inngest`); in a repository that keeps ' +
    'plugin.json at its root, rename it there and run `vibe-skills plugin sync`.',
  check: checkNames('reserved'),
};

/** The check of this rule and of manifest-name-anthropic: the names of one standing, where they are. */
export function checkNames(kind: NameStanding['kind']): RepoRule['check'] {
  return ({ manifests, report }) => {
    for (const { manifest, pointer, standing } of nameStandings(manifests)) {
      if (standing.kind !== kind) continue;
      const pos = positionOf(manifest, pointer, 'value');
      report({ file: manifest.file, ...(pos ? { pos } : {}), message: standing.message, hint: standing.hint });
    }
  };
}
