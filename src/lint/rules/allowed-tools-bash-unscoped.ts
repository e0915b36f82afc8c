import type { SkillRule } from '../types.js';
import { allowedToolEntries, allowedToolFlags, isUnscopedShell, TOOLS_UNSCOPED_SHELL } from './allowed-tools-parse.js';

export const rule: SkillRule = {
  id: 'allowed-tools-bash-unscoped',
  scope: 'skill',
  description: '`allowed-tools` does not pre-approve every shell command (unscoped `Bash`)',
  severity: 'warning',
  docs:
    'A bare `Bash` (or `Bash(*)`, or `PowerShell`) in `allowed-tools` lets the agent run any shell command without asking while the ' +
    'skill is active: `rm -rf`, `curl | sh`, pushing to production. Scope it to the commands the skill needs, e.g. ' +
    '`Bash(git diff *)`, `Bash(npm run test:*)`, `Bash(npx prisma *)`.',
  check({ skill, report }) {
    if ((allowedToolFlags(skill) & TOOLS_UNSCOPED_SHELL) === 0) return;
    for (const e of allowedToolEntries(skill) ?? []) {
      const entry = e.entry;
      if (!isUnscopedShell(entry)) continue;
      const { pos, end } = e.where();
      report({
        message: `allowed-tools pre-approves every ${entry.name} command (\`${e.text}\`)`,
        pos,
        ...(end ? { end } : {}),
        hint: `scope it to what the skill runs, e.g. ${entry.name}(git diff *) ${entry.name}(npm run test:*)`,
      });
    }
  },
};
