import { jsonProblems } from '../../plugin/check.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-json',
  scope: 'repo',
  description: 'plugin.json, .claude-plugin/plugin.json and marketplace.json are readable, strict JSON without duplicate keys',
  severity: 'error',
  docs:
    'Claude Code and the `skills` CLI read the manifests with a plain JSON parser: a comment, a trailing comma, a byte order mark or a ' +
    'single-quoted string makes the whole file unreadable, and the `skills` CLI then silently ignores it. A duplicate key is kept only ' +
    'once (the last one wins), so the first value is silently lost. A manifest must be a UTF-8 file under 1 MiB inside the repository, ' +
    'not a symbolic link leaving it. Fix the syntax at the reported line.',
  check({ manifests, report }) {
    for (const manifest of manifests) for (const problem of jsonProblems(manifest, manifests)) report(problem);
  },
};
