import { driftProblems } from '../../plugin/check.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-drift',
  scope: 'repo',
  description: '.claude-plugin/plugin.json and marketplace.json match what plugin.json derives',
  severity: 'error',
  docs:
    'When a repository keeps a root plugin.json, the two Claude Code manifests are generated from it by `vibe-skills plugin sync`. ' +
    'Editing plugin.json (a version bump, a new skill) without regenerating leaves Claude Code users on the old list while the ' +
    '`skills` CLI and vibe-skills see the new one. Only the fields sync derives are compared, as data (not formatting); fields it does ' +
    'not derive (a `hooks` or `mcpServers` written only in .claude-plugin/plugin.json, other plugins of a marketplace) are left alone. ' +
    'Run `vibe-skills plugin sync` and commit the result.',
  check({ manifests, report }) {
    for (const problem of driftProblems(manifests)) report(problem);
  },
};
