import type { SkillRule } from '../types.js';
import { suggest } from '../suggest.js';
import { getField } from './frontmatter-fields.js';

const SHELLS = ['bash', 'powershell'];

export const rule: SkillRule = {
  id: 'shell-value',
  scope: 'skill',
  description: '`shell` is `bash` or `powershell`',
  severity: 'error',
  docs:
    '`shell` picks the shell for the skill\'s `!`-command blocks. Claude Code knows `bash` and `powershell`; for anything else ' +
    '(`zsh`, `sh`, `pwsh`) it logs a warning and falls back to bash, so PowerShell commands fail on Windows. Write one of the two.',
  check({ skill, report }) {
    const field = getField(skill, 'shell');
    if (!field || typeof field.value !== 'string') return;
    const v = field.value.trim().toLowerCase();
    if (v === '' || SHELLS.includes(v)) return;
    const guess = v === 'pwsh' ? 'powershell' : v === 'sh' || v === 'zsh' ? 'bash' : suggest(v, SHELLS);
    report({
      message: `\`shell\` "${field.value}" is not bash or powershell: Claude Code falls back to bash`,
      pos: field.valuePos,
      hint: guess ? `write \`shell: ${guess}\`` : 'write `shell: bash` or `shell: powershell`',
    });
  },
};
