import { schemaProblems } from '../../plugin/check.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-schema',
  scope: 'repo',
  description: 'Manifests have their required fields, with the right types: kebab-case names, semver versions, http(s) URLs',
  severity: 'error',
  docs:
    'Checks plugin.json (the source the Claude Code manifests are derived from), .claude-plugin/plugin.json and ' +
    '.claude-plugin/marketplace.json against their schemas. Names are kebab-case (they become command namespaces and folder names), ' +
    'versions are semantic versions (1.2.3), URLs are http(s), a marketplace has an owner and at least one plugin, and plugin names ' +
    'in a marketplace are unique. Claude Code refuses to load a marketplace or plugin whose manifest fails these checks.',
  check({ manifests, report }) {
    for (const manifest of manifests) for (const problem of schemaProblems(manifest)) report(problem);
  },
};
