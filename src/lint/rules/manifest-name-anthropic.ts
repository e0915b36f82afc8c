import { checkNames } from './manifest-name-reserved.js';
import type { RepoRule } from '../types.js';

export const rule: RepoRule = {
  id: 'manifest-name-anthropic',
  scope: 'repo',
  description: 'Plugin and marketplace names do not read as Anthropic\'s own',
  severity: 'warning',
  docs:
    'Claude Code warns about a plugin name with the word `claude`, `anthropic` or `anthropics` in it (`my-claude-tools`), and ' +
    '`claude plugin validate --strict` fails on it. A marketplace named like one of Anthropic\'s official marketplaces ' +
    '(`agent-skills`, `claude-plugins-official`, `healthcare`, …) passes validation, but `/plugin marketplace add` takes it only from ' +
    'a repository under github.com/anthropics: everyone else gets "reserved for official Anthropic marketplaces". Rename it; ' +
    'turn this rule off in Anthropic\'s own repositories.',
  check: checkNames('anthropic'),
};
