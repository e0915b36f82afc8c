import { Command } from 'commander';
import type { RegisterCommand } from '../io.js';

export const register: RegisterCommand = (program: Command) => {
  program
    .command('rules')
    .description('List every lint rule with its default severity and what it checks')
    .option('--json', 'print the rules as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { allRules } = await import('../../lint/rules/index.js');
      const { out } = await import('../io.js');
      const rows = allRules.map((r) => ({ id: r.id, severity: r.severity, scope: r.scope, description: r.description, docs: r.docs }));
      if (opts.json) {
        out(JSON.stringify(rows, null, 2));
        return;
      }
      const width = Math.max(...rows.map((r) => r.id.length));
      out(rows.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}`).join('\n'));
    });
};
